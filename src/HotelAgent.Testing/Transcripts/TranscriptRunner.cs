using System.Globalization;
using System.Text;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// Runs a <see cref="TranscriptScript"/> against an <see cref="ITranscriptTarget"/>, failing the test at the first step
/// that does not hold, with the script line and the turn that broke it.
/// </summary>
public static class TranscriptRunner
{
    /// <summary>Runs a script in a new conversation.</summary>
    /// <param name="script">The script.</param>
    /// <param name="target">The agent to run it against.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when every step held.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static async Task RunAsync(TranscriptScript script, ITranscriptTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(target);
        var run = new Run(script, target, Slug(script.Name));
        foreach (var step in script.Steps)
        {
            await run.ExecuteAsync(step, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(name))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return builder.Length > 40 ? builder.ToString(0, 40) : builder.ToString();
    }

    private sealed class Run(TranscriptScript script, ITranscriptTarget target, string slug)
    {
        private string _conversationId = NewConversationId(slug);
        private TranscriptTurn? _last;
        private string? _lastGuestLine;
        private string? _lastCode;
        private IReadOnlyList<TranscriptReservation> _before = [];

        public async Task ExecuteAsync(TranscriptStep step, CancellationToken cancellationToken)
        {
            switch (step.Kind)
            {
                case TranscriptStepKind.Guest:
                    {
                        var text = step.Argument;
                        if (text.Contains("{code}", StringComparison.Ordinal))
                        {
                            text = text.Replace("{code}", _lastCode ?? Fail(step, "{code} is used before any reservation code was seen."), StringComparison.Ordinal);
                        }

                        _before = await target.ListReservationsAsync(cancellationToken).ConfigureAwait(false);
                        _lastGuestLine = text;
                        _last = await target.SendAsync(_conversationId, text, script.Language, cancellationToken).ConfigureAwait(false);
                        _lastCode = _last.ReservationCode ?? _lastCode;
                        return;
                    }

                case TranscriptStepKind.ReplyContains:
                    var alternatives = step.Argument.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (!Last.Replies.Any(r => alternatives.Any(a => r.Contains(a, StringComparison.OrdinalIgnoreCase))))
                    {
                        Fail(step, $"expected a reply containing \"{step.Argument}\".");
                    }

                    return;

                case TranscriptStepKind.ReplyLacks:
                    if (Last.Replies.Any(r => r.Contains(step.Argument, StringComparison.OrdinalIgnoreCase)))
                    {
                        Fail(step, $"expected no reply containing \"{step.Argument}\".");
                    }

                    return;

                case TranscriptStepKind.Action:
                    await ActAsync(step, cancellationToken).ConfigureAwait(false);
                    return;

                default:
                    await ExpectAsync(step, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }

        private TranscriptTurn Last => _last!;

        private static string NewConversationId(string slug) => $"t-{slug}-{Guid.NewGuid():N}";

        private async Task ExpectAsync(TranscriptStep step, CancellationToken cancellationToken)
        {
            var (verb, rest) = TranscriptScript.Split(step.Argument);
            switch (verb)
            {
                case "state":
                    Check(step, Last.State == rest, $"expected state {rest}, got {Last.State}.");
                    return;
                case "intent":
                    Check(step, Last.Intent == rest, $"expected intent {rest}, got {Last.Intent}.");
                    return;
                case "language":
                    Check(step, Last.Language == rest, $"expected language {rest}, got {Last.Language}.");
                    return;
                case "quick-replies":
                    {
                        var wanted = rest.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                        var missing = wanted.Where(w => !Last.QuickReplies.Contains(w, StringComparer.OrdinalIgnoreCase)).ToArray();
                        Check(step, missing.Length == 0, $"expected quick replies {string.Join(", ", missing)}; offered: {string.Join(", ", Last.QuickReplies)}.");
                        return;
                    }

                case "silent":
                    Check(step, Last.Replies.Count == 0, "expected no reply.");
                    return;
                case "booked":
                    {
                        Check(step, Last.ReservationCode is not null, "expected the turn to create a reservation.");
                        var after = await target.ListReservationsAsync(cancellationToken).ConfigureAwait(false);
                        var created = after.FirstOrDefault(r => r.Code == Last.ReservationCode);
                        Check(step, created is { Status: "Confirmed" } && !_before.Any(r => r.Code == created.Code), $"expected a new confirmed reservation {Last.ReservationCode} in the PMS.");
                        return;
                    }

                case "no-write":
                    {
                        var after = await target.ListReservationsAsync(cancellationToken).ConfigureAwait(false);
                        Check(step, after.OrderBy(r => r.Code, StringComparer.Ordinal).SequenceEqual(_before.OrderBy(r => r.Code, StringComparer.Ordinal)), "expected the PMS reservations to be unchanged by the turn.");
                        return;
                    }

                case "reservation":
                    {
                        var code = _lastCode ?? Fail(step, "no reservation code was seen yet.");
                        var reservation = (await target.ListReservationsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Code == code)
                            ?? Fail<TranscriptReservation>(step, $"reservation {code} is not in the PMS.");
                        var (field, value) = TranscriptScript.Split(rest);
                        switch (field)
                        {
                            case "checkin" or "checkout":
                                {
                                    var day = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                                    var actual = field == "checkin" ? reservation.CheckIn : reservation.CheckOut;
                                    Check(step, actual == day, $"expected reservation {code} to {(field == "checkin" ? "arrive" : "leave")} on {day:yyyy-MM-dd}, it {(field == "checkin" ? "arrives" : "leaves")} on {actual:yyyy-MM-dd}.");
                                    break;
                                }

                            case "room":
                                Check(step, string.Equals(reservation.RoomType, value, StringComparison.OrdinalIgnoreCase), $"expected reservation {code} in a {value}, it is in a {reservation.RoomType}.");
                                break;
                            case "adults":
                                Check(step, reservation.Adults == int.Parse(value, CultureInfo.InvariantCulture), $"expected reservation {code} for {value} adults, it has {reservation.Adults}.");
                                break;
                            case "children":
                                Check(step, reservation.Children == int.Parse(value, CultureInfo.InvariantCulture), $"expected reservation {code} with {value} children, it has {reservation.Children}.");
                                break;
                            case "guest":
                                Check(step, string.Equals(reservation.GuestName?.Trim(), value, StringComparison.OrdinalIgnoreCase), $"expected reservation {code} in the name of '{value}', it is in the name of '{reservation.GuestName}'.");
                                break;
                            case "email":
                                Check(step, string.Equals(reservation.GuestEmail, value, StringComparison.OrdinalIgnoreCase), $"expected reservation {code} with email '{value}', it has '{reservation.GuestEmail}'.");
                                break;
                            case "total":
                                Check(step, reservation.Total == decimal.Parse(value, CultureInfo.InvariantCulture), $"expected reservation {code} to total {value}, it totals {reservation.Total}.");
                                break;
                            default:
                                Check(step, string.Equals(reservation.Status, rest, StringComparison.OrdinalIgnoreCase), $"expected reservation {code} to be {rest}, it is {reservation.Status}.");
                                break;
                        }

                        return;
                    }

                case "handoff":
                    {
                        var latest = (await target.ListHandoffsAsync(_conversationId, cancellationToken).ConfigureAwait(false)).LastOrDefault();
                        if (rest == "none")
                        {
                            Check(step, latest is null, $"expected no handoff ticket, found one ({latest?.Status}, {latest?.Reason}).");
                        }
                        else if (rest.StartsWith("reason ", StringComparison.Ordinal))
                        {
                            Check(step, string.Equals(latest?.Reason, rest["reason ".Length..], StringComparison.OrdinalIgnoreCase), $"expected a handoff ticket for {rest["reason ".Length..]}, found {latest?.Reason ?? "none"}.");
                        }
                        else
                        {
                            Check(step, string.Equals(latest?.Status, rest, StringComparison.OrdinalIgnoreCase), $"expected a handoff ticket {rest}, found {latest?.Status ?? "none"}.");
                        }

                        return;
                    }

                default:
                    {
                        var wanted = rest["contains ".Length..];
                        var waiting = await target.DrainMailboxAsync(_conversationId, cancellationToken).ConfigureAwait(false);
                        Check(step, waiting.Any(m => m.Contains(wanted, StringComparison.OrdinalIgnoreCase)), $"expected a waiting message containing \"{wanted}\"; waiting: [{string.Join(" | ", waiting)}].");
                        return;
                    }
            }
        }

        private async Task ActAsync(TranscriptStep step, CancellationToken cancellationToken)
        {
            var (verb, rest) = TranscriptScript.Split(step.Argument);
            if (verb == "new-conversation")
            {
                _conversationId = NewConversationId(slug);
                return;
            }

            if (verb == "advance")
            {
                await target.AdvanceClockAsync(TranscriptScript.ParseDuration(rest), cancellationToken).ConfigureAwait(false);
                return;
            }

            var ticket = (await target.ListHandoffsAsync(_conversationId, cancellationToken).ConfigureAwait(false)).LastOrDefault(t => t.Status != "Closed")
                ?? Fail<TranscriptHandoff>(step, "the conversation has no open handoff ticket.");
            switch (verb)
            {
                case "take":
                    await target.TakeHandoffAsync(ticket.Id, rest, cancellationToken).ConfigureAwait(false);
                    return;
                case "staff":
                    {
                        var colon = rest.IndexOf(':', StringComparison.Ordinal);
                        await target.ReplyAsStaffAsync(ticket.Id, rest[..colon].Trim(), rest[(colon + 1)..].Trim(), cancellationToken).ConfigureAwait(false);
                        return;
                    }

                default:
                    await target.ReleaseHandoffAsync(ticket.Id, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }

        private void Check(TranscriptStep step, bool condition, string message)
        {
            if (!condition)
            {
                Fail(step, message);
            }
        }

        private string Fail(TranscriptStep step, string message) => Fail<string>(step, message);

        private T Fail<T>(TranscriptStep step, string message)
        {
            var context = _last is null
                ? string.Empty
                : $"{Environment.NewLine}  after \"{_lastGuestLine}\": state {_last.State}, intent {_last.Intent}, language {_last.Language}" +
                  $"{Environment.NewLine}  replies: {string.Join(Environment.NewLine + "           ", _last.Replies.Select(r => "\"" + r + "\""))}";
            Assert.Fail($"{script.Name}, line {step.Line}: {message}{context}");
            return default!;
        }
    }
}
