using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HotelAgent.Pms.QloApps.Tests.Fakes;

/// <summary>
/// The state of a QloApps 1.6.1 demo install (hotel 1, room types 1-4 with 5 rooms each, USD, 4% tax) and the
/// webservice calls the adapter makes, answered in the shapes of the recordings: bookings take the lowest free rooms,
/// cancellation frees them, availability reflects both. Static resources are served verbatim from the recordings.
/// </summary>
internal sealed partial class FakeQloAppsBackend
{
    private static readonly Dictionary<int, (string Name, decimal RoomPrice, decimal AriPrice, decimal AriPriceWithTax, int[] Rooms, string Prefix)> _types = new()
    {
        [1] = ("General Rooms", 1000m, 1250m, 1300m, [1, 2, 3, 4, 5], "GR"),
        [2] = ("Delux Rooms", 1500m, 1750m, 1820m, [6, 7, 8, 9, 10], "DR"),
        [3] = ("Executive Rooms", 2000m, 2250m, 2340m, [11, 12, 13, 14, 15], "ER"),
        [4] = ("Luxury Rooms", 2500m, 2750m, 2860m, [16, 17, 18, 19, 20], "LR"),
    };

    private readonly Lock _gate = new();
    private readonly List<Order> _orders = [];
    private int _lines;
    private readonly List<(int Id, string First, string Last, string Email, string? Phone)> _customers = [(1, "John", "Doe", "pub@qloapps.com", null)];

    /// <summary>Gets or sets what the next <c>POST /api/bookings</c> does wrong.</summary>
    public CreateFault NextCreateFault { get; set; }

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    public (int Status, string? Json) Handle(string method, string path, string query, string body)
    {
        lock (_gate)
        {
            var segments = path.Trim('/').Split('/');
            var resource = segments.Length > 1 ? segments[1] : string.Empty;
            int? id = segments.Length > 2 && int.TryParse(segments[2], out var parsed) ? parsed : null;
            return (method, resource, id) switch
            {
                ("GET", "hotels", 1) => Recorded("005"),
                ("GET", "hotels", _) => (404, null),
                ("GET", "currencies", null) => Recorded("012"),
                ("GET", "hotel_room_types", null) => Recorded("010"),
                ("GET", "room_types", null) => Recorded(query.Contains("display=full", StringComparison.Ordinal) ? "127" : "007"),
                ("POST", "hotel_ari", null) => Ari(body),
                ("GET", "customers", null) => Customers(query),
                ("GET", "configurations", null) => (200, """{"configurations":[{"value":"1","name":"PS_ONE_PHONE_AT_LEAST"},{"value":"UTC","name":"PS_TIMEZONE"},{"value":"15","name":"WK_GLOBAL_CHILD_MAX_AGE"},{"value":"0","name":"WK_GLOBAL_MAX_CHILD_IN_ROOM"}]}"""),
                ("GET", "services", null) => Recorded("123"),
                ("GET", "room_bookings", null) => RoomBookings(query),
                ("POST", "order_histories", null) => OrderHistory(body),
                ("GET", "orders", null) => Orders(query),
                ("GET", "bookings", null) => (200, new JsonObject { ["bookings"] = new JsonArray(_orders.Select(o => (JsonNode)new JsonObject { ["id"] = o.Id }).ToArray()) }.ToJsonString()),
                ("GET", "bookings", { } orderId) => _orders.FirstOrDefault(o => o.Id == orderId) is { } order ? (200, BookingJson(order)) : (404, null),
                ("POST", "bookings", null) => CreateBooking(body),
                ("PUT", "bookings", { } orderId) => UpdateBooking(orderId, body),
                ("DELETE", "bookings", _) => Recorded("095"),
                _ => Recorded("092"),
            };
        }
    }

    private static (int, string?) Recorded(string number)
    {
        var fixture = RecordedFixture.Load(number);
        return (fixture.Status, fixture.ResponseBody.Length == 0 ? null : fixture.ResponseText);
    }

