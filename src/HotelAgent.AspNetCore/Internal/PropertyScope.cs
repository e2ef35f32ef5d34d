using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The property (hotel) a request is for, on a host that serves several: the <c>property</c> query parameter or the
/// <c>X-Hotel-Property</c> header; without either, the host's default property (a single-hotel host sees no change).
/// An unknown property is answered 404. A named property's requests reach only its own engine, PMS, handoff desk and
/// statistics.
/// </summary>
internal static class PropertyScope
{
    /// <summary>The query parameter naming the property.</summary>
    public const string QueryName = "property";

    /// <summary>The header naming the property.</summary>
    public const string HeaderName = "X-Hotel-Property";

    private static readonly object Key = new();

    /// <summary>Reads and checks the property of the request before its handler runs.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? requested = http.Request.Query[QueryName];
        if (string.IsNullOrWhiteSpace(requested))
        {
            requested = http.Request.Headers[HeaderName];
        }

        if (!string.IsNullOrWhiteSpace(requested))
        {
            var directory = http.RequestServices.GetRequiredService<IHotelPropertyDirectory>();
            if (directory.Find(requested.Trim()) is not { } found)
            {
                return TypedResults.Problem(
                    $"This host serves no property named '{requested}'.",
                    title: "Property not found",
                    statusCode: StatusCodes.Status404NotFound);
            }

            http.Items[Key] = found;
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Gives the named property of the request, or <see langword="null"/> for the default property.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as string : null;

    /// <summary>Gives the handoff desk of the request's property.</summary>
    public static IHandoffDesk Desk(HttpContext context, IHandoffDesk hostDesk)
    {
        if (Of(context) is { } property)
        {
            return context.RequestServices.GetRequiredKeyedService<IHandoffDesk>(property);
        }

        var directory = context.RequestServices.GetRequiredService<IHotelPropertyDirectory>();
        return directory.Names.Count == 0 ? hostDesk : new DefaultPropertyDesk(hostDesk, directory);
    }

    /// <summary>Gives the PMS adapter of the request's property.</summary>
    public static IPmsAdapter Pms(HttpContext context, IPmsAdapter hostPms) =>
        Of(context) is { } property ? context.RequestServices.GetRequiredKeyedService<IPmsAdapter>(property) : hostPms;

    /// <summary>Gives the statistics store of the request's property.</summary>
    public static IConversationStatisticsStore Statistics(HttpContext context, IConversationStatisticsStore hostStatistics) =>
        Of(context) is { } property ? context.RequestServices.GetRequiredKeyedService<IConversationStatisticsStore>(property) : hostStatistics;

    /// <summary>
    /// The default property's desk on a host with named properties: the host's desk, without the named properties'
    /// tickets (their conversation ids are scoped to them).
    /// </summary>
    private sealed class DefaultPropertyDesk(IHandoffDesk inner, IHotelPropertyDirectory directory) : IHandoffDesk
    {
        public async ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default) =>
            [.. (await inner.ListAsync(status, cancellationToken).ConfigureAwait(false)).Where(Owns)];

        public async ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            await inner.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } ticket && Owns(ticket) ? ticket : null;

        public async ValueTask<HandoffTicket?> TakeAsync(string id, string staffName, CancellationToken cancellationToken = default) =>
            await GetAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : await inner.TakeAsync(id, staffName, cancellationToken).ConfigureAwait(false);

        public async ValueTask<HandoffTicket?> ReplyAsync(string id, string staffName, string text, CancellationToken cancellationToken = default) =>
            await GetAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : await inner.ReplyAsync(id, staffName, text, cancellationToken).ConfigureAwait(false);

        public async ValueTask<HandoffTicket?> ReleaseAsync(string id, CancellationToken cancellationToken = default) =>
            await GetAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : await inner.ReleaseAsync(id, cancellationToken).ConfigureAwait(false);

        private bool Owns(HandoffTicket ticket) => directory.PropertyOfConversation(ticket.ConversationId) is null;
    }
}
