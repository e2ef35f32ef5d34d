using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email;

/// <summary>
/// One mailbox of the email channel: its name, its options and the channel name its mail comes in and goes out on.
/// The default mailbox (<c>AddEmailChannel(...)</c>, name empty) is the channel <see cref="ChannelNames.Email"/>;
/// a named one (<c>AddEmailChannel("lisbon", ...)</c>, <c>p.AddEmailChannel(...)</c>) is <c>email:{name}</c>. The
/// channel name also keys what the mailbox keeps in shared stores (claims, answered mails, threads, dead letters), so
/// two mailboxes never share them, even on one IMAP server with the same UIDs.
/// </summary>
internal sealed class EmailMailbox
{
    /// <summary>The mailbox name used in logs and health checks for the default mailbox.</summary>
    public const string DefaultLabel = "default";

    public EmailMailbox(string name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
        ChannelName = ChannelNameOf(name);
    }

    /// <summary>Gets the mailbox's name: empty for the default mailbox (its options are the unnamed ones).</summary>
    public string Name { get; }

    /// <summary>Gets the mailbox's options.</summary>
    public EmailOptions Options { get; }

    /// <summary>Gets the name of the mailbox's channel: <c>email</c>, or <c>email:{name}</c>.</summary>
    public string ChannelName { get; }

    /// <summary>Gets the deduplicator channel of the mailbox's claims on guest mails.</summary>
    public string ClaimChannel => ChannelName + ".claim";

    /// <summary>Gets the mailbox's name as logs and health checks show it (<c>default</c> for the default mailbox).</summary>
    public string Label => Name.Length == 0 ? DefaultLabel : Name;

    /// <summary>Gets the metrics tag naming the mailbox.</summary>
    public KeyValuePair<string, object?> Tag => new(EmailTags.Mailbox, Label);

    /// <summary>The channel name of mailbox <paramref name="name"/>.</summary>
    public static string ChannelNameOf(string name) => name.Length == 0 ? ChannelNames.Email : ChannelNames.Email + ":" + name;
}

/// <summary>Marks one registered mailbox: its name (empty for the default mailbox).</summary>
/// <param name="Name">The mailbox's name.</param>
internal sealed record EmailMailboxRegistration(string Name);
