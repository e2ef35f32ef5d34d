using System.Globalization;

namespace HotelAgent.Testing;

/// <summary>
/// A conversation test written as data: guest lines, what the replies must contain, and the state or PMS effect each
/// turn must leave. Run it with <see cref="TranscriptRunner"/>.
/// </summary>
/// <remarks>
/// <para>One step per line; blank lines and lines starting with <c>#</c> are ignored:</para>
/// <list type="table">
/// <item><term><c>&gt; text</c></term><description>The guest says <c>text</c>. <c>{code}</c> is replaced by the last reservation code of the script.</description></item>
/// <item><term><c>&lt; text</c></term><description>A reply of the last turn contains <c>text</c> (case-insensitive); <c>&lt; a | b</c>: a reply contains <c>a</c> or <c>b</c>.</description></item>
/// <item><term><c>&lt;! text</c></term><description>No reply of the last turn contains <c>text</c>.</description></item>
/// <item><term><c>= state X</c>, <c>= intent X</c>, <c>= language X</c></term><description>The last turn left that state, understood that intent, answered in that language.</description></item>
/// <item><term><c>= quick-replies A | B</c></term><description>The last turn offered these quick replies (among others).</description></item>
/// <item><term><c>= silent</c></term><description>The last turn produced no reply (staff handle the conversation).</description></item>
/// <item><term><c>= booked</c></term><description>The last turn created a reservation, which the PMS holds as confirmed.</description></item>
/// <item><term><c>= no-write</c></term><description>The PMS holds the same reservations, unchanged, as before the last turn.</description></item>
/// <item><term><c>= reservation confirmed|cancelled</c>, <c>= reservation checkin|checkout YYYY-MM-DD</c>, <c>= reservation room CODE</c>, <c>= reservation adults|children N</c>, <c>= reservation guest NAME</c>, <c>= reservation email ADDRESS</c>, <c>= reservation total AMOUNT</c></term><description>The script's last reservation, as the PMS holds it, has that status, arrival or departure day, room type, head count, guest, email or total.</description></item>
/// <item><term><c>= handoff open|taken|closed|none</c>, <c>= handoff reason R</c></term><description>The conversation's latest handoff ticket.</description></item>
/// <item><term><c>= mailbox contains text</c></term><description>A message waiting for the guest (a staff reply) contains <c>text</c>; the mailbox is emptied.</description></item>
/// <item><term><c>! take NAME</c>, <c>! staff NAME: text</c>, <c>! release</c></term><description>Staff take the conversation's ticket, reply to the guest, hand the conversation back.</description></item>
/// <item><term><c>! new-conversation</c></term><description>Later guest lines go to a new conversation (another guest, or the same guest on another device); <c>{code}</c> is kept.</description></item>
/// <item><term><c>! advance 30m</c> (or <c>2h</c>, <c>1d</c>)</term><description>The target's clock moves forward.</description></item>
/// <item><term><c>@language xx</c></term><description>(header) Every guest line is sent with this language.</description></item>
/// </list>
/// </remarks>
public sealed class TranscriptScript
{
    private TranscriptScript(string name, string? language, IReadOnlyList<TranscriptStep> steps)
    {
        Name = name;
        Language = language;
        Steps = steps;
    }

    /// <summary>Gets the script's name (usually its file name).</summary>
    public string Name { get; }

    /// <summary>Gets the language every guest line is sent with, if the script sets one.</summary>
    public string? Language { get; }

    /// <summary>Gets the steps, in order.</summary>
    public IReadOnlyList<TranscriptStep> Steps { get; }

