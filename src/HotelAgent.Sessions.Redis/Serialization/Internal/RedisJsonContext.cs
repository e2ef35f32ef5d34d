using System.Text.Json.Serialization;
using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The source-generated System.Text.Json metadata of what is stored in Redis: sessions, inbox messages (media bytes
/// as base64), handoff tickets, conversation activity, email threads, channel dead letters and conversation histories.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationSession))]
[JsonSerializable(typeof(InboundMessage))]
[JsonSerializable(typeof(HandoffTicket))]
[JsonSerializable(typeof(ConversationActivity))]
[JsonSerializable(typeof(ConversationThread))]
[JsonSerializable(typeof(ChannelDeadLetter))]
[JsonSerializable(typeof(ConversationHistoryEntry))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
