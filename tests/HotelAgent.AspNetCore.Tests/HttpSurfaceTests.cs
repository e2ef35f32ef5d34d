using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore.Tests;

public sealed class HttpSurfaceTests : IClassFixture<SampleHostFactory>
{
    private readonly SampleHostFactory _factory;

    public HttpSurfaceTests(SampleHostFactory factory) => _factory = factory;

    public static TheoryData<string, string> BadMessages => new()
    {
        { """{"text": ""}""", "text" },
        { """{"text": "   "}""", "text" },
        { """{}""", "text" },
        { $$"""{"text": "{{new string('x', 4097)}}"}""", "text" },
        { """{"text": "hola", "language": "fr"}""", "language" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task PostMessage_InvalidBody_Returns400ProblemNamingTheField(string body, string field)
    {
        using var response = await _factory.CreateClient().PostAsync("/v1/conversations/c1/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("{\"text\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"text\": 42}")]
    [InlineData("null")]
    [InlineData("\u0000\u0001garbage")]
    public async Task PostMessage_MalformedJson_Returns400Problem(string body)
    {
        using var response = await _factory.CreateClient().PostAsync("/v1/conversations/c1/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task PostMessage_NotJson_Returns415()
    {
        using var response = await _factory.CreateClient().PostAsync("/v1/conversations/c1/messages", new StringContent("hola", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostMessage_HugeBody_Returns413()
    {
        var body = $$"""{"text": "{{new string('x', 70_000)}}"}""";

        using var response = await _factory.CreateClient().PostAsync("/v1/conversations/c1/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostMessage_BadConversationId_Returns400()
    {
        using var response = await _factory.CreateClient().PostAsJsonAsync($"/v1/conversations/{new string('a', 129)}/messages", new { text = "hola" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostMessage_Greeting_ReturnsTheContractShape()
    {
        var chat = await _factory.CreateClient().SayAsync("shape-1", "hola");

        chat.GetProperty("intent").GetString().Should().Be("greeting");
        chat.GetProperty("state").GetString().Should().Be("idle");
        chat.GetProperty("replies").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("text").GetString().Should().Contain("Hotel Mirador del Puerto");
    }

    [Fact]
    public async Task Parse_BookingSentence_ReturnsIntentAndEntityKeys()
    {
        using var response = await _factory.CreateClient().PostAsJsonAsync("/v1/nlu/parse", new
        {
            text = "Quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas",
            referenceDate = "2026-11-25",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var parsed = await response.Content.ReadFromJsonAsync<JsonElement>();
        parsed.GetProperty("intent").GetString().Should().Be("make_reservation");
        parsed.GetProperty("language").GetString().Should().Be("es");
        parsed.GetProperty("confidence").GetDouble().Should().BeInRange(0, 1);
        var entities = parsed.GetProperty("entities");
        entities.GetProperty("checkIn").GetString().Should().Be("2026-12-10");
        entities.GetProperty("checkOut").GetString().Should().Be("2026-12-12");
        entities.GetProperty("adults").GetInt32().Should().Be(2);
        entities.GetProperty("roomType").GetString().Should().Be("double");
        entities.TryGetProperty("email", out _).Should().BeFalse("absent entities are left out");
    }

    [Theory]
    [InlineData("""{"text": "hola", "referenceDate": "25/11/2026"}""", "referenceDate")]
    [InlineData("""{"text": ""}""", "text")]
    public async Task Parse_InvalidBody_Returns400(string body, string field)
    {
        using var response = await _factory.CreateClient().PostAsync("/v1/nlu/parse", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("/v1/reservations", null)]
    [InlineData("/v1/reservations", "wrong-key-0123456789")]
    [InlineData("/v1/reservations/HA-AAAAAA", null)]
    public async Task AdminEndpoints_WithoutTheKey_Return401(string path, string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListReservations_WithTheKey_Returns200()
    {
        using var response = await _factory.CreateAdminClient().GetAsync("/v1/reservations");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservations").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Endpoints_ReturnHealthy(string path)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public void Start_InvalidOptions_FailsWithOptionsValidationException()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("HotelAgent:NluConfidenceThreshold", "7"));

        var act = () => factory.CreateClient();

        act.Should().Throw<OptionsValidationException>().WithMessage("*NluConfidenceThreshold*");
    }
}
