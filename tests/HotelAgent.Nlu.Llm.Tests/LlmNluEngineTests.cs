using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenAI;

namespace HotelAgent.Nlu.Llm.Tests;

public sealed class LlmNluEngineTests
{
    private const string BookingText = "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas";

    private const string PricingJson = """
        {"intent": "pricing_info", "confidence": 0.93, "language": "en", "entities": {"roomType": "suite", "checkIn": "2026-12-10", "adults": 2}}
        """;

    private static readonly IReadOnlyList<RoomType> Rooms =
    [
        new RoomType
        {
            Code = "double", Name = new LocalizedText(new Dictionary<string, string> { ["es"] = "Doble" }), Synonyms = ["doble", "double"],
            MaxAdults = 2, MaxOccupancy = 3, NightlyRate = 90,
        },
        new RoomType
        {
            Code = "suite", Name = new LocalizedText(new Dictionary<string, string> { ["en"] = "Suite" }), Synonyms = ["suite"],
            MaxAdults = 2, MaxOccupancy = 4, NightlyRate = 180,
        },
    ];

    private sealed class Builder(IServiceCollection services) : IHotelAgentBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    /// <summary>A hand-written <see cref="IChatClient"/> whose answer is a callback.</summary>
    private sealed class FakeChatClient(Func<IEnumerable<ChatMessage>, CancellationToken, Task<string>> respond) : IChatClient
    {
        public int Calls;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, await respond(messages, cancellationToken)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static ServiceProvider Build(IChatClient client, Action<LlmNluOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        new Builder(services).AddLlmNlu(configure);
        return services.BuildServiceProvider();
    }

    private static MetricCollector<long> Fallbacks(ServiceProvider sp) =>
        new(sp.GetRequiredService<IMeterFactory>(), "HotelAgent.Nlu.Llm", "hotel_agent.nlu.llm.fallbacks");

    private static NluRequest Request(string text) => new() { Text = text, ReferenceDate = new DateOnly(2026, 3, 11), RoomTypes = Rooms };

    [Fact]
    public async Task ParseAsync_ValidJson_ReturnsModelResult()
    {
        IEnumerable<ChatMessage>? seen = null;
        var client = new FakeChatClient((m, _) => { seen = m; return Task.FromResult(PricingJson); });
        using var sp = Build(client);
        using var fallbacks = Fallbacks(sp);

        var result = await sp.GetRequiredService<INluEngine>().ParseAsync(Request("how much is the suite on Dec 10 for two?"), TestContext.Current.CancellationToken);

        result.Intent.Should().Be(Intents.PricingInfo);
        result.Confidence.Should().Be(0.93);
        result.Language.Should().Be("en");
        result.Entities.RoomType.Should().Be("suite");
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        result.Entities.Adults.Should().Be(2);
        fallbacks.GetMeasurementSnapshot().Should().BeEmpty();
        seen!.First().Text.Should().Contain("2026-03-11").And.Contain("suite").And.Contain("late_checkout");
    }

    [Fact]
    public async Task ParseAsync_ClientThrows_FallsBackToRuleBasedAndCountsError()
    {
        var client = new FakeChatClient((_, _) => throw new HttpRequestException("boom"));
        using var sp = Build(client);
        using var fallbacks = Fallbacks(sp);

        var result = await sp.GetRequiredService<INluEngine>().ParseAsync(Request(BookingText), TestContext.Current.CancellationToken);

        result.Intent.Should().Be(Intents.MakeReservation);
        result.Entities.RoomType.Should().Be("double");
        result.Entities.Adults.Should().Be(2);
        var m = fallbacks.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        m.Value.Should().Be(1);
        m.Tags["reason"].Should().Be("error");
    }

    [Fact]
    public async Task ParseAsync_ClientTooSlow_FallsBackAndCountsTimeout()
    {
        var client = new FakeChatClient(async (_, ct) => { await Task.Delay(Timeout.InfiniteTimeSpan, ct); return PricingJson; });
        using var sp = Build(client, o => o.Timeout = TimeSpan.FromMilliseconds(100));
        using var fallbacks = Fallbacks(sp);

        var result = await sp.GetRequiredService<INluEngine>().ParseAsync(Request(BookingText), TestContext.Current.CancellationToken);

        result.Intent.Should().Be(Intents.MakeReservation);
        fallbacks.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["reason"].Should().Be("timeout");
    }

