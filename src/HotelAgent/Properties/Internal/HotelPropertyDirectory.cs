using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// The named properties of the host and the channels they own, read from their <see cref="HotelPropertyOptions"/>
/// once, when first asked.
/// </summary>
internal sealed class HotelPropertyDirectory : IHotelPropertyDirectory
{
    /// <summary>Separates a named property from the channel's conversation id in a scoped id.</summary>
    public const char ScopeSeparator = '/';

    private readonly string[] _names;
    private readonly Lazy<Dictionary<string, string>> _channels;

    public HotelPropertyDirectory(IEnumerable<HotelPropertyRegistration> registrations, IOptionsMonitor<HotelPropertyOptions> options, IEnumerable<HotelPropertyChannel>? declared = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _names = [.. registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        HotelPropertyChannel[] channels = [.. declared ?? []];
        _channels = new(() => MapChannels(_names, options, channels));
    }

    public IReadOnlyList<string> Names => _names;

    /// <summary>Gets the channel names the named properties own, and their owner.</summary>
    public IReadOnlyDictionary<string, string> Channels => _channels.Value;

    public string? Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var known in _names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    public string? PropertyOf(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Property is { } requested)
        {
            return Find(requested) ?? throw new ArgumentException($"No property named '{requested}' is registered on this host.", nameof(message));
        }

        if (_names.Length == 0)
        {
            return null;
        }

        return _channels.Value.TryGetValue(message.ChannelName, out var owner) ? owner : PropertyOfConversation(message.ConversationId);
    }

    public string? PropertyOfConversation(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (_names.Length == 0)
        {
            return null;
        }

        var separator = conversationId.IndexOf(ScopeSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var candidate = conversationId.AsSpan(0, separator);
        foreach (var known in _names)
        {
            if (candidate.SequenceEqual(known))
            {
                return known;
            }
        }

        return null;
    }

    public string ScopeConversationId(string? property, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (property is null)
        {
            return conversationId;
        }

        var known = Find(property) ?? throw new ArgumentException($"No property named '{property}' is registered on this host.", nameof(property));
        return conversationId.Length > known.Length && conversationId[known.Length] == ScopeSeparator && conversationId.StartsWith(known, StringComparison.Ordinal)
            ? conversationId
            : string.Concat(known, ScopeSeparator.ToString(), conversationId);
    }

    /// <summary>
    /// The channel names of each property's options and those channel packages declared for it
    /// (<see cref="HotelPropertyChannel"/>); a channel claimed by two properties stops the host.
    /// </summary>
    private static Dictionary<string, string> MapChannels(string[] names, IOptionsMonitor<HotelPropertyOptions> options, HotelPropertyChannel[] declared)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unknown in declared.Where(d => !names.Contains(d.Property, StringComparer.OrdinalIgnoreCase)))
        {
            throw new OptionsValidationException(
                unknown.Property,
                typeof(HotelPropertyOptions),
                [$"The channel '{unknown.ChannelName}' is given to property '{unknown.Property}', which is not registered; add it with AddProperty(\"{unknown.Property}\", ...)."]);
        }

        foreach (var name in names)
        {
            var settings = options.Get(name);
            var channels = settings.WhatsAppPhoneNumberIds
                .Where(id => !string.IsNullOrWhiteSpace(id))
                .Select(id => ChannelNames.WhatsApp + ":" + id.Trim())
                .Concat(settings.Channels.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()))
                .Concat(declared.Where(d => string.Equals(d.Property, name, StringComparison.OrdinalIgnoreCase)).Select(d => d.ChannelName.Trim()))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var channel in channels)
            {
                if (map.TryGetValue(channel, out var owner) && owner != name)
                {
                    throw new OptionsValidationException(
                        name,
                        typeof(HotelPropertyOptions),
                        [$"The channel '{channel}' belongs to both properties '{owner}' and '{name}'; give each channel to one property."]);
                }

                map[channel] = name;
            }
        }

        return map;
    }
}
