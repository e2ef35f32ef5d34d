// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IChannelDeadLetterStore"/> must show: dead letters read back whole (attempts, the
/// channel's properties and the message's media included, a QR code described by its text still making the same PNG),
/// oldest first,
/// from any store of the backend; the same id replaces; channels do not mix; a removal returns the dead letter once,
/// even when two stores remove it at the same time. Derive a test class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class ChannelDeadLetterStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IChannelDeadLetterStore>
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Initializes a new instance of the <see cref="ChannelDeadLetterStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected ChannelDeadLetterStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Dead letters read back whole, oldest first, from another store; <c>take</c> limits the list.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ListAsync_AfterAddsFromAnotherStore_ReturnsThemWholeOldestFirst()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var channel = NewChannel();
        var letters = Enumerable.Range(0, 3).Select(i => Letter(channel, $"wamid.{i}", At.AddSeconds(i))).ToList();

        foreach (var letter in letters)
        {
            await first.AddAsync(letter, Token);
        }

        var listed = await second.ListAsync(channel, 100, Token);
        var two = await second.ListAsync(channel, 2, Token);

        Assert.Equal(3, listed.Count);
        for (var i = 0; i < 3; i++)
        {
            AssertSame(letters[i], listed[i]);
        }

        Assert.Equal(["wamid.0", "wamid.1"], two.Select(l => l.Id));
    }

    /// <summary>Adding the same id again replaces the dead letter, still one.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AddAsync_SameId_Replaces()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var channel = NewChannel();
        await store.AddAsync(Letter(channel, "wamid.1", At), Token);

        await store.AddAsync(Letter(channel, "wamid.1", At.AddMinutes(1)) with { Reason = "Failed again" }, Token);

        var letter = Assert.Single(await store.ListAsync(channel, 100, Token));
        Assert.Equal("Failed again", letter.Reason);
        Assert.Equal(At.AddMinutes(1), letter.FailedAt);
    }

    /// <summary>Two channels' dead letters do not mix, even with the same id.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ListAsync_OtherChannel_DoesNotSeeThem()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var (channel, other) = (NewChannel(), NewChannel());

        await store.AddAsync(Letter(channel, "wamid.1", At), Token);

        Assert.Empty(await store.ListAsync(other, 100, Token));
        Assert.Null(await store.TryRemoveAsync(other, "wamid.1", Token));
        Assert.Single(await store.ListAsync(channel, 100, Token));
    }

    /// <summary>Of two stores removing one dead letter at once, exactly one gets it, and it is gone.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task TryRemoveAsync_ConcurrentFromTwoStores_OneGetsIt()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var channel = NewChannel();
        var letter = Letter(channel, "wamid.1", At);
        await first.AddAsync(letter, Token);

        var removed = await Task.WhenAll(first.TryRemoveAsync(channel, letter.Id, Token).AsTask(), second.TryRemoveAsync(channel, letter.Id, Token).AsTask());

        AssertSame(letter, Assert.Single(removed, r => r is not null)!);
        Assert.Empty(await first.ListAsync(channel, 100, Token));
        Assert.Null(await second.TryRemoveAsync(channel, letter.Id, Token));
    }

    private static string NewChannel() => "channel-" + Guid.NewGuid().ToString("N")[..12];

    private static ChannelDeadLetter Letter(string channel, string id, DateTimeOffset at) => new(
        channel,
        id,
        "106540352242922",
        "34600111222",
        new OutboundMessage
        {
            Text = "Su reserva está confirmada: llegada el 10 de diciembre.",
            QuickReplies = [new QuickReply("Sí", "yes"), new QuickReply("No", "no")],
            Location = new GeoLocation(40.4168, -3.7038, "Hotel", "Calle Mayor 1"),
            Media =
            [
                new OutboundMedia { Kind = MediaKind.Image, Url = new Uri("https://hotel.example/rooms/double.png"), Caption = "Habitación doble" },
                new OutboundMedia { Kind = MediaKind.Image, QrCodeText = "HA-7K3QX9", ContentType = "image/png", FileName = "booking-HA-7K3QX9.png", Caption = "Código: HA-7K3QX9" },
                new OutboundMedia { Kind = MediaKind.Document, Content = "%PDF-1.4\n"u8.ToArray(), ContentType = "application/pdf", FileName = "tarifas.pdf" },
            ],
        },
        131047,
        "Re-engagement message",
        IsTransient: false,
        at)
    {
        Attempts = 2,
        Properties = new Dictionary<string, string> { ["subject"] = "Re: Reserva", ["references"] = "<a@hotel.example> <b@guest.example>" },
    };

    private static void AssertSame(ChannelDeadLetter expected, ChannelDeadLetter actual)
    {
        Assert.Equal(expected with { Message = actual.Message, Properties = actual.Properties }, actual);
        Assert.Equal(expected.Properties.OrderBy(p => p.Key), actual.Properties.OrderBy(p => p.Key));
        Assert.Equal(expected.Message.Text, actual.Message.Text);
        Assert.Equal(expected.Message.QuickReplies, actual.Message.QuickReplies);
        Assert.Equal(expected.Message.Location, actual.Message.Location);
        Assert.Equal(expected.Message.Media.Count, actual.Message.Media.Count);
        foreach (var (sent, kept) in expected.Message.Media.Zip(actual.Message.Media))
        {
            // A media described by its QR code's text keeps the text, and makes the same bytes when it is sent again.
            Assert.Equal((sent.Kind, sent.Url, sent.QrCodeText, sent.ContentType, sent.FileName, sent.Caption), (kept.Kind, kept.Url, kept.QrCodeText, kept.ContentType, kept.FileName, kept.Caption));
            Assert.Equal(sent.Content.ToArray(), kept.Content.ToArray());
            Assert.Equal(sent.GetContent().ToArray(), kept.GetContent().ToArray());
        }
    }
}
