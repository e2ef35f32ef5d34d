using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis.Tests;

/// <summary>
/// A service provider with the agent, the demo PMS and the Redis backing under a key prefix of its own, as one host.
/// </summary>
internal sealed class RedisTestHost : IAsyncDisposable
{
    public RedisTestHost(string configuration, string keyPrefix, Action<RedisSessionStoreOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json").AddRedisSessionStore(o =>
        {
            o.Configuration = configuration;
            o.KeyPrefix = keyPrefix;
            o.Inbox.PollInterval = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        services?.Invoke(collection);
        Provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ServiceProvider Provider { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public RedisSessionStoreOptions Options => Get<IOptions<RedisSessionStoreOptions>>().Value;

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + ":";

    public async Task<IConnectionMultiplexer> MultiplexerAsync() => await Get<RedisConnection>().GetMultiplexerAsync();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    public static InboundMessage Message(string conversationId, string text, string? messageId = null) => new()
    {
        MessageId = messageId ?? Guid.NewGuid().ToString("N"),
        ChannelName = ChannelNames.WebChat,
        ConversationId = conversationId,
        GuestId = conversationId,
        Text = text,
        ReceivedAt = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
    };
}
