using HotelAgent.Abstractions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Handoff;

public sealed class StaffNotificationServiceTests
{
    // 2026-11-25 09:00 UTC is 10:00 in Madrid (the demo hotel's reception is open 07:00-23:00).
    private static readonly DateTimeOffset AfterClosing = new(2026, 11, 25, 22, 30, 0, TimeSpan.Zero); // 23:30 in Madrid

    [Fact]
    public async Task Complaint_OpenedTicket_NotifiesEachNotifierOnceWithoutTheGuestsIdentity()
    {
        var (host, recorder, service) = Create();
        await using var _ = host;
        await host.SayAsync("34600111222", "Quiero poner una queja: la habitación está sucia");
        await host.SayAsync("34600111222", "¿Hay alguien?");

        await service.ScanAsync(CancellationToken.None);
        await service.ScanAsync(CancellationToken.None);

        var notification = recorder.Sent.Should().ContainSingle().Subject;
        notification.Kind.Should().Be(StaffNotificationKind.Opened);
        notification.Reason.Should().Be(HandoffReason.Complaint);
        notification.Priority.Should().Be(HandoffPriority.Normal);
        notification.Excerpt.Should().Contain("la habitación está sucia");
        notification.Title.Should().StartWith("Queja de un huésped");
        notification.Text.Should().NotContain("34600111222").And.Contain("Ticket: " + notification.TicketId).And.Contain("Canal: webchat");
    }

    [Fact]
    public async Task Ticket_WaitingWithoutStaff_GetsOneReminderPerIntervalUpToTheMaximum()
    {
        var (host, recorder, service) = Create(o => { o.ReminderAfter = TimeSpan.FromMinutes(15); o.MaxReminders = 2; });
        await using var _ = host;
        await host.SayAsync("c1", "Quiero hablar con una persona");
        await service.ScanAsync(CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        await service.ScanAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.ScanAsync(CancellationToken.None);
        await service.ScanAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        await service.ScanAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(45));
        await service.ScanAsync(CancellationToken.None);

        recorder.Sent.Select(n => (n.Kind, n.Reminder)).Should().Equal(
            (StaffNotificationKind.Opened, 0), (StaffNotificationKind.Reminder, 1), (StaffNotificationKind.Reminder, 2));
        recorder.Sent[1].Title.Should().Contain("Recordatorio 1").And.Contain("15 min");
    }

    [Fact]
    public async Task TakenTicket_GetsNoReminder()
    {
        var (host, recorder, service) = Create();
        await using var _ = host;
        await host.SayAsync("c1", "Quiero hablar con una persona");
        await service.ScanAsync(CancellationToken.None);
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();
        await desk.TakeAsync((await desk.ListAsync()).Single().Id, "Marta");

        host.Clock.Advance(TimeSpan.FromHours(1));
        await service.ScanAsync(CancellationToken.None);

        recorder.Sent.Should().ContainSingle().Which.Kind.Should().Be(StaffNotificationKind.Opened);
    }

    [Fact]
    public async Task AfterHours_NormalTicketWaitsForReception_UrgentOneIsNotifiedAtOnce()
    {
        var (host, recorder, service) = Create();
        await using var _ = host;
        host.Clock.SetUtcNow(AfterClosing);

        var normal = await host.SayAsync("c1", "Quiero hablar con una persona");
        var urgent = await host.SayAsync("c2", "URGENTE: hay una fuga de agua en el baño");
        await service.ScanAsync(CancellationToken.None);

        normal.Replies.Single().Text.Should().Contain("una persona le responderá mañana a partir de las 07:00");
        var tickets = await host.Provider.GetRequiredService<IHandoffDesk>().ListAsync();
        tickets.Should().HaveCount(2);
        tickets.Single(t => t.ConversationId == "c2").Priority.Should().Be(HandoffPriority.Urgent);
        var first = recorder.Sent.Should().ContainSingle().Subject;
        first.Priority.Should().Be(HandoffPriority.Urgent);
        first.Title.Should().StartWith("URGENTE:");

        // 07:00 in Madrid: the waiting ticket is notified, and its wait counts from the opening, so no reminder yet.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
        await service.ScanAsync(CancellationToken.None);

        var normalTicket = tickets.Single(t => t.ConversationId == "c1").Id;
        recorder.Sent.Where(n => n.TicketId == normalTicket).Should().ContainSingle()
            .Which.Should().Match<StaffNotification>(n => n.Kind == StaffNotificationKind.Opened && n.Priority == HandoffPriority.Normal);

        // The urgent ticket has waited all night without staff: reminded (once, as the latest reminder due).
        recorder.Sent.Where(n => n.TicketId != normalTicket).Select(n => n.Kind).Should().Equal(StaffNotificationKind.Opened, StaffNotificationKind.Reminder);
    }

