using System.Security.Cryptography;
using System.Text;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Checks <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body keyed with the app secret, in
/// constant time.
/// </summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    /// <summary>Returns the app secret that signed the body, or <see langword="null"/> when none did.</summary>
    /// <param name="header">The <c>X-Hub-Signature-256</c> header.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="appSecrets">The app secrets.</param>
    /// <param name="keys">The UTF-8 bytes of <paramref name="appSecrets"/>, in the same order.</param>
    public static string? FindSigner(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> appSecrets, IReadOnlyList<byte[]> keys)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[32];
        try
        {
            if (Convert.FromHexString(header.AsSpan(Prefix.Length), expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }

        Span<byte> actual = stackalloc byte[32];
        string? signer = null;
        for (var i = 0; i < appSecrets.Count; i++)
        {
            HMACSHA256.HashData(keys[i], body, actual);
            if (CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                signer ??= appSecrets[i];
            }
        }

        return signer;
    }

    /// <summary>Computes the header value for a body (used by tests and tools).</summary>
    public static string Compute(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>Compares two secrets in constant time (for the verify token).</summary>
    public static bool SecretEquals(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(a)),
            SHA256.HashData(Encoding.UTF8.GetBytes(b)));
    }
}
