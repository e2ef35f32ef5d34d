using System.Diagnostics;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.WhatsApp.Tests.DependencyInjection;

public sealed class WhatsAppHotelAgentBuilderExtensionsTests
{
    private static void Valid(WhatsAppOptions o)
    {
        o.AccessToken = "token";
        o.AppSecret = "secret";
        o.VerifyToken = "verify";
    }

    /// <summary>The WhatsApp channels among the registered ones (the core registers its web-chat channel too).</summary>
    private static IMessageChannel[] WhatsAppChannels(IServiceProvider provider) =>
        [.. provider.GetServices<IMessageChannel>().Where(c => c.Name.StartsWith("whatsapp", StringComparison.Ordinal))];

    private static ServiceProvider Build(Action<IHotelAgentBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddHotelAgent();
        configure(builder);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddWhatsAppChannel_NullBuilder_Throws()
    {
        var act = () => WhatsAppHotelAgentBuilderExtensions.AddWhatsAppChannel(null!, _ => { });

        act.Should().Throw<ArgumentNullException>().WithParameterName("builder");
    }

    [Fact]
    public void AddWhatsAppChannel_BlankPhoneNumberId_Throws()
    {
        var act = () => new ServiceCollection().AddHotelAgent().AddWhatsAppChannel(" ", _ => { });

        act.Should().Throw<ArgumentException>().WithParameterName("phoneNumberId");
    }

    [Fact]
    public void AddWhatsAppChannel_ReturnsTheBuilder()
    {
        var builder = new ServiceCollection().AddHotelAgent();

        builder.AddWhatsAppChannel("123", Valid).Should().BeSameAs(builder);
    }

    [Fact]
    public void AddWhatsAppChannel_CalledTwiceForOneNumber_RegistersOneChannelAndOneWebhook()
    {
        using var provider = Build(b => b.AddWhatsAppChannel("123", Valid).AddWhatsAppChannel("123", o => o.ListButtonText = "Ver"));

        WhatsAppChannels(provider).Should().ContainSingle().Which.Name.Should().Be("whatsapp:123");
        provider.GetServices<IWebhookHandler>().Should().ContainSingle(h => h.Name == "whatsapp");
        provider.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get("123").ListButtonText.Should().Be("Ver");
    }

    [Fact]
    public void AddWhatsAppChannel_TwoNumbers_RegistersKeyedChannels()
    {
        using var provider = Build(b => b.AddWhatsAppChannel("111", Valid).AddWhatsAppChannel("222", Valid));

        WhatsAppChannels(provider).Select(c => c.Name).Should().BeEquivalentTo("whatsapp:111", "whatsapp:222");
        provider.GetRequiredKeyedService<IMessageChannel>("222").Name.Should().Be("whatsapp:222");
        provider.GetServices<IWebhookHandler>().Should().ContainSingle(h => h.Name == "whatsapp");
    }

    [Fact]
    public void AddWhatsAppChannel_UserDeadLetterStore_IsKept()
    {
        var store = new InMemoryWhatsAppDeadLetterStore();
        using var provider = Build(b =>
        {
            b.Services.AddSingleton<IWhatsAppDeadLetterStore>(store);
            b.AddWhatsAppChannel("123", Valid);
        });

        provider.GetRequiredService<IWhatsAppDeadLetterStore>().Should().BeSameAs(store);
    }

    [Fact]
    public void AddWhatsAppChannel_Configuration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PhoneNumberId"] = "555",
            ["AccessToken"] = "token",
            ["AppSecret"] = "secret",
            ["VerifyToken"] = "verify",
            ["GraphApiVersion"] = "v23.0",
            ["OutOfWindowTemplateName"] = "hello_again",
        }).Build();

        using var provider = Build(b => b.AddWhatsAppChannel(configuration));

        var options = provider.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().CurrentValue;
        options.GraphApiVersion.Should().Be("v23.0");
        options.OutOfWindowTemplateName.Should().Be("hello_again");
        WhatsAppChannels(provider).Should().ContainSingle().Which.Name.Should().Be("whatsapp:555");
    }

    [Fact]
    public void Options_Defaults_MatchTheDocumentation()
    {
        var options = new WhatsAppOptions();

        options.GraphApiBaseUrl.Should().Be(new Uri("https://graph.facebook.com"));
        options.GraphApiVersion.Should().Be("v21.0");
        options.MaxMediaBytes.Should().Be(10 * 1024 * 1024);
        options.DeduplicationWindow.Should().Be(TimeSpan.FromDays(7));
        options.MarkAsRead.Should().BeTrue();
        options.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(15));
        options.TotalRequestTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void AddWhatsAppChannel_Defaults_GraphApiClientConnectsThroughSocketsHttpHandlerWithFiveSecondConnectTimeout()
    {
        using var provider = Build(b => b.AddWhatsAppChannel("123", Valid));

        var handler = PrimaryHandler.Of(provider, WhatsAppChannel.HttpClientNameOf("123")).Should().BeOfType<SocketsHttpHandler>().Subject;
        handler.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        handler.PooledConnectionLifetime.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void AddWhatsAppChannel_ConnectTimeoutPerNumber_ReachesThatNumbersPrimaryHandler()
    {
        using var provider = Build(b => b
            .AddWhatsAppChannel("111", o =>
            {
                Valid(o);
                o.ConnectTimeout = TimeSpan.FromSeconds(2);
            })
            .AddWhatsAppChannel("222", Valid));

        PrimaryHandler.Of(provider, WhatsAppChannel.HttpClientNameOf("111")).Should().BeOfType<SocketsHttpHandler>()
            .Which.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(2));
        PrimaryHandler.Of(provider, WhatsAppChannel.HttpClientNameOf("222")).Should().BeOfType<SocketsHttpHandler>()
            .Which.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GraphApiClient_ConnectStalls_FailsAfterConnectTimeoutNotAttemptTimeout()
    {
        using var stalled = await StalledLoopbackPort.StartAsync();
        using var provider = Build(b => b.AddWhatsAppChannel("123", o =>
        {
            Valid(o);
            o.GraphApiBaseUrl = stalled.BaseUrl;
            o.ConnectTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
            o.RetryDelay = TimeSpan.Zero;
        }));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(WhatsAppChannel.HttpClientNameOf("123"));
        var watch = Stopwatch.StartNew();

        var act = () => client.GetAsync(stalled.BaseUrl, TestContext.Current.CancellationToken);

        // SocketsHttpHandler reports its connect timeout as a TaskCanceledException around a TimeoutException; the
        // attempt timeout (15 s) would have been a TimeoutRejectedException.
        await act.Should().ThrowAsync<TaskCanceledException>().WithInnerException(typeof(TimeoutException));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StartAsync_ZeroConnectTimeout_FailsWithOptionsValidationException()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.AddHotelAgent()
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddWhatsAppChannel("123", o =>
            {
                Valid(o);
                o.ConnectTimeout = TimeSpan.Zero;
            });
        await using var app = builder.Build();

        var act = () => app.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("ConnectTimeout");
    }

    [Fact]
    public void Validation_NamedOptionsWithAnotherPhoneNumberId_Fails()
    {
        using var provider = Build(b => b.AddWhatsAppChannel("123", o =>
        {
            Valid(o);
            o.PhoneNumberId = "456";
        }));

        var act = () => provider.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get("123");

        act.Should().Throw<OptionsValidationException>().WithMessage("*PhoneNumberId '123'*");
    }

    [Fact]
    public async Task StartAsync_MissingAppSecret_FailsWithOptionsValidationException()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.AddHotelAgent()
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddWhatsAppChannel("123", o =>
            {
                o.AccessToken = "token";
                o.VerifyToken = "verify";
            });
        await using var app = builder.Build();

        var act = () => app.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("AppSecret");
    }

    [Fact]
    public void Options_SecretsAreNotInToString()
    {
        var options = new WhatsAppOptions { AccessToken = "EAAG-secret", AppSecret = "app-secret", VerifyToken = "verify-secret" };

        options.ToString().Should().NotContain("secret").And.NotContain("EAAG");
    }
}
