using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The web chat's conversation ids. The id in the path is only ever looked up in the web chat's own namespace
/// (<c>webchat:{id}</c>), so no id sent to the web-chat endpoints reaches another channel's session (a
/// <c>whatsapp:...</c> id names a web-chat conversation of that name, not the WhatsApp guest's). Ids the server issues
/// (<c>POST v1/conversations</c>) are <c>wc_</c> followed by 128 random bits and, when
/// <see cref="HotelAgentOptions.IdentifierKey"/> is set, a 128-bit HMAC-SHA256 tag of them: an id of that form whose
/// tag does not match is refused, and with <see cref="HotelAgentOptions.RequireIssuedConversationIds"/> every other id is.
/// </summary>
internal sealed class WebChatIds
{
    /// <summary>The prefix of issued ids.</summary>
    public const string IssuedPrefix = "wc_";

    /// <summary>The prefix of the session ids of web-chat conversations.</summary>
    public const string Namespace = ChannelNames.WebChat + ":";

    private const int MaxLength = 128;
    private const int PartBytes = 16;
    private const int PartChars = 22; // base64url of 16 bytes, unpadded
    private static readonly byte[] Purpose = "hotelagent/webchat-ids/v1"u8.ToArray();

    private readonly byte[]? _key;
    private readonly bool _requireIssued;

    public WebChatIds(IOptions<HotelAgentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _key = string.IsNullOrEmpty(settings.IdentifierKey) ? null : HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.IdentifierKey), Purpose);
        _requireIssued = settings.RequireIssuedConversationIds;
    }

    /// <summary>Issues a new, unguessable conversation id.</summary>
    public string Issue()
    {
        Span<byte> random = stackalloc byte[PartBytes];
        RandomNumberGenerator.Fill(random);
        Span<byte> tag = stackalloc byte[PartBytes];
        if (_key is null)
        {
            RandomNumberGenerator.Fill(tag);
        }
        else
        {
            Tag(random, tag);
        }

        return string.Concat(IssuedPrefix, Base64Url.EncodeToString(random), Base64Url.EncodeToString(tag));
    }

    /// <summary>Checks an id from a path and gives the session id of its conversation.</summary>
    public WebChatIdCheck Check(string id)
    {
        if (!IsWellFormed(id))
        {
            return new(WebChatIdStatus.Malformed, null);
        }

        var issuedForm = id.StartsWith(IssuedPrefix, StringComparison.Ordinal);
        if (issuedForm ? !IsIssued(id) : _requireIssued)
        {
            return new(WebChatIdStatus.NotIssued, null);
        }

        return new(WebChatIdStatus.Valid, Namespace + id);
    }

    /// <summary>1 to 128 letters, digits or <c>. _ - : @ +</c>, never <c>..</c> nor a leading dot (nothing path-like).</summary>
    internal static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id[0] == '.' || id.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-' and not ':' and not '@' and not '+')
            {
                return false;
            }
        }

        return true;
    }

    private bool IsIssued(string id)
    {
        if (_key is null)
        {
            // Unsigned issued ids are random; any id of the issued form is taken as one of them.
            return true;
        }

        if (id.Length != IssuedPrefix.Length + (2 * PartChars))
        {
            return false;
        }

        Span<byte> random = stackalloc byte[PartBytes];
        Span<byte> given = stackalloc byte[PartBytes];
        if (!Base64Url.TryDecodeFromChars(id.AsSpan(IssuedPrefix.Length, PartChars), random, out var r) || r != PartBytes
            || !Base64Url.TryDecodeFromChars(id.AsSpan(IssuedPrefix.Length + PartChars), given, out var g) || g != PartBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[PartBytes];
        Tag(random, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private void Tag(ReadOnlySpan<byte> random, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, random, full);
        full[..PartBytes].CopyTo(tag);
    }
}

/// <summary>How a web-chat id from a path fared.</summary>
internal enum WebChatIdStatus
{
    Valid,
    Malformed,
    NotIssued,
}

/// <summary>The outcome of <see cref="WebChatIds.Check"/>: the session id of the conversation when valid.</summary>
internal readonly record struct WebChatIdCheck(WebChatIdStatus Status, string? ConversationId);
