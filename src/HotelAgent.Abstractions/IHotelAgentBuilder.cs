namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures the hotel agent: returned by <c>AddHotelAgent()</c> and extended by every channel, NLU, PMS and session
/// store package (<c>AddWhatsAppChannel</c>, <c>AddQloAppsPms</c>, ...).
/// </summary>
public interface IHotelAgentBuilder
{
    /// <summary>Gets the service collection the agent is registered in.</summary>
    IServiceCollection Services { get; }
}
