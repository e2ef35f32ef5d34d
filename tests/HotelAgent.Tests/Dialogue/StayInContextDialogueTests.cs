using HotelAgent.Abstractions;

namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// What the guest says read against the stay being discussed, in Spanish, English and Portuguese: a day of the stay
/// named in a hotel question does not move it, a child brought along joins the adults (in a booking and in a change of
/// one), a couple named in passing does not drop the children, and a bare day said while changing a booking is read
/// near that booking's dates, not near today.
/// </summary>
public sealed class StayInContextDialogueTests
{
    [Theory]
    [InlineData("es", "Una suite del viernes 27 al domingo 29 de noviembre para 2", "¿A qué hora hay que entregar la habitación el domingo?")]
    [InlineData("en", "A suite from Friday 27 to Sunday 29 November for 2", "What time do we have to check out on Sunday?")]
    [InlineData("pt", "Uma suíte de sexta 27 a domingo 29 de novembro para 2", "A que horas temos de deixar o quarto no domingo?")]
    public async Task QuestionNamingADayOfTheStay_KeepsTheStay(string language, string booking, string question)
    {
        await using var host = new TestHost();
        var id = $"day-of-stay-{language}";
        await host.SayAsync(id, booking);

        var asked = await host.SayAsync(id, question);
        var confirm = await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");

        Text(asked).Should().Contain("11:00", "the check-out question is answered");
        Text(confirm).Should().Contain("420", "two nights in the suite, the stay unchanged");
        confirm.State.Should().Be(DialogueStates.AwaitingConfirmation);
    }

    [Theory]
    [InlineData("es", "Hola, tengo una reserva y al final vamos con el nene, que tiene 2 años. ¿Se puede agregar?", "sí")]
    [InlineData("en", "Hi, I have a booking and we're bringing our little boy after all, he's 2. Can he be added?", "yes")]
    [InlineData("pt", "Olá, tenho uma reserva e afinal vamos levar o nosso filho, de 2 anos. Dá para acrescentar?", "sim")]
    public async Task ChildBroughtAlongToABooking_JoinsItsAdults(string language, string change, string yes)
    {
        await using var host = new TestHost();
        var id = $"bring-child-{language}";
        var booked = await BookDoubleAsync(host, id);
        var other = $"bring-child-{language}-new";

        await host.SayAsync(other, change);
        await host.SayAsync(other, booked.ReservationCode!);
        var quote = await host.SayAsync(other, "ana.lee@mail.com");
        var done = await host.SayAsync(other, yes);

        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        var changed = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        (changed!.Adults, changed.Children).Should().Be((2, 1));
    }