    /// <summary>Parses a script.</summary>
    /// <param name="name">The script's name, used in failure messages.</param>
    /// <param name="text">The script.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is not a step; the message names the line.</exception>
    public static TranscriptScript Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<TranscriptStep>();
        string? language = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("@language ", StringComparison.Ordinal))
            {
                language = line["@language ".Length..].Trim();
                continue;
            }

            var (kind, argument) = line switch
            {
                _ when line.StartsWith("<!", StringComparison.Ordinal) => (TranscriptStepKind.ReplyLacks, line[2..]),
                _ when line.StartsWith('>') => (TranscriptStepKind.Guest, line[1..]),
                _ when line.StartsWith('<') => (TranscriptStepKind.ReplyContains, line[1..]),
                _ when line.StartsWith('=') => (TranscriptStepKind.Expect, line[1..]),
                _ when line.StartsWith('!') => (TranscriptStepKind.Action, line[1..]),
                _ => throw new FormatException($"{name}, line {number}: '{line}' is not a step (start it with >, <, <!, =, ! or @)."),
            };
            argument = argument.Trim();
            if (argument.Length == 0)
            {
                throw new FormatException($"{name}, line {number}: the step has no text.");
            }

            if (kind == TranscriptStepKind.Expect)
            {
                ValidateExpectation(name, number, argument);
            }
            else if (kind == TranscriptStepKind.Action)
            {
                ValidateAction(name, number, argument);
            }
            else if (kind != TranscriptStepKind.Guest && !steps.Any(s => s.Kind == TranscriptStepKind.Guest))
            {
                throw new FormatException($"{name}, line {number}: a reply check needs a guest line before it.");
            }

            steps.Add(new TranscriptStep(kind, argument, number));
        }

        if (!steps.Any(s => s.Kind == TranscriptStepKind.Guest))
        {
            throw new FormatException($"{name}: the script has no guest line ('> ...').");
        }

        return new TranscriptScript(name, language, steps);
    }

    /// <summary>Loads a script from a file; its name is the file name.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The script.</returns>
    /// <exception cref="FormatException">A line is not a step.</exception>
    public static TranscriptScript Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Parses a duration such as <c>30m</c>, <c>2h</c>, <c>1d</c> or <c>45s</c>.</summary>
    /// <param name="text">The duration.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            switch (trimmed[^1])
            {
                case 's': return TimeSpan.FromSeconds(value);
                case 'm': return TimeSpan.FromMinutes(value);
                case 'h': return TimeSpan.FromHours(value);
                case 'd': return TimeSpan.FromDays(value);
            }
        }

        throw new FormatException($"'{text}' is not a duration such as 30m, 2h or 1d.");
    }

    private static void ValidateExpectation(string name, int number, string argument)
    {
        var (verb, rest) = Split(argument);
        var valid = verb switch
        {
            "state" or "intent" or "language" or "quick-replies" => rest.Length > 0,
            "silent" or "booked" or "no-write" => rest.Length == 0,
            "reservation" => IsReservationCheck(rest),
            "handoff" => rest is "open" or "taken" or "closed" or "none" || rest.StartsWith("reason ", StringComparison.Ordinal),
            "mailbox" => rest.StartsWith("contains ", StringComparison.Ordinal),
            _ => false,
        };
        if (!valid)
        {
            throw new FormatException($"{name}, line {number}: '= {argument}' is not an expectation (see the TranscriptScript docs).");
        }
    }

    private static bool IsReservationCheck(string rest)
    {
        if (rest is "confirmed" or "cancelled")
        {
            return true;
        }

        var (field, value) = Split(rest);
        return field switch
        {
            "checkin" or "checkout" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "adults" or "children" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            "total" => decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
            "room" or "guest" or "email" => value.Length > 0,
            _ => false,
        };
    }

    private static void ValidateAction(string name, int number, string argument)
    {
        var (verb, rest) = Split(argument);
        var valid = verb switch
        {
            "take" => rest.Length > 0,
            "staff" => rest.Contains(':', StringComparison.Ordinal),
            "release" or "new-conversation" => rest.Length == 0,
            "advance" => TryDuration(rest),
            _ => false,
        };
        if (!valid)
        {
            throw new FormatException($"{name}, line {number}: '! {argument}' is not an action (take NAME, staff NAME: text, release, new-conversation, advance 30m).");
        }
    }

    private static bool TryDuration(string text)
    {
        try
        {
            ParseDuration(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static (string Verb, string Remainder) Split(string argument)
    {
        var space = argument.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (argument, string.Empty) : (argument[..space], argument[(space + 1)..].Trim());
    }
}

/// <summary>
/// One step of a <see cref="TranscriptScript"/>.
/// </summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Argument">The step's text, without its marker.</param>
/// <param name="Line">The line number in the script.</param>
public sealed record TranscriptStep(TranscriptStepKind Kind, string Argument, int Line);

/// <summary>
/// The kinds of <see cref="TranscriptStep"/>.
/// </summary>
public enum TranscriptStepKind
{
    /// <summary>The guest says something (<c>&gt;</c>).</summary>
    Guest = 0,

    /// <summary>A reply contains a text (<c>&lt;</c>).</summary>
    ReplyContains = 1,

    /// <summary>No reply contains a text (<c>&lt;!</c>).</summary>
    ReplyLacks = 2,

    /// <summary>A state, intent or PMS effect (<c>=</c>).</summary>
    Expect = 3,

    /// <summary>A staff or clock action (<c>!</c>).</summary>
    Action = 4,
}
