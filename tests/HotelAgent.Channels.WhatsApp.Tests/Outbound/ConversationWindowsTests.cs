using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.Outbound;

public sealed class ConversationWindowsTests
{
    private const string Number = WhatsAppTestHost.PhoneNumberId;

    [Fact]
    public void Touch_GuestsSilentForThirtyDays_AreForgottenAsOthersWrite()
    {
        var clock = new FakeTimeProvider(WhatsAppTestHost.Now);
        var windows = new ConversationWindows(clock);
        for (var i = 0; i < 100; i++)
        {
            windows.Touch(Number, $"silent-{i}");
        }

        windows.Touch(Number, "regular");
        windows.MarkTemplateSent(Number, "never-wrote");
        clock.Advance(TimeSpan.FromDays(20));
        windows.Touch(Number, "regular");
        clock.Advance(TimeSpan.FromDays(11));

        // Each touch forgets a bounded number of silent guests; two are enough for these.
        windows.Touch(Number, "new-1");
        windows.Count.Should().Be(103 - ConversationWindows.MaxRemovalsPerCall);
        windows.Touch(Number, "new-2");

        windows.Count.Should().Be(3, "'regular' wrote 11 days ago, 'new-1' and 'new-2' just now");
        windows.GetStatus(Number, "silent-0").Should().Be(WindowStatus.Unknown);
        windows.GetStatus(Number, "never-wrote").Should().Be(WindowStatus.Unknown);
        windows.GetStatus(Number, "regular").Should().Be(WindowStatus.Closed);
        windows.GetStatus(Number, "new-2").Should().Be(WindowStatus.Open);
    }

    [Fact]
    public void Touch_GuestWritingAgainWithinTheHour_IsForgottenWithinAnHourAfterThirtyDaysFromTheLastMessage()
    {
        var clock = new FakeTimeProvider(WhatsAppTestHost.Now);
        var windows = new ConversationWindows(clock);
        windows.Touch(Number, "chatty");
        clock.Advance(TimeSpan.FromMinutes(30));
        windows.Touch(Number, "chatty");

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(20));
        windows.Touch(Number, "other");
        windows.GetStatus(Number, "chatty").Should().Be(WindowStatus.Closed, "30 days after the first message but not after the last: still known");

        clock.Advance(TimeSpan.FromMinutes(51));
        windows.Touch(Number, "other");
        windows.GetStatus(Number, "chatty").Should().Be(WindowStatus.Unknown, "30 days and 31 minutes after the last message");
        windows.Count.Should().Be(1);
    }

    [Fact]
    public void MarkClosed_KnownGuest_KeepsTheWindowStateUntilTheGuestWritesAgain()
    {
        var clock = new FakeTimeProvider(WhatsAppTestHost.Now);
        var windows = new ConversationWindows(clock);
        windows.Touch(Number, "guest");

        windows.MarkClosed(Number, "guest");
        windows.GetStatus(Number, "guest").Should().Be(WindowStatus.Closed);
        windows.MarkTemplateSent(Number, "guest");
        windows.GetStatus(Number, "guest").Should().Be(WindowStatus.ClosedTemplateSent);

        windows.Touch(Number, "guest");
        windows.GetStatus(Number, "guest").Should().Be(WindowStatus.Open);
    }
}
