using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.Email.Tests.Mailboxes;

/// <summary>Several mailboxes in one host: registration, configuration binding and the checks at start.</summary>
public sealed class EmailMailboxesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Action<EmailOptions> Valid(string user) => o =>
    {
        o.ImapHost = "imap.example.test";
        o.SmtpHost = "smtp.example.test";
        o.UserName = user + "@hotel.test";
        o.Password = "app-password-" + user;
        o.Address = user + "@hotel.test";
    };

    private static HostApplicationBuilder TwoHotels(Action<IHotelPropertyBuilder> madrid, Action<IHotelPropertyBuilder> lisbon)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddProperty("madrid", p =>
            {
                p.AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"));
                madrid(p);
            })
            .AddProperty("lisbon", p =>
            {
                p.AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel-lisbon.json"));
                lisbon(p);
            });
        return builder;
    }

    [Fact]
    public void AddEmailChannel_PerProperty_OneChannelPollerAndOptionsPerMailbox()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHotelAgent()
            .AddEmailChannel(Valid("reception"))
            .AddProperty("madrid", p => p.AddEmailChannel(Valid("madrid")))
            .AddProperty("Lisbon", p => p.AddEmailChannel(Valid("lisbon")).AddEmailChannel(o => o.DisplayName = "Miradouro"));
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IMessageChannel>().Select(c => c.Name).Where(n => n.StartsWith("email", StringComparison.Ordinal))
            .Should().BeEquivalentTo(["email", "email:madrid", "email:lisbon"]);
        provider.GetRequiredKeyedService<IMessageChannel>("lisbon").Name.Should().Be("email:lisbon");
        provider.GetServices<IHostedService>().OfType<EmailPoller>().Select(p => p.Mailbox.ChannelName)
            .Should().BeEquivalentTo(["email", "email:madrid", "email:lisbon"]);
        provider.GetServices<IDeadLetterQueue>().Select(q => q.Name).Should().Contain(["email", "email:madrid", "email:lisbon"]);
        var options = provider.GetRequiredService<IOptionsMonitor<EmailOptions>>();
        options.Get("lisbon").Address.Should().Be("lisbon@hotel.test");
        options.Get("lisbon").DisplayName.Should().Be("Miradouro", "a second call adds configuration to the same mailbox");
        options.Get("madrid").Address.Should().Be("madrid@hotel.test");
        options.CurrentValue.Address.Should().Be("reception@hotel.test", "the default mailbox keeps the unnamed options");

        var directory = provider.GetRequiredService<IHotelPropertyDirectory>();
        directory.PropertyOf(Mail("email:lisbon")).Should().Be("lisbon");
        directory.PropertyOf(Mail("email:madrid")).Should().Be("madrid");
        directory.PropertyOf(Mail("email")).Should().BeNull("the default mailbox is the default property's");
    }

    [Fact]
    public void AddEmailChannel_NamedMailboxGivenByConfiguration_RoutedToThePropertyThatNamesIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:ImapHost"] = "imap.example.test",
            ["Email:SmtpHost"] = "smtp.example.test",
            ["Email:UserName"] = "groups@hotel.test",
            ["Email:Password"] = "app-password",
            ["Email:Address"] = "groups@hotel.test",
            ["Email:PollInterval"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddHotelAgent()
            .AddEmailChannel("Groups", configuration.GetSection("Email"))
            .AddProperty("lisbon", p => p.Configure(o => o.Channels.Add("email:groups")));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<EmailOptions>>().Get("groups");
        options.PollInterval.Should().Be(TimeSpan.FromSeconds(10));
        options.ImapPort.Should().Be(993, "defaults apply to named mailboxes too");
        provider.GetRequiredKeyedService<IMessageChannel>("groups").Name.Should().Be("email:groups");
        provider.GetRequiredService<IHotelPropertyDirectory>().PropertyOf(Mail("email:groups")).Should().Be("lisbon");
    }

    [Theory]
    [InlineData("")]
    [InlineData("-lisbon")]
    [InlineData("lisbon:baixa")]
    [InlineData("reception desk")]
    public void AddEmailChannel_InvalidMailboxName_Throws(string name)
    {
        var builder = new ServiceCollection().AddHotelAgent();

        var act = () => builder.AddEmailChannel(name, Valid("x"));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Start_OneMailboxGivenToTwoProperties_FailsNamingBoth()
    {
        var builder = TwoHotels(p => p.AddEmailChannel("reception", Valid("reception")), p => p.AddEmailChannel("reception", Valid("reception")));
        using var app = builder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*'email:reception'*both*'lisbon'*'madrid'*");
    }

    [Fact]
    public async Task Start_PropertyMailboxAlsoNamedInAnotherPropertysChannels_Fails()
    {
        var builder = TwoHotels(p => p.Configure(o => o.Channels.Add("email:lisbon")), p => p.AddEmailChannel(Valid("lisbon")));
        using var app = builder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*'email:lisbon'*both*");
    }

    [Fact]
    public async Task Start_TwoMailboxesReadingTheSameImapFolder_FailsNamingBothMailboxes()
    {
        var builder = TwoHotels(p => p.AddEmailChannel(Valid("reception")), p => p.AddEmailChannel(o =>
        {
            Valid("reception")(o);
            o.ImapHost = "IMAP.example.test";
            o.Address = "lisbon@hotel.test";
        }));
        using var app = builder.Build();

        var act = () => app.StartAsync(Token);

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>()
            .WithMessage("*mailboxes 'madrid' and 'lisbon' read the same IMAP folder (INBOX of IMAP.example.test:993)*");
        thrown.Which.Message.Should().NotContain("app-password", "passwords are never part of an error");
    }

    [Fact]
    public async Task Start_SameAccountOtherFolder_Starts()
    {
        var builder = TwoHotels(p => p.AddEmailChannel(Valid("reception")), p => p.AddEmailChannel(o =>
        {
            Valid("reception")(o);
            o.Folder = "Lisbon";
        }));
        using var app = builder.Build();

        var act = async () =>
        {
            await app.StartAsync(Token);
            await app.StopAsync(Token);
        };

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Start_NamedMailboxWithInvalidOptions_FailsNamingTheMailbox()
    {
        var builder = TwoHotels(p => p.AddEmailChannel(Valid("madrid")), p => p.AddEmailChannel(o =>
        {
            Valid("lisbon")(o);
            o.PollInterval = TimeSpan.FromMinutes(2);
            o.ClaimTimeout = TimeSpan.FromMinutes(3);
        }));
        using var app = builder.Build();

        var act = () => app.StartAsync(Token);

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*Email mailbox 'lisbon': ClaimTimeout must be at least twice PollInterval*");
        thrown.Which.OptionsName.Should().Be("lisbon");
        thrown.Which.Message.Should().NotContain("app-password");
    }

    [Fact]
    public async Task Start_NamedMailboxWithoutServer_FailsWithItsName()
    {
        var builder = TwoHotels(_ => { }, p => p.AddEmailChannel(o => o.Address = "lisbon@hotel.test"));
        using var app = builder.Build();

        var act = () => app.StartAsync(Token);

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.OptionsName.Should().Be("lisbon");
    }

    [Fact]
    public async Task HealthChecks_OnePerMailbox_NamedByItsChannelWithoutSecrets()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddEmailChannel(Valid("reception"))
            .AddProperty("lisbon", p => p.AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel-lisbon.json")).AddEmailChannel(Valid("lisbon")));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name.StartsWith("email", StringComparison.Ordinal), Token);

        report.Entries.Keys.Should().BeEquivalentTo(["email", "email:lisbon"]);
        var lisbon = report.Entries["email:lisbon"];
        lisbon.Status.Should().Be(HealthStatus.Healthy);
        lisbon.Description.Should().Be("Mailbox 'lisbon': waiting for its first poll.");
        lisbon.Data["mailbox"].Should().Be("lisbon");
        lisbon.Data["imap"].Should().Be("imap.example.test:993");
        report.Entries["email"].Data["mailbox"].Should().Be("default");
        report.Entries.Values.SelectMany(e => e.Data.Values).Select(v => v.ToString()).Should().NotContain(v => v!.Contains("app-password", StringComparison.Ordinal) || v.Contains("@hotel.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadLetterStore_PerMailbox_KeptUnderItsChannelAndTagged()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHotelAgent().AddEmailChannel(Valid("reception")).AddEmailChannel("lisbon", Valid("lisbon"));
        await using var provider = services.BuildServiceProvider();
        var letter = new EmailDeadLetter { Id = "<r1@hotel.test>", GuestId = "ana@guest.test", Subject = "Re: Hola", Text = "Hola", Reason = "IOException: down", IsTransient = true };

        await provider.GetRequiredKeyedService<IEmailDeadLetterStore>("lisbon").AddAsync(letter, Token);

        (await provider.GetRequiredService<IEmailDeadLetterStore>().ListAsync(cancellationToken: Token)).Should().BeEmpty("the default mailbox has its own dead letters");
        (await provider.GetRequiredKeyedService<IEmailDeadLetterStore>("lisbon").ListAsync(cancellationToken: Token)).Should().ContainSingle().Which.Mailbox.Should().Be("lisbon");
        (await provider.GetRequiredService<IChannelDeadLetterStore>().ListAsync("email:lisbon", 10, Token)).Should().ContainSingle()
            .Which.Properties["mailbox"].Should().Be("lisbon");
        var queue = provider.GetServices<IDeadLetterQueue>().Single(q => q.Name == "email:lisbon");
        (await queue.ListAsync(cancellationToken: Token)).Should().ContainSingle().Which.ChannelName.Should().Be("email:lisbon");
    }

    private static InboundMessage Mail(string channel) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        ChannelName = channel,
        ConversationId = channel + ":ana@guest.test",
        GuestId = "ana@guest.test",
        Text = "Hola",
    };
}
