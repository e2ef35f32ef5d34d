using HotelAgent.Channels.Email;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Gives named properties (hotels) of a host their own mailboxes. Apart from
/// <see cref="EmailHotelAgentBuilderExtensions"/> so that calls naming that class keep one overload per signature.
/// </summary>
public static class EmailHotelPropertyBuilderExtensions
{
    /// <summary>
    /// Gives a named property its own mailbox, named by the property: its <see cref="EmailOptions"/> are named by the
    /// property, its mail comes in on the channel <c>email:{property}</c> (so every mail of it is the property's, and
    /// the reply leaves from its own address and SMTP server), and it has its own poller, claims, threads, dead letters
    /// and health check (<c>email:{property}</c>). Calling it again adds the configuration only.
    /// </summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configure">Configures the mailbox's <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddEmailChannel(this IHotelPropertyBuilder property, Action<EmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.AddEmailChannel(property.Name, configure);
    }

    /// <summary>Gives a named property its own mailbox, named by the property, bound to a configuration section.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configuration">The section holding the mailbox's <see cref="EmailOptions"/> (usually <c>HotelAgent:Properties:{name}:Email</c>).</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddEmailChannel(this IHotelPropertyBuilder property, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.AddEmailChannel(property.Name, configuration);
    }

    /// <summary>
    /// Gives a named property a further mailbox (a second address of the same hotel, such as its groups desk), named
    /// <paramref name="mailbox"/>: its channel is <c>email:{mailbox}</c>, and its mail is the property's. A mailbox
    /// given to two properties stops the host at start.
    /// </summary>
    /// <param name="property">The property builder.</param>
    /// <param name="mailbox">The mailbox's name: 1 to 40 letters, digits, <c>-</c> or <c>_</c>, starting with a letter or digit (kept in lower case).</param>
    /// <param name="configure">Configures the mailbox's <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mailbox"/> is not a valid mailbox name.</exception>
    public static IHotelPropertyBuilder AddEmailChannel(this IHotelPropertyBuilder property, string mailbox, Action<EmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configure);
        var name = EmailHotelAgentBuilderExtensions.NormalizeName(mailbox);
        EmailHotelAgentBuilderExtensions.AddMailbox(property.Services, name, property.Name);
        property.Services.Configure(name, configure);
        return property;
    }

    /// <summary>Gives a named property a further mailbox named <paramref name="mailbox"/>, bound to a configuration section.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="mailbox">The mailbox's name (see <see cref="AddEmailChannel(IHotelPropertyBuilder, string, Action{EmailOptions})"/>).</param>
    /// <param name="configuration">The section holding the mailbox's <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mailbox"/> is not a valid mailbox name.</exception>
    public static IHotelPropertyBuilder AddEmailChannel(this IHotelPropertyBuilder property, string mailbox, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configuration);
        var name = EmailHotelAgentBuilderExtensions.NormalizeName(mailbox);
        EmailHotelAgentBuilderExtensions.AddMailbox(property.Services, name, property.Name);
        property.Services.Configure<EmailOptions>(name, configuration);
        return property;
    }
}
