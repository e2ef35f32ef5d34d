using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// The HTTP API of a host with two hotels (the sample's Valencia as the default property, <c>lisbon</c> from
/// <c>hotel-lisbon.json</c>): the <c>property</c> query parameter or <c>X-Hotel-Property</c> header picks the hotel.
/// </summary>
public sealed class PropertyEndpointsTests : IAsyncLifetime
{
    private readonly TwoHotelsFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task PostMessage_QueryOrHeaderProperty_AnswersFromThatHotel()
    {
        using var client = _factory.CreateClient();

        var valencia = await SayAsync(client, "/v1/conversations/c1/messages", "Do you have parking?");
        var byQuery = await SayAsync(client, "/v1/conversations/c1/messages?property=lisbon", "Do you have parking?");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/conversations/c2/messages") { Content = JsonContent.Create(new { text = "Do you have parking?" }) };
        request.Headers.Add("X-Hotel-Property", "Lisbon");
        using var byHeader = await client.SendAsync(request, Token);

        valencia.AllText().Should().Contain("€15 a day");
        byQuery.AllText().Should().Contain("no car park");
        byHeader.StatusCode.Should().Be(HttpStatusCode.OK);
        (await byHeader.Content.ReadFromJsonAsync<JsonElement>(Token)).AllText().Should().Contain("no car park");
    }

    [Fact]
    public async Task AnyEndpoint_UnknownProperty_Returns404()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SampleHostFactory.AdminKey);

        using var message = await client.PostAsJsonAsync("/v1/conversations/c1/messages?property=porto", new { text = "hola" }, Token);
        using var handoffs = await client.GetAsync("/v1/handoffs?property=porto", Token);

        message.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await message.Content.ReadAsStringAsync(Token)).Should().Contain("porto");
        handoffs.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetReservation_CodeOfLisbon_FoundOnlyWithItsProperty()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SampleHostFactory.AdminKey);
        var checkIn = DateOnly.FromDateTime(SampleHostFactory.Now.UtcDateTime).AddDays(20);
        var created = await _factory.Services.GetRequiredKeyedService<IPmsAdapter>("lisbon").CreateReservationAsync(
            new CreateReservationRequest
            {
                Stay = new StayRequest { RoomType = "double", CheckIn = checkIn, CheckOut = checkIn.AddDays(1), Adults = 2 },
                Guest = new GuestDetails("Rita Sousa", "rita@example.com"),
            },
            "k1",
            Token);
        var code = created.Reservation!.Code;

        using var inLisbon = await client.GetAsync($"/v1/reservations/{code}?property=lisbon", Token);
        using var inValencia = await client.GetAsync($"/v1/reservations/{code}", Token);

        inLisbon.StatusCode.Should().Be(HttpStatusCode.OK);
        inValencia.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SingleHotelHost_WithoutProperty_UnchangedAndAnyPropertyUnknown()
    {
        await using var factory = new SampleHostFactory();
        using var client = factory.CreateClient();

        var answer = await SayAsync(client, "/v1/conversations/c1/messages", "Do you have parking?");
        using var named = await client.PostAsJsonAsync("/v1/conversations/c1/messages?property=lisbon", new { text = "hola" }, Token);

        answer.AllText().Should().Contain("€15 a day");
        named.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> SayAsync(HttpClient client, string path, string text)
    {
        using var response = await client.PostAsJsonAsync(path, new { text }, Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private sealed class TwoHotelsFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("HotelAgent:AdminApiKey", SampleHostFactory.AdminKey);
            builder.UseSetting("HotelAgent:Properties:lisbon:DefaultLanguage", "pt");
            builder.UseSetting("HotelAgent:Properties:lisbon:DemoPms:CatalogPath", "hotel-lisbon.json");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(SampleHostFactory.Now)));
        }
    }
}
