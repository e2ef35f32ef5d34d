using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace HotelAgent.AspNetCore;

/// <summary>
/// A read-only view of a request's query or headers as strings (values of a repeated key joined with commas), read on
/// demand instead of copied: a webhook handler usually looks at one or two of them.
/// </summary>
internal sealed class StringValuesView(IEnumerable<KeyValuePair<string, StringValues>> source, StringValuesView.Lookup lookup, Func<int> count)
    : IReadOnlyDictionary<string, string>
{
    public delegate bool Lookup(string key, out StringValues values);

    public int Count => count();

    public IEnumerable<string> Keys => source.Select(pair => pair.Key);

    public IEnumerable<string> Values => source.Select(pair => pair.Value.ToString());

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in the request.");

    public static StringValuesView Of(Microsoft.AspNetCore.Http.IQueryCollection query) => new(query, query.TryGetValue, () => query.Count);

    public static StringValuesView Of(Microsoft.AspNetCore.Http.IHeaderDictionary headers) => new(headers, headers.TryGetValue, () => headers.Count);

    public bool ContainsKey(string key) => lookup(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (lookup(key, out var values))
        {
            value = values.ToString();
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        source.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value.ToString())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
