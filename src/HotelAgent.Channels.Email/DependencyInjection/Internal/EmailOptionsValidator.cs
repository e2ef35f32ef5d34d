using Microsoft.Extensions.Options;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>Validates the data annotations of <see cref="EmailOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class EmailOptionsValidator : IValidateOptions<EmailOptions>;

/// <summary>Validates the rules of <see cref="EmailOptions"/> that span properties.</summary>
internal sealed class EmailOptionsCustomValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Address is not null && !MailboxAddress.TryParse(options.Address, out _))
        {
            result.AddError("Address must be an email address such as reservations@hotel.example.", nameof(EmailOptions.Address));
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            result.AddError("MaxReconnectDelay must be at least ReconnectDelay.", nameof(EmailOptions.MaxReconnectDelay));
        }

        if (options.ClaimTimeout < options.PollInterval * 2)
        {
            result.AddError("ClaimTimeout must be at least twice PollInterval: each poll renews the claims of the mails in work.", nameof(EmailOptions.ClaimTimeout));
        }

        if ((options.SmtpUserName is null) != (options.SmtpPassword is null))
        {
            result.AddError("Set both SmtpUserName and SmtpPassword, or neither (then UserName and Password are used).", nameof(EmailOptions.SmtpUserName));
        }

        if (options.MediaBaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            result.AddError("MediaBaseUrl must be an absolute http(s) address such as https://hotel.example/.", nameof(EmailOptions.MediaBaseUrl));
        }

        return result.Build();
    }
}

/// <summary>Marks that <c>AddEmailChannel</c> has registered the channel's services.</summary>
internal sealed class EmailChannelMarker;

/// <summary>Validates the data annotations of <see cref="EmailStaffNotifierOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class EmailStaffNotifierOptionsValidator : IValidateOptions<EmailStaffNotifierOptions>;

/// <summary>Validates the addresses of <see cref="EmailStaffNotifierOptions.To"/>.</summary>
internal sealed class EmailStaffNotifierOptionsCustomValidator : IValidateOptions<EmailStaffNotifierOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailStaffNotifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        foreach (var to in options.To)
        {
            if (!MailboxAddress.TryParse(to, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                result.AddError($"StaffNotifications:Email:To holds '{to}', which is not an email address.", nameof(EmailStaffNotifierOptions.To));
            }
        }

        return result.Build();
    }
}
