using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotelAgent.Pms.QloApps.LiveTests;

/// <summary>
/// Issue 15, done when: a chat booking, a price quote, a modification and a cancellation through the sample host
/// (configured with <c>HotelAgent:QloApps</c>) match what the live QloApps records.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class SampleHostChatTests(LiveQloApps live)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-ES");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_QuoteBookModify_QloAppsRecordsWhatTheGuestWasTold()
    {
        await live.ResetAsync();
        var checkIn = LiveQloApps.Today.AddDays(40);
        if (checkIn.Day > 24)
        {
            checkIn = checkIn.AddDays(10); // keep the stay and its extension within one month for the phrasing below
        }

        var month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        await using var quoteHost = live.Host();
        var quote = (await quoteHost.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(2), Adults = 2, RoomType = "double" }, Token)).Offers.Single();
        var longer = (await quoteHost.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(3), Adults = 2, RoomType = "double" }, Token)).Offers.Single();
        await using var factory = SampleHost();
        using var client = factory.CreateClient();

        var quoted = await SayAsync(client, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 personas");
        await SayAsync(client, "Me llamo Ana García, mi correo es ana.garcia@example.com y mi teléfono es +34 600 123 456");
        var booked = await SayAsync(client, "sí");
        var code = booked.GetProperty("reservationCode").GetString()!;
        var orderId = await live.OrderIdAsync(code);
        var (total, state, lines) = await live.OrderAsync(orderId);
        var customer = (await live.SqlAsync($"SELECT CONCAT(c.firstname, '|', c.lastname, '|', c.email) FROM qlo_orders o JOIN qlo_customer c ON c.id_customer = o.id_customer WHERE o.id_order = {orderId}")).Trim();

        Text(quoted).Should().Contain(quote.Total.ToString("F2", Spanish), "the guest is quoted what QloApps prices");
        Text(booked).Should().Contain("Reserva confirmada");
        (total, state).Should().Be((quote.Total, 1), "QloApps records the quoted total, awaiting payment at the hotel");
        lines.Should().ContainSingle();
        lines[0].GetProperty("id_product").GetString().Should().Be("2");
        lines[0].GetProperty("date_from").GetString().Should().Be($"{checkIn:yyyy-MM-dd} 00:00:00");
        lines[0].GetProperty("date_to").GetString().Should().Be($"{checkIn.AddDays(2):yyyy-MM-dd} 00:00:00");
        (lines[0].GetProperty("adults").GetString(), lines[0].GetProperty("children").GetString()).Should().Be(("2", "0"));
        customer.Should().Be("Ana|García|ana.garcia@example.com");

        await SayAsync(client, "Quiero cambiar mi reserva");
        var requoted = await SayAsync(client, $"del {checkIn.Day} al {checkIn.Day + 3} de {month}");
        var modified = await SayAsync(client, "sí");
        var newOrder = int.Parse((await live.SqlAsync("SELECT MAX(id_order) FROM qlo_orders")).Trim(), CultureInfo.InvariantCulture);
        var newCode = (await live.SqlAsync($"SELECT reference FROM qlo_orders WHERE id_order = {newOrder}")).Trim();
        var (newTotal, newState, newLines) = await live.OrderAsync(newOrder);
        var (_, oldState, _) = await live.OrderAsync(orderId);

        Text(requoted).Should().Contain(longer.Total.ToString("F2", Spanish));
        Text(modified).Should().Contain("queda modificada").And.Contain(newCode, "the guest is given the new code");
        newOrder.Should().NotBe(orderId, "QloApps cannot move a booking: the change is a new booking");
        (newTotal, newState, oldState).Should().Be((longer.Total, 1, 4));
        newLines.Should().ContainSingle().Which.GetProperty("date_to").GetString().Should().Be($"{checkIn.AddDays(3):yyyy-MM-dd} 00:00:00");
    }

    [Fact]
    public async Task Chat_BookThenCancel_QloAppsCancelsTheOrderAsItWas()
    {
        // Cancelled in the conversation that booked. (After a change in chat the conversation still points at the old,
        // cancelled code, and the NLU does not read a QloApps code the guest quotes: dialogue and NLU work, issue 15.)
        await live.ResetAsync();
        var checkIn = LiveQloApps.Today.AddDays(50);
        var month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        if (checkIn.Day > 26)
        {
            checkIn = checkIn.AddDays(6);
            month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        }

        await using var factory = SampleHost();
        using var client = factory.CreateClient();
        await SayAsync(client, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 personas");
        await SayAsync(client, "Me llamo Ana García, mi correo es ana.garcia@example.com y mi teléfono es +34 600 123 456");
        var booked = await SayAsync(client, "sí");
        var orderId = await live.OrderIdAsync(booked.GetProperty("reservationCode").GetString()!);
        var (total, _, _) = await live.OrderAsync(orderId);

        await SayAsync(client, "Quiero cancelar mi reserva");
        var cancelled = await SayAsync(client, "sí");
        var (afterTotal, afterState, afterLines) = await live.OrderAsync(orderId);

        Text(cancelled).Should().Contain("ha quedado cancelada");
        (afterTotal, afterState).Should().Be((total, 4), "cancelling keeps the order as it was");
        afterLines.Should().OnlyContain(l => l.GetProperty("is_cancelled").GetString() == "1");
    }

    [Fact]
    public async Task Chat_FamilyWithTwoChildren_AgesAndPhoneAskedAndQloAppsRecordsThem()
    {
        // The stock install requires a phone (PS_ONE_PHONE_AT_LEAST = 1) and records children only with their ages: the
        // agent asks for both after the email, and the booking QloApps records is the one summarised.
        await live.ResetAsync();
        var checkIn = LiveQloApps.Today.AddDays(44);
        if (checkIn.Day > 26)
        {
            checkIn = checkIn.AddDays(6);
        }

        var month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        await using var quoteHost = live.Host();
        var quote = (await quoteHost.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(2), Adults = 2, Children = 2, ChildAges = [6, 9], RoomType = "double" }, Token)).Offers.Single();
        await using var factory = SampleHost();
        using var client = factory.CreateClient();

        await SayAsync(client, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 adultos y 2 niños");
        var askAges = await SayAsync(client, "Me llamo Ana García y mi correo es ana.familia@example.com");
        var askPhone = await SayAsync(client, "6 y 9");
        var summary = await SayAsync(client, "+34 600 123 456");
        var booked = await SayAsync(client, "sí");

        State(askAges).Should().Be(DialogueStates.AwaitingChildAges, Text(askAges));
        State(askPhone).Should().Be(DialogueStates.AwaitingGuestPhone, Text(askPhone));
        State(summary).Should().Be(DialogueStates.AwaitingConfirmation, Text(summary));
        Text(summary).Should().Contain("2 adultos y 2 niños de 6 y 9 años").And.Contain("+34600123456").And.Contain(quote.Total.ToString("F2", Spanish));
        State(booked).Should().Be(DialogueStates.Booked, Text(booked));
        var orderId = await live.OrderIdAsync(booked.GetProperty("reservationCode").GetString()!);
        var (total, _, lines) = await live.OrderAsync(orderId);
        var guest = (await live.SqlAsync($"SELECT CONCAT(c.firstname, '|', c.lastname, '|', c.email) FROM qlo_orders o JOIN qlo_customer c ON c.id_customer = o.id_customer WHERE o.id_order = {orderId}")).Trim();

        total.Should().Be(quote.Total, "QloApps records the total the guest was told");
        lines.Should().ContainSingle();
        lines[0].GetProperty("id_product").GetString().Should().Be("2");
        lines[0].GetProperty("date_from").GetString().Should().Be($"{checkIn:yyyy-MM-dd} 00:00:00");
        lines[0].GetProperty("date_to").GetString().Should().Be($"{checkIn.AddDays(2):yyyy-MM-dd} 00:00:00");
        (lines[0].GetProperty("adults").GetString(), lines[0].GetProperty("children").GetString()).Should().Be(("2", "2"));
        lines[0].GetProperty("child_ages").GetString().Should().Be("[6,9]");
        guest.Should().Be("Ana|García|ana.familia@example.com");
        (await PhoneAsync("ana.familia@example.com")).Should().Be("+34600123456", "QloApps keeps the customer's phone with their details");
    }

    [Fact]
    public async Task Chat_ModificationAddsAChild_AgeAskedAndQloAppsRecordsTheChildWithIt()
    {
        // QloApps drops children sent without their ages: a change that adds a child asks its age before the quote, and
        // the new booking QloApps records has the child, its age and the total quoted.
        await live.ResetAsync();
        var checkIn = LiveQloApps.Today.AddDays(46);
        if (checkIn.Day > 26)
        {
            checkIn = checkIn.AddDays(6);
        }

        var month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        await using var quoteHost = live.Host();
        var quote = (await quoteHost.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(2), Adults = 2, Children = 1, ChildAges = [7], RoomType = "double" }, Token)).Offers.Single();
        await using var factory = SampleHost();
        using var client = factory.CreateClient();
        await SayAsync(client, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 personas");
        await SayAsync(client, "Me llamo Ana García, mi correo es ana.cambio@example.com y mi teléfono es +34 600 123 456");
        var booked = await SayAsync(client, "sí");
        var orderId = await live.OrderIdAsync(booked.GetProperty("reservationCode").GetString()!);

        var askAge = await SayAsync(client, "quiero modificar mi reserva, vamos a ser 2 adultos y 1 niño");
        var requoted = await SayAsync(client, "tiene 7 años");
        var modified = await SayAsync(client, "sí");
        var newOrder = int.Parse((await live.SqlAsync("SELECT MAX(id_order) FROM qlo_orders")).Trim(), CultureInfo.InvariantCulture);
        var (newTotal, newState, newLines) = await live.OrderAsync(newOrder);
        var (_, oldState, _) = await live.OrderAsync(orderId);

        State(askAge).Should().Be(DialogueStates.AwaitingModificationChildAges, Text(askAge));
        State(requoted).Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(requoted));
        Text(requoted).Should().Contain("2 adultos y 1 niño de 7 años").And.Contain(quote.Total.ToString("F2", Spanish));
        Text(modified).Should().Contain("queda modificada");
        newOrder.Should().NotBe(orderId, "QloApps cannot move a booking: the change is a new booking");
        (newTotal, newState, oldState).Should().Be((quote.Total, 1, 4));
        newLines.Should().ContainSingle();
        (newLines[0].GetProperty("adults").GetString(), newLines[0].GetProperty("children").GetString()).Should().Be(("2", "1"));
        newLines[0].GetProperty("child_ages").GetString().Should().Be("[7]");
    }

    [Fact]
    public async Task Chat_PhoneRequiredAfterTheSummary_RefusalAsksForItAndTheNextYesBooksInQloApps()
    {
        // The hotel turns on PS_ONE_PHONE_AT_LEAST between the summary and the yes: the yes is refused, the agent asks for
        // the phone, and the next yes reaches QloApps instead of replaying the refusal.
        await live.ResetAsync();
        await live.SqlAsync("UPDATE qlo_configuration SET value = '0' WHERE name = 'PS_ONE_PHONE_AT_LEAST'");
        var checkIn = LiveQloApps.Today.AddDays(46);
        if (checkIn.Day > 26)
        {
            checkIn = checkIn.AddDays(6);
        }

        var month = Spanish.DateTimeFormat.GetMonthName(checkIn.Month);
        await using var factory = SampleHost(catalogCache: TimeSpan.Zero);
        using var client = factory.CreateClient();

        await SayAsync(client, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 personas");
        var summary = await SayAsync(client, "Me llamo Ana García y mi correo es ana.telefono@example.com");
        await live.SqlAsync("UPDATE qlo_configuration SET value = '1' WHERE name = 'PS_ONE_PHONE_AT_LEAST'");
        var refused = await SayAsync(client, "sí");
        var ordersAfterRefusal = (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim();
        var again = await SayAsync(client, "600123456");
        var booked = await SayAsync(client, "sí");

        State(summary).Should().Be(DialogueStates.AwaitingConfirmation, "no phone was required yet: " + Text(summary));
        State(refused).Should().Be(DialogueStates.AwaitingGuestPhone, Text(refused));
        ordersAfterRefusal.Should().Be("0");
        State(again).Should().Be(DialogueStates.AwaitingConfirmation, Text(again));
        State(booked).Should().Be(DialogueStates.Booked, Text(booked));
        var orderId = await live.OrderIdAsync(booked.GetProperty("reservationCode").GetString()!);
        (await live.SqlAsync($"SELECT c.email FROM qlo_orders o JOIN qlo_customer c ON c.id_customer = o.id_customer WHERE o.id_order = {orderId}")).Trim().Should().Be("ana.telefono@example.com");
        (await PhoneAsync("ana.telefono@example.com")).Should().Be("600123456");
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("1");
    }

    private WebApplicationFactory<Program> SampleHost(TimeSpan? catalogCache = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            if (catalogCache is { } cache)
            {
                b.UseSetting("HotelAgent:QloApps:CatalogCacheDuration", cache.ToString("c", CultureInfo.InvariantCulture));
            }

            b.UseSetting("HotelAgent:QloApps:BaseUrl", live.BaseUrl);
            b.UseSetting("HotelAgent:QloApps:ApiKey", live.ApiKey);
            b.UseSetting("HotelAgent:QloApps:RoomTypeMappings:2:Code", "double");
            b.UseSetting("HotelAgent:QloApps:RoomTypeMappings:2:Synonyms:0", "doble");
        });

    private static async Task<JsonElement> SayAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/v1/conversations/live-chat/messages", new { text, language = "es" }, Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    /// <summary>The phone QloApps keeps for a customer (its customer details outside any cart).</summary>
    private async Task<string> PhoneAsync(string email) =>
        (await live.SqlAsync($"SELECT phone FROM qlo_cart_customer_guest_detail WHERE id_cart = 0 AND email = '{email}'")).Trim();

    private static string? State(JsonElement chat) => chat.GetProperty("state").GetString();

    private static string Text(JsonElement chat) =>
        string.Join(" ", chat.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
}
