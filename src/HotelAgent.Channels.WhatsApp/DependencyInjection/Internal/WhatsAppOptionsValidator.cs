using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>Validates the data annotations of <see cref="WhatsAppOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>;

/// <summary>Validates the rules of <see cref="WhatsAppOptions"/> that span properties or depend on the options name.</summary>
internal sealed class WhatsAppOptionsCustomValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (!string.IsNullOrEmpty(name) && !string.Equals(name, options.PhoneNumberId, StringComparison.Ordinal))
        {
            result.AddError($"The options named '{name}' must have PhoneNumberId '{name}' (named WhatsApp options are keyed by phone-number id).", nameof(WhatsAppOptions.PhoneNumberId));
        }

        if (!options.GraphApiBaseUrl.IsAbsoluteUri || (options.GraphApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.GraphApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            result.AddError("GraphApiBaseUrl must be an absolute http(s) URL.", nameof(WhatsAppOptions.GraphApiBaseUrl));
        }

        if (options.TotalRequestTimeout < options.AttemptTimeout)
        {
            result.AddError("TotalRequestTimeout must be at least AttemptTimeout.", nameof(WhatsAppOptions.TotalRequestTimeout));
        }

        if (options.OutOfWindowTemplateName is { } template && string.IsNullOrWhiteSpace(template))
        {
            result.AddError("OutOfWindowTemplateName must not be blank; leave it unset to dead-letter out-of-window replies.", nameof(WhatsAppOptions.OutOfWindowTemplateName));
        }

        return result.Build();
    }
}

/// <summary>Validates the data annotations of <see cref="WhatsAppStaffNotifierOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class WhatsAppStaffNotifierOptionsValidator : IValidateOptions<WhatsAppStaffNotifierOptions>;
