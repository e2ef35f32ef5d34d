using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.Email.Tests.Diagnostics;

/// <summary>The log messages and metrics the channel promises for dead letters, loops and the rate limit.</summary>
public sealed class EmailDiagnosticsTests(MailServers servers)
{
    [Fact]
    public async Task DeadLetter_SmtpDownThenBack_LoggedAndCountedThenReplayed()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.MaxSendAttempts = 1;
            o.DeadLetterRetryInterval = TimeSpan.FromMilliseconds(300);
        }, services: s => s.AddFakeLogging());
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var deadLettered = new MetricCollector<long>(meters, EmailMetrics.MeterName, "hotel_agent.email.messages.dead_lettered");
        using var replayed = new MetricCollector<long>(meters, EmailMetrics.MeterName, "hotel_agent.email.messages.replayed");
        var logs = host.Services.GetFakeLogCollector();
        var guest = MailServers.NewUser("rex");
        await servers.StopSmtpAsync();
        try
        {
            await servers.AppendAsync(host.HotelUser, host.MailFrom(guest, "Hola", "¿Tienen parking?"));
            await WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Id == 1222));
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        await servers.WaitForMailAsync(guest);
        await WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Id == 1223));

        var letter = logs.GetSnapshot().First(r => r.Id.Id == 1222);
        letter.Level.Should().Be(LogLevel.Warning);
        letter.Message.Should().MatchRegex(@"^Email reply .+ dead-lettered after 1 round\(s\) of attempts \(transient True\); its guest mail stays unprocessed$");
        letter.Message.Should().NotContain(guest, "guest addresses are logged only at Trace");
        logs.GetSnapshot().First(r => r.Id.Id == 1223).Message.Should().MatchRegex(@"^Email dead letter .+ sent \(round \d+\)$");
        deadLettered.GetMeasurementSnapshot().EvaluateAsCounter().Should().BeGreaterThanOrEqualTo(1);
        replayed.GetMeasurementSnapshot().EvaluateAsCounter().Should().Be(1);
    }

    [Fact]
    public async Task Skipped_AutoReplyAndRateLimit_CountedWithTheirReason()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o => o.MaxRepliesPerCorrespondent = 1, services: s => s.AddFakeLogging());
        using var skipped = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), EmailMetrics.MeterName, "hotel_agent.email.messages.skipped");
        var logs = host.Services.GetFakeLogCollector();
        var guest = MailServers.NewUser("sal");
        var outOfOffice = host.MailFrom(MailServers.NewUser("ooo"), "Out of office", "Back on Monday.");
        outOfOffice.Headers.Add("X-Autoreply", "yes");
        await servers.AppendManyAsync(host.HotelUser, [outOfOffice, host.MailFrom(guest, "Uno", "¿Tienen parking?"), host.MailFrom(guest, "Dos", "¿Hay wifi?")]);

        await WaitUntilAsync(() => skipped.GetMeasurementSnapshot().Count == 2);

        skipped.GetMeasurementSnapshot().Select(m => m.Tags["hotel_agent.email.reason"]).Should().BeEquivalentTo(["automatic", "rate limited"]);
        var limited = logs.GetSnapshot().Single(r => r.Id.Id == 1212);
        limited.Level.Should().Be(LogLevel.Warning);
        limited.Message.Should().EndWith("not answered: its sender already got 1 replies within 01:00:00");
        // The skip of the second mail is counted once the first reply has left; its delivery into the maildir may lag.
        (await servers.WaitForMailAsync(guest)).Should().ContainSingle();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            await Task.Delay(100);
        }
    }
}
