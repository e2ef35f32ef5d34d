using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The staff console's handoff queue (admin) and the web chat's mailbox.
/// </summary>
internal static class HandoffEndpoints
{
    private const int MaxStaffNameLength = 100;

    public static async Task<Results<JsonHttpResult<PendingMessages>, ValidationProblem, ProblemHttpResult>> GetPendingMessagesAsync(
        string conversationId, WebChatIds ids, IConversationMailbox mailbox, HttpContext context, CancellationToken cancellationToken)
    {
        var check = ids.Check(conversationId);
        if (check.Status == WebChatIdStatus.Malformed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["conversationId"] = [HotelAgentEndpoints.ConversationIdRule] });
        }

        if (check.Status == WebChatIdStatus.NotIssued)
        {
            return HotelAgentEndpoints.NotIssued();
        }

        var conversation = PropertyScope.Of(context) is { } property
            ? context.RequestServices.GetRequiredService<IHotelPropertyDirectory>().ScopeConversationId(property, check.ConversationId!)
            : check.ConversationId!;
        var messages = await mailbox.DrainAsync(conversation, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new PendingMessages([.. messages.Select(HotelAgentEndpoints.ToReply)]), HotelAgentHttpJsonContext.Answers.PendingMessages);
    }

    public static async Task<Results<JsonHttpResult<HandoffList>, ValidationProblem>> ListAsync(IHandoffDesk desk, HttpContext context, CancellationToken cancellationToken, string? status = null)
    {
        desk = PropertyScope.Desk(context, desk);
        HandoffStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<HandoffStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Use open, taken or closed."] });
            }

            filter = parsed;
        }

        var tickets = await desk.ListAsync(filter, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new HandoffList(tickets), HotelAgentHttpJsonContext.Answers.HandoffList);
    }

    public static async Task<Results<JsonHttpResult<HandoffTicket>, NotFound<ProblemDetails>>> GetAsync(string id, IHandoffDesk desk, HttpContext context, CancellationToken cancellationToken)
    {
        desk = PropertyScope.Desk(context, desk);
        var ticket = await desk.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return ticket is null ? Missing(id) : Json(ticket);
    }

    public static async Task<Results<JsonHttpResult<HandoffTicket>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> TakeAsync(
        string id, HttpRequest request, IHandoffDesk desk, CancellationToken cancellationToken)
    {
        desk = PropertyScope.Desk(request.HttpContext, desk);
        var (body, problem) = await HotelAgentEndpoints.ReadAsync(request, HotelAgentHttpJsonContext.Answers.TakeRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ValidateStaff(body!.Staff) is { } invalid)
        {
            return invalid;
        }

        var ticket = await desk.TakeAsync(id, body.Staff!, cancellationToken).ConfigureAwait(false);
        return ticket is null ? Missing(id) : Json(ticket);
    }

    public static async Task<Results<JsonHttpResult<HandoffTicket>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        string id, HttpRequest request, IHandoffDesk desk, IOptionsMonitor<HotelAgentOptions> options, CancellationToken cancellationToken)
    {
        desk = PropertyScope.Desk(request.HttpContext, desk);
        var (body, problem) = await HotelAgentEndpoints.ReadAsync(request, HotelAgentHttpJsonContext.Answers.StaffReplyRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ValidateStaff(body!.Staff) is { } invalid)
        {
            return invalid;
        }

        var maxLength = options.CurrentValue.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > maxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"The text is required, at most {maxLength} characters."] });
        }

        try
        {
            var ticket = await desk.ReplyAsync(id, body.Staff!, body.Text, cancellationToken).ConfigureAwait(false);
            return ticket is null ? Missing(id) : Json(ticket);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (ChannelDeliveryException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    public static async Task<Results<JsonHttpResult<HandoffTicket>, NotFound<ProblemDetails>, ProblemHttpResult>> ReleaseAsync(string id, IHandoffDesk desk, HttpContext context, CancellationToken cancellationToken)
    {
        desk = PropertyScope.Desk(context, desk);
        try
        {
            var ticket = await desk.ReleaseAsync(id, cancellationToken).ConfigureAwait(false);
            return ticket is null ? Missing(id) : Json(ticket);
        }
        catch (ChannelDeliveryException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static ValidationProblem? ValidateStaff(string? staff) =>
        string.IsNullOrWhiteSpace(staff) || staff.Length > MaxStaffNameLength
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["staff"] = [$"The staff member's name is required, at most {MaxStaffNameLength} characters."] })
            : null;

    private static NotFound<ProblemDetails> Missing(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Handoff not found", Detail = $"There is no handoff ticket '{id}'.", Status = 404 });

    private static JsonHttpResult<HandoffTicket> Json(HandoffTicket ticket) => TypedResults.Json(ticket, HotelAgentHttpJsonContext.Answers.HandoffTicket);
}
