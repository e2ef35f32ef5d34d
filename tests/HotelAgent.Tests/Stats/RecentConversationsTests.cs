using HotelAgent.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Stats;

public sealed class RecentConversationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static ConversationActivity Session(int i, TimeProvider clock) =>
        new($"web:{i}", "web", DialogueStates.Idle, "es", clock.GetUtcNow(), 1, HandedOff: false);

    [Fact]
    public void Record_OverTheLimit_DropsTheLeastRecentInOnePassAndKeepsTheLatest()
    {
        var clock = new FakeTimeProvider(Now);
        var recent = new RecentConversations(clock);
        for (var i = 0; i < RecentConversations.MaxEntries; i++)
        {
            recent.Record(Session(i, clock));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        // Conversation 0 writes again: it is now the most recent.
        recent.Record(Session(0, clock));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        recent.Count.Should().Be(RecentConversations.MaxEntries);

        recent.Record(Session(RecentConversations.MaxEntries, clock));

        recent.Count.Should().Be(RecentConversations.TrimTo);
        var kept = recent.Since(clock.GetUtcNow() - TimeSpan.FromDays(1)).Select(c => c.ConversationId).ToList();
        kept[0].Should().Be($"web:{RecentConversations.MaxEntries}");
        kept[1].Should().Be("web:0");
        kept.Should().NotContain("web:1").And.NotContain($"web:{RecentConversations.MaxEntries - RecentConversations.TrimTo}");
        kept.Should().Contain($"web:{RecentConversations.MaxEntries - RecentConversations.TrimTo + 2}");
    }

    [Fact]
    public void Record_JustOverTheLimit_DoesNotSortOnEveryTurn()
    {
        var clock = new FakeTimeProvider(Now);
        var recent = new RecentConversations(clock);
        for (var i = 0; i <= RecentConversations.MaxEntries; i++)
        {
            recent.Record(Session(i, clock));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        // After one trim there is room for a tenth of the limit before the next one.
        for (var i = 0; i < RecentConversations.MaxEntries - RecentConversations.TrimTo; i++)
        {
            recent.Record(Session(100_000 + i, clock));
        }

        recent.Count.Should().Be(RecentConversations.MaxEntries);
    }
}
