using HotelAgent.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent.Channels.WhatsApp.Tests.Health;

public sealed class WhatsAppHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_NoDeadLetters_IsHealthy()
    {
        var check = new WhatsAppHealthCheck(new InMemoryWhatsAppDeadLetterStore());

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task CheckHealthAsync_UndeliveredReplies_IsDegradedWithTheirCount()
    {
        var store = new InMemoryWhatsAppDeadLetterStore();
        await store.AddAsync(new WhatsAppDeadLetter("d1", "106540352242922", "34600000000", new OutboundMessage { Text = "hola" }, 131047, "re-engagement", false, DateTimeOffset.UnixEpoch));
        await store.AddAsync(new WhatsAppDeadLetter("d2", "106540352242922", "34600000001", new OutboundMessage { Text = "hola" }, 130429, "rate", true, DateTimeOffset.UnixEpoch));

        var result = await new WhatsAppHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().StartWith("2 WhatsApp replies");
    }

    [Fact]
    public async Task CheckHealthAsync_SharedStoreUnavailable_IsDegradedNotFailed()
    {
        var store = new SharedWhatsAppDeadLetterStore(new UnavailableStore());

        var result = await new WhatsAppHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain("cannot be read").And.Contain("Redis is unavailable");
    }

    /// <summary>A shared dead-letter store whose backend is down, as the Redis one reports it.</summary>
    private sealed class UnavailableStore : IChannelDeadLetterStore
    {
        public ValueTask AddAsync(ChannelDeadLetter deadLetter, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<IReadOnlyList<ChannelDeadLetter>> ListAsync(string channelName, int take = 100, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<ChannelDeadLetter?> TryRemoveAsync(string channelName, string id, CancellationToken cancellationToken = default) => throw Down();

        private static HotelAgentException Down() => new("Redis is unavailable; try again later.") { IsTransient = true };
    }
}
