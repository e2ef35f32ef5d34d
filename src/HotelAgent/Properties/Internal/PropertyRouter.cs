using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The host's <see cref="IHotelAgent"/>: hands each message to the engine of its property (see
/// <see cref="IHotelPropertyDirectory.PropertyOf"/>), with the conversation id scoped to a named property. A
/// single-hotel host's messages all go to the default engine unchanged.
/// </summary>
internal sealed class PropertyRouter(HotelAgentEngine defaultEngine, IHotelPropertyDirectory directory, HotelPropertyRuntimes runtimes) : IHotelAgent
{
    public Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Property is null && directory.Names.Count == 0)
        {
            return defaultEngine.HandleAsync(message, cancellationToken);
        }

        var property = directory.PropertyOf(message);
        if (property is null)
        {
            return defaultEngine.HandleAsync(message, cancellationToken);
        }

        var scoped = message with { Property = property, ConversationId = directory.ScopeConversationId(property, message.ConversationId) };
        return runtimes.Get(property).Engine.HandleAsync(scoped, cancellationToken);
    }
}

/// <summary>The keyed <see cref="IHotelAgent"/> of one named property: every message it is given is that property's.</summary>
internal sealed class PropertyAgent(string property, IHotelAgent router) : IHotelAgent
{
    public Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return router.HandleAsync(message with { Property = property }, cancellationToken);
    }
}
