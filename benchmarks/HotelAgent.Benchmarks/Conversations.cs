using System.Globalization;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Benchmarks;

/// <summary>The agent as a host composes it for these benchmarks, and the guest messages they send it.</summary>
internal static class Conversations
{
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>A guest asking about a stay without booking: the load tool's chat conversation (six turns).</summary>
    public static string[] Inquiry(DateOnly today)
    {
        var month = SpanishMonths[today.AddMonths(2).Month - 1];
        return
        [
            "Hola, buenas tardes",
            $"¿Tenéis habitación doble del 10 al 12 de {month} para 2 personas?",
            "¿Cuánto cuesta la noche?",
            "¿El desayuno está incluido?",
            "¿A qué hora es el check-in?",
            "Gracias, lo pienso y os digo",
        ];
    }

    /// <summary>
    /// A guest booking a double room (six turns: greeting, stay, a question, name and email, confirmation, thanks). The
    /// stay is the <paramref name="variant"/>-th of 26 × 12 (the 1st to the 26th, one to twelve months ahead), so that
    /// the demo PMS has a room for each of the first thousands of bookings.
    /// </summary>
    public static string[] Booking(DateOnly today, int variant)
    {
        var day = 1 + (variant % 26);
        var month = SpanishMonths[today.AddMonths(1 + (variant / 26 % 12)).Month - 1];
        return
        [
            "Hola, buenas tardes",
            string.Create(CultureInfo.InvariantCulture, $"Quiero reservar una habitación doble del {day} al {day + 2} de {month} para 2 personas"),
            "¿El desayuno está incluido?",
            "Me llamo Ana García y mi correo es ana@example.com",
            "Sí, confirmo",
            "Gracias",
        ];
    }

    /// <summary>The agent with the demo PMS (hotel.json) and the in-memory session store, or Redis when configured.</summary>
    public static ServiceProvider Build(Action<IHotelAgentBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var agent = services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"));
        configure?.Invoke(agent);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public static InboundMessage Message(string conversationId, string text, long sequence) => new()
    {
        MessageId = conversationId + "." + sequence.ToString(CultureInfo.InvariantCulture),
        ChannelName = ChannelNames.WebChat,
        ConversationId = conversationId,
        GuestId = conversationId,
        Text = text,
    };
}
