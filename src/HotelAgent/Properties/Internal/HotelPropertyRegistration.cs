using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent;

/// <summary>Marks one <c>AddProperty</c> registration: the property's name (lower case).</summary>
/// <param name="Name">The property's name.</param>
internal sealed record HotelPropertyRegistration(string Name);

/// <summary>The builder <c>AddProperty</c> hands its callback.</summary>
internal sealed class HotelPropertyBuilder(string name, IServiceCollection services) : IHotelPropertyBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
