using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotelAgent.Sessions.Redis.Tests.DependencyInjection;

public sealed class RedisHotelAgentBuilderExtensionsTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddRedisSessionStore_Defaults_ReplacesTheFourSharedServices()
    {
        await using var host = new RedisTestHost("127.0.0.1:1", RedisTestHost.NewPrefix());

        host.Get<ISessionStore>().Should().BeOfType<RedisSessionStore>();
        host.Get<IMessageDeduplicator>().Should().BeOfType<RedisMessageDeduplicator>();
        host.Get<IInbox>().Should().BeOfType<RedisInbox>();
        host.Get<IHandoffStore>().Should().BeOfType<RedisHandoffStore>();
    }

    [Fact]
    public async Task AddRedisSessionStore_FeaturesTurnedOff_KeepsTheInMemoryOnes()
    {
        await using var host = new RedisTestHost("127.0.0.1:1", RedisTestHost.NewPrefix(), o =>
        {
            o.DeduplicationEnabled = false;
            o.InboxEnabled = false;
            o.HandoffStoreEnabled = false;
        });

        host.Get<ISessionStore>().Should().BeOfType<RedisSessionStore>();
        host.Get<IMessageDeduplicator>().GetType().Name.Should().Be("InMemoryMessageDeduplicator");
        host.Get<IInbox>().GetType().Name.Should().Be("InMemoryInbox");
        host.Get<IHandoffStore>().GetType().Name.Should().Be("InMemoryHandoffStore");
    }

    [Fact]
    public async Task AddRedisSessionStore_Defaults_MovesTheHostLocalStateToRedis()
    {
        await using var host = new RedisTestHost("127.0.0.1:1", RedisTestHost.NewPrefix());

        host.Get<IConversationStatisticsStore>().Should().BeOfType<RedisConversationStatisticsStore>();
        host.Get<IVerificationAttemptStore>().Should().BeOfType<RedisVerificationAttemptStore>();
        host.Get<IConversationWindowStore>().Should().BeOfType<RedisConversationWindowStore>();
        host.Get<IChannelDeadLetterStore>().Should().BeOfType<RedisChannelDeadLetterStore>();
        host.Get<IConversationThreadStore>().Should().BeOfType<RedisConversationThreadStore>();
    }

    [Fact]
    public async Task AddRedisSessionStore_StatisticsTurnedOff_KeepsTheInMemoryStatistics()
    {
        await using var host = new RedisTestHost("127.0.0.1:1", RedisTestHost.NewPrefix(), o => o.StatisticsEnabled = false);

        host.Get<IConversationStatisticsStore>().GetType().Name.Should().Be("InMemoryConversationStatisticsStore");
    }

    [Theory]
    [InlineData("hotel{7}:", "inbox")]
    [InlineData("hotel-7:", "in}box")]
    public async Task AddRedisSessionStore_BraceInPrefixOrStream_FailsValidation(string prefix, string stream)
    {
        await using var host = new RedisTestHost("127.0.0.1:1", prefix, o => o.Inbox.StreamName = stream);

        var act = () => host.Options;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("hash tag");
    }

    [Fact]
    public async Task AddRedisSessionStore_ConsoleStatistics_AreSharedByTwoHosts()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using var first = new RedisTestHost(redis.Require(), prefix);
        await using var second = new RedisTestHost(redis.Require(), prefix);
        var conversation = "guest-" + Guid.NewGuid().ToString("N");

        await first.Get<IHotelAgent>().HandleAsync(RedisTestHost.Message(conversation, "Hola, ¿a qué hora es el check-in?"), Token);
        await second.Get<IHotelAgent>().HandleAsync(RedisTestHost.Message(conversation, "Gracias"), Token);

        // The turn does not wait for the statistics: poll briefly for the second host's updates.
        var store = first.Get<IConversationStatisticsStore>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (await store.GetTotalAsync(ConversationCounter.Turns, Token) < 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20, Token);
        }

        (await store.GetTotalAsync(ConversationCounter.MessagesReceived, Token)).Should().Be(2);
        (await store.GetTotalAsync(ConversationCounter.Turns, Token)).Should().Be(2);
        var live = await second.Get<IConversationStatisticsStore>().GetActivityAsync(DateTimeOffset.UtcNow.AddMinutes(-5), 10, Token);
        live.Should().ContainSingle(c => c.ConversationId == conversation).Which.Turns.Should().Be(2);
    }

    [Fact]
    public async Task AddRedisSessionStore_CalledTwice_RegistersOnceAndKeepsLastConfiguration()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json")
            .AddRedisSessionStore(o => o.Configuration = "first:1")
            .AddRedisSessionStore(o => o.Configuration = "second:2");
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Count(r => r.Name == "redis").Should().Be(1);
        provider.GetRequiredService<ISessionStore>().Should().BeOfType<RedisSessionStore>();
        provider.GetRequiredService<IInbox>().Should().BeOfType<RedisInbox>();
        provider.GetRequiredService<IOptions<RedisSessionStoreOptions>>().Value.Configuration.Should().Be("second:2");
    }

    [Fact]
    public void AddRedisSessionStore_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddHotelAgent();

        FluentActions.Invoking(() => ((IHotelAgentBuilder)null!).AddRedisSessionStore(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddRedisSessionStore((Action<RedisSessionStoreOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddRedisSessionStore((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task AddRedisSessionStore_NoConfiguration_FailsOnStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json").AddRedisSessionStore(o => o.Inbox.MaxAttempts = 0);
        using var host = builder.Build();

        var start = () => host.StartAsync(Token);

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Message.Should().Contain("Configuration").And.Contain("MaxAttempts");
    }

    [Fact]
    public async Task AddRedisSessionStore_FromConfigurationSection_BindsNestedInboxOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "localhost:6379",
            ["Redis:KeyPrefix"] = "hotel-7:",
            ["Redis:SessionTimeToLive"] = "02:00:00",
            ["Redis:Inbox:ConsumerName"] = "pod-3",
            ["Redis:Inbox:ClaimIdleTime"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddHotelAgent().AddRedisSessionStore(configuration.GetSection("Redis"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RedisSessionStoreOptions>>().Value;

        options.KeyPrefix.Should().Be("hotel-7:");
        options.SessionTimeToLive.Should().Be(TimeSpan.FromHours(2));
        options.Inbox.ConsumerName.Should().Be("pod-3");
        options.Inbox.ClaimIdleTime.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RedisHealthCheck_ServerUp_IsHealthyAndTaggedReady()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());

        var report = await host.Get<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready") && r.Name == "redis", Token);

        report.Entries.Should().ContainKey("redis").WhoseValue.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task RedisHealthCheck_ServerDown_IsUnhealthyAndNeverLogsThePassword()
    {
        var port = RedisServerFixture.FreePort();
        await using var host = new RedisTestHost(
            $"127.0.0.1:{port},password=TopSecret-Pa55,connectTimeout=300,syncTimeout=300,asyncTimeout=300",
            RedisTestHost.NewPrefix(),
            services: s => s.AddFakeLogging(o => o.OutputSink = null));

        var report = await host.Get<HealthCheckService>().CheckHealthAsync(r => r.Name == "redis", Token);

        var entry = report.Entries["redis"];
        entry.Status.Should().Be(HealthStatus.Unhealthy);
        var logs = host.Provider.GetFakeLogCollector().GetSnapshot();
        logs.Should().Contain(l => l.Id.Id == 1500 || l.Id.Id == 1501);
        logs.Should().NotContain(l => l.Message.Contains("TopSecret", StringComparison.Ordinal) || (l.Exception != null && l.Exception.ToString().Contains("TopSecret", StringComparison.Ordinal)));
        (entry.Description + entry.Exception).Should().NotContain("TopSecret");
    }

    [Fact]
    public async Task Dispose_SynchronousAfterUse_ClosesTheConnection()
    {
        var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());
        await host.Get<ISessionStore>().GetAsync("c1", Token);
        var multiplexer = await host.MultiplexerAsync();

        host.Provider.Dispose();

        multiplexer.IsConnected.Should().BeFalse();
    }
}
