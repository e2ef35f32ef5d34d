using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// The staff console's dead-letter panel in headless Chromium: every queue's dead letters are listed, and the buttons
/// call the replay and discard endpoints.
/// </summary>
public sealed class DeadLetterConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task StaffConsole_DeadLetters_ListedReplayedAndDiscarded()
    {
        fixture.RequireBrowser();
        var queue = new RecordingQueue(
            Letter("dl-1", "whatsapp:109:34600000001", "voice note", "VoiceNoteTranscriptionException: the service is down"),
            Letter("dl-2", "whatsapp:109:34600000002", "text", "PmsUnavailableException: PMS down"));
        await using var server = new SampleServer(services => services.AddSingleton<IDeadLetterQueue>(queue));
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var staff = await context.NewPageAsync();
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Admin API key").FillAsync(SampleServer.AdminKey);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();

        var voiceNote = staff.Locator("#dead-letters tr", new() { HasText = "34600000001" });
        var text = staff.Locator("#dead-letters tr", new() { HasText = "34600000002" });
        await voiceNote.WaitForAsync();
        (await voiceNote.InnerTextAsync()).Should().Contain("voice note").And.Contain("the service is down").And.Contain("test-queue");
        (await staff.Locator("#dead-letters tr").CountAsync()).Should().Be(2);

        await voiceNote.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await voiceNote.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await text.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await text.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        queue.Replayed.Should().Equal("dl-1");
        queue.Discarded.Should().Equal("dl-2");
        await staff.Locator("#dead-letters-empty").WaitForAsync();
        await context.CloseAsync();
    }

    private static DeadLetterInfo Letter(string id, string conversation, string content, string reason) => new()
    {
        Queue = RecordingQueue.QueueName,
        Id = id,
        Direction = "inbound",
        ChannelName = "whatsapp:109",
        ConversationId = conversation,
        Content = content,
        Reason = reason,
        Attempts = 5,
        FailedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A dead-letter queue holding the letters it is given, recording what staff do with them.</summary>
    private sealed class RecordingQueue(params DeadLetterInfo[] letters) : IDeadLetterQueue
    {
        public const string QueueName = "test-queue";

        private readonly List<DeadLetterInfo> _letters = [.. letters];

        public List<string> Replayed { get; } = [];

        public List<string> Discarded { get; } = [];

        public string Name => QueueName;

        public ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
        {
            lock (_letters)
            {
                return ValueTask.FromResult<IReadOnlyList<DeadLetterInfo>>([.. _letters.Take(take)]);
            }
        }

        public ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Take(id, Replayed));

        public ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Take(id, Discarded));

        private bool Take(string id, List<string> into)
        {
            lock (_letters)
            {
                if (_letters.RemoveAll(l => l.Id == id) == 0)
                {
                    return false;
                }

                into.Add(id);
                return true;
            }
        }
    }
}
