using HotelAgent.Abstractions;

namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// A price asked with dates is answered with the stay's total before anything else is asked; rooms compared are each
/// priced; and "how much?" once the stay is quoted repeats its total, not the list of nightly rates.
/// </summary>
public sealed class PriceQuestionsDialogueTests
{
    [Theory]
    [InlineData("es", "Buenas, ¿qué precio tendría una doble del 11 al 14 de diciembre?", "360,00", "personas")]
    [InlineData("en", "Hi, what's the rate for a twin room December 5 to December 8?", "345.00", "people")]
    [InlineData("pt", "Olá! Quanto custa a suite de 5 a 7 de março?", "420,00", "pessoas")]
    public async Task PriceWithDatesAndRoom_NoParty_TellsTheTotalThenAsksForThePeople(string language, string question, string total, string askWord)
    {
        await using var host = new TestHost();

        var response = await host.SayAsync($"price-{language}", question);

        var text = Text(response);
        text.Should().Contain(total, "a room costs the same whoever sleeps in it");
        text.IndexOf(total, StringComparison.Ordinal).Should().BeLessThan(text.LastIndexOf(askWord, StringComparison.Ordinal), "the price comes first, then the question");
        response.State.Should().Be(DialogueStates.CollectingBooking);
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task PriceWithDatesOnly_NoRoomNoParty_TellsEachRoomsTotal()
    {
        await using var host = new TestHost();

        var response = await host.SayAsync("price-all", "How much would it be from the 4th to the 7th of December?");

        Text(response).Should().Contain("360.00").And.Contain("495.00").And.Contain("630.00");
    }

    [Fact]
    public async Task TwoRoomsCompared_WithTheParty_EachIsPricedAndNoneChosen()
    {
        await using var host = new TestHost();

        var response = await host.SayAsync("compare", "Oi! Somos 2 adultos e 2 crianças (6 e 11 anos). Quanto fica o quarto família e quanto fica a suíte, de 8 a 10 de janeiro?");

        Text(response).Should().Contain("330,00").And.Contain("420,00");
        response.State.Should().Be(DialogueStates.CollectingBooking, "the guest compares; the choice is theirs");
    }

    [Fact]
    public async Task HowMuch_AfterTheQuote_RepeatsTheTotal()
    {
        await using var host = new TestHost();
        await host.SayAsync("again", "need a twin room 3/13 - 3/20 for me and my buddy");

        var response = await host.SayAsync("again", "ya just us 2. how much is that gonna be");

        Text(response).Should().Contain("805.00").And.NotContain("Price per night");
        response.State.Should().Be(DialogueStates.AwaitingGuestName);
    }

    [Theory]
    [InlineData("Oi, a gente vai conseguir chegar um dia antes, dia 9. Dá pra mudar?", "pt")]
    [InlineData("Hi, we can arrive a day earlier, on the 9th. Can you change it?", "en")]
    public async Task ChangeOfArrival_KeepsTheDeparture(string change, string language)
    {
        await using var host = new TestHost();
        var id = $"arrive-{language}";
        await host.SayAsync(id, "A double from 10 to 12 December for 2");
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync(id, "yes");

        var quote = await host.SayAsync(id, change);
        await host.SayAsync(id, language == "pt" ? "sim" : "yes");

        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        var changed = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        (changed!.CheckIn, changed.CheckOut).Should().Be((new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 12)), "arriving earlier lengthens the stay");
    }

    [Fact]
    public async Task QuestionWithTheBookingsCodeAndEmail_AnswersAndLooksTheBookingUp()
    {
        await using var host = new TestHost();
        await host.SayAsync("lookup-a", "Um quarto familiar de 29 a 31 de janeiro para 2 adultos e 2 crianças");
        await host.SayAsync("lookup-a", "Manuel Santos, manuel@mail.pt");
        var booked = await host.SayAsync("lookup-a", "sim");

        var response = await host.SayAsync("lookup-b", $"Boa tarde, tenho uma reserva com o código {booked.ReservationCode}, email manuel@mail.pt. Pode confirmar-me as datas e o valor? E no último dia até que horas temos de deixar o quarto?");

        Text(response).Should().Contain("11:00").And.Contain("330,00").And.Contain(booked.ReservationCode!);
        response.State.Should().NotBe(DialogueStates.CollectingBooking, "a booking named by its code is not a new booking");
    }

    private static string Text(AgentResponse response) => string.Join(" ", response.Replies.Select(r => r.Text));
}
