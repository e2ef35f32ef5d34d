namespace HotelAgent.Abstractions;

/// <summary>
/// The properties (hotels) one host serves beside its default one, and which of them a message or conversation
/// belongs to. A single-hotel host has no named property: everything belongs to the default property
/// (<see langword="null"/>).
/// </summary>
/// <remarks>
/// <para>Each named property's services are keyed by its name: <see cref="IHotelAgent"/>, <see cref="IHandoffDesk"/>,
/// <see cref="IPmsAdapter"/> and <see cref="IConversationStatisticsStore"/>. The unkeyed services are the default
/// property's.</para>
/// <para>A named property's conversations are stored under a scoped id (<c>{property}/{conversationId}</c>), so no
/// session, lock, ticket or statistic of one property is found by another's id.</para>
/// <para>Implementations must be safe for concurrent use.</para>
/// </remarks>
public interface IHotelPropertyDirectory
{
    /// <summary>Gets the names of the named properties (lower case), without the default property.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Finds a named property by name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The property's name as registered, or <see langword="null"/> when there is no such property.</returns>
    string? Find(string? name);

    /// <summary>
    /// Gives the property a message belongs to: its <see cref="InboundMessage.Property"/> when set, else the
    /// property that owns its channel (a WhatsApp phone-number id, a channel name), else the default property.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>The named property, or <see langword="null"/> for the default property.</returns>
    /// <exception cref="ArgumentException"><see cref="InboundMessage.Property"/> names no property of this host.</exception>
    string? PropertyOf(InboundMessage message);

    /// <summary>Gives the property whose scoped id <paramref name="conversationId"/> is.</summary>
    /// <param name="conversationId">A conversation id as stored (scoped for named properties).</param>
    /// <returns>The named property, or <see langword="null"/> for the default property.</returns>
    string? PropertyOfConversation(string conversationId);

    /// <summary>Gives the id under which a property keeps a conversation: unchanged for the default property.</summary>
    /// <param name="property">The named property, or <see langword="null"/> for the default property.</param>
    /// <param name="conversationId">The channel's conversation id.</param>
    /// <returns>The scoped conversation id (the same id when it is already scoped to that property).</returns>
    string ScopeConversationId(string? property, string conversationId);
}
