namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures one property (hotel) of a host that serves several: returned inside <c>AddProperty(name, ...)</c> and
/// extended by PMS packages (<c>AddDemoPms</c>, <c>AddQloAppsPms</c>) that register the property's own adapter as a
/// keyed service (key = <see cref="Name"/>).
/// </summary>
public interface IHotelPropertyBuilder
{
    /// <summary>Gets the property's name: the key of its keyed services and the name of its options.</summary>
    string Name { get; }

    /// <summary>Gets the service collection the agent is registered in.</summary>
    IServiceCollection Services { get; }
}
