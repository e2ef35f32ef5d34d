using Microsoft.Extensions.Logging;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// The log messages of the QloApps adapter (event ids 1400-1499). Guest names, emails and phones are never logged;
/// reservation codes, room type codes and QloApps ids are.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "QloApps reservation {ReservationCode} (order {OrderId}) created: {RoomType}, {Nights} nights")]
    public static partial void ReservationCreated(ILogger logger, string reservationCode, int orderId, string roomType, int nights);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "QloApps reservation {ReservationCode} (order {OrderId}) cancelled")]
    public static partial void ReservationCancelled(ILogger logger, string reservationCode, int orderId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "QloApps reservation {OldCode} replaced by {NewCode} to apply a change")]
    public static partial void ReservationReplaced(ILogger logger, string oldCode, string newCode);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "QloApps {Operation} replayed the outcome of an earlier call with the same idempotency key")]
    public static partial void IdempotentReplay(ILogger logger, string operation);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "QloApps answered {Operation} with an unclear outcome; found the booking it made: {ReservationCode} (order {OrderId})")]
    public static partial void AmbiguousWriteRecovered(ILogger logger, string operation, string reservationCode, int orderId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "QloApps answered {Operation} with an unclear outcome and no booking carries its idempotency marker; a retry with the same key checks again before booking")]
    public static partial void AmbiguousWriteNotFound(ILogger logger, string operation);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "QloApps refused {Operation}: {Error} ({Detail})")]
    public static partial void Refused(ILogger logger, string operation, string error, string? detail);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "QloApps answered {Method} {Resource} with {StatusCode}: {Errors}")]
    public static partial void ServerError(ILogger logger, string method, string resource, int statusCode, string errors);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Warning, Message = "QloApps could not be reached for {Method} {Resource}")]
    public static partial void TransportFailed(ILogger logger, string method, string resource, Exception exception);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Error, Message = "QloApps refused the webservice key ({StatusCode}) for {Method} {Resource}")]
    public static partial void Unauthorized(ILogger logger, string method, string resource, int statusCode);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "QloApps reservation {NewCode} was made to replace {OldCode}, but {OldCode} could not be cancelled; retrying the change with the same key finishes it")]
    public static partial void ReplaceIncomplete(ILogger logger, string newCode, string oldCode, Exception exception);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "QloApps reservation {ReservationCode} (order {OrderId}) did not get a room of its own and was cancelled again: {Conflict}")]
    public static partial void OverbookingUndone(ILogger logger, string reservationCode, int orderId, string conflict);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Warning, Message = "The distributed lock {Resource} could not be had; booking without it (a double booking is still detected and undone)")]
    public static partial void LockUnavailable(ILogger logger, string resource, Exception? exception);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Warning, Message = "QloApps reservation {ReservationCode} (order {OrderId}) was made, but its room lines could not be read to check that it holds its room (give the key GET on room_bookings)")]
    public static partial void RoomsNotChecked(ILogger logger, string reservationCode, int orderId);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Information, Message = "QloApps gave no image {ImageId} of room type {RoomTypeId} (HTTP {StatusCode}); the room type is offered without a photo")]
    public static partial void RoomPhotoMissing(ILogger logger, int roomTypeId, int imageId, int statusCode);
}
