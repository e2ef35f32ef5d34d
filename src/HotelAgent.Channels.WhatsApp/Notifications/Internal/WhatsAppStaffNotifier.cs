using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Sends each staff notification as a template message to every staff number, from the business number of
/// <see cref="WhatsAppStaffNotifierOptions.PhoneNumberId"/>, through that number's Graph API client (and so its
/// standard resilience handler). A number that fails fails the notification, which is tried again later.
/// </summary>
internal sealed class WhatsAppStaffNotifier(IServiceProvider services, IOptionsMonitor<WhatsAppStaffNotifierOptions> options) : IStaffNotifier
{
    public string Name => "whatsapp";

    public async Task NotifyAsync(StaffNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.CurrentValue;
        var channel = services.GetKeyedService<WhatsAppChannel>(settings.PhoneNumberId ?? Options.DefaultName)
            ?? throw new InvalidOperationException(
                $"No WhatsApp number '{settings.PhoneNumberId}' is added to send staff notifications from; call AddWhatsAppChannel(...) for it.");
        var parameters = settings.IncludeDetails
            ? new[] { notification.Title, string.Join(" · ", notification.Text.Split('\n').Skip(1)) }
            : [notification.Title];
        foreach (var to in settings.To)
        {
            var payload = OutboundRenderer.StaffTemplate(to, settings.TemplateName!, settings.TemplateLanguage, parameters);
            await channel.PostTemplateAsync(payload, cancellationToken).ConfigureAwait(false);
        }
    }
}
