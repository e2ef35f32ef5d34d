using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email.Tests.SharedState;

public sealed class SharedEmailDeadLetterStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EmailDeadLetter Letter(string id) => new()
    {
        Id = id,
        GuestId = "ana@guest.test",
        Subject = "Re: Reserva de diciembre",
        Text = "Su reserva está confirmada: llegada el 10 de diciembre.",
        InReplyTo = "<mail-2@guest.test>",
        References = ["<mail-1@guest.test>", "<mail-2@guest.test>"],
        AnswersMessageId = "<mail-2@guest.test>",
        MailboxUid = "1700000000:42",
        Reason = "SMTP 421 service not available",
        IsTransient = true,
        Attempts = 3,
        FailedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task AddAsync_ThenListAndRemove_ReadsTheLetterBackWhole()
    {
        var shared = new InMemoryChannelDeadLetterStore();
        var store = new SharedEmailDeadLetterStore(shared);
        var letter = Letter("<reply-1@hotel.test>");
        var bare = Letter("<reply-2@hotel.test>") with { InReplyTo = null, References = [], AnswersMessageId = null, MailboxUid = null, IsTransient = false, Attempts = 1 };

        await store.AddAsync(letter, Token);
        await store.AddAsync(bare, Token);

        (await store.ListAsync(100, Token)).Should().BeEquivalentTo([letter, bare], o => o.WithStrictOrdering());
        var channelLetter = (await shared.ListAsync(ChannelNames.Email, 100, Token))[0];
        channelLetter.Recipient.Should().Be("ana@guest.test");
        channelLetter.Attempts.Should().Be(3);
        (await store.TryRemoveAsync(letter.Id, Token)).Should().BeEquivalentTo(letter);
        (await store.TryRemoveAsync(letter.Id, Token)).Should().BeNull();
        (await store.ListAsync(100, Token)).Should().ContainSingle().Which.Should().BeEquivalentTo(bare);
    }

    [Fact]
    public async Task AddAsync_WhatsAppLetterInTheSameStore_IsNotListedAsEmail()
    {
        var shared = new InMemoryChannelDeadLetterStore();
        var store = new SharedEmailDeadLetterStore(shared);
        await shared.AddAsync(new ChannelDeadLetter(ChannelNames.WhatsApp, "wamid.1", "1065", "34600111222", new OutboundMessage { Text = "Hola" }, 131047, "Re-engagement message", false, DateTimeOffset.UnixEpoch), Token);

        (await store.ListAsync(100, Token)).Should().BeEmpty();
        (await store.TryRemoveAsync("wamid.1", Token)).Should().BeNull();
    }
}
