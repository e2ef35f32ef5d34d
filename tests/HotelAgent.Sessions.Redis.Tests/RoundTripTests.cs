using System.Globalization;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace HotelAgent.Sessions.Redis.Tests;

/// <summary>
/// Counts what one turn costs in Redis. The agent's multiplexer is profiled (every command the client sends, each
/// awaited before the next, so commands = round trips); INFO commandstats shows what the server ran, scripts' inner
/// commands included; the class runs alone so no other test's commands are counted.
/// </summary>
[Collection(nameof(RoundTripTests))]
public sealed class RoundTripTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private ProfilingSession? _profiling;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsyncThenCompleteAsync_CommonTurn_CostsThreeRoundTrips()
    {
        var options = ConfigurationOptions.Parse(redis.Require());
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.RegisterProfiler(() => _profiling);
        await using var admin = await redis.ConnectAsync();
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        // The staff console's statistics and conversation history are left out: the turn does not wait for them (one
        // script per counter update, one per saved turn and one for the turn's messages, sent beside the turn's commands).
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix(), o => (o.StatisticsEnabled, o.HistoryEnabled) = (false, false), services: s =>
            s.AddKeyedSingleton<IConnectionMultiplexer>(RedisHotelAgentBuilderExtensions.ConnectionServiceKey, multiplexer));
        var agent = host.Get<IHotelAgent>();
        var inbox = host.Get<IInbox>();
        var deduplicator = host.Get<IMessageDeduplicator>();

        // Warm-up turn: creates the consumer group and loads the scripts.
        await inbox.EnqueueAsync(RedisTestHost.Message("warm-up", "hola"), Token);
        var warm = await RedisInboxTestsReceive(inbox);
        await agent.HandleAsync(warm.Message, Token);
        await inbox.CompleteAsync(warm, Token);

        var conversation = "guest-" + Guid.NewGuid().ToString("N");
        var firstTurn = RedisTestHost.Message(conversation, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        var secondTurn = RedisTestHost.Message(conversation, "¿Cuánto cuesta?");

        var intake = await Measure(async () =>
        {
            await deduplicator.TryRegisterAsync(firstTurn.ChannelName, firstTurn.MessageId, TimeSpan.FromDays(7), Token);
            await inbox.EnqueueAsync(firstTurn, Token);
        });
        var delivery = await RedisInboxTestsReceive(inbox);
        var turn1 = await Measure(async () =>
        {
            await agent.HandleAsync(delivery.Message, Token);
            await inbox.CompleteAsync(delivery, Token);
        });
        await inbox.EnqueueAsync(secondTurn, Token);
        delivery = await RedisInboxTestsReceive(inbox);
        await server.ExecuteAsync("CONFIG", "RESETSTAT");
        var turn2 = await Measure(async () =>
        {
            await agent.HandleAsync(delivery.Message, Token);
            await inbox.CompleteAsync(delivery, Token);
        });
        var stats = (await server.ExecuteAsync("INFO", "commandstats")).ToString();

        output.WriteLine($"webhook intake (dedupe + enqueue): {string.Join(", ", intake)}");
        output.WriteLine($"turn on a new session (get, save, complete): {string.Join(", ", turn1)}");
        output.WriteLine($"turn on an existing session (get, save, complete): {string.Join(", ", turn2)}");
        output.WriteLine("server side, second turn (INFO commandstats, admin INFO/CONFIG included):");
        output.WriteLine(stats);

        intake.Should().Equal("SET", "XADD");
        turn1.Should().HaveCount(3).And.Subject.First().Should().Be("HMGET");
        turn2.Should().HaveCount(3);
        turn2[0].Should().Be("HMGET");
        turn2.Skip(1).Should().OnlyContain(c => c == "EVALSHA" || c == "EVAL");
        ServerCalls(stats, "hmget").Should().Be(1);
        (ServerCalls(stats, "evalsha") + ServerCalls(stats, "eval")).Should().Be(2);
    }

    private async Task<List<string>> Measure(Func<Task> action)
    {
        _profiling = new ProfilingSession();
        await action();
        var commands = _profiling.FinishProfiling().Select(c => c.Command).ToList();
        _profiling = null;
        return commands;
    }

    private static Task<InboxDelivery> RedisInboxTestsReceive(IInbox inbox) => Inbox.RedisInboxTests.ReceiveAsync(inbox);

    private static long ServerCalls(string stats, string command)
    {
        var line = stats.Split('\n').FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var calls = line.Split(':')[1].Split(',')[0].Split('=')[1];
        return long.Parse(calls, CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(nameof(RoundTripTests), DisableParallelization = true)]
public sealed class RoundTripCollection;