    private (int, string?) Ari(string body)
    {
        // QloApps parses the body with libxml, which refuses a document that declares utf-16 and holds UTF-8 (issue 15):
        // the same 400 code 85 as any invalid ARI request.
        if (body.StartsWith("<?xml", StringComparison.Ordinal) && body[..body.IndexOf("?>", StringComparison.Ordinal)].Contains("utf-16", StringComparison.OrdinalIgnoreCase))
        {
            return Recorded("025");
        }

        var ari = XDocument.Parse(body).Root!.Element("hotel_ari")!;
        if (ari.Element("id_hotel") is null)
        {
            return Recorded("027");
        }

        if (!DateOnly.TryParse(ari.Element("date_from")?.Value, CultureInfo.InvariantCulture, out var from) ||
            !DateOnly.TryParse(ari.Element("date_to")?.Value, CultureInfo.InvariantCulture, out var to) || to <= from)
        {
            return Recorded("024");
        }

        var hotel = ari.Element("id_hotel")!.Value;
        var occupancies = Math.Max(1, ari.Descendants("room_occupancy").Count());
        int? only = int.TryParse(ari.Element("id_room_type")?.Value, out var t) ? t : null;
        if (ari.Element("date_wise_breakdown")?.Value == "1")
        {
            var nights = new JsonArray();
            for (var night = from; night < to; night = night.AddDays(1))
            {
                nights.Add(AriEntry(hotel, night, night.AddDays(1), only, occupancies));
            }

            return (200, new JsonObject { ["hotel_aris"] = nights }.ToJsonString());
        }

        return (200, new JsonObject { ["hotel_ari"] = AriEntry(hotel, from, to, only, occupancies) }.ToJsonString());
    }

