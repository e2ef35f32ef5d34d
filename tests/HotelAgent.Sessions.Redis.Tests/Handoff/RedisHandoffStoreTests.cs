using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis.Tests.Handoff;

public sealed class RedisHandoffStoreTests(RedisServerFixture redis)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddAsync_SameConversationAndReasonOnTwoHosts_KeepsOneOpenTicket()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);

        var first = await hostA.Get<IHandoffStore>().AddAsync(Ticket("t1", "c1"), Token);
        var second = await hostB.Get<IHandoffStore>().AddAsync(Ticket("t2", "c1"), Token);
        var otherReason = await hostB.Get<IHandoffStore>().AddAsync(Ticket("t3", "c1") with { Reason = HandoffReason.LateCheckout }, Token);

        first.Id.Should().Be("t1");
        second.Id.Should().Be("t1", "the conversation already has an open ticket for that reason");
        otherReason.Id.Should().Be("t3");
        (await hostA.Get<IHandoffStore>().ListAsync(cancellationToken: Token)).Select(t => t.Id).Should().Equal("t1", "t3");
    }

    [Fact]
    public async Task UpdateAsync_Closed_AllowsANewTicketAndFiltersByStatus()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());
        var store = host.Get<IHandoffStore>();
        await store.AddAsync(Ticket("t1", "c1"), Token);

        var taken = await store.UpdateAsync("t1", t => t with { Status = HandoffStatus.Taken, TakenBy = "Ana" }, Token);
        var closed = await store.UpdateAsync("t1", t => t with { Status = HandoffStatus.Closed }, Token);
        var again = await store.AddAsync(Ticket("t2", "c1", Now.AddMinutes(1)), Token);

        taken!.TakenBy.Should().Be("Ana");
        closed!.Status.Should().Be(HandoffStatus.Closed);
        again.Id.Should().Be("t2");
        (await store.ListAsync(HandoffStatus.Open, Token)).Select(t => t.Id).Should().Equal("t2");
        (await store.ListAsync(HandoffStatus.Closed, Token)).Select(t => t.Id).Should().Equal("t1");
        (await store.GetAsync("t1", Token))!.TakenBy.Should().Be("Ana");
        (await store.UpdateAsync("missing", t => t, Token)).Should().BeNull();
        (await store.GetAsync("missing", Token)).Should().BeNull();
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentFromTwoHosts_LosesNoMessage()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var stores = new[] { hostA.Get<IHandoffStore>(), hostB.Get<IHandoffStore>() };
        await stores[0].AddAsync(Ticket("t1", "c1"), Token);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            async () => await stores[i % 2].UpdateAsync("t1", t => t with { Messages = [.. t.Messages, new HandoffMessage(HandoffParty.Guest, $"m{i}", Now)] }, Token),
            Token)));

        var ticket = await stores[1].GetAsync("t1", Token);
        ticket!.Messages.Skip(1).Select(m => m.Text).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"m{i}"));
    }

    private static HandoffTicket Ticket(string id, string conversationId, DateTimeOffset? at = null) => new()
    {
        Id = id,
        ConversationId = conversationId,
        ChannelName = "web",
        GuestId = "guest",
        Reason = HandoffReason.GuestRequest,
        PausesAgent = true,
        Language = "es",
        CreatedAt = at ?? Now,
        UpdatedAt = at ?? Now,
        Messages = [new HandoffMessage(HandoffParty.Guest, "Quiero hablar con una persona", at ?? Now)],
    };
}
