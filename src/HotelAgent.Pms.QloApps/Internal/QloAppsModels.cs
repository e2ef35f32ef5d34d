using HotelAgent.Abstractions;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// A QloApps room type (product id) and how the agent sees it, with what QloApps does not enforce itself: the most
/// children a room takes, and the services QloApps adds to the room price by itself (which a webservice booking must
/// list, or it leaves them out and records less than was quoted).
/// </summary>
internal sealed record QloRoomType(int Id, RoomType RoomType, int MaxChildren, IReadOnlyList<int> AutoServices, int? DefaultImageId = null)
{
    public bool Fits(int adults, int children) => RoomType.Fits(adults, children) && children <= MaxChildren;
}

/// <summary>A room type's photo as read (or found missing), so a room type without one is not asked for again at every offer.</summary>
internal sealed record QloPhoto(RoomPhoto? Photo);

/// <summary>The room types of the served hotel, by QloApps id and by canonical code.</summary>
internal sealed class QloCatalog(IReadOnlyList<QloRoomType> roomTypes)
{
    public IReadOnlyList<QloRoomType> RoomTypes { get; } = roomTypes;

    public QloRoomType? ById(int id) => RoomTypes.FirstOrDefault(t => t.Id == id);

    public QloRoomType? ByCode(string? code) =>
        code is null ? null : RoomTypes.FirstOrDefault(t => string.Equals(t.RoomType.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Shop-wide settings that change what a booking needs: the default currency (required on every booking), whether a
/// phone is required (<c>PS_ONE_PHONE_AT_LEAST</c>), the shop's time zone (in which QloApps writes timestamps), and
/// the age from which a guest is an adult (<c>WK_GLOBAL_CHILD_MAX_AGE</c>).
/// </summary>
internal sealed record QloShop(string Currency, bool PhoneRequired, TimeZoneInfo? TimeZone, int AdultAge, int MaxChildrenPerRoom);

/// <summary>A booking as read from QloApps: the reservation, plus every booked room (an order made elsewhere may hold several).</summary>
internal sealed record QloBooking(
    int OrderId,
    Reservation Reservation,
    int? CustomerId,
    IReadOnlyList<QloRoom> Rooms,
    IReadOnlyList<string> Remarks)
{
    /// <summary>Gets a value indicating whether the order is one room of one room type, the only kind the adapter changes.</summary>
    public bool IsSingleRoom => Rooms.Count <= 1;

    public int RoomTypeId => Rooms.Count > 0 ? Rooms[0].RoomTypeId : 0;
}

/// <summary>One booked room of a booking.</summary>
internal sealed record QloRoom(int RoomTypeId, int? RoomId, int Adults, int Children, IReadOnlyList<int>? ChildAges = null);
