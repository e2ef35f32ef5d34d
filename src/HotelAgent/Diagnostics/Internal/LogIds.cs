using System.Security.Cryptography;
using System.Text;

namespace HotelAgent;

/// <summary>
/// The form in which ids that may carry personal data (a WhatsApp conversation id holds the guest's phone number, an
/// email one the address) appear in logs below Trace: the channel prefix, then the first 16 hex digits of a keyed hash
/// (HMAC-SHA256), for example <c>whatsapp#3f9a1c0e7b2d4a61</c>. The same id always gives the same form under one key,
/// so a conversation can be followed through the logs, but the id cannot be read back, nor found by hashing every
/// phone number, without the key.
/// </summary>
/// <remarks>
/// The key is <see cref="HotelAgentOptions.IdentifierKey"/> (derived, never used as is) or, when unset, random per
/// process. It is process-wide because the log methods are static; the last engine built sets it.
/// </remarks>
internal static class LogIds
{
    private static readonly byte[] Purpose = "hotelagent/log-ids/v1"u8.ToArray();
    private static byte[] s_key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Uses a key derived from <paramref name="secret"/>; a <see langword="null"/> or empty one keeps the current key.</summary>
    public static void UseKey(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            s_key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Purpose);
        }
    }

    /// <summary>Gets the loggable form of an id.</summary>
    public static string Of(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "(none)";
        }

        Span<byte> hash = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        var bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(id, bytes);
        HMACSHA256.HashData(s_key, bytes[..written], hash);
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 && colon <= 16 ? id.AsSpan(0, colon) : "id";
        return string.Concat(prefix, "#", Convert.ToHexStringLower(hash[..8]));
    }
}
