using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API refused or could not take a message (see <see cref="WhatsAppErrorCodes"/> for the codes that
/// matter most). The message is kept in the <see cref="IWhatsAppDeadLetterStore"/>.
/// </summary>
public class WhatsAppApiException : ChannelDeliveryException
{
    /// <summary>Initializes a new instance of the <see cref="WhatsAppApiException"/> class.</summary>
    public WhatsAppApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WhatsAppApiException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public WhatsAppApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WhatsAppApiException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WhatsAppApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WhatsAppApiException"/> class for a Graph API error.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="errorCode">The Graph API error code, for example <see cref="WhatsAppErrorCodes.ReEngagementMessage"/>.</param>
    /// <param name="httpStatusCode">The HTTP status code of the response, if there was one.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WhatsAppApiException(string message, int? errorCode, int? httpStatusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        HttpStatusCode = httpStatusCode;
        IsTransient = WhatsAppErrorCodes.IsTransient(errorCode, httpStatusCode);
    }

    /// <summary>Gets the Graph API error code, or <see langword="null"/> when the API was not reached or gave none.</summary>
    public int? ErrorCode { get; }

    /// <summary>Gets the Graph API error subcode, if any.</summary>
    public int? ErrorSubcode { get; init; }

    /// <summary>Gets the HTTP status code of the response, or <see langword="null"/> when the API was not reached.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>Gets Meta's trace id of the failed request (<c>fbtrace_id</c>), to quote to Meta support.</summary>
    public string? TraceId { get; init; }
}
