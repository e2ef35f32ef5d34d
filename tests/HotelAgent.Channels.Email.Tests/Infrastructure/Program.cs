namespace HotelAgent.Channels.Email.Tests;

/// <summary>
/// The test assembly's entry point: the xunit runner, or, with <see cref="ChildHostArgument"/>, an email host in its
/// own process that a test can kill abruptly (SIGKILL) in the middle of a burst of mail.
/// </summary>
public static class Program
{
    public const string ChildHostArgument = "--email-child-host";

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ChildHostArgument)
        {
            return RunChildHostAsync(args).GetAwaiter().GetResult();
        }

        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
        {
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        }

        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }

    /// <summary>
    /// <c>--email-child-host {imapPort} {smtpPort} {hotelUser} {turnDelayMs} {maxConcurrentTurns} [{redis}]</c>: runs
    /// until killed, printing one line per turn run (<c>turn {Message-Id}</c>).
    /// </summary>
    private static async Task<int> RunChildHostAsync(string[] args)
    {
        var imapPort = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var smtpPort = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var hotelUser = args[3];
        var delay = TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        var lanes = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
        var redis = args.Length > 6 && args[6] != "-" ? args[6] : null;
        await using var host = await EmailTestHost.StartAsync(imapPort, smtpPort, o =>
        {
            o.MaxConcurrentTurns = lanes;
            o.ClaimTimeout = TimeSpan.FromSeconds(3);
        }, hotelUser: hotelUser, turnDelay: delay, redis: redis);
        Console.WriteLine("started");
        var reported = 0;
        while (true)
        {
            var turns = host.Agent!.Turns;
            for (; reported < turns.Count; reported++)
            {
                Console.WriteLine($"turn {turns[reported].Message.MessageId}");
            }

            await Task.Delay(20);
        }
    }
}
