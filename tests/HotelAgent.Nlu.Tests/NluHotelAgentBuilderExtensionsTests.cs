using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HotelAgent.Nlu.Tests;

public sealed class NluHotelAgentBuilderExtensionsTests
{
    private sealed class Builder(IServiceCollection services) : IHotelAgentBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class OtherEngine : INluEngine
    {
        public ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default) =>
            new(new NluResult { Intent = Intents.OutOfScope, Confidence = 1, Language = "en" });
    }

    [Fact]
    public void AddRuleBasedNlu_NullBuilder_Throws()
    {
        var act = () => NluHotelAgentBuilderExtensions.AddRuleBasedNlu(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("builder");
    }

    [Fact]
    public void AddRuleBasedNlu_Called_RegistersRuleBasedEngineAsTheEngine()
    {
        var services = new ServiceCollection();
        var builder = new Builder(services);

        builder.AddRuleBasedNlu().Should().BeSameAs(builder);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<INluEngine>().Should().BeOfType<RuleBasedNluEngine>();
        provider.GetRequiredKeyedService<INluEngine>(NluHotelAgentBuilderExtensions.RuleBasedEngineKey).Should().BeSameAs(provider.GetRequiredService<INluEngine>());
    }

    [Fact]
    public void AddRuleBasedNlu_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        var builder = new Builder(services);

        builder.AddRuleBasedNlu().AddRuleBasedNlu();

        services.Count(d => d.ServiceType == typeof(INluEngine) && !d.IsKeyedService).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(INluEngine) && d.IsKeyedService).Should().Be(1);
    }

    [Fact]
    public void AddRuleBasedNlu_AfterAnotherEngine_ReplacesIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<INluEngine, OtherEngine>();

        new Builder(services).AddRuleBasedNlu();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<INluEngine>().Should().BeOfType<RuleBasedNluEngine>();
        provider.GetServices<INluEngine>().Should().ContainSingle();
    }

    [Fact]
    public void AddRuleBasedNlu_FollowedByAnotherEngine_IsOverridden()
    {
        var services = new ServiceCollection();
        new Builder(services).AddRuleBasedNlu();

        services.Replace(ServiceDescriptor.Singleton<INluEngine, OtherEngine>());
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<INluEngine>().Should().BeOfType<OtherEngine>();
    }

    [Fact]
    public async Task AddRuleBasedNlu_Configure_AppliesDefaultLanguage()
    {
        var services = new ServiceCollection();
        new Builder(services).AddRuleBasedNlu(o => o.DefaultLanguage = "pt");
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<INluEngine>().ParseAsync(new NluRequest { Text = "wifi?", ReferenceDate = TestCatalog.ReferenceDate }, TestContext.Current.CancellationToken);

        result.Language.Should().Be("pt");
    }

    [Theory]
    [InlineData("fr", 0.3)]
    [InlineData("es", 1.5)]
    public void AddRuleBasedNlu_InvalidOptions_FailsValidation(string language, double threshold)
    {
        var services = new ServiceCollection();
        new Builder(services).AddRuleBasedNlu(o =>
        {
            o.DefaultLanguage = language;
            o.ConfidenceThreshold = threshold;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<RuleBasedNluOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }
}
