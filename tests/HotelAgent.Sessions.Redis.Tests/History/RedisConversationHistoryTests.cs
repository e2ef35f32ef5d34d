using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis.Tests.History;

/// <summary>The conversation history on Redis: written by the agent on one host, read on another, personal data redacted, with the session's time to live.</summary>
public sealed class RedisConversationHistoryTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_OnOneHost_AnotherHostReadsTheTurnWithPersonalDataRedacted()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var id = "wc_" + Guid.NewGuid().ToString("N");

        var response = await hostA.Get<IHotelAgent>().HandleAsync(RedisTestHost.Message(id, "Hola, mi correo es ana.garcia@example.com y mi móvil 600 123 456"), Token);

        var history = await WaitForAsync(hostB.Get<IConversationHistoryStore>(), id, 1 + response.Replies.Count);
        history[0].From.Should().Be(ConversationParticipant.Guest);
        history[0].Text.Should().Be("Hola, mi correo es *** y mi móvil ***");
        history.Skip(1).Should().OnlyContain(e => e.From == ConversationParticipant.Agent);
        history.Skip(1).Select(e => e.Text).Should().Equal(response.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task HandleAsync_SessionTimeToLiveOfTheRedisOptions_IsTheHistorysTimeToLive()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var host = new RedisTestHost(redis.Require(), prefix, o => o.SessionTimeToLive = TimeSpan.FromSeconds(2));
        var id = "wc_" + Guid.NewGuid().ToString("N");

        await host.Get<IHotelAgent>().HandleAsync(RedisTestHost.Message(id, "Hola"), Token);
        await WaitForAsync(host.Get<IConversationHistoryStore>(), id, 2);

        var database = (await host.MultiplexerAsync()).GetDatabase();
        var sessionTtl = await database.KeyTimeToLiveAsync(prefix + "session:" + id);
        var historyTtl = await database.KeyTimeToLiveAsync(prefix + "history:" + id);
        historyTtl.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        sessionTtl.Should().NotBeNull();
        (historyTtl!.Value - sessionTtl!.Value).Duration().Should().BeLessThan(TimeSpan.FromSeconds(1), "the history lives as long as the session");

        await Task.Delay(TimeSpan.FromSeconds(2.5), Token);
        (await host.Get<IConversationHistoryStore>().GetAsync(id, DateTimeOffset.MinValue, Token)).Should().BeEmpty();
        (await database.KeyExistsAsync(prefix + "history:" + id)).Should().BeFalse();
    }

    private static async Task<IReadOnlyList<ConversationHistoryEntry>> WaitForAsync(IConversationHistoryStore store, string id, int count)
    {
        // The agent does not wait for the history write: poll until it lands.
        for (var i = 0; ; i++)
        {
            var history = await store.GetAsync(id, DateTimeOffset.MinValue, Token);
            if (history.Count >= count || i == 100)
            {
                return history;
            }

            await Task.Delay(50, Token);
        }
    }
}
