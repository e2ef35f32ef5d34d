using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// A booking code can be guessed, and the email behind it too: ownership checks are limited per code across
/// conversations, and the answers do not tell an existing code from a missing one.
/// </summary>
public sealed class BookingVerificationTests
{
    private const string MissingCode = "HA-ZZ9ZZ9";

    [Fact]
    public async Task LookUp_WrongEmailsFromRotatingConversations_LocksTheCodeUntilTheCoolDownHasPassed()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o =>
        {
            o.Verification.MaxFailedAttempts = 3;
            o.Verification.CoolDown = TimeSpan.FromMinutes(10);
        }));
        var code = await BookAsync(host, "owner", "ana.owner@example.com");

        for (var i = 1; i <= 3; i++)
        {
            var asked = await host.SayAsync($"probe-{i}", $"¿Cómo está mi reserva {code}?");
            asked.State.Should().Be(DialogueStates.AwaitingVerificationEmail);
            var wrong = await host.SayAsync($"probe-{i}", $"intruso{i}@example.com");
            if (i < 3)
            {
                wrong.Replies.Single().Text.Should().Contain("no coinciden");
                wrong.State.Should().Be(DialogueStates.AwaitingVerificationEmail);
            }
            else
            {
                wrong.Replies.Single().Text.Should().Contain("varios intentos fallidos");
                wrong.State.Should().Be(DialogueStates.Idle);
            }
        }

        // Locked: even the right email, in yet another conversation, shows nothing.
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await host.SayAsync("probe-right", $"¿Cómo está mi reserva {code}?");
        var locked = await host.SayAsync("probe-right", "ana.owner@example.com");
        locked.Replies.Single().Text.Should().Contain("varios intentos fallidos").And.NotContain("confirmada");
        locked.ReservationCode.Should().BeNull();

        // After the cool-down since the last failure, the owner's email works.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.SayAsync("owner-later", $"¿Cómo está mi reserva {code}?");
        var shown = await host.SayAsync("owner-later", "ana.owner@example.com");
        shown.Replies.Single().Text.Should().Contain(code).And.Contain("confirmada");
        shown.ReservationCode.Should().Be(code);
    }

    [Fact]
    public async Task LookUp_LockedCodeLooked_UpAgainDoesNotExtendTheLock()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o =>
        {
            o.Verification.MaxFailedAttempts = 2;
            o.Verification.CoolDown = TimeSpan.FromMinutes(5);
        }));
        var code = await BookAsync(host, "owner", "ana.owner@example.com");
        for (var i = 0; i < 2; i++)
        {
            await host.SayAsync($"probe-{i}", $"¿Cómo está mi reserva {code}?");
            await host.SayAsync($"probe-{i}", "nadie@example.com");
        }

        // Attempts while locked are not checked and do not count.
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        await host.SayAsync("probe-locked", $"¿Cómo está mi reserva {code}?");
        (await host.SayAsync("probe-locked", "otro@example.com")).Replies.Single().Text.Should().Contain("varios intentos fallidos");

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.SayAsync("owner-later", $"¿Cómo está mi reserva {code}?");
        (await host.SayAsync("owner-later", "ana.owner@example.com")).ReservationCode.Should().Be(code);
    }

    [Fact]
    public async Task LookUp_ExistingAndMissingCode_AnswerIdentically()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o => o.Verification.MaxFailedAttempts = 2));
        var code = await BookAsync(host, "owner", "ana.owner@example.com");

        var existing = await ProbeAsync(host, "existing", code);
        var missing = await ProbeAsync(host, "missing", MissingCode);

        missing.Should().Equal(existing);
        existing.Should().HaveCount(6);
        existing[1].Should().Contain(DialogueStates.AwaitingVerificationEmail);
        existing[^1].Should().Contain("varios intentos fallidos");
    }

    [Fact]
    public async Task LookUp_CorrectEmailAfterFailures_ResetsTheCount()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o => o.Verification.MaxFailedAttempts = 3));
        var code = await BookAsync(host, "owner", "ana.owner@example.com");
        var attempts = host.Provider.GetRequiredService<IVerificationAttemptStore>();
        await host.SayAsync("guest", $"¿Cómo está mi reserva {code}?");
        await host.SayAsync("guest", "equivocado@example.com");
        (await attempts.GetAsync(code)).Failures.Should().Be(1);

        (await host.SayAsync("guest", "ana.owner@example.com")).ReservationCode.Should().Be(code);

        (await attempts.GetAsync(code)).Should().Be(VerificationAttempts.None);
    }

    [Fact]
    public void Options_OutOfRange_FailValidation()
    {
        var services = new ServiceCollection();
        services.AddHotelAgent(o =>
        {
            o.Verification.MaxFailedAttempts = 0;
            o.Verification.CoolDown = TimeSpan.Zero;
        }).AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HotelAgentOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("MaxFailedAttempts", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("CoolDown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookUp_MalformedEmailReadByTheEngine_IsAskedAgainAndNotCountedAsAFailure()
    {
        await using var host = new TestHost(services =>
        {
            services.Configure<HotelAgentOptions>(o => o.Verification.MaxFailedAttempts = 1);
            var inner = services.Last(d => d.ServiceType == typeof(INluEngine));
            services.Replace(ServiceDescriptor.Singleton<INluEngine>(sp => new MalformedEmailNlu((INluEngine)(inner.ImplementationInstance
                ?? inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)))));
        });
        var code = await BookAsync(host, "owner", "ana.owner@example.com");

        await host.SayAsync("later", $"¿Cómo está mi reserva {code}?");
        var malformed = await host.SayAsync("later", "es el correo de siempre");
        malformed.State.Should().Be(DialogueStates.AwaitingVerificationEmail);
        malformed.ReservationCode.Should().BeNull();

        // One failure would lock the code: the malformed address was not checked against it.
        var shown = await host.SayAsync("later", "ana.owner@example.com");
        shown.ReservationCode.Should().Be(code);
    }

    /// <summary>An engine that reads as the default one but takes "el correo de siempre" for a malformed address.</summary>
    private sealed class MalformedEmailNlu(INluEngine inner) : INluEngine
    {
        public async ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
        {
            var result = await inner.ParseAsync(request, cancellationToken);
            return request.Text.Contains("de siempre", StringComparison.Ordinal)
                ? result with { Intent = Intents.Inform, Entities = result.Entities with { Email = "ana.owner@" } }
                : result;
        }
    }

    private static async Task<string> BookAsync(TestHost host, string conversation, string email)
    {
        await host.SayAsync(conversation, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await host.SayAsync(conversation, "Ana García");
        await host.SayAsync(conversation, email);
        var booked = await host.SayAsync(conversation, "sí");
        booked.ReservationCode.Should().NotBeNull();
        return booked.ReservationCode!;
    }

    /// <summary>A look-up, then wrong emails until the lock, each in a new conversation: every reply and state, with the code masked.</summary>
    private static async Task<List<string>> ProbeAsync(TestHost host, string prefix, string code)
    {
        var transcript = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            foreach (var text in (string[])[$"Quiero consultar la reserva {code}", "alguien@example.com"])
            {
                var response = await host.SayAsync($"{prefix}-{i}", text);
                transcript.Add(string.Join(" | ", response.Replies.Select(r => r.Text)).Replace(code, "<code>", StringComparison.Ordinal) + " / " + response.State + " / " + response.ReservationCode);
            }
        }

        var after = await host.SayAsync($"{prefix}-after", $"Quiero consultar la reserva {code}");
        transcript.Add(string.Join(" | ", after.Replies.Select(r => r.Text)).Replace(code, "<code>", StringComparison.Ordinal) + " / " + after.State);
        var locked = await host.SayAsync($"{prefix}-after", "otra.vez@example.com");
        transcript.Add(string.Join(" | ", locked.Replies.Select(r => r.Text)).Replace(code, "<code>", StringComparison.Ordinal) + " / " + locked.State);
        return transcript;
    }
}
