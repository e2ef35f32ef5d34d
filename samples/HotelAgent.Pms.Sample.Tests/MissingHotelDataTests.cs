using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HotelAgent.Pms.Sample.Tests;

/// <summary>
/// The sample PMS gives no reception hours and no cancellation policy: the agent says neither "open 24 hours" nor a
/// sentence with a gap where the policy would be.
/// </summary>
public sealed class MissingHotelDataTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _provider;

    public MissingHotelDataTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddHotelAgent().AddSamplePms();
        _provider = services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("¿A qué hora es el check-in? ¿La recepción está abierta de noche?", "es")]
    [InlineData("What time is check-in, and is reception open at night?", "en")]
    public async Task ReceptionHours_PmsGivesNone_AnswersWithTheFrontDeskContactNotAroundTheClock(string question, string language)
    {
        var reply = await SayAsync("hours-" + language, question, language);

        Assert.Contains("+34 900 000 000", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("24", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationQuote_PmsGivesNoPolicy_LeavesNoGapInTheSentence()
    {
        var pms = _provider.GetRequiredService<IPmsAdapter>();
        var stay = new StayRequest { CheckIn = new DateOnly(2026, 12, 10), CheckOut = new DateOnly(2026, 12, 12), Adults = 2, RoomType = "double" };
        var booked = await pms.CreateReservationAsync(
            new CreateReservationRequest { Stay = stay, Guest = new GuestDetails("Ana García", "ana@example.com") }, "key-1", TestContext.Current.CancellationToken);
        Assert.True(booked.Succeeded);

        await SayAsync("cancel", $"Quiero cancelar la reserva {booked.Reservation!.Code}", "es");
        var quote = await SayAsync("cancel", "ana@example.com", "es");

        Assert.Contains($"Reserva {booked.Reservation.Code}: Doble", quote, StringComparison.Ordinal);
        Assert.Contains(". ¿Confirma que quiere cancelarla?", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", quote, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private async Task<string> SayAsync(string conversation, string text, string language)
    {
        var response = await _provider.GetRequiredService<IHotelAgent>().HandleAsync(new InboundMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            ChannelName = ChannelNames.WebChat,
            ConversationId = conversation,
            GuestId = conversation,
            Text = text,
            Language = language,
            ReceivedAt = Now,
        });
        return string.Join(" ", response.Replies.Select(r => r.Text));
    }
}
