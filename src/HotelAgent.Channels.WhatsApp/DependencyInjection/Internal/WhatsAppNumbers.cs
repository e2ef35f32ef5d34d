using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>Marks one <c>AddWhatsAppChannel</c> registration: the name of its options.</summary>
/// <param name="Name">The name of the <see cref="WhatsAppOptions"/> (the phone-number id, or empty for the default).</param>
internal sealed record WhatsAppRegistration(string Name);

/// <summary>
/// The business phone numbers of the host, found by their phone-number id.
/// </summary>
internal sealed class WhatsAppNumbers(IEnumerable<WhatsAppRegistration> registrations, IServiceProvider services)
{
    private readonly Lazy<WhatsAppChannel[]> _channels = new(() => registrations
        .Select(r => r.Name)
        .Distinct(StringComparer.Ordinal)
        .Select(name => services.GetRequiredKeyedService<WhatsAppChannel>(name))
        .ToArray());

    private string[]? _appSecrets;
    private byte[][]? _appSecretKeys;

    public IReadOnlyList<WhatsAppChannel> All => _channels.Value;

    /// <summary>Gets the distinct app secrets of the numbers, for checking webhook signatures.</summary>
    public IReadOnlyList<string> AppSecrets => _appSecrets ??= [.. _channels.Value.Select(c => c.Options.AppSecret!).Distinct(StringComparer.Ordinal)];

    /// <summary>Gets the UTF-8 bytes of <see cref="AppSecrets"/>, in the same order: the HMAC keys, encoded once.</summary>
    public IReadOnlyList<byte[]> AppSecretKeys => _appSecretKeys ??= [.. AppSecrets.Select(System.Text.Encoding.UTF8.GetBytes)];

    public WhatsAppChannel? Find(string? phoneNumberId) =>
        phoneNumberId is null ? null : Array.Find(_channels.Value, c => string.Equals(c.PhoneNumberId, phoneNumberId, StringComparison.Ordinal));
}
