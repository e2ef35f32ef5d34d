using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotelAgent.Tests.DependencyInjection;

public sealed class HotelAgentServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHotelAgent_NullServices_Throws()
    {
        var act = () => HotelAgentServiceCollectionExtensions.AddHotelAgent(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("services");
    }

    [Fact]
    public void AddHotelAgent_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();

        services.AddHotelAgent();
        var count = services.Count;
        services.AddHotelAgent();

        services.Count.Should().Be(count);
        services.Count(d => d.ServiceType == typeof(IHotelAgent)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(INluEngine) && !d.IsKeyedService).Should().Be(1);
    }

    [Fact]
    public void AddHotelAgent_CalledTwice_RegistersTheDialogueTasksOnceInTheirOrder()
    {
        var services = new ServiceCollection();

        services.AddHotelAgent();
        services.AddHotelAgent();

        services.Where(d => d.ServiceType == typeof(IDialogueTask)).Select(d => d.ImplementationType).Should().Equal(
            typeof(HandoffTask), typeof(BookingTask), typeof(ManageBookingTask), typeof(HotelQuestionsTask), typeof(SmallTalkTask));
    }

    [Fact]
    public async Task AddHotelAgent_UserSessionStore_IsKept()
    {
        var services = new ServiceCollection();
        var mine = new InMemorySessionStore(TimeProvider.System);
        services.AddSingleton<ISessionStore>(mine);

        services.AddLogging().AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json");

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ISessionStore>().Should().BeSameAs(mine);
    }

    [Fact]
    public async Task AddDemoPms_CalledTwice_RegistersOnePms()
    {
        var services = new ServiceCollection();

        services.AddLogging().AddHotelAgent().AddDemoPms().AddDemoPms(o => o.CatalogPath = "hotel.json");

        services.Count(d => d.ServiceType == typeof(IPmsAdapter)).Should().Be(1);
        await using var provider = services.BuildServiceProvider();
        (await provider.GetRequiredService<IPmsAdapter>().GetRoomTypesAsync()).Should().HaveCount(5);
    }

    [Fact]
    public async Task Start_InvalidOptions_FailsWithOptionsValidationException()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent(o =>
        {
            o.NluConfidenceThreshold = 2;
            o.DefaultLanguage = "fr";
            o.AdminApiKey = "short";
        }).AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>();
        thrown.Which.Failures.Should().HaveCount(3);
        thrown.Which.Message.Should().Contain("NluConfidenceThreshold").And.Contain("DefaultLanguage").And.Contain("AdminApiKey");
    }

    [Fact]
    public async Task Start_UnknownDefaultLanguage_FailsListingTheAllowedValues()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent(o => o.DefaultLanguage = "fr").AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().ContainSingle()
            .Which.Should().Contain("DefaultLanguage must be one of es, en or pt");
    }

    [Fact]
    public async Task Start_NoPms_FailsNamingTheFix()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*No PMS is registered*AddDemoPms*");
    }

    [Fact]
    public async Task Start_MissingCatalogue_FailsNamingTheFile()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "missing-hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*missing-hotel.json*");
    }

    [Fact]
    public void ReplyTexts_EveryKey_HasSpanishEnglishAndPortuguese()
    {
        ReplyTexts.Keys.Should().NotBeEmpty().And.OnlyContain(key => ReplyTexts.LanguageCount(key) == 3);
    }
}
