using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotelAgent.Tests.DependencyInjection;

public sealed class SecretsStartupCheckTests
{
    private static SecretSetting Setting(string name, bool required = true) => new(name, _ => null, required);

    [Theory]
    [InlineData(null, true, "is empty")]
    [InlineData("   ", true, "is empty")]
    [InlineData("abc123", true, "is shorter than 8 characters")]
    [InlineData("ChangeMe-please-now", true, "looks like a placeholder")]
    [InlineData("my-secret-value-here", true, "looks like a placeholder")]
    [InlineData("dummy0000dummy", true, "looks like a placeholder")]
    public void Check_WeakValue_NamesTheSettingAndTheProblem(string? value, bool required, string problem)
    {
        var problems = SecretsStartupCheck.Check([(Setting("HotelAgent:WhatsApp:AccessToken", required), value)]).ToArray();

        problems.Should().ContainSingle().Which.Should().Be($"HotelAgent:WhatsApp:AccessToken {problem}");
    }

    [Theory]
    [InlineData("k7Qm2vXp9LrT4wZs8NbY", true)]
    [InlineData(null, false)]
    public void Check_StrongOrOptionalUnset_Passes(string? value, bool required)
    {
        SecretsStartupCheck.Check([(Setting("HotelAgent:AdminApiKey", required), value)]).Should().BeEmpty();
    }

    [Fact]
    public async Task StartAsync_ProductionWithAWeakSecret_ThrowsWithoutTheValue()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Services.AddHotelAgent(o => o.AdminApiKey = "changeme-changeme-1").AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*HotelAgent:AdminApiKey looks like a placeholder*");
        thrown.Which.Message.Should().NotContain("changeme-changeme-1");
    }

    [Fact]
    public async Task StartAsync_DevelopmentWithAWeakSecret_Starts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddHotelAgent(o => o.AdminApiKey = "changeme-changeme-1").AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }
}
