using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Agent;

/// <summary>
/// A message understood as details, however unsure the engine is of its intent, is not dropped as out of scope when it
/// gives a stay's dates, an email or a booking code; an unsure message without them still is.
/// </summary>
public sealed class UnsureDetailsTests
{
    [Fact]
    public async Task HandleAsync_UnsureDetailsWithDates_AreUsed()
    {
        await using var host = UnsureHost();

        var response = await host.SayAsync("unsure-dates", "Una doble del 10 al 12 de diciembre para 2");

        response.State.Should().NotBe(DialogueStates.Idle, "the dates and the party start a booking");
        string.Join(" ", response.Replies.Select(r => r.Text)).Should().Contain("240", "the double is quoted for the two nights");
    }

    [Fact]
    public async Task HandleAsync_UnsureMessageWithoutDetails_IsOutOfScope()
    {
        await using var host = UnsureHost();

        var response = await host.SayAsync("unsure-none", "qué tal el partido de ayer");

        response.Intent.Should().Be(Intents.OutOfScope);
    }

    private static TestHost UnsureHost() => new(services =>
    {
        var inner = services.Last(d => d.ServiceType == typeof(INluEngine));
        services.Replace(ServiceDescriptor.Singleton<INluEngine>(sp => new UnsureNlu((INluEngine)(inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)))));
    });

    /// <summary>An engine that reads as the default one but is never sure of the intent (confidence 0.1).</summary>
    private sealed class UnsureNlu(INluEngine inner) : INluEngine
    {
        public async ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
        {
            var result = await inner.ParseAsync(request, cancellationToken);
            return result with { Intent = result.Entities.IsEmpty ? Intents.OutOfScope : Intents.Inform, Confidence = 0.1 };
        }
    }
}
