namespace HotelAgent.Abstractions;

/// <summary>
/// The base of the exceptions HotelAgent.Sdk throws for failures (not for expected outcomes, which are results).
/// </summary>
public class HotelAgentException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="HotelAgentException"/> class.</summary>
    public HotelAgentException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HotelAgentException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public HotelAgentException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HotelAgentException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public HotelAgentException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets or sets a value indicating whether trying again later may succeed.</summary>
    public bool IsTransient { get; set; }
}

/// <summary>
/// The PMS could not be reached or answered with a server error.
/// </summary>
public class PmsUnavailableException : HotelAgentException
{
    /// <summary>Initializes a new instance of the <see cref="PmsUnavailableException"/> class.</summary>
    public PmsUnavailableException()
        : this("The PMS is unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PmsUnavailableException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public PmsUnavailableException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PmsUnavailableException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public PmsUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }
}

/// <summary>
/// A channel could not deliver a message.
/// </summary>
public class ChannelDeliveryException : HotelAgentException
{
    /// <summary>Initializes a new instance of the <see cref="ChannelDeliveryException"/> class.</summary>
    public ChannelDeliveryException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChannelDeliveryException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ChannelDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChannelDeliveryException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ChannelDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
