using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.AspNetCore.Tests;

public sealed class MapHotelAgentTests
{
    [Fact]
    public async Task MapHotelAgent_NoPmsAdapterRegistered_ThrowsNamingTheFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddHotelAgent();
        await using var app = builder.Build();

        var map = () => app.MapHotelAgent();

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("No PMS adapter is registered. Chain one to AddHotelAgent(): AddDemoPms(*AddQloAppsPms(*docs/pms/writing-an-adapter.md*");
    }

    [Fact]
    public async Task MapHotelAgent_WithoutAddHotelAgent_ThrowsNamingTheFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var map = () => app.MapHotelAgent();

        map.Should().Throw<InvalidOperationException>().WithMessage("Call builder.Services.AddHotelAgent() before MapHotelAgent().");
    }

    [Fact]
    public async Task MapHotelAgent_PmsRegistered_MapsWithoutBuildingTheAgent()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"));
        await using var app = builder.Build();

        var map = () => app.MapHotelAgent();

        map.Should().NotThrow();
    }
}