    [Theory]
    [InlineData("es", "Una familiar del 4 al 8 de enero para 2 adultos y 3 niños", "Necesito llegar el 5 en vez del 4 y quedarnos hasta el 10", "sí")]
    [InlineData("en", "A family room from 4 to 8 January for 2 adults and 3 children", "We need to arrive on the 5th instead of the 4th and stay until the 10th", "yes")]
    [InlineData("pt", "Um quarto familiar de 4 a 8 de janeiro para 2 adultos e 3 crianças", "Precisamos de chegar dia 5 em vez de dia 4 e ficar até dia 10", "sim")]
    public async Task BareDaysInAChange_AreReadNearTheBookedStay(string language, string booking, string change, string yes)
    {
        await using var host = new TestHost();
        var id = $"change-anchor-{language}";
        await host.SayAsync(id, booking);
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync(id, "sí");
        var other = $"change-anchor-{language}-new";

        await host.SayAsync(other, (language switch { "en" => "I'd like to change my booking, code ", "pt" => "Queria alterar a minha reserva, código ", _ => "Quiero modificar mi reserva, código " }) + booked.ReservationCode);
        await host.SayAsync(other, "ana.lee@mail.com");
        await host.SayAsync(other, change);
        var done = await host.SayAsync(other, yes);

        done.State.Should().Be(DialogueStates.Idle, Text(done));
        var changed = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        (changed!.CheckIn, changed.CheckOut).Should().Be((new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 10)));
    }

    [Theory]
    [InlineData("es", "Hola, viajamos con mi señora y los nenes (4 y 7 años). Queríamos la suite del 2 al 6 de enero", "Uh, me acaba de decir mi señora que el 2 tenemos un cumple. Mejor del 3 al 6")]
    [InlineData("en", "Hi, it's me, my wife and the kids (4 and 7). We'd like the suite from 2 to 6 January", "Oh, my wife just reminded me we have a birthday on the 2nd. Better from the 3rd to the 6th")]
    [InlineData("pt", "Olá, vamos eu, a minha mulher e os miúdos (4 e 7 anos). Queríamos a suíte de 2 a 6 de janeiro", "Ah, a minha mulher lembrou-me que dia 2 temos um aniversário. Melhor de 3 a 6")]
    public async Task DatesCorrectedNamingTheCouple_KeepTheChildren(string language, string booking, string correction)
    {
        await using var host = new TestHost();
        var id = $"keep-children-{language}";
        await host.SayAsync(id, booking);

        await host.SayAsync(id, correction);
        var summary = await host.SayAsync(id, "Santiago Álvarez de Toledo, santi.adt@mail.example");

        summary.State.Should().Be(DialogueStates.AwaitingConfirmation, Text(summary));
        Text(summary).Should().Contain("630", "three nights in the suite").And.Contain("Santiago Álvarez de Toledo");
        var booked = await host.SayAsync(id, language == "en" ? "yes" : language == "pt" ? "sim" : "sí");
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Children.Should().Be(2);
    }

    [Theory]
    [InlineData("es", "Hola, necesito cancelar una reservación", "el correo es ana.lee@mail.com", "y el código {0}", "sí, cancélala por favor")]
    [InlineData("en", "Hi, I need to cancel a booking", "my email is ana.lee@mail.com", "and the code is {0}", "yes, cancel it please")]
    [InlineData("pt", "Olá, preciso de cancelar uma reserva", "o email é ana.lee@mail.com", "e o código é {0}", "sim, pode cancelar")]
    public async Task EmailBeforeTheCode_IsKeptToCheckTheBooking(string language, string start, string email, string code, string yes)
    {
        await using var host = new TestHost();
        var (booked, replies) = await BookThenSayInANewChatAsync(host, $"email-first-{language}", start, email, code, yes);
        var (askCode, quote, done) = (replies[1], replies[2], replies[3]);

        askCode.State.Should().Be(DialogueStates.AwaitingBookingCode, "the code is still missing");
        quote.State.Should().Be(DialogueStates.AwaitingCancellationConfirmation, Text(quote));
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Status.Should().Be(ReservationStatus.Cancelled);
    }

    [Theory]
    [InlineData("es", "Hola, necesito cancelar mi reserva {0}", "sí, cancélala")]
    [InlineData("en", "Hi, I need to cancel my booking {0}", "yes, cancel it")]
    [InlineData("pt", "Olá, preciso de cancelar a minha reserva {0}", "sim, pode cancelar")]
    public async Task YesWhileTheEmailIsMissing_AsksForTheEmailAgain(string language, string start, string yes)
    {
        await using var host = new TestHost();
        var id = $"yes-no-email-{language}";
        var booked = await BookDoubleAsync(host, id);
        var other = $"yes-no-email-{language}-new";

        await host.SayAsync(other, string.Format(System.Globalization.CultureInfo.InvariantCulture, start, booked.ReservationCode));
        var again = await host.SayAsync(other, yes);
        var quote = await host.SayAsync(other, "ana.lee@mail.com");

        again.State.Should().Be(DialogueStates.AwaitingVerificationEmail, Text(again));
        Text(again).Should().Contain(booked.ReservationCode!, "the code already given is kept");
        quote.State.Should().Be(DialogueStates.AwaitingCancellationConfirmation, Text(quote));
    }

    [Theory]
    [InlineData("es", "Quiero la suite desde el sábado 30 de enero, 3 noches, para mi marido y yo", "mejor solo 2 noches", "No, no, mi marido consiguió libre el lunes. Vuelve a 3 noches")]
    [InlineData("en", "I'd like the suite from Saturday 30 January, 3 nights, for my husband and me", "actually just 2 nights", "No, no, my husband got Monday off. Back to 3 nights")]
    [InlineData("pt", "Quero a suíte a partir do sábado 30 de janeiro, 3 noites, eu e meu marido", "melhor só 2 noites", "Não, não, meu marido conseguiu folga na segunda. Volta pra 3 noites")]
    public async Task NightsCorrectedNamingADayOfTheStay_KeepTheArrival(string language, string booking, string shorter, string back)
    {
        await using var host = new TestHost();
        var id = $"nights-back-{language}";
        await host.SayAsync(id, booking);
        await host.SayAsync(id, shorter);

        var response = await host.SayAsync(id, back);
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync(id, language == "en" ? "yes" : language == "pt" ? "sim" : "sí");

        Text(response).Should().Contain("630", "three nights in the suite");
        var reservation = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        (reservation!.CheckIn, reservation.CheckOut).Should().Be((new DateOnly(2027, 1, 30), new DateOnly(2027, 2, 2)), "the Monday is a reason, the arrival stays on the Saturday");
    }

    [Theory]
    [InlineData("es", "Hola, hice una reserva con ana.lee@mail.com", "El código es {0}. ¿Podemos pasar a la suite, mismas fechas?", "sí")]
    [InlineData("en", "Hello, I booked under ana.lee@mail.com", "Reference is {0}. Could we swap to the suite for the same dates?", "yes")]
    [InlineData("pt", "Olá, fiz uma reserva com ana.lee@mail.com", "O código é {0}. Podemos mudar para a suíte, mesmas datas?", "sim")]
    public async Task EmailFirstThenCodeWithTheChange_ChangesTheBooking(string language, string start, string code, string yes)
    {
        await using var host = new TestHost();
        var (booked, replies) = await BookThenSayInANewChatAsync(host, $"email-then-change-{language}", start, code, yes);
        var (askCode, quote, done) = (replies[0], replies[1], replies[2]);

        askCode.State.Should().Be(DialogueStates.AwaitingBookingCode, Text(askCode));
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        Text(quote).Should().Contain("420", "two nights in the suite");
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.RoomType.Should().Be("suite");
    }

    [Theory]
    [InlineData("es", "Tengo la reserva {0}", "ana.lee@mail.com. Queremos quedarnos hasta el 13 en vez del 12")]
    [InlineData("en", "Booking ref {0}", "ana.lee@mail.com. We fancy staying till the 13th instead")]
    [InlineData("pt", "Tenho a reserva {0}", "ana.lee@mail.com. Queríamos ficar até dia 13 em vez de 12")]
    public async Task ChangeSaidWithTheEmail_IsQuoted(string language, string start, string email)
    {
        await using var host = new TestHost();
        var (_, replies) = await BookThenSayInANewChatAsync(host, $"change-with-email-{language}", start, email);
        var quote = replies[1];

        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        Text(quote).Should().Contain("360", "three nights in the double");
    }

    [Theory]
    [InlineData("es", "Sí, oiga, ¿y tienen estacionamiento?")]
    [InlineData("en", "Yes please, and is there parking?")]
    [InlineData("pt", "Sim, e têm estacionamento?")]
    public async Task YesWithAQuestion_BooksAndAnswers(string language, string yes)
    {
        await using var host = new TestHost();
        var id = $"yes-question-{language}";
        await host.SayAsync(id, "Una doble del 10 al 12 de diciembre para 2 adultos");
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");

        var response = await host.SayAsync(id, yes);

        response.State.Should().Be(DialogueStates.Booked, Text(response));
        Text(response).Should().Match(t => t.Contains("15 €", StringComparison.Ordinal) || t.Contains("€15", StringComparison.Ordinal), "the parking question is answered too");
    }

    [Theory]
    [InlineData("es", "quiero ver mi reserva {0}, ana.lee@mail.com", "vale. Al final voy a tener que cancelarla, ¿hay penalización?", "sí, cancélala")]
    [InlineData("en", "can I check my booking {0}, ana.lee@mail.com", "ok. I'm going to have to cancel it unfortunately, is there a fee?", "yes, go ahead")]
    [InlineData("pt", "queria ver minha reserva {0}, ana.lee@mail.com", "blz. infelizmente vou ter q cancelar, tem multa?", "sim pode cancelar")]
    public async Task CancellationWithAPolicyQuestionAfterALookUp_AnswersAndAsksToConfirm(string language, string lookUp, string cancel, string yes)
    {
        await using var host = new TestHost();
        var (booked, replies) = await BookThenSayInANewChatAsync(host, $"cancel-fee-{language}", lookUp, cancel, yes);
        var (asked, done) = (replies[1], replies[2]);

        Text(asked).Should().Contain("48", "the policy is answered");
        asked.State.Should().Be(DialogueStates.AwaitingCancellationConfirmation, Text(asked));
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Status.Should().Be(ReservationStatus.Cancelled);
    }

    [Theory]
    [InlineData("es", "hola, mi correo es ana.lee@mail.com, tengo una reserva en diciembre. ¿Cuál es la política de cancelación? ¿Me cobran si cancelo ahora?", "el código es {0}", "sí, cancélala")]
    [InlineData("en", "hi, my email is ana.lee@mail.com, i have a booking in december. whats your cancellation policy? will i get charged if i cancel now?", "it's {0}", "yes, cancel it")]
    [InlineData("pt", "oi, meu email é ana.lee@mail.com, tenho uma reserva em dezembro. qual é a política de cancelamento? pago multa se cancelar agora?", "o código é {0}", "sim, pode cancelar")]
    [InlineData("es", "hola, quiero cancelar una reserva, se me complicó el viaje. ¿Hasta cuándo se puede cancelar gratis?", "el código es {0} y el mail ana.lee@mail.com", "sí, cancélala")]
    [InlineData("en", "hi, I need to cancel a booking, something came up. Can I cancel for free?", "the code is {0}, email ana.lee@mail.com", "yes, cancel it")]
    [InlineData("pt", "oi, preciso cancelar uma reserva, deu um problema. Até quando dá pra cancelar de graça?", "o código é {0} e o email ana.lee@mail.com", "sim, pode cancelar")]
    public async Task PolicyQuestionWithACancellationInANewChat_IsAnsweredBeforeTheCodeIsAsked(string language, string question, string code, string yes)
    {
        // With the email first or without it: the policy is answered, then the code is asked for the cancellation.
        await using var host = new TestHost();
        var (booked, replies) = await BookThenSayInANewChatAsync(host, $"policy-cancel-{language}", question, code, yes);
        var (answered, asked, done) = (replies[0], replies[1], replies[2]);

        Text(answered).Should().Contain("48", "the policy is answered before the code is asked");
        answered.State.Should().Be(DialogueStates.AwaitingBookingCode, Text(answered));
        asked.State.Should().Be(DialogueStates.AwaitingCancellationConfirmation, Text(asked));
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Status.Should().Be(ReservationStatus.Cancelled);
    }

    [Theory]
    [InlineData("es", "¿Puedo llevar a mi caniche? ¿Y hay gimnasio?", "¿Puedo llevar a mi perro?")]
    [InlineData("en", "Can we bring our jack russell? Is there a gym?", "Can we bring our dog?")]
    [InlineData("pt", "Posso levar o meu yorkie? E tem academia?", "Posso levar o meu cão?")]
    public async Task DogNamedByItsBreed_IsAPetQuestion(string language, string breed, string dog)
    {
        await using var host = new TestHost();

        var byBreed = await host.SayAsync($"breed-{language}", breed);
        var byWord = await host.SayAsync($"dog-{language}", dog);

        var pets = byWord.Replies[0].Text;
        Text(byBreed).Should().Contain(pets, "the breed is a dog, answered as the word dog is");
    }

    /// <summary>Books a double from 10 to 12 December for two adults in the name of Ana Lee (ana.lee@mail.com).</summary>
    private static async Task<AgentResponse> BookDoubleAsync(TestHost host, string id)
    {
        await host.SayAsync(id, "Una doble del 10 al 12 de diciembre para 2 adultos");
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        return await host.SayAsync(id, "sí");
    }

    /// <summary>
    /// Books the double of <see cref="BookDoubleAsync"/> in chat <paramref name="id"/>, then says each message in a new chat
    /// of the same guest, "{0}" standing for the booking's code; returns the booking and the replies in order.
    /// </summary>
    private static async Task<(AgentResponse Booked, AgentResponse[] Replies)> BookThenSayInANewChatAsync(TestHost host, string id, params string[] messages)
    {
        var booked = await BookDoubleAsync(host, id);
        var replies = new AgentResponse[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            replies[i] = await host.SayAsync($"{id}-new", string.Format(System.Globalization.CultureInfo.InvariantCulture, messages[i], booked.ReservationCode));
        }

        return (booked, replies);
    }

    private static string Text(AgentResponse response) => string.Join(" ", response.Replies.Select(r => r.Text));
}
