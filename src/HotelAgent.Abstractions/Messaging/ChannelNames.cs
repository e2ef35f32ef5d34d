namespace HotelAgent.Abstractions;

/// <summary>
/// The names of the channels that ship with HotelAgent.Sdk.
/// </summary>
public static class ChannelNames
{
    /// <summary>The synchronous web-chat channel of the HTTP API.</summary>
    public const string WebChat = "webchat";

    /// <summary>The WhatsApp Cloud API channel.</summary>
    public const string WhatsApp = "whatsapp";

    /// <summary>The email channel.</summary>
    public const string Email = "email";
}
