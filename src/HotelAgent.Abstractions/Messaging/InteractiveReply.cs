namespace HotelAgent.Abstractions;

/// <summary>
/// The quick reply, button or list row a guest picked.
/// </summary>
/// <param name="Id">The payload of the picked choice.</param>
/// <param name="Title">The text the guest saw.</param>
public sealed record InteractiveReply(string Id, string Title);
