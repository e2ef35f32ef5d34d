using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Pms.QloApps.Tests.DependencyInjection;

/// <summary>
/// QloApps hotels of named properties (<c>p.AddQloAppsPms(...)</c>): each a keyed adapter with its own options and
/// HTTP client, beside (not instead of) the default property's PMS.
/// </summary>
public sealed class QloAppsPropertyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddQloAppsPms_TwoPropertiesOnOneQloApps_EachAdapterAsksForItsOwnHotel()
    {
        await using var server = await FakeQloAppsServer.StartStatefulAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        new PropertyBuilder("valencia", services).AddQloAppsPms(o => Configure(o, server.BaseUrl, hotelId: 1));
        new PropertyBuilder("lisbon", services).AddQloAppsPms(o => Configure(o, server.BaseUrl, hotelId: 2));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var valencia = await provider.GetRequiredKeyedService<IPmsAdapter>("valencia").GetHotelInfoAsync(Token);
        var lisbon = () => provider.GetRequiredKeyedService<IPmsAdapter>("lisbon").GetHotelInfoAsync(Token);

        provider.GetService<IPmsAdapter>().Should().BeNull("a property's QloApps hotel does not become the default property's PMS");
        valencia.Id.Should().Be("1");
        await lisbon.Should().ThrowAsync<PmsUnavailableException>().WithMessage("*no hotel 2*");
    }

    private static void Configure(QloAppsOptions options, string baseUrl, int hotelId)
    {
        options.BaseUrl = baseUrl;
        options.ApiKey = FakeQloAppsServer.ApiKey;
        options.HotelId = hotelId;
        options.RetryDelay = TimeSpan.Zero;
    }

    private sealed class PropertyBuilder(string name, IServiceCollection services) : IHotelPropertyBuilder
    {
        public string Name { get; } = name;

        public IServiceCollection Services { get; } = services;
    }
}
