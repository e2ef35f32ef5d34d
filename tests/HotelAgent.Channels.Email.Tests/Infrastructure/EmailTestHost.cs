using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests;

/// <summary>
/// A small generic host with the agent, the demo PMS and the email channel pointed at <see cref="MailServers"/>: the
/// hotel's mailbox is user <see cref="HotelUser"/>, and replies reach each guest's own mailbox.
/// </summary>
public sealed class EmailTestHost : IAsyncDisposable
{
    private IHost _host = null!;
    private bool _stopped;

    private EmailTestHost(string hotelUser) => HotelUser = hotelUser;

    public string HotelUser { get; }

    public string HotelAddress => $"{HotelUser}@hotel.test";

    public IServiceProvider Services => _host.Services;

    /// <summary>Gets the turns the agent ran, with their responses (when the host was started with <c>observe</c>).</summary>
    public ObservedAgent? Agent { get; private set; }

    public static Task<EmailTestHost> StartAsync(MailServers servers, Action<EmailOptions>? configure = null, Action<IServiceCollection>? services = null, bool start = true, string? hotelUser = null, TimeSpan? turnDelay = null, bool observe = false, string? redis = null) =>
        StartAsync(servers.ImapPort, servers.SmtpPort, configure, services, start, hotelUser, turnDelay, observe, redis);

    public static async Task<EmailTestHost> StartAsync(int imapPort, int smtpPort, Action<EmailOptions>? configure = null, Action<IServiceCollection>? services = null, bool start = true, string? hotelUser = null, TimeSpan? turnDelay = null, bool observe = false, string? redis = null)
    {
        var host = new EmailTestHost(hotelUser ?? MailServers.NewUser("hotel"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services
            .AddHotelAgent(o => o.InboxRetryDelay = TimeSpan.Zero)
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddEmailChannel(o =>
            {
                Configure(o, imapPort, smtpPort, host.HotelUser);
                configure?.Invoke(o);
            });
        if (redis is not null)
        {
            // Sessions and the deduplicator in Redis: what a turn saved, and which mails were answered, outlive the host.
            builder.Services.AddHotelAgent().AddRedisSessionStore(o => o.Configuration = redis);
        }

        if (observe || turnDelay is not null)
        {
            var observed = new ObservedAgent(turnDelay ?? TimeSpan.Zero);
            host.Agent = observed;
            ObservedAgent.Wrap(builder.Services, observed);
        }

        host._host = builder.Build();
        if (start)
        {
            await host._host.StartAsync();
        }

        return host;
    }

    public static void Configure(EmailOptions options, MailServers servers, string hotelUser) =>
        Configure(options, servers.ImapPort, servers.SmtpPort, hotelUser);

    public static void Configure(EmailOptions options, int imapPort, int smtpPort, string hotelUser)
    {
        options.ImapHost = "127.0.0.1";
        options.ImapPort = imapPort;
        options.ImapSecurity = EmailSecurity.None;
        options.SmtpHost = "127.0.0.1";
        options.SmtpPort = smtpPort;
        options.SmtpSecurity = EmailSecurity.None;
        options.UserName = hotelUser;
        options.Password = MailServers.Password;
        options.Address = $"{hotelUser}@hotel.test";
        options.DisplayName = "Hotel Test";
        options.PollInterval = TimeSpan.FromMilliseconds(200);
        options.ReconnectDelay = TimeSpan.FromMilliseconds(100);
        options.MaxReconnectDelay = TimeSpan.FromMilliseconds(500);
        options.SendRetryDelay = TimeSpan.FromMilliseconds(50);
        options.OperationTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>A guest's mail to the hotel.</summary>
    public MimeMessage MailFrom(string guestUser, string subject, string text, string? messageId = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ana García", $"{guestUser}@guest.test"));
        message.To.Add(new MailboxAddress("Hotel", HotelAddress));
        message.Subject = subject;
        message.MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("guest.test");
        message.Date = DateTimeOffset.Now;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>Stops the host as SIGTERM does: the host's shutdown with <paramref name="timeout"/> as its shutdown timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _host.StopAsync(cts.Token);
        _stopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
    }
}

/// <summary>
/// Wraps the registered <see cref="IHotelAgent"/>: records every turn and its response, and can make each turn take
/// longer between saving the turn and returning its replies (so a burst of mail is still being answered when
/// the host stops).
/// </summary>
public sealed class ObservedAgent(TimeSpan delay) : IHotelAgent
{
    private readonly List<(InboundMessage Message, AgentResponse Response)> _turns = [];

    public IHotelAgent Inner { get; set; } = null!;

    public IReadOnlyList<(InboundMessage Message, AgentResponse Response)> Turns
    {
        get
        {
            lock (_turns)
            {
                return [.. _turns];
            }
        }
    }

    public static void Wrap(IServiceCollection services, ObservedAgent observed)
    {
        var inner = services.Last(d => d.ServiceType == typeof(IHotelAgent) && !d.IsKeyedService);
        services.Remove(inner);
        services.AddSingleton<IHotelAgent>(sp =>
        {
            observed.Inner = inner.ImplementationInstance as IHotelAgent
                ?? inner.ImplementationFactory?.Invoke(sp) as IHotelAgent
                ?? (IHotelAgent)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!);
            return observed;
        });
    }

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        var response = await Inner.HandleAsync(message, cancellationToken);
        lock (_turns)
        {
            _turns.Add((message, response));
        }

        if (delay > TimeSpan.Zero)
        {
            // After the turn was saved and before its reply leaves: the worst moment for a host to stop or die.
            await Task.Delay(delay, cancellationToken);
        }

        return response;
    }
}

/// <summary>An agent that answers every message with one fixed reply and records what it got; it can be told to fail.</summary>
public sealed class RecordingAgent : IHotelAgent
{
    private readonly List<InboundMessage> _messages = [];

    public Func<InboundMessage, Task>? Callback { get; set; }

    public IReadOnlyList<InboundMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        if (Callback is not null)
        {
            await Callback(message);
        }

        return new AgentResponse
        {
            Replies = [new OutboundMessage { Text = "Recibido." }],
            Intent = "greet",
            State = "idle",
            Language = "es",
        };
    }
}
