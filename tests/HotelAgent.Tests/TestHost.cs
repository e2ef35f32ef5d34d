using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests;

/// <summary>
/// A service provider with the agent, the demo PMS on the sample catalogue and a fake clock at 2026-11-25 09:00 UTC.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public TestHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json");
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public ServiceProvider Provider { get; }

    public IHotelAgent Agent => Provider.GetRequiredService<IHotelAgent>();

    public IPmsAdapter Pms => Provider.GetRequiredService<IPmsAdapter>();

    public Task<AgentResponse> SayAsync(string conversationId, string text, string? language = null) =>
        Agent.HandleAsync(new InboundMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            ChannelName = ChannelNames.WebChat,
            ConversationId = conversationId,
            GuestId = conversationId,
            Text = text,
            Language = language,
            ReceivedAt = Clock.GetUtcNow(),
        });

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
