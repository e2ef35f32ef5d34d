using System.Net;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore.Tests.Issues;

/// <summary>
/// Issue 15: the sample host reads <c>HotelAgent:QloApps</c> as docs/configuration.md says, and keeps the demo PMS
/// when the section is absent.
/// </summary>
public sealed class IssuesTests_SampleQloAppsSection_15
{
    [Fact]
    public async Task Start_QloAppsSection_UsesQloAppsAndReadinessFollowsIt()
    {
        // Port 1 on loopback: nothing listens, so a QloApps adapter is unready; the demo PMS would be ready.
        await using var factory = Host(("HotelAgent:QloApps:BaseUrl", "http://127.0.0.1:1"), ("HotelAgent:QloApps:ApiKey", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"),
            ("HotelAgent:QloApps:MaxRetryAttempts", "0"));

        using var ready = await factory.CreateClient().GetAsync("/health/ready");

        factory.Services.GetRequiredService<IPmsAdapter>().GetType().FullName.Should().Be("HotelAgent.Pms.QloApps.QloAppsPmsAdapter");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Start_NoQloAppsSection_UsesTheDemoPms()
    {
        await using var factory = Host();

        using var ready = await factory.CreateClient().GetAsync("/health/ready");

        factory.Services.GetRequiredService<IPmsAdapter>().GetType().Name.Should().Be("DemoPmsAdapter");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Start_QloAppsSectionWithoutBaseUrl_FailsNamingTheOption()
    {
        using var factory = Host(("HotelAgent:QloApps:ApiKey", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"));

        var act = () => factory.CreateClient();

        act.Should().Throw<OptionsValidationException>().WithMessage("*BaseUrl*");
    }

    private static WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
}
