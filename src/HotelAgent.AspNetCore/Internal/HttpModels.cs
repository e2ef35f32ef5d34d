using System.Text.Json;
using System.Text.Json.Serialization;
using HotelAgent.Abstractions;

namespace HotelAgent.AspNetCore;

internal sealed record ChatRequest(string? Text, string? Language);

internal sealed record ChatResponse(IReadOnlyList<ChatReply> Replies, string Intent, string State, string Language, string? ReservationCode);

internal sealed record ChatReply(string Text, IReadOnlyList<string>? QuickReplies, GeoLocation? Location, IReadOnlyList<ChatMedia>? Media = null);

/// <summary>A picture or document of a web chat reply: <c>kind</c> is <c>image</c> or <c>document</c>; <c>url</c> may be relative to the page or a <c>data:</c> URL.</summary>
internal sealed record ChatMedia(string Kind, string Url, string? Caption, string? ContentType, string? FileName);

internal sealed record ParseRequest(string? Text, string? Language, string? ReferenceDate);

internal sealed record ParseResponse(string Intent, double Confidence, string Language, NluEntities Entities);

internal sealed record ReservationList(IReadOnlyList<Reservation> Reservations);

internal sealed record ConversationCreated(string ConversationId);

internal sealed record PendingMessages(IReadOnlyList<ChatReply> Replies);

internal sealed record HandoffList(IReadOnlyList<HandoffTicket> Handoffs);

internal sealed record TakeRequest(string? Staff);

internal sealed record StaffReplyRequest(string? Staff, string? Text);

internal sealed record DeadLetterList(IReadOnlyList<string> Queues, IReadOnlyList<DeadLetterInfo> DeadLetters);

internal sealed record DeadLetterReplayed(string Queue, string Id);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ParseRequest))]
[JsonSerializable(typeof(ParseResponse))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(ReservationList))]
[JsonSerializable(typeof(PendingMessages))]
[JsonSerializable(typeof(ConversationCreated))]
[JsonSerializable(typeof(HandoffList))]
[JsonSerializable(typeof(HandoffTicket))]
[JsonSerializable(typeof(TakeRequest))]
[JsonSerializable(typeof(StaffReplyRequest))]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(DeadLetterReplayed))]
internal sealed partial class HotelAgentHttpJsonContext : JsonSerializerContext;
