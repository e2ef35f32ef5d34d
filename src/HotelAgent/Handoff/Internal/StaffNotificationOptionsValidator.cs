using Microsoft.Extensions.Options;

namespace HotelAgent;

[OptionsValidator]
internal sealed partial class StaffNotificationOptionsValidator : IValidateOptions<StaffNotificationOptions>
{
}

[OptionsValidator]
internal sealed partial class StaffWebhookOptionsValidator : IValidateOptions<StaffWebhookOptions>
{
}

/// <summary>Checks what attributes cannot: an absolute console address with its placeholder, an absolute http(s) webhook address.</summary>
internal sealed class StaffNotificationOptionsCustomValidator : IValidateOptions<StaffNotificationOptions>, IValidateOptions<StaffWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffNotificationOptions options)
    {
        if (options.ConsoleUrl is { Length: > 0 } url
            && !Uri.TryCreate(url.Replace("{ticketId}", "t", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail("StaffNotifications:ConsoleUrl must be an absolute address, with {ticketId} where the ticket id goes.");
        }

        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, StaffWebhookOptions options)
    {
        if (options.Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            return ValidateOptionsResult.Fail("StaffNotifications:Webhook:Url must be an absolute http or https address.");
        }

        return ValidateOptionsResult.Success;
    }
}
