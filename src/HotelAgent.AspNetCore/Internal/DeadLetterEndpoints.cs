using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The dead letters of every registered <see cref="IDeadLetterQueue"/> (the inbox, each channel's undelivered
/// replies): listed, replayed and discarded by staff (admin).
/// </summary>
internal static class DeadLetterEndpoints
{
    private const int MaxTake = 500;

    public static async Task<Results<JsonHttpResult<DeadLetterList>, ValidationProblem>> ListAsync(
        IEnumerable<IDeadLetterQueue> queues, CancellationToken cancellationToken, string? queue = null, int take = 100)
    {
        if (take is < 1 or > MaxTake)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"Use 1 to {MaxTake}."] });
        }

        var all = Distinct(queues);
        if (queue is not null && !all.Any(q => q.Name == queue))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["queue"] = [$"Use one of: {string.Join(", ", all.Select(q => q.Name))}."] });
        }

        var letters = new List<DeadLetterInfo>();
        foreach (var q in all.Where(q => queue is null || q.Name == queue))
        {
            letters.AddRange(await q.ListAsync(take, cancellationToken).ConfigureAwait(false));
        }

        return TypedResults.Json(
            new DeadLetterList([.. all.Select(q => q.Name)], [.. letters.OrderBy(l => l.FailedAt).Take(take)]),
            HotelAgentHttpJsonContext.Default.DeadLetterList);
    }

    public static async Task<Results<Ok<DeadLetterReplayed>, NotFound<ProblemDetails>, ProblemHttpResult>> ReplayAsync(
        string queue, string id, IEnumerable<IDeadLetterQueue> queues, CancellationToken cancellationToken)
    {
        if (Find(queues, queue) is not { } found)
        {
            return Missing(queue, id);
        }

        try
        {
            return await found.ReplayAsync(id, cancellationToken).ConfigureAwait(false)
                ? TypedResults.Ok(new DeadLetterReplayed(queue, id))
                : Missing(queue, id);
        }
        catch (HotelAgentException ex) when (!ex.IsTransient)
        {
            // The replay failed for a reason trying again will not fix (the number is not configured, the guest blocked
            // the business); the dead letter is kept.
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Replay failed");
        }
        catch (ChannelDeliveryException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "Replay failed");
        }
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult>> DiscardAsync(
        string queue, string id, IEnumerable<IDeadLetterQueue> queues, CancellationToken cancellationToken)
    {
        if (Find(queues, queue) is not { } found)
        {
            return Missing(queue, id);
        }

        try
        {
            return await found.DiscardAsync(id, cancellationToken).ConfigureAwait(false) ? TypedResults.NoContent() : Missing(queue, id);
        }
        catch (NotSupportedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status501NotImplemented, title: "Discard not supported");
        }
    }

    private static IDeadLetterQueue[] Distinct(IEnumerable<IDeadLetterQueue> queues) =>
        [.. queues.GroupBy(q => q.Name, StringComparer.Ordinal).Select(g => g.Last())];

    private static IDeadLetterQueue? Find(IEnumerable<IDeadLetterQueue> queues, string name) =>
        queues.LastOrDefault(q => string.Equals(q.Name, name, StringComparison.Ordinal));

    private static NotFound<ProblemDetails> Missing(string queue, string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Dead letter not found", Detail = $"There is no dead letter '{id}' in queue '{queue}'.", Status = 404 });
}
