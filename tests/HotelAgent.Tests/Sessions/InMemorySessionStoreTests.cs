using HotelAgent.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Sessions;

public sealed class InMemorySessionStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private static ConversationSession NewSession(string id = "c1") => new() { ConversationId = id, ChannelName = "webchat", GuestId = id };

    [Fact]
    public async Task SaveAsync_NewSession_StoresVersionOne()
    {
        var store = new InMemorySessionStore(_clock);

        var result = await store.SaveAsync(NewSession(), Ttl);

        result.Should().Be(SessionSaveResult.Success(1));
        (await store.GetAsync("c1"))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_ReturnsConflictAndKeepsTheWinner()
    {
        var store = new InMemorySessionStore(_clock);
        await store.SaveAsync(NewSession(), Ttl);
        var read = (await store.GetAsync("c1"))!;
        await store.SaveAsync(read with { State = DialogueStates.Booked }, Ttl);

        var result = await store.SaveAsync(read with { State = DialogueStates.CollectingBooking }, Ttl);

        result.Should().Be(SessionSaveResult.Conflict(2));
        (await store.GetAsync("c1"))!.State.Should().Be(DialogueStates.Booked);
    }

    [Fact]
    public async Task SaveAsync_TwoNewSessionsAtOnce_OnlyOneWins()
    {
        var store = new InMemorySessionStore(_clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.SaveAsync(NewSession(), Ttl).AsTask())));

        results.Count(r => r.Saved).Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_AfterTheTimeToLive_ReturnsNull()
    {
        var store = new InMemorySessionStore(_clock);
        await store.SaveAsync(NewSession(), Ttl);

        _clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        (await store.GetAsync("c1")).Should().NotBeNull();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await store.GetAsync("c1")).Should().BeNull();
    }

    [Fact]
    public async Task SaveAsync_SlidesTheTimeToLive()
    {
        var store = new InMemorySessionStore(_clock);
        await store.SaveAsync(NewSession(), Ttl);
        _clock.Advance(TimeSpan.FromMinutes(50));
        await store.SaveAsync((await store.GetAsync("c1"))!, Ttl);

        _clock.Advance(TimeSpan.FromMinutes(50));

        (await store.GetAsync("c1")).Should().NotBeNull();
    }

    [Fact]
    public async Task RemoveExpired_DropsOnlyExpiredSessions()
    {
        var store = new InMemorySessionStore(_clock);
        await store.SaveAsync(NewSession("old"), TimeSpan.FromMinutes(5));
        await store.SaveAsync(NewSession("new"), Ttl);
        _clock.Advance(TimeSpan.FromMinutes(10));

        store.RemoveExpired().Should().Be(1);
        store.Count.Should().Be(1);
    }

    [Fact]
    public async Task DeleteAsync_ExistingSession_RemovesIt()
    {
        var store = new InMemorySessionStore(_clock);
        await store.SaveAsync(NewSession(), Ttl);

        (await store.DeleteAsync("c1")).Should().BeTrue();
        (await store.GetAsync("c1")).Should().BeNull();
    }
}
