using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;

namespace HotelAgent;

/// <summary>
/// Writes a <see cref="StaffNotification"/> from a ticket: ids, reason, priority, channel, waiting time, and of the
/// guest's data only a short excerpt and the reservation code, both through the <see cref="HotelAgentTaxonomy.GuestData"/>
/// redactor when the application registered redaction.
/// </summary>
internal sealed class StaffNotificationComposer(IRedactorProvider? redactors)
{
    private readonly Redactor? _redactor = redactors?.GetRedactor(new DataClassificationSet(HotelAgentTaxonomy.GuestData));

    public StaffNotification Compose(HandoffTicket ticket, StaffNotificationKind kind, int reminder, DateTimeOffset now, StaffNotificationOptions options)
    {
        var texts = Texts.Of(options.Language);
        var waiting = now - ticket.CreatedAt < TimeSpan.Zero ? TimeSpan.Zero : now - ticket.CreatedAt;
        var minutes = (int)Math.Floor(waiting.TotalMinutes);
        var urgent = ticket.Priority == HandoffPriority.Urgent;
        var reason = texts.Reasons[(int)ticket.Reason < texts.Reasons.Length ? (int)ticket.Reason : 0];
        var title = kind switch
        {
            StaffNotificationKind.Reminder => string.Format(CultureInfo.InvariantCulture, texts.Reminder, reminder, reason, minutes, ticket.Id),
            StaffNotificationKind.Escalated => string.Format(CultureInfo.InvariantCulture, texts.Escalated, ticket.Id),
            _ => string.Format(CultureInfo.InvariantCulture, texts.Opened, reason, ticket.Id),
        };
        if (urgent && kind != StaffNotificationKind.Escalated)
        {
            title = texts.Urgent + ": " + title;
        }

        var source = kind == StaffNotificationKind.Escalated
            ? ticket.Messages.LastOrDefault(m => m.From == HandoffParty.Guest && UrgentMessages.IsUrgent(m.Text))
            : null;
        source ??= ticket.Messages.FirstOrDefault(m => m.From == HandoffParty.Guest);
        var excerpt = options.ExcerptLength > 0 && source is not null ? Redact(Excerpt(source.Text, options.ExcerptLength)) : null;
        var code = ticket.ReservationCode is { Length: > 0 } reservation ? Redact(reservation) : null;
        var consoleUrl = options.ConsoleUrl is { Length: > 0 } pattern
            && Uri.TryCreate(pattern.Replace("{ticketId}", Uri.EscapeDataString(ticket.Id), StringComparison.Ordinal), UriKind.Absolute, out var url) ? url : null;

        var text = new StringBuilder(title).Append('\n');
        Line(texts.Ticket, ticket.Id);
        Line(texts.Channel, ticket.ChannelName);
        Line(texts.Language, ticket.Language);
        Line(texts.Reservation, code);
        Line(texts.Waiting, string.Format(CultureInfo.InvariantCulture, texts.Minutes, minutes));
        Line(texts.GuestWrote, excerpt is null ? null : "\u201C" + excerpt + "\u201D");
        Line(texts.Console, consoleUrl?.ToString());

        return new StaffNotification
        {
            Id = $"{ticket.Id}-{KeyOf(kind, reminder)}",
            Kind = kind,
            TicketId = ticket.Id,
            Reason = ticket.Reason,
            Priority = ticket.Priority,
            ChannelName = ticket.ChannelName,
            Language = ticket.Language,
            CreatedAt = ticket.CreatedAt,
            Waiting = waiting,
            Reminder = kind == StaffNotificationKind.Reminder ? reminder : 0,
            ReservationCode = code,
            Excerpt = excerpt,
            ConsoleUrl = consoleUrl,
            Title = title,
            Text = text.ToString().TrimEnd('\n'),
        };

        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(label).Append(": ").Append(value).Append('\n');
            }
        }
    }

    /// <summary>The event part of a notification's id and deduplication key: <c>opened</c>, <c>reminder-2</c>, <c>escalated</c>.</summary>
    public static string KeyOf(StaffNotificationKind kind, int reminder) => kind switch
    {
        StaffNotificationKind.Reminder => "reminder-" + reminder.ToString(CultureInfo.InvariantCulture),
        StaffNotificationKind.Escalated => "escalated",
        _ => "opened",
    };

    /// <summary>The value through the guest-data redactor; <see langword="null"/> when it erases it.</summary>
    private string? Redact(string value) => _redactor is null ? value : _redactor.Redact(value) is { Length: > 0 } redacted ? redacted : null;

    private static string Excerpt(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : string.Concat(flat.AsSpan(0, Math.Max(1, length - 1)).TrimEnd(), "…");
    }

    private sealed record Texts(
        string[] Reasons, string Opened, string Reminder, string Escalated, string Urgent, string Ticket, string Channel, string Language,
        string Reservation, string Waiting, string Minutes, string GuestWrote, string Console)
    {
        private static readonly Texts Spanish = new(
            ["Un huésped pide hablar con una persona", "Queja de un huésped", "Petición de salida tardía", "Petición fuera del horario de recepción", "Huésped al que el asistente no entendió", "Petición pendiente: el PMS no respondía"],
            "{0} (ticket {1})",
            "Recordatorio {0}: {1}, sin atender desde hace {2} min (ticket {3})",
            "URGENTE: el huésped marca su petición como urgente (ticket {0})",
            "URGENTE",
            "Ticket", "Canal", "Idioma", "Reserva", "Esperando", "{0} min", "El huésped escribió", "Consola");

        private static readonly Texts English = new(
            ["A guest asks for a person", "Guest complaint", "Late check-out request", "Request outside reception hours", "A guest the assistant did not understand", "Pending request: the PMS was unavailable"],
            "{0} (ticket {1})",
            "Reminder {0}: {1}, waiting for {2} min (ticket {3})",
            "URGENT: the guest marks their request urgent (ticket {0})",
            "URGENT",
            "Ticket", "Channel", "Language", "Reservation", "Waiting", "{0} min", "The guest wrote", "Console");

        private static readonly Texts Portuguese = new(
            ["Um hóspede pede para falar com uma pessoa", "Reclamação de um hóspede", "Pedido de saída tardia", "Pedido fora do horário da receção", "Hóspede que o assistente não entendeu", "Pedido pendente: o PMS não respondia"],
            "{0} (ticket {1})",
            "Lembrete {0}: {1}, sem resposta há {2} min (ticket {3})",
            "URGENTE: o hóspede marca o seu pedido como urgente (ticket {0})",
            "URGENTE",
            "Ticket", "Canal", "Idioma", "Reserva", "À espera", "{0} min", "O hóspede escreveu", "Consola");

        public static Texts Of(string language) => language switch
        {
            "en" => English,
            "pt" => Portuguese,
            _ => Spanish,
        };
    }
}