    private JsonObject AriEntry(string hotel, DateOnly from, DateOnly to, int? only, int occupancies)
    {
        var entry = new JsonObject { ["id_hotel"] = hotel, ["date_from"] = Day(from), ["date_to"] = Day(to), ["currency"] = "USD" };
        if (hotel != "1")
        {
            return entry;
        }

        var nights = to.DayNumber - from.DayNumber;
        var types = new JsonArray();
        var total = 0;
        var free = 0;
        foreach (var (typeId, type) in _types.Where(p => only is null || p.Key == only))
        {
            total += type.Rooms.Length;
            var available = new JsonObject();
            foreach (var room in type.Rooms.Where(r => IsFree(r, from, to)))
            {
                free++;
                available[room.ToString(CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["id_room"] = room.ToString(CultureInfo.InvariantCulture),
                    ["id_product"] = typeId.ToString(CultureInfo.InvariantCulture),
                    ["id_hotel"] = "1",
                    ["room_num"] = $"{type.Prefix}-{100 + Array.IndexOf(type.Rooms, room) + 1}",
                    ["room_comment"] = string.Empty,
                    ["max_adult"] = "2",
                    ["max_children"] = "2",
                    ["max_occupancy"] = "4",
                };
            }

            types.Add(new JsonObject
            {
                ["id_room_type"] = typeId.ToString(CultureInfo.InvariantCulture),
                ["base_price"] = type.AriPrice,
                ["base_price_with_tax"] = type.AriPriceWithTax,
                ["total_price"] = type.AriPrice * nights * occupancies,
                ["total_price_with_tax"] = type.AriPriceWithTax * nights * occupancies,
                ["name"] = type.Name,
                // Quirk: an empty set of rooms is rendered as [] rather than {}.
                ["rooms"] = new JsonObject { ["available"] = available.Count == 0 ? new JsonArray() : available },
            });
        }

        entry["total_rooms"] = total;
        entry["total_available_rooms"] = free;
        entry["room_types"] = types;
        return entry;
    }

    private bool IsFree(int room, DateOnly from, DateOnly to) =>
        !_orders.Any(o => o.State is not (4 or 5) && o.CheckIn < to && from < o.CheckOut && o.Rooms.Any(r => r.IdRoom == room));

    private (int, string?) RoomBookings(string query)
    {
        var byOrder = FilterValues(query, "id_order");
        var byRoom = FilterValue(query, "id_room");
        var cancelled = FilterValue(query, "is_cancelled");
        var lines = _orders
            .Where(o => byOrder is null || byOrder.Contains(o.Id.ToString(CultureInfo.InvariantCulture)))
            .SelectMany(o => o.Rooms.Select(r => (Order: o, Room: r)))
            .Where(l => byRoom is null || l.Room.IdRoom.ToString(CultureInfo.InvariantCulture) == byRoom)
            .Where(l => cancelled is null || (l.Order.State is 4 or 5 ? "1" : "0") == cancelled)
            .ToArray();
        if (lines.Length == 0)
        {
            return (200, "[]");
        }

        return (200, new JsonObject
        {
            // The resource is room_bookings, but its node is "bookings" (fixture 062).
            ["bookings"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Room.LineId.ToString(CultureInfo.InvariantCulture),
                ["id_product"] = l.Order.RoomTypeId.ToString(CultureInfo.InvariantCulture),
                ["id_order"] = l.Order.Id.ToString(CultureInfo.InvariantCulture),
                ["id_room"] = l.Room.IdRoom.ToString(CultureInfo.InvariantCulture),
                ["id_customer"] = l.Order.CustomerId.ToString(CultureInfo.InvariantCulture),
                ["date_from"] = Day(l.Order.CheckIn) + " 00:00:00",
                ["date_to"] = Day(l.Order.CheckOut) + " 00:00:00",
                ["is_refunded"] = l.Order.State == 5 ? "1" : "0",
                ["is_cancelled"] = l.Order.State is 4 or 5 ? "1" : "0",
                ["is_back_order"] = "0",
                ["room_type_name"] = _types[l.Order.RoomTypeId].Name,
                ["adults"] = l.Room.Adults.ToString(CultureInfo.InvariantCulture),
                ["children"] = l.Room.Children.ToString(CultureInfo.InvariantCulture),
                ["child_ages"] = l.Room.ChildAges ?? "[]",
            }).ToArray()),
        }.ToJsonString());
    }

    private (int, string?) OrderHistory(string body)
    {
        var history = XDocument.Parse(body).Root!.Element("order_history")!;
        var orderId = int.Parse(history.Element("id_order")!.Value, CultureInfo.InvariantCulture);
        var state = int.Parse(history.Element("id_order_state")!.Value, CultureInfo.InvariantCulture);
        if (_orders.FirstOrDefault(o => o.Id == orderId) is not { } order)
        {
            return (400, """{"errors":[{"code":85,"message":"Validation error: \"Property OrderHistory->id_order is not valid\""}]}""");
        }

        order.State = state;
        return (201, new JsonObject { ["order_history"] = new JsonObject { ["id"] = "9", ["id_employee"] = string.Empty, ["id_order_state"] = state, ["id_order"] = orderId.ToString(CultureInfo.InvariantCulture), ["date_add"] = "2026-11-25 10:00:00" } }.ToJsonString());
    }

    private (int, string?) Customers(string query)
    {
        var email = FilterValue(query, "email");
        var id = FilterValue(query, "id");
        var found = _customers
            .Where(c => email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
            .Where(c => id is null || c.Id.ToString(CultureInfo.InvariantCulture) == id)
            .ToArray();
        if (found.Length == 0)
        {
            return (200, "[]");
        }

        return (200, new JsonObject
        {
            ["customers"] = new JsonArray(found.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["email"] = c.Email, ["firstname"] = c.First, ["lastname"] = c.Last }).ToArray()),
        }.ToJsonString());
    }

    private (int, string?) Orders(string query)
    {
        var byId = FilterValue(query, "id");
        var byReference = FilterValue(query, "reference");
        var byCustomer = FilterValues(query, "id_customer");
        var found = _orders
            .Where(o => byId is null || o.Id.ToString(CultureInfo.InvariantCulture) == byId)
            .Where(o => byCustomer is null || byCustomer.Contains(o.CustomerId.ToString(CultureInfo.InvariantCulture)))
            .Where(o => byReference is null || string.Equals(o.Reference, byReference, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (found.Length == 0)
        {
            return (200, "[]");
        }

        return (200, new JsonObject
        {
            ["orders"] = new JsonArray(found.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Id,
                ["current_state"] = o.State.ToString(CultureInfo.InvariantCulture),
                ["total_paid"] = (o.Price * 1.04m).ToString("0.000000", CultureInfo.InvariantCulture),
                ["total_paid_tax_incl"] = (o.Price * 1.04m).ToString("0.000000", CultureInfo.InvariantCulture),
                ["total_paid_tax_excl"] = o.Price.ToString("0.000000", CultureInfo.InvariantCulture),
                ["id_customer"] = o.CustomerId.ToString(CultureInfo.InvariantCulture),
                ["date_add"] = "2026-11-25 10:00:00",
                ["reference"] = o.Reference,
            }).ToArray()),
        }.ToJsonString());
    }

    private (int, string?) CreateBooking(string body)
    {
        var fault = NextCreateFault;
        NextCreateFault = CreateFault.None;
        if (fault == CreateFault.ServerErrorWithoutBooking)
        {
            return (500, RecordedFixture.Load("050").ResponseText);
        }

        var booking = JsonNode.Parse(body)!["booking"]!;
        if ((string?)booking["currency"] is not "USD")
        {
            return Recorded("102"); // QloApps requires the currency on a new booking (issue 15).
        }

        var associations = booking["associations"]!;
        var roomType = associations["room_types"]![0]!;
        var typeId = (int)roomType["id_room_type"]!;
        if (!_types.TryGetValue(typeId, out var type))
        {
            return Recorded("100");
        }

        var checkIn = DateOnly.Parse((string)roomType["checkin_date"]!, CultureInfo.InvariantCulture);
        var checkOut = DateOnly.Parse((string)roomType["checkout_date"]!, CultureInfo.InvariantCulture);
        if (checkOut < checkIn)
        {
            return Recorded("101");
        }

        var wanted = (int?)roomType["number_of_rooms"] ?? 1;
        var free = fault == CreateFault.DoubleBook
            ? type.Rooms.Where(r => !IsFree(r, checkIn, checkOut)).Take(wanted).ToArray() // the race QloApps loses: a room already held
            : type.Rooms.Where(r => IsFree(r, checkIn, checkOut)).Take(wanted).ToArray();
        if (checkOut == checkIn || free.Length < wanted)
        {
            return Recorded("082");
        }

        var requested = roomType["rooms"]?.AsArray() ?? [];
        var rooms = free.Select((room, i) => new BookedRoom(
            room,
            // Quirk Q2: only "adult" counts; otherwise the base occupancy (2) is stored.
            (int?)requested.ElementAtOrDefault(i)?["adult"] ?? 2,
            // Children are stored only with their ages (issue 15).
            requested.ElementAtOrDefault(i)?["child_ages"] is JsonArray ages ? (int?)requested.ElementAtOrDefault(i)?["child"] ?? 0 : 0,
            ++_lines,
            requested.ElementAtOrDefault(i)?["child_ages"]?.ToJsonString())).ToList();
        var customer = associations["customer_detail"]!;
        var email = (string)customer["email"]!;
        var customerId = (int?)customer["id_customer"] ?? _customers.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)).Id;
        if (customerId == 0)
        {
            customerId = _customers.Max(c => c.Id) + 1;
            _customers.Add((customerId, (string)customer["firstname"]!, (string)customer["lastname"]!, email, (string?)customer["phone"]));
        }

        var order = new Order
        {
            Id = _orders.Count == 0 ? 1 : _orders.Max(o => o.Id) + 1,
            Reference = NewReference(),
            State = 1,
            CustomerId = customerId,
            FirstName = (string)customer["firstname"]!,
            LastName = (string)customer["lastname"]!,
            Email = email,
            Phone = (string?)customer["phone"],
            RoomTypeId = typeId,
            CheckIn = checkIn,
            CheckOut = checkOut,
            Rooms = rooms,
            Price = type.RoomPrice * (checkOut.DayNumber - checkIn.DayNumber) * rooms.Count,
        };
        if ((string?)booking["remark"] is { Length: > 0 } remark)
        {
            order.Remarks.Add(remark);
        }

        _orders.Add(order);
        return fault == CreateFault.ServerErrorAfterBooking ? (500, RecordedFixture.Load("050").ResponseText) : (200, BookingJson(order));
    }

    private (int, string?) UpdateBooking(int orderId, string body)
    {
        var booking = JsonNode.Parse(body)!["booking"]!;
        if (booking["associations"]?["room_types"] is not JsonArray { Count: > 0 })
        {
            return Recorded("110");
        }

        if (_orders.FirstOrDefault(o => o.Id == orderId) is not { } order)
        {
            return (404, null);
        }

        if ((string?)booking["remark"] is { Length: > 0 } remark)
        {
            order.Remarks.Insert(0, remark);
        }

        order.State = (int?)booking["booking_status"] switch
        {
            3 => 4,
            4 => 5,
            _ => order.State,
        };
        return (200, BookingJson(order));
    }

    private string BookingJson(Order order)
    {
        var nights = order.CheckOut.DayNumber - order.CheckIn.DayNumber;
        var type = _types[order.RoomTypeId];
        var roomPrice = type.RoomPrice * nights;
        var rooms = new JsonArray(order.Rooms.Select((r, i) => (JsonNode)new JsonObject
        {
            ["id_room"] = r.IdRoom,
            ["id_hotel_booking"] = (order.Id * 10) + i,
            ["adults"] = r.Adults,
            ["child"] = r.Children,
            ["unit_price_without_tax"] = roomPrice,
            ["total_tax"] = roomPrice * 0.04m,
        }).ToArray());
        return new JsonObject
        {
            ["booking"] = new JsonObject
            {
                ["id"] = order.Id,
                ["id_property"] = 1,
                ["currency"] = "USD",
                ["source"] = "hotel-agent",
                ["booking_date"] = "2026-11-25 10:00:00",
                ["id_language"] = 1,
                ["associations"] = new JsonObject
                {
                    ["customer_detail"] = new JsonObject
                    {
                        ["id_customer"] = order.CustomerId,
                        ["firstname"] = order.FirstName,
                        ["lastname"] = order.LastName,
                        ["email"] = order.Email,
                        ["phone"] = order.Phone,
                    },
                    ["price_details"] = new JsonObject { ["total_paid"] = 0, ["total_price_without_tax"] = order.Price, ["total_tax"] = order.Price * 0.04m },
                    ["cart_rules"] = new JsonArray(),
                    ["remarks"] = new JsonArray(order.Remarks.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                    ["room_types"] = new JsonArray(new JsonObject
                    {
                        ["id_room_type"] = order.RoomTypeId,
                        ["checkin_date"] = Day(order.CheckIn) + " 00:00:00",
                        ["checkout_date"] = Day(order.CheckOut) + " 00:00:00",
                        ["total_tax"] = order.Price * 0.04m,
                        ["number_of_rooms"] = order.Rooms.Count,
                        ["name"] = type.Name,
                        ["rooms"] = rooms,
                    }),
                },
            },
        }.ToJsonString(new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never });
    }

    private string NewReference()
    {
        string reference;
        do
        {
            reference = new string(Random.Shared.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9));
        }
        while (_orders.Any(o => o.Reference == reference));

        return reference;
    }

    private static string? FilterValue(string query, string field)
    {
        var match = Regex.Match(query, $@"filter\[{field}\]=\[?([^&\]]*)\]?");
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string[]? FilterValues(string query, string field) => FilterValue(query, field)?.Split('|');

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Order
    {
        public int Id { get; init; }

        public required string Reference { get; init; }

        public int State { get; set; }

        public int CustomerId { get; init; }

        public required string FirstName { get; init; }

        public required string LastName { get; init; }

        public required string Email { get; init; }

        public string? Phone { get; init; }

        public int RoomTypeId { get; init; }

        public DateOnly CheckIn { get; init; }

        public DateOnly CheckOut { get; init; }

        public required List<BookedRoom> Rooms { get; init; }

        public decimal Price { get; init; }

        public List<string> Remarks { get; } = [];
    }

    private sealed record BookedRoom(int IdRoom, int Adults, int Children, int LineId, string? ChildAges);
}

/// <summary>What the fake does wrong on the next booking create.</summary>
internal enum CreateFault
{
    None,

    /// <summary>Quirk Q1: the booking is made but the answer is a 500 with PHP notices (fixture 050).</summary>
    ServerErrorAfterBooking,

    /// <summary>A 500 and no booking.</summary>
    ServerErrorWithoutBooking,

    /// <summary>Issue 15: the booking is given a room another booking already holds for those nights (QloApps is not race-safe).</summary>
    DoubleBook,
}
