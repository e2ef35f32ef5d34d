using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis.Tests.Inbox;

public sealed class RedisMessageDeduplicatorTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryRegisterAsync_100ConcurrentCallsOnTwoHosts_ExactlyOneTrue()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var hosts = new[] { hostA.Get<IMessageDeduplicator>(), hostB.Get<IMessageDeduplicator>() };

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await hosts[i % 2].TryRegisterAsync("whatsapp", "wamid.1", TimeSpan.FromDays(7), Token), Token)));

        results.Count(r => r).Should().Be(1);
    }

    [Fact]
    public async Task IsConfirmedAsync_PendingOnOneHostThenConfirmed_OtherHostTellsThemApart()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var hostA = new RedisTestHost(redis.Require(), prefix);
        await using var hostB = new RedisTestHost(redis.Require(), prefix);
        var (a, b) = (hostA.Get<IMessageDeduplicator>(), hostB.Get<IMessageDeduplicator>());

        (await b.IsConfirmedAsync("whatsapp", "wamid.1", Token)).Should().BeFalse("unknown");
        (await a.TryRegisterAsync("whatsapp", "wamid.1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue();
        (await b.IsConfirmedAsync("whatsapp", "wamid.1", Token)).Should().BeFalse("registered, not recorded");

        await a.ConfirmAsync("whatsapp", "wamid.1", TimeSpan.FromDays(7), Token);

        (await b.IsConfirmedAsync("whatsapp", "wamid.1", Token)).Should().BeTrue();
        (await b.TryRegisterAsync("whatsapp", "wamid.1", TimeSpan.FromMinutes(1), Token)).Should().BeFalse();
    }

    [Fact]
    public async Task ForgetAsync_Registered_AllowsItAgain()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());
        var deduplicator = host.Get<IMessageDeduplicator>();
        (await deduplicator.TryRegisterAsync("web", "m1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue();
        (await deduplicator.TryRegisterAsync("web", "m1", TimeSpan.FromMinutes(1), Token)).Should().BeFalse();

        await deduplicator.ForgetAsync("web", "m1", Token);

        (await deduplicator.TryRegisterAsync("web", "m1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue();
        (await deduplicator.TryRegisterAsync("other", "m1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue("ids are per channel");
    }

    [Fact]
    public async Task TryRegisterAsync_AfterTimeToLive_AcceptsItAgain()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());
        var deduplicator = host.Get<IMessageDeduplicator>();
        await deduplicator.TryRegisterAsync("web", "m1", TimeSpan.FromMilliseconds(200), Token);

        await Task.Delay(400, Token);

        (await deduplicator.TryRegisterAsync("web", "m1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue();
    }
}
