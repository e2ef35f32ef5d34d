namespace HotelAgent.Abstractions;

/// <summary>
/// Declares that every message of a channel is one named property's, the way <c>HotelPropertyOptions.Channels</c>
/// does in configuration. Channel packages register one (<c>services.AddSingleton(new HotelPropertyChannel(...))</c>)
/// for each channel they give a property, for example the email channel's <c>p.AddEmailChannel(...)</c> for its
/// mailbox <c>email:{name}</c>. A channel declared for two properties stops the host at start.
/// </summary>
/// <param name="Property">The property's name.</param>
/// <param name="ChannelName">The channel's name (<see cref="InboundMessage.ChannelName"/>).</param>
public sealed record HotelPropertyChannel(string Property, string ChannelName);
