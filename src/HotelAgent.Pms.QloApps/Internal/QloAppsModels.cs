using HotelAgent.Abstractions;

namespace HotelAgent.Pms.QloApps;

/// <summary>A QloApps room type (product id) and how the agent sees it.</summary>
internal sealed record QloRoomType(int Id, RoomType RoomType);

/// <summary>The room types of the served hotel, by QloApps id and by canonical code.</summary>
internal sealed class QloCatalog(IReadOnlyList<QloRoomType> roomTypes)
{
    public IReadOnlyList<QloRoomType> RoomTypes { get; } = roomTypes;

    public QloRoomType? ById(int id) => RoomTypes.FirstOrDefault(t => t.Id == id);

    public QloRoomType? ByCode(string? code) =>
        code is null ? null : RoomTypes.FirstOrDefault(t => string.Equals(t.RoomType.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A booking as read from QloApps: the reservation, plus what a PUT must repeat.</summary>
internal sealed record QloBooking(
    int OrderId,
    Reservation Reservation,
    int? CustomerId,
    int RoomTypeId,
    IReadOnlyList<QloRoom> Rooms,
    IReadOnlyList<string> Remarks);

/// <summary>One booked room of a booking.</summary>
internal sealed record QloRoom(int? RoomId, int Adults, int Children);
