using System.Diagnostics.CodeAnalysis;
using HotelAgent;
using HotelAgent.Abstractions;
using HotelAgent.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the HTTP surface of the hotel agent.
/// </summary>
public static class HotelAgentEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the hotel agent's endpoints under <paramref name="pattern"/>:
    /// <list type="bullet">
    /// <item><c>POST v1/conversations</c>: starts a web-chat conversation and answers 201 with its server-issued,
    /// unguessable id (<c>{"conversationId": "wc_..."}</c>).</item>
    /// <item><c>POST v1/conversations/{conversationId}/messages</c>: the synchronous web-chat channel. The id is looked
    /// up in the web chat's own namespace only, so it never reaches another channel's conversation; path-like ids get
    /// 400, ids in the issued form that were not issued here 404.</item>
    /// <item><c>POST v1/nlu/parse</c>: what the NLU engine understands of a text.</item>
    /// <item><c>GET v1/hotel</c>: the hotel's name, IANA time zone, currency and room names per language, for the web
    /// chat and the staff console (read from the PMS at most every five minutes).</item>
    /// <item><c>GET v1/conversations</c> and <c>GET v1/conversations/{conversationId}/history</c>: the conversations of
    /// the last <c>HotelAgentOptions.SessionTimeToLive</c> and the messages of one (the guest's, the agent's and
    /// staff's, the guest's personal data redacted), for the staff console (admin).</item>
    /// <item><c>GET v1/reservations</c> and <c>GET v1/reservations/{code}</c>: admin endpoints, which require the
    /// <c>X-Api-Key</c> header to equal <c>HotelAgentOptions.AdminApiKey</c>.</item>
    /// <item><c>GET v1/conversations/{conversationId}/messages</c>: messages waiting for a web-chat guest (staff replies).</item>
    /// <item><c>GET v1/handoffs</c>, <c>GET v1/handoffs/{id}</c>, <c>POST v1/handoffs/{id}/take</c>, <c>POST v1/handoffs/{id}/messages</c>,
    /// <c>POST v1/handoffs/{id}/release</c>: the staff's handoff queue (admin).</item>
    /// <item><c>GET v1/dead-letters</c>, <c>POST v1/dead-letters/{queue}/{id}/replay</c>, <c>DELETE v1/dead-letters/{queue}/{id}</c>:
    /// the dead letters of every <see cref="IDeadLetterQueue"/> (admin).</item>
    /// <item><c>GET</c> and <c>POST webhooks/{name}</c> for every registered <see cref="IWebhookHandler"/> (channel packages register them).</item>
    /// </list>
    /// On a host with named properties (<c>AddProperty</c>), every endpoint but the webhooks takes the property it is for
    /// in the <c>property</c> query parameter or the <c>X-Hotel-Property</c> header (404 when the host has no such
    /// property); without either it is the default property's. WhatsApp messages find their property by phone-number id.
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
        // Asked, not resolved: building the agent here would fail on its first missing dependency with a message that
        // does not name the fix.
        var registered = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        if (registered is null || !registered.IsService(typeof(IHotelAgent)))
        {
            throw new InvalidOperationException("Call builder.Services.AddHotelAgent() before MapHotelAgent().");
        }

        if (!registered.IsService(typeof(IPmsAdapter)))
        {
            throw new InvalidOperationException(
                "No PMS adapter is registered. Chain one to AddHotelAgent(): AddDemoPms(...) (rooms and rates from hotel.json), " +
                "AddQloAppsPms(...), or your adapter's Add...Pms(...) (docs/pms/writing-an-adapter.md).");
        }

        var ids = new WebChatIds(endpoints.ServiceProvider.GetRequiredService<IOptions<HotelAgentOptions>>());
        var group = endpoints.MapGroup(pattern);

        // On a host with several properties, the property a request is for (query "property" or header X-Hotel-Property).
        // Not on the webhooks, mapped on the outer group below: a channel finds the property of what it receives itself
        // (WhatsApp by phone-number id), and the filter would cost every delivery an invocation context.
        var api = group.MapGroup(string.Empty);
        api.AddEndpointFilter(PropertyScope.FilterAsync);
        api.MapPost("v1/conversations", (HttpResponse response) => HotelAgentEndpoints.StartConversation(ids, response))
            .WithName("HotelAgentStartConversation")
            .WithDisplayName("Start a web-chat conversation (the server issues its id)");
        api.MapPost(
            "v1/conversations/{conversationId}/messages",
            (string conversationId, HttpRequest request, IHotelAgent agent, IOptionsMonitor<HotelAgentOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken) =>
                HotelAgentEndpoints.PostMessageAsync(conversationId, ids, request, agent, options, timeProvider, cancellationToken))
            .WithName("HotelAgentPostMessage")
            .WithDisplayName("Send a guest message (web chat)");
        api.MapGet(
            "v1/conversations/{conversationId}/messages",
            (string conversationId, IConversationMailbox mailbox, HttpContext context, CancellationToken cancellationToken) =>
                HandoffEndpoints.GetPendingMessagesAsync(conversationId, ids, mailbox, context, cancellationToken))
            .WithName("HotelAgentGetPendingMessages")
            .WithDisplayName("Fetch messages waiting for a web-chat guest (staff replies, notices)");
        var profiles = new HotelProfiles(endpoints.ServiceProvider, endpoints.ServiceProvider.GetRequiredService<TimeProvider>());
        api.MapGet("v1/hotel", (HttpResponse response, CancellationToken cancellationToken) => ConsoleEndpoints.GetHotelAsync(profiles, response, cancellationToken))
            .WithName("HotelAgentGetHotel")
            .WithDisplayName("The hotel's name, time zone and room names (web chat, staff console)");
        api.MapGet("v1/conversations", ConsoleEndpoints.ListConversationsAsync)
            .AddEndpointFilter<AdminApiKeyFilter>()
            .AddEndpointFilter(HotelAgentEndpoints.UnavailableFilterAsync)
            .WithName("HotelAgentListConversations")
            .WithDisplayName("List the conversations of the last days (admin)");
        api.MapGet("v1/conversations/{conversationId}/history", ConsoleEndpoints.GetHistoryAsync)
            .AddEndpointFilter<AdminApiKeyFilter>()
            .AddEndpointFilter(HotelAgentEndpoints.UnavailableFilterAsync)
            .WithName("HotelAgentGetConversationHistory")
            .WithDisplayName("Read a conversation's messages, personal data redacted (admin)");
        api.MapPost("v1/nlu/parse", HotelAgentEndpoints.ParseAsync)
            .WithName("HotelAgentParse")
            .WithDisplayName("Parse a text with the NLU engine");

        var admin = api.MapGroup("v1/reservations").AddEndpointFilter<AdminApiKeyFilter>();
        admin.MapGet(string.Empty, HotelAgentEndpoints.ListReservationsAsync)
            .WithName("HotelAgentListReservations")
            .WithDisplayName("List reservations (admin)");
        admin.MapGet("{code}", HotelAgentEndpoints.GetReservationAsync)
            .WithName("HotelAgentGetReservation")
            .WithDisplayName("Get a reservation (admin)");
        var handoffs = api.MapGroup("v1/handoffs").AddEndpointFilter<AdminApiKeyFilter>().AddEndpointFilter(HotelAgentEndpoints.UnavailableFilterAsync);
        handoffs.MapGet(string.Empty, HandoffEndpoints.ListAsync).WithName("HotelAgentListHandoffs").WithDisplayName("List handoff tickets (admin)");
        handoffs.MapGet("{id}", HandoffEndpoints.GetAsync).WithName("HotelAgentGetHandoff").WithDisplayName("Get a handoff ticket (admin)");
        handoffs.MapPost("{id}/take", HandoffEndpoints.TakeAsync).WithName("HotelAgentTakeHandoff").WithDisplayName("Take a handoff ticket (admin)");
        handoffs.MapPost("{id}/messages", HandoffEndpoints.ReplyAsync).WithName("HotelAgentReplyHandoff").WithDisplayName("Reply to the guest as staff (admin)");
        handoffs.MapPost("{id}/release", HandoffEndpoints.ReleaseAsync).WithName("HotelAgentReleaseHandoff").WithDisplayName("Release the conversation back to the agent (admin)");
        var deadLetters = api.MapGroup("v1/dead-letters").AddEndpointFilter<AdminApiKeyFilter>().AddEndpointFilter(HotelAgentEndpoints.UnavailableFilterAsync);
        deadLetters.MapGet(string.Empty, DeadLetterEndpoints.ListAsync).WithName("HotelAgentListDeadLetters").WithDisplayName("List dead letters of every queue (admin)");
        deadLetters.MapPost("{queue}/{id}/replay", DeadLetterEndpoints.ReplayAsync).WithName("HotelAgentReplayDeadLetter").WithDisplayName("Replay a dead letter (admin)");
        deadLetters.MapDelete("{queue}/{id}", DeadLetterEndpoints.DiscardAsync).WithName("HotelAgentDiscardDeadLetter").WithDisplayName("Discard a dead letter (admin)");
        api.MapGet("v1/stats", StatsEndpoints.GetAsync).AddEndpointFilter<AdminApiKeyFilter>().WithName("HotelAgentStats").WithDisplayName("Statistics for the staff console (admin)");

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
