using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis.Tests.Sessions;

public sealed class RedisSessionStoreTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_TwoHostsOnTwoConnectionsFromOneVersion_OneConflictNoLostUpdate()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var storeA = hostA.Get<ISessionStore>();
        var storeB = hostB.Get<ISessionStore>();
        (await hostA.MultiplexerAsync()).Should().NotBeSameAs(await hostB.MultiplexerAsync());
        var id = "guest-" + Guid.NewGuid().ToString("N");
        await storeA.SaveAsync(new ConversationSession { ConversationId = id, ChannelName = "web", GuestId = id }, TimeSpan.FromHours(1), Token);
        var readA = await storeA.GetAsync(id, Token);
        var readB = await storeB.GetAsync(id, Token);

        var results = await Task.WhenAll(
            storeA.SaveAsync(readA! with { TurnCount = readA!.TurnCount + 1, State = "a" }, TimeSpan.FromHours(1), Token).AsTask(),
            storeB.SaveAsync(readB! with { TurnCount = readB!.TurnCount + 1, State = "b" }, TimeSpan.FromHours(1), Token).AsTask());

        results.Should().ContainSingle(r => r.Saved);
        results.Should().ContainSingle(r => !r.Saved).Which.Version.Should().Be(2);
        var loser = results[0].Saved ? storeB : storeA;
        var reread = await loser.GetAsync(id, Token);
        (await loser.SaveAsync(reread! with { TurnCount = reread!.TurnCount + 1 }, TimeSpan.FromHours(1), Token)).Should().Be(SessionSaveResult.Success(3));
        (await storeA.GetAsync(id, Token))!.TurnCount.Should().Be(2, "both turns are kept after the loser reloads and retries");
    }

    [Fact]
    public async Task SaveAsync_SessionWithAnOutbox_KeepsTheUnsentRepliesWholeForAnotherHost()
    {
        // Issue 16, item 5: the turn and its pending replies are saved in one write, readable by the host that claims the message.
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var id = "whatsapp:" + Guid.NewGuid().ToString("N");
        var replies = new OutboundMessage[]
        {
            new() { Text = "¿Le reservo la doble?", QuickReplies = [new QuickReply("Sí", "yes"), new QuickReply("No")] },
            new() { Text = "Estamos aquí", Location = new GeoLocation(38.7, -9.1, "Hotel", "Rua 1") },
        };
        var session = new ConversationSession
        {
            ConversationId = id,
            ChannelName = "whatsapp",
            GuestId = "34600000000",
            HandledMessageIds = ["m-1"],
            Outbox = [new OutboxEntry { MessageId = "m-1", Replies = replies }],
        };

        (await hostA.Get<ISessionStore>().SaveAsync(session, TimeSpan.FromHours(1), Token)).Saved.Should().BeTrue();
        var read = await hostB.Get<ISessionStore>().GetAsync(id, Token);

        read!.Outbox.Should().ContainSingle().Which.MessageId.Should().Be("m-1");
        read.Outbox[0].Replies.Should().BeEquivalentTo(replies);
    }

    [Fact]
    public async Task SaveAsync_TimeToLive_SetsKeyExpiryAndOptionOverridesIt()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var agentTtl = new RedisTestHost(redis.Require(), prefix);
        await using var optionTtl = new RedisTestHost(redis.Require(), prefix, o => o.SessionTimeToLive = TimeSpan.FromMinutes(5));
        var database = (await agentTtl.MultiplexerAsync()).GetDatabase();

        await agentTtl.Get<ISessionStore>().SaveAsync(new ConversationSession { ConversationId = "a", ChannelName = "web", GuestId = "a" }, TimeSpan.FromHours(24), Token);
        await optionTtl.Get<ISessionStore>().SaveAsync(new ConversationSession { ConversationId = "b", ChannelName = "web", GuestId = "b" }, TimeSpan.FromHours(24), Token);

        (await database.KeyTimeToLiveAsync(prefix + "session:a")).Should().BeCloseTo(TimeSpan.FromHours(24), TimeSpan.FromMinutes(1));
        (await database.KeyTimeToLiveAsync(prefix + "session:b")).Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SaveAsync_Stored_IsOneHashWithVersionAndJson()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var host = new RedisTestHost(redis.Require(), prefix);
        await host.Get<ISessionStore>().SaveAsync(new ConversationSession { ConversationId = "c", ChannelName = "web", GuestId = "g", Language = "es" }, TimeSpan.FromHours(1), Token);

        var fields = await (await host.MultiplexerAsync()).GetDatabase().HashGetAllAsync(prefix + "session:c");

        fields.Select(f => f.Name.ToString()).Should().BeEquivalentTo(["v", "d"]);
        ((long)fields.Single(f => f.Name == "v").Value).Should().Be(1);
        fields.Single(f => f.Name == "d").Value.ToString().Should().Contain("\"conversationId\":\"c\"").And.Contain("\"language\":\"es\"");
    }
}
