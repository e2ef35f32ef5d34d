using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Sample.Tests;

/// <summary>
/// <c>/v1/dead-letters</c> over a queue another package registers (as the email channel will): listed beside the
/// inbox, and a replay or discard that fails answers a clear status with the letter kept.
/// </summary>
public sealed class DeadLetterEndpointTests
{
    private static readonly DeadLetterInfo Letter = new()
    {
        Queue = "email",
        Id = "17",
        Direction = "outbound",
        ChannelName = "email",
        ConversationId = "email:ana@guest.test",
        Content = "reply",
        Reason = "SMTP 554 refused",
        IsTransient = false,
        FailedAt = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("permanent", HttpStatusCode.Conflict)]
    [InlineData("delivery", HttpStatusCode.BadGateway)]
    [InlineData("outage", HttpStatusCode.ServiceUnavailable)]
    public async Task Replay_Fails_ClearStatusAndTheLetterIsKept(string failure, HttpStatusCode expected)
    {
        var queue = new FailingQueue(failure);
        await using var host = new SampleHost(new Dictionary<string, string?>(), s => s.AddSingleton<IDeadLetterQueue>(queue));
        using var admin = host.CreateAdminClient();

        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters");
        using var replay = await admin.PostAsync("/v1/dead-letters/email/17/replay", null);

        list.GetProperty("queues").EnumerateArray().Select(q => q.GetString()).Should().Equal("inbox", "email");
        var listed = list.GetProperty("deadLetters").EnumerateArray().Should().ContainSingle().Subject;
        listed.GetProperty("conversationId").GetString().Should().Be("email:ana@guest.test");
        listed.GetProperty("failedAt").GetDateTimeOffset().Should().Be(Letter.FailedAt);
        replay.StatusCode.Should().Be(expected);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("refused");
        (await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters?queue=email")).GetProperty("deadLetters").GetArrayLength().Should().Be(1);
        (await admin.PostAsync("/v1/dead-letters/nope/17/replay", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/v1/dead-letters?take=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Discard_QueueCannotDiscard_501()
    {
        await using var host = new SampleHost(new Dictionary<string, string?>(), s => s.AddSingleton<IDeadLetterQueue>(new FailingQueue("permanent")));
        using var admin = host.CreateAdminClient();

        using var discard = await admin.DeleteAsync("/v1/dead-letters/email/17");

        discard.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        using var anonymous = host.CreateClient();
        (await anonymous.DeleteAsync("/v1/dead-letters/email/17")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private sealed class FailingQueue(string failure) : IDeadLetterQueue
    {
        public string Name => "email";

        public ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<DeadLetterInfo>>([Letter]);

        public ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default) => failure switch
        {
            "permanent" => throw new HotelAgentException("The server refused the address."),
            "delivery" => throw new ChannelDeliveryException("SMTP refused for now.") { IsTransient = true },
            _ => throw new PmsUnavailableException("The store refused the connection."),
        };

        public ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This queue cannot discard.");
    }
}