    [Fact]
    public async Task ParseAsync_RepeatedFailures_OpenCircuitSkipsClient()
    {
        var client = new FakeChatClient((_, _) => throw new InvalidOperationException("down"));
        using var sp = Build(client, o =>
        {
            o.MinimumThroughput = 2;
            o.FailureRatio = 0.5;
            o.BreakDuration = TimeSpan.FromMinutes(1);
        });
        using var fallbacks = Fallbacks(sp);
        var engine = sp.GetRequiredService<INluEngine>();

        for (var i = 0; i < 4; i++)
        {
            (await engine.ParseAsync(Request("sí"), TestContext.Current.CancellationToken)).Intent.Should().Be(Intents.Affirm);
        }

        client.Calls.Should().Be(2);
        fallbacks.GetMeasurementSnapshot().Select(m => m.Tags["reason"]).Should().Equal("error", "error", "circuit_open", "circuit_open");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"intent\": \"book_a_table\"}")]
    [InlineData("")]
    public async Task ParseAsync_UnusableAnswer_FallsBackAndCountsInvalidResponse(string answer)
    {
        var client = new FakeChatClient((_, _) => Task.FromResult(answer));
        using var sp = Build(client);
        using var fallbacks = Fallbacks(sp);

        var result = await sp.GetRequiredService<INluEngine>().ParseAsync(Request("no, gracias"), TestContext.Current.CancellationToken);

        result.Intent.Should().Be(Intents.Deny);
        fallbacks.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["reason"].Should().Be("invalid_response");
    }

    [Fact]
    public async Task ParseAsync_UnknownRoomCode_IsDropped()
    {
        const string Fenced = "```json\n{\"intent\": \"inform\", \"language\": \"es\", \"entities\": {\"roomType\": \"penthouse\", \"guestName\": \"Ana\"}}\n```";
        var client = new FakeChatClient((_, _) => Task.FromResult(Fenced));
        using var sp = Build(client);

        var result = await sp.GetRequiredService<INluEngine>().ParseAsync(Request("Ana, ático"), TestContext.Current.CancellationToken);

        result.Intent.Should().Be(Intents.Inform);
        result.Entities.RoomType.Should().BeNull();
        result.Entities.GuestName.Should().Be("Ana");
    }

    [Fact]
    public async Task ParseAsync_CallerCancels_Throws()
    {
        var client = new FakeChatClient(async (_, ct) => { await Task.Delay(Timeout.InfiniteTimeSpan, ct); return PricingJson; });
        using var sp = Build(client);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = async () => await sp.GetRequiredService<INluEngine>().ParseAsync(Request("hola"), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void AddLlmNlu_ReplacesEngineAndCanBeOverriddenAgain()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(new FakeChatClient((_, _) => Task.FromResult(PricingJson)));
        var builder = new Builder(services);

        builder.AddRuleBasedNlu().AddLlmNlu();
        using (var sp = services.BuildServiceProvider())
        {
            sp.GetRequiredService<INluEngine>().GetType().Name.Should().Be("LlmNluEngine");
            sp.GetServices<INluEngine>().Should().ContainSingle();
        }

        builder.AddRuleBasedNlu();
        using (var sp = services.BuildServiceProvider())
        {
            sp.GetRequiredService<INluEngine>().GetType().Name.Should().Be("RuleBasedNluEngine");
        }
    }

    [Fact]
    public void AddLlmNlu_NullBuilder_Throws()
    {
        var act = () => LlmNluHotelAgentBuilderExtensions.AddLlmNlu(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("builder");
    }

    [Fact]
    public async Task ParseAsync_OpenAICompatibleServerOnLoopback_ParsesAndFallsBackOnServerError()
    {
        var fail = false;
        var requests = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            Interlocked.Increment(ref requests);
            using var body = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
            body.RootElement.GetProperty("messages").GetArrayLength().Should().Be(2);
            if (fail)
            {
                return Results.StatusCode(500);
            }

            var completion = new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = PricingJson }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            };
            return Results.Json(completion);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        new Uri(address).Host.Should().Be("127.0.0.1");

        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions
        {
            Endpoint = new Uri(address + "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        using var sp = Build(openAi.GetChatClient("fake-model").AsIChatClient());
        using var fallbacks = Fallbacks(sp);
        var engine = sp.GetRequiredService<INluEngine>();

        var ok = await engine.ParseAsync(Request("how much is the suite?"), TestContext.Current.CancellationToken);
        fail = true;
        var fallen = await engine.ParseAsync(Request(BookingText), TestContext.Current.CancellationToken);

        ok.Intent.Should().Be(Intents.PricingInfo);
        ok.Entities.RoomType.Should().Be("suite");
        fallen.Intent.Should().Be(Intents.MakeReservation);
        requests.Should().Be(2);
        fallbacks.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["reason"].Should().Be("error");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
