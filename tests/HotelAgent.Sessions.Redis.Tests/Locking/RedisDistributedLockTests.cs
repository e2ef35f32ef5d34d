using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis.Tests.Locking;

public sealed class RedisDistributedLockTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherHost_WaitsAndGetsNothingUntilReleased()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var first = new RedisTestHost(redis.Require(), prefix);
        await using var second = new RedisTestHost(redis.Require(), prefix);

        var held = await first.Get<IDistributedLock>().TryAcquireAsync("room-type:2", TimeSpan.FromMinutes(1), TimeSpan.Zero, Token);
        var refused = await second.Get<IDistributedLock>().TryAcquireAsync("room-type:2", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200), Token);
        var other = await second.Get<IDistributedLock>().TryAcquireAsync("room-type:3", TimeSpan.FromMinutes(1), TimeSpan.Zero, Token);
        await held!.DisposeAsync();
        var after = await second.Get<IDistributedLock>().TryAcquireAsync("room-type:2", TimeSpan.FromMinutes(1), TimeSpan.Zero, Token);

        held.Should().NotBeNull();
        refused.Should().BeNull();
        other.Should().NotBeNull("another resource is another lock");
        after.Should().NotBeNull();
        await other!.DisposeAsync();
        await after!.DisposeAsync();
    }

    [Fact]
    public async Task TryAcquireAsync_LeaseOver_LetsTheNextHolderInAndTheFirstReleaseLeavesItAlone()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var first = new RedisTestHost(redis.Require(), prefix);
        await using var second = new RedisTestHost(redis.Require(), prefix);

        var expired = await first.Get<IDistributedLock>().TryAcquireAsync("r", TimeSpan.FromMilliseconds(100), TimeSpan.Zero, Token);
        var next = await second.Get<IDistributedLock>().TryAcquireAsync("r", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), Token);
        await expired!.DisposeAsync(); // the first holder's lease is over: its release must not free the second's lock
        var third = await first.Get<IDistributedLock>().TryAcquireAsync("r", TimeSpan.FromMinutes(1), TimeSpan.Zero, Token);
        var db = (await first.MultiplexerAsync()).GetDatabase();

        next.Should().NotBeNull();
        third.Should().BeNull();
        (await db.KeyExistsAsync(prefix + "lock:r")).Should().BeTrue();
        await next!.DisposeAsync();
        (await db.KeyExistsAsync(prefix + "lock:r")).Should().BeFalse();
    }
}
