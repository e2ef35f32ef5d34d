using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Options of the WhatsApp staff notifier (<c>AddWhatsAppStaffNotifier()</c>), usually bound from
/// <c>HotelAgent:StaffNotifications:WhatsApp</c>: an approved template message sent from one of the hotel's business
/// numbers to staff phones. Templates can be sent outside the 24-hour window, so staff need not have written first.
/// </summary>
/// <remarks>
/// The template's body takes two text parameters: <c>{{1}}</c> the notification's headline and <c>{{2}}</c> its
/// details on one line (ticket, channel, waiting time, the guest's words as redacted, console link); with
/// <see cref="IncludeDetails"/> off, only <c>{{1}}</c>.
/// </remarks>
public class WhatsAppStaffNotifierOptions
{
    /// <summary>
    /// Gets or sets the phone-number id of the business number that sends the notifications, one added with
    /// <c>AddWhatsAppChannel(phoneNumberId, ...)</c>; <see langword="null"/> for the number added without an id.
    /// </summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>Gets the staff phone numbers (international format, digits only, e.g. <c>34600111222</c>) the notifications go to.</summary>
    [Required]
    [MinLength(1, ErrorMessage = "Add at least one staff phone number to To.")]
    public IList<string> To { get; } = [];

    /// <summary>Gets or sets the name of the approved template, for example <c>staff_alert</c>.</summary>
    [Required]
    public string? TemplateName { get; set; }

    /// <summary>Gets or sets the template's language code.</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    public string TemplateLanguage { get; set; } = "es";

    /// <summary>Gets or sets a value indicating whether the template takes the details as a second parameter.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeDetails { get; set; } = true;
}
