using System.Diagnostics.CodeAnalysis;
using HotelAgent.Abstractions;
using HotelAgent.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the HTTP surface of the hotel agent.
/// </summary>
public static class HotelAgentEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the hotel agent's endpoints under <paramref name="pattern"/>:
    /// <list type="bullet">
    /// <item><c>POST v1/conversations/{conversationId}/messages</c>: the synchronous web-chat channel.</item>
    /// <item><c>POST v1/nlu/parse</c>: what the NLU engine understands of a text.</item>
    /// <item><c>GET v1/reservations</c> and <c>GET v1/reservations/{code}</c>: admin endpoints, which require the
    /// <c>X-Api-Key</c> header to equal <c>HotelAgentOptions.AdminApiKey</c>.</item>
    /// <item><c>GET</c> and <c>POST webhooks/{name}</c> for every registered <see cref="IWebhookHandler"/> (channel packages register them).</item>
    /// </list>
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route prefix of every endpoint.</param>
    /// <returns>The group of the endpoints, to chain conventions such as <c>RequireRateLimiting</c> or <c>RequireCors</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="pattern"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddHotelAgent()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapHotelAgent(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        if (endpoints.ServiceProvider.GetService<IHotelAgent>() is null)
        {
            throw new InvalidOperationException("Call builder.Services.AddHotelAgent() before MapHotelAgent().");
        }

        var group = endpoints.MapGroup(pattern);
        group.MapPost("v1/conversations/{conversationId}/messages", HotelAgentEndpoints.PostMessageAsync)
            .WithName("HotelAgentPostMessage")
            .WithDisplayName("Send a guest message (web chat)");
        group.MapPost("v1/nlu/parse", HotelAgentEndpoints.ParseAsync)
            .WithName("HotelAgentParse")
            .WithDisplayName("Parse a text with the NLU engine");

        var admin = group.MapGroup("v1/reservations").AddEndpointFilter<AdminApiKeyFilter>();
        admin.MapGet(string.Empty, HotelAgentEndpoints.ListReservationsAsync)
            .WithName("HotelAgentListReservations")
            .WithDisplayName("List reservations (admin)");
        admin.MapGet("{code}", HotelAgentEndpoints.GetReservationAsync)
            .WithName("HotelAgentGetReservation")
            .WithDisplayName("Get a reservation (admin)");
        foreach (var handler in endpoints.ServiceProvider.GetServices<IWebhookHandler>())
        {
            var path = "webhooks/" + handler.Name;
            group.MapGet(path, (HttpContext context, CancellationToken cancellationToken) => WebhookEndpoints.HandleAsync(handler, context, cancellationToken))
                .WithName("HotelAgentWebhookGet_" + handler.Name)
                .WithDisplayName($"Webhook verification ({handler.Name})")
                .ExcludeFromDescription();
            group.MapPost(path, (HttpContext context, CancellationToken cancellationToken) => WebhookEndpoints.HandleAsync(handler, context, cancellationToken))
                .WithName("HotelAgentWebhookPost_" + handler.Name)
                .WithDisplayName($"Webhook ({handler.Name})")
                .ExcludeFromDescription();
        }

        return group;
    }
}
