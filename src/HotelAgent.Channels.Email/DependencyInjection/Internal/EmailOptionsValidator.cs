using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>Validates the data annotations of <see cref="EmailOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class EmailOptionsValidator : IValidateOptions<EmailOptions>;

/// <summary>
/// Validates the rules of <see cref="EmailOptions"/> that span properties. The errors of a named mailbox start with
/// its name (<c>Email mailbox 'lisbon': ...</c>).
/// </summary>
internal sealed class EmailOptionsCustomValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new NamedResult(name);
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

    /// <summary>A result builder that prefixes the errors of a named mailbox with its name.</summary>
    private sealed class NamedResult(string? name)
    {
        private readonly ValidateOptionsResultBuilder _builder = new();

        public void AddError(string error, string propertyName) =>
            _builder.AddError(string.IsNullOrEmpty(name) ? error : $"Email mailbox '{name}': {error}", propertyName);

        public ValidateOptionsResult Build() => _builder.Build();
    }
}

/// <summary>Marks that <c>AddEmailChannel</c> has registered the default mailbox's services.</summary>
internal sealed class EmailChannelMarker;

/// <summary>Marks that the services every mailbox shares are registered.</summary>
internal sealed class EmailSharedMarker;

/// <summary>
/// Stops the host at start when two mailboxes read the same IMAP folder (same server, port, user and folder): each
/// would answer the other's guest mail, from the wrong hotel's address. Runs before the pollers start.
/// </summary>
internal sealed class EmailMailboxesStartupCheck(IEnumerable<EmailMailboxRegistration> registrations, IOptionsMonitor<EmailOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal))
        {
            var mailbox = options.Get(name);
            var account = string.Join('\n', mailbox.ImapHost?.Trim(), mailbox.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture), mailbox.UserName?.Trim(), mailbox.Folder.Trim());
            if (seen.TryGetValue(account, out var other))
            {
                throw new OptionsValidationException(
                    name,
                    typeof(EmailOptions),
                    [$"The email mailboxes '{LabelOf(other)}' and '{LabelOf(name)}' read the same IMAP folder ({mailbox.Folder} of {mailbox.ImapHost}:{mailbox.ImapPort}); give each mailbox its own account or folder."]);
            }

            seen[account] = name;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string LabelOf(string name) => name.Length == 0 ? EmailMailbox.DefaultLabel : name;
}

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
