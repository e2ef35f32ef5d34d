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

    public string HotelUser { get; } = MailServers.NewUser("hotel");

    public string HotelAddress => $"{HotelUser}@hotel.test";

    public IServiceProvider Services => _host.Services;

    public static async Task<EmailTestHost> StartAsync(MailServers servers, Action<EmailOptions>? configure = null, Action<IServiceCollection>? services = null, bool start = true)
    {
        var host = new EmailTestHost();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services
            .AddHotelAgent(o => o.InboxRetryDelay = TimeSpan.Zero)
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddEmailChannel(o =>
            {
                Configure(o, servers, host.HotelUser);
                configure?.Invoke(o);
            });
        host._host = builder.Build();
        if (start)
        {
            await host._host.StartAsync();
        }

        return host;
    }

    public static void Configure(EmailOptions options, MailServers servers, string hotelUser)
    {
        options.ImapHost = "127.0.0.1";
        options.ImapPort = servers.ImapPort;
        options.ImapSecurity = EmailSecurity.None;
        options.SmtpHost = "127.0.0.1";
        options.SmtpPort = servers.SmtpPort;
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

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>An inbox that records what the channel queues and can be told to fail.</summary>
public sealed class RecordingInbox : IInbox
{
    private readonly List<InboundMessage> _messages = [];

    public Func<InboundMessage, ValueTask>? EnqueueCallback { get; set; }

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

    public async ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        if (EnqueueCallback is not null)
        {
            await EnqueueCallback(message);
        }

        lock (_messages)
        {
            _messages.Add(message);
        }
    }

    public async ValueTask<InboxDelivery> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }

    public ValueTask CompleteAsync(InboxDelivery delivery, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask FailAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int take = 100, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<DeadLetter>>([]);

    public ValueTask<bool> ReplayAsync(string deadLetterId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
