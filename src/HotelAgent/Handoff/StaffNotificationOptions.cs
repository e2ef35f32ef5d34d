using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Options of the staff notifications (<c>AddStaffNotifications()</c>), usually bound from
/// <c>HotelAgent:StaffNotifications</c>: when staff are told about handoff tickets, in which language, and how much of
/// the guest's words the notification carries.
/// </summary>
public class StaffNotificationOptions
{
    /// <summary>Gets or sets how long an open ticket waits without staff taking it before a reminder is sent; reminders repeat at this interval.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = StaffNotificationDefaults.ReminderAfter;

    /// <summary>Gets or sets how many reminders are sent for one ticket at most (0 sends none).</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 100)]
    public int MaxReminders { get; set; } = StaffNotificationDefaults.MaxReminders;

    /// <summary>
    /// Gets or sets how often open tickets are checked for reminders, for notifications deferred to reception hours and
    /// for notifications that failed and are tried again.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ScanInterval { get; set; } = StaffNotificationDefaults.ScanInterval;

    /// <summary>
    /// Gets or sets a value indicating whether tickets of normal priority opened outside reception hours are notified at
    /// once. When <see langword="false"/>, they are notified when reception opens; urgent ones are always notified at once.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool NotifyOutsideReceptionHours { get; set; }

    /// <summary>
    /// Gets or sets how many characters of the guest's message a notification carries (0: none). The excerpt is guest
    /// data: it goes through the redactor of <c>HotelAgentTaxonomy.GuestData</c> when the application configures redaction.
    /// </summary>
    /// <value>The default value is 160.</value>
    [Range(0, 1000)]
    public int ExcerptLength { get; set; } = StaffNotificationDefaults.ExcerptLength;

    /// <summary>Gets or sets the language of the notifications: <c>es</c>, <c>en</c> or <c>pt</c>.</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    [AllowedValues("es", "en", "pt", ErrorMessage = "Language must be one of es, en or pt.")]
    public string Language { get; set; } = StaffNotificationDefaults.Language;

    /// <summary>
    /// Gets or sets the address of a ticket in the staff console, with <c>{ticketId}</c> where the ticket id goes, for
    /// example <c>https://console.hotel.example/handoffs/{ticketId}</c>; notifications carry no link when it is not set.
    /// </summary>
    public string? ConsoleUrl { get; set; }

    /// <summary>Gets or sets how long a sent notification is remembered, so no host sends it again.</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = StaffNotificationDefaults.DeduplicationWindow;

    /// <summary>
    /// Gets or sets how long a host may take to send one notification before another host may send it instead (the host
    /// sending it may have died); longer than a notifier's retries take.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendTimeout { get; set; } = StaffNotificationDefaults.SendTimeout;
}

internal static class StaffNotificationDefaults
{
    public const int MaxReminders = 3;
    public const int ExcerptLength = 160;
    public const string Language = "es";
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(2);
}
