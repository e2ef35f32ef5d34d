using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QRCoder;

namespace HotelAgent.AspNetCore.Tests;

public sealed class BookingConversationTests : IClassFixture<SampleHostFactory>
{
    private readonly SampleHostFactory _factory;

    public BookingConversationTests(SampleHostFactory factory) => _factory = factory;

    private static DateTime NextMonth => SampleHostFactory.Now.UtcDateTime.AddMonths(1);

    private static string MonthName(string culture) => NextMonth.ToString("MMMM", CultureInfo.GetCultureInfo(culture));

    public static TheoryData<string, string, string, string, string, string> Conversations => new()
    {
        {
            "es",
            $"Hola, quiero reservar una habitación doble del 10 al 12 de {MonthName("es-ES")} para 2 personas",
            "Ana García",
            "ana.garcia@example.com",
            "sí",
            "240,00 €"
        },
        {
            "en",
            $"Hello, I want to book a double room from {MonthName("en-US")} 10 to 12 for 2 people",
            "John Smith",
            "john.smith@example.com",
            "yes",
            "240.00 €"
        },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Conversation_GuestConfirms_ReservationIsCreatedAndVisible(string language, string opening, string name, string email, string yes, string total)
    {
        var client = _factory.CreateClient();
        var conversation = $"booking-{language}-{Guid.NewGuid():N}";

        var quote = await client.SayAsync(conversation, opening);
        quote.GetProperty("intent").GetString().Should().Be("make_reservation");
        quote.GetProperty("state").GetString().Should().Be("awaiting_guest_name");
        quote.AllText().Should().Contain(total);

        (await client.SayAsync(conversation, name)).GetProperty("state").GetString().Should().Be("awaiting_guest_email");

        var summary = await client.SayAsync(conversation, email);
        summary.GetProperty("state").GetString().Should().Be("awaiting_confirmation");
        summary.AllText().Should().Contain(name).And.Contain(email).And.Contain(total);
        summary.GetProperty("replies")[summary.GetProperty("replies").GetArrayLength() - 1].GetProperty("quickReplies").GetArrayLength().Should().Be(2);

        var booked = await client.SayAsync(conversation, yes);
        booked.GetProperty("state").GetString().Should().Be("booked");
        var code = booked.GetProperty("reservationCode").GetString();
        code.Should().MatchRegex("^HA-[A-Z2-9]{6}$");
        booked.AllText().Should().Contain(code);
        var card = booked.GetProperty("replies").EnumerateArray().SelectMany(r => r.TryGetProperty("media", out var media) ? media.EnumerateArray() : []).Should().ContainSingle().Subject;
        card.GetProperty("kind").GetString().Should().Be("image");
        var url = card.GetProperty("url").GetString();
        url.Should().StartWith("data:image/png;base64,", "the web chat shows the card's PNG, made for the answer");
        Convert.FromBase64String(url!["data:image/png;base64,".Length..]).Should().Equal(PngByteQRCodeHelper.GetQRCode(code, QRCodeGenerator.ECCLevel.M, 8));

        var reservation = await _factory.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/v1/reservations/{code}");
        reservation.GetProperty("code").GetString().Should().Be(code);
        reservation.GetProperty("roomType").GetString().Should().Be("double");
        reservation.GetProperty("checkIn").GetString().Should().Be(new DateOnly(NextMonth.Year, NextMonth.Month, 10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        reservation.GetProperty("checkOut").GetString().Should().Be(new DateOnly(NextMonth.Year, NextMonth.Month, 12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        reservation.GetProperty("adults").GetInt32().Should().Be(2);
        reservation.GetProperty("total").GetDecimal().Should().Be(240m);
        reservation.GetProperty("guest").GetProperty("email").GetString().Should().Be(email);
        reservation.GetProperty("status").GetString().Should().Be("Confirmed");
    }

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Conversation_GuestSaysNo_NothingIsCreated(string language, string opening, string name, string email, string yes, string total)
    {
        _ = yes;
        _ = total;
        var client = _factory.CreateClient();
        var conversation = $"decline-{language}-{Guid.NewGuid():N}";
        var uniqueEmail = email.Replace("@", $"+{Guid.NewGuid():N}@", StringComparison.Ordinal);

        await client.SayAsync(conversation, opening);
        await client.SayAsync(conversation, name);
        (await client.SayAsync(conversation, uniqueEmail)).GetProperty("state").GetString().Should().Be("awaiting_confirmation");
        var declined = await client.SayAsync(conversation, "no");

        declined.GetProperty("state").GetString().Should().Be("idle");
        declined.TryGetProperty("reservationCode", out _).Should().BeFalse();
        var list = await _factory.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/v1/reservations?email={Uri.EscapeDataString(uniqueEmail)}");
        list.GetProperty("reservations").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Conversation_TwoGuestsConfirmTheLastSuiteAtOnce_ExactlyOneIsBooked()
    {
        var client = _factory.CreateClient();
        var month = MonthName("es-ES");
        var opening = $"Quiero reservar una suite del 20 al 22 de {month} para 2 personas";

        // The sample hotel has 2 suites: one guest takes the first.
        await ReachConfirmationAsync(client, "suite-first", opening);
        (await client.SayAsync("suite-first", "sí")).GetProperty("state").GetString().Should().Be("booked");

        await ReachConfirmationAsync(client, "suite-a", opening);
        await ReachConfirmationAsync(client, "suite-b", opening);
        var answers = await Task.WhenAll(client.SayAsync("suite-a", "sí"), client.SayAsync("suite-b", "sí"));

        answers.Count(a => a.GetProperty("state").GetString() == "booked").Should().Be(1);
        var loser = answers.Single(a => a.GetProperty("state").GetString() != "booked");
        loser.AllText().Should().Contain("no queda ninguna suite");
    }

    private static async Task ReachConfirmationAsync(HttpClient client, string conversation, string opening)
    {
        await client.SayAsync(conversation, opening);
        var summary = await client.SayAsync(conversation, $"Me llamo Guest {conversation.Replace("-", string.Empty, StringComparison.Ordinal)} y mi correo es {conversation}@example.com");
        summary.GetProperty("state").GetString().Should().Be("awaiting_confirmation");
    }

    [Fact]
    public async Task Conversation_PortugueseGuest_GetsPortugueseReplies()
    {
        var client = _factory.CreateClient();

        var quote = await client.SayAsync("pt-1", "Olá, quero reservar um quarto duplo de 10 a 12 de dezembro para 2 pessoas");

        quote.GetProperty("language").GetString().Should().Be("pt");
        quote.AllText().Should().Contain("Quarto duplo").And.Contain("240,00 €").And.Contain("nome");
    }

    [Fact]
    public async Task GetReservation_UnknownCode_Returns404Problem()
    {
        using var response = await _factory.CreateAdminClient().GetAsync("/v1/reservations/HA-ZZZZZZ");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("HA-ZZZZZZ");
    }
}

public sealed class LiveConversationsTests : IClassFixture<SampleHostFactory>
{
    private readonly SampleHostFactory _factory;

    public LiveConversationsTests(SampleHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Stats_AfterAConversation_ListItAsLiveWithoutGuestContent()
    {
        var client = _factory.CreateClient();
        await client.SayAsync("live-1", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await client.SayAsync("live-1", "Me llamo Ana García");

        var stats = await _factory.CreateAdminClient().GetFromJsonAsync<JsonElement>("/v1/stats");

        var conversation = stats.GetProperty("live").GetProperty("conversations").EnumerateArray()
            .Single(c => c.GetProperty("conversationId").GetString() == "webchat:live-1");
        conversation.GetProperty("channel").GetString().Should().Be("webchat");
        conversation.GetProperty("state").GetString().Should().Be("awaiting_guest_email");
        conversation.GetProperty("turns").GetInt32().Should().Be(2);
        conversation.GetProperty("handedOff").GetBoolean().Should().BeFalse();
        conversation.ToString().Should().NotContain("Ana");

        _factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var later = await _factory.CreateAdminClient().GetFromJsonAsync<JsonElement>("/v1/stats");
        later.GetProperty("live").GetProperty("conversations").EnumerateArray()
            .Should().NotContain(c => c.GetProperty("conversationId").GetString() == "live-1", "it was quiet for more than 30 minutes");
    }
}