    [Fact]
    public async Task BeforeOpening_GuestHearsTodayAsTheDayAPersonAnswers()
    {
        var (host, _, _) = Create();
        await using var __ = host;
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero)); // 05:00 in Madrid

        var reply = await host.SayAsync("c1", "I want to speak to a person", "en");

        reply.Replies.Single().Text.Should().Contain("a person will answer you today from 07:00");
    }

    [Fact]
    public async Task UrgentMessage_WhileStaffHandleTheConversation_EscalatesTheTicket()
    {
        var (host, recorder, service) = Create();
        await using var _ = host;
        await host.SayAsync("c1", "Quiero hablar con una persona");
        await service.ScanAsync(CancellationToken.None);

        await host.SayAsync("c1", "Por favor, es urgente!!");
        await service.ScanAsync(CancellationToken.None);
        await service.ScanAsync(CancellationToken.None);

        (await host.Provider.GetRequiredService<IHandoffDesk>().ListAsync()).Single().Priority.Should().Be(HandoffPriority.Urgent);
        recorder.Sent.Select(n => n.Kind).Should().Equal(StaffNotificationKind.Opened, StaffNotificationKind.Escalated);
        recorder.Sent[1].Excerpt.Should().Be("Por favor, es urgente!!");
    }

    [Fact]
    public async Task FailingNotifier_IsTriedAgainAlone_OnTheNextScan()
    {
        var flaky = new RecordingNotifier("flaky") { FailuresLeft = 1 };
        var (host, steady, service) = Create(services: s => s.AddSingleton<IStaffNotifier>(flaky));
        await using var _ = host;
        await host.SayAsync("c1", "Quiero hablar con una persona");

        await service.ScanAsync(CancellationToken.None);
        await service.ScanAsync(CancellationToken.None);
        await service.ScanAsync(CancellationToken.None);

        steady.Sent.Should().ContainSingle();
        flaky.Attempts.Should().Be(2);
        flaky.Sent.Should().ContainSingle().Which.Id.Should().Be(steady.Sent[0].Id);
    }

    [Fact]
    public async Task Redaction_GuestDataRedactor_AppliesToExcerptAndReservationCode()
    {
        var (host, recorder, service) = Create(services: s => s.AddSingleton<IRedactorProvider, StarRedactorProvider>());
        await using var _ = host;
        await host.SayAsync("c1", "Quiero poner una queja, mi nombre es Ana Pérez");

        await service.ScanAsync(CancellationToken.None);

        var notification = recorder.Sent.Should().ContainSingle().Subject;
        notification.Excerpt.Should().MatchRegex("^\\*+$");
        notification.Text.Should().NotContain("Ana Pérez");
    }

    [Fact]
    public async Task ExcerptLengthZero_SendsNoGuestWords()
    {
        var (host, recorder, service) = Create(o => o.ExcerptLength = 0);
        await using var _ = host;
        await host.SayAsync("c1", "Quiero poner una queja, mi nombre es Ana Pérez");

        await service.ScanAsync(CancellationToken.None);

        recorder.Sent.Single().Excerpt.Should().BeNull();
        recorder.Sent.Single().Text.Should().NotContain("Ana");
    }

    [Fact]
    public async Task HostedService_NotifiesANewTicketWithoutWaitingForTheScan()
    {
        var (host, recorder, service) = Create(o => o.ScanInterval = TimeSpan.FromHours(1));
        await using var _ = host;
        await service.StartAsync(CancellationToken.None);
        try
        {
            await host.SayAsync("c1", "Quiero hablar con una persona");

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (recorder.Sent.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            recorder.Sent.Should().ContainSingle().Which.Kind.Should().Be(StaffNotificationKind.Opened);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("URGENTE", true)]
    [InlineData("es urgente, por favor", true)]
    [InlineData("Urgent! the door won't open", true)]
    [InlineData("emergência no quarto", true)]
    [InlineData("Necesito una habitación", false)]
    [InlineData("insurgente", false)]
    public void IsUrgent_RecognisesTheWordInAnyCaseAndAccent(string text, bool expected) =>
        UrgentMessages.IsUrgent(text).Should().Be(expected);

    private static (TestHost Host, RecordingNotifier Recorder, StaffNotificationService Service) Create(
        Action<StaffNotificationOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var recorder = new RecordingNotifier("recorder");
        var host = new TestHost(s =>
        {
            s.TryAddEnumerable(ServiceDescriptor.Singleton<IStaffNotifier>(recorder));
            s.AddHotelAgent().AddStaffNotifications(o => configure?.Invoke(o));
            services?.Invoke(s);
        });
        return (host, recorder, host.Provider.GetRequiredService<StaffNotificationService>());
    }

    private sealed class RecordingNotifier(string name) : IStaffNotifier
    {
        private readonly List<StaffNotification> _sent = [];

        public string Name => name;

        public int FailuresLeft { get; set; }

        public int Attempts { get; private set; }

        public IReadOnlyList<StaffNotification> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public Task NotifyAsync(StaffNotification notification, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new HotelAgentException("down") { IsTransient = true };
            }

            lock (_sent)
            {
                _sent.Add(notification);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class StarRedactorProvider : IRedactorProvider
    {
        public Redactor GetRedactor(DataClassificationSet classifications) => new StarRedactor();
    }

    private sealed class StarRedactor : Redactor
    {
        public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

        public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
        {
            destination[..source.Length].Fill('*');
            return source.Length;
        }
    }
}
