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

    public IReadOnlyList<WhatsAppChannel> All => _channels.Value;

    public WhatsAppChannel? Find(string? phoneNumberId) =>
        phoneNumberId is null ? null : Array.Find(_channels.Value, c => string.Equals(c.PhoneNumberId, phoneNumberId, StringComparison.Ordinal));
}
