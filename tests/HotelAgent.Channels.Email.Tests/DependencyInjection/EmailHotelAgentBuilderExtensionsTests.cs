using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.Email.Tests.DependencyInjection;

public sealed class EmailHotelAgentBuilderExtensionsTests
{
    private static void Valid(EmailOptions o)
    {
        o.ImapHost = "imap.example.test";
        o.SmtpHost = "smtp.example.test";
        o.UserName = "reservations@hotel.test";
        o.Password = "app-password";
        o.Address = "reservations@hotel.test";
    }

    [Fact]
    public void AddEmailChannel_NullBuilder_Throws()
    {
        var act = () => EmailHotelAgentBuilderExtensions.AddEmailChannel(null!, Valid);
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void AddEmailChannel_CalledTwice_RegistersOneChannelAndOnePoller()
    {
        var services = new ServiceCollection();
        services.AddHotelAgent().AddEmailChannel(Valid).AddEmailChannel(o => o.DisplayName = "Hotel");

        using var provider = services.AddLogging().BuildServiceProvider();

        provider.GetServices<IMessageChannel>().Where(c => c.Name == ChannelNames.Email).Should().ContainSingle();
        provider.GetServices<IHostedService>().OfType<EmailPoller>().Should().ContainSingle();
        var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
        options.DisplayName.Should().Be("Hotel");
        options.ImapHost.Should().Be("imap.example.test");
    }

    [Fact]
    public void AddEmailChannel_ConfigurationSection_BindsOptionsWithDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:ImapHost"] = "imap.gmail.com",
            ["Email:SmtpHost"] = "smtp.gmail.com",
            ["Email:UserName"] = "hotel@gmail.com",
            ["Email:Password"] = "abcd efgh ijkl mnop",
            ["Email:Address"] = "hotel@gmail.com",
            ["Email:PollInterval"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddHotelAgent().AddEmailChannel(configuration.GetSection("Email"));

        using var provider = services.AddLogging().BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;

        options.PollInterval.Should().Be(TimeSpan.FromMinutes(1));
        options.ImapPort.Should().Be(993);
        options.SmtpPort.Should().Be(587);
        options.ProcessedKeyword.Should().Be("$HotelAgentProcessed");
        options.MaxSmtpConnections.Should().Be(4);
        options.MaxConcurrentTurns.Should().Be(4);
        options.DeadLetterRetryInterval.Should().Be(TimeSpan.FromMinutes(1));
        options.ClaimTimeout.Should().Be(TimeSpan.FromMinutes(2));
        options.MaxRepliesPerCorrespondent.Should().Be(20);
        options.ReplyRateWindow.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Host_ClaimTimeoutShorterThanTwoPolls_FailsToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json")).AddEmailChannel(o =>
        {
            Valid(o);
            o.PollInterval = TimeSpan.FromMinutes(1);
            o.ClaimTimeout = TimeSpan.FromSeconds(90);
            o.MaxSmtpConnections = 0;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().Contain(f => f.Contains("ClaimTimeout must be at least twice PollInterval", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("MaxSmtpConnections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_InvalidOptions_FailsToStartNamingTheProblems()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json")).AddEmailChannel(o =>
        {
            Valid(o);
            o.Address = "not-an-address";
            o.Password = null;
            o.SmtpUserName = "other";
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().Contain(f => f.Contains("Password", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Address", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("SmtpPassword", StringComparison.Ordinal));
        error.Message.Should().NotContain("app-password");
    }

    [Fact]
    public void AddEmailChannel_ConnectTimeoutNotSet_DefaultsToFiveSeconds()
    {
        var services = new ServiceCollection();
        services.AddHotelAgent().AddEmailChannel(Valid);

        using var provider = services.AddLogging().BuildServiceProvider();

        provider.GetRequiredService<IOptions<EmailOptions>>().Value.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        new EmailOptions().ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public async Task Host_ZeroOrNegativeConnectTimeout_FailsToStart(int milliseconds)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json")).AddEmailChannel(o =>
        {
            Valid(o);
            o.ConnectTimeout = TimeSpan.FromMilliseconds(milliseconds);
        });
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures
            .Should().ContainSingle().Which.Should().Contain("ConnectTimeout");
    }

    [Fact]
    public void AddEmailChannel_UserOverridesTheChannel_UserChannelKept()
    {
        var services = new ServiceCollection();
        var custom = new CustomChannel();
        services.AddSingleton<IMessageChannel>(custom);
        services.AddHotelAgent().AddEmailChannel(Valid);

        using var provider = services.AddLogging().BuildServiceProvider();

        provider.GetServices<IMessageChannel>().Should().Contain(custom);
    }

    private sealed class CustomChannel : IMessageChannel
    {
        public string Name => "custom";

        public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default) =>
            Task.FromResult(new DeliveryResult(null));
    }
}
