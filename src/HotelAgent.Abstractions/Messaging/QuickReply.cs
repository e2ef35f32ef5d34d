namespace HotelAgent.Abstractions;

/// <summary>
/// A choice offered to the guest with a reply.
/// </summary>
/// <param name="Title">The text shown to the guest.</param>
/// <param name="Payload">The text the agent receives when the guest picks it; the title when <see langword="null"/>.</param>
public sealed record QuickReply(string Title, string? Payload = null);
