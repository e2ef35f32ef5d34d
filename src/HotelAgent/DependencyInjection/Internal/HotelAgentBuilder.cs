namespace Microsoft.Extensions.DependencyInjection;

internal sealed class HotelAgentBuilder(IServiceCollection services) : IHotelAgentBuilder
{
    public IServiceCollection Services { get; } = services;
}
