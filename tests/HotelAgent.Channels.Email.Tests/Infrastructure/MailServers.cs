using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using HotelAgent.Tests.Shared;
using MimeKit;

[assembly: AssemblyFixture(typeof(HotelAgent.Channels.Email.Tests.MailServers))]

// Some tests stop and restart the shared IMAP and SMTP servers; run the tests one at a time so no other test sees it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace HotelAgent.Channels.Email.Tests;

/// <summary>
/// Real mail servers on loopback for the whole test run: Dovecot (IMAP, maildir, any user with password
/// <see cref="Password"/>) and OpenSMTPD, which delivers every recipient into the Dovecot maildir of its local part,
/// so a reply to <c>ana@guest.test</c> can be read over IMAP as user <c>ana</c>. Both run in a temporary directory with
/// their own configuration; <c>.ci/run</c> installs them. Missing binaries skip the tests locally and fail them under
/// <c>CI=true</c>.
/// </summary>
public sealed class MailServers : IAsyncLifetime
{
    public const string Password = "secret";
    private const string Unshare = "/usr/bin/unshare";

    private string _dir = null!;
    private string _dovecotPath = null!;
    private string _smtpdPath = null!;
    private Process? _dovecot;
    private Process? _smtpd;

    public int ImapPort { get; private set; }

    public int SmtpPort { get; private set; }

    public string? MissingReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var dovecot = TestPrerequisites.FindProgram(TestPrerequisites.Mail, "dovecot", "/usr/sbin/dovecot");
        var smtpd = TestPrerequisites.FindProgram(TestPrerequisites.Mail, "smtpd", "/usr/sbin/smtpd");
        if (OperatingSystem.IsWindows() || dovecot is null || smtpd is null || !File.Exists("/usr/lib/dovecot/imap"))
        {
            MissingReason = "Dovecot (with its IMAP server) or OpenSMTPD is not installed";
            return;
        }

        _dovecotPath = dovecot;
        _smtpdPath = smtpd;

        if (Environment.UserName != "root")
        {
            MissingReason = "OpenSMTPD needs root (run the tests as root)";
            return;
        }

        _dir = Path.Combine(Path.GetTempPath(), "hotelagent-mail-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_dir, "run"));
        Directory.CreateDirectory(Path.Combine(_dir, "mail"));
        Directory.CreateDirectory(Path.Combine(_dir, "smtpd-run"));
        Directory.CreateDirectory(Path.Combine(_dir, "smtpd-spool"));
        SetMode(Path.Combine(_dir, "smtpd-run"), (UnixFileMode)0b111_101_101);
        SetMode(Path.Combine(_dir, "smtpd-spool"), (UnixFileMode)0b111_001_001);
        SetMode(_dir, (UnixFileMode)0b111_101_101);
        SetMode(Path.Combine(_dir, "mail"), (UnixFileMode)0b111_111_111);
        ImapPort = FreePort();
        SmtpPort = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_dir, "dovecot.conf"), $$"""
            base_dir = {{_dir}}/run
            state_dir = {{_dir}}/run/state
            instance_name = hotelagent-{{ImapPort}}
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{_dir}}/mail/%u
            default_login_user = dovenull
            default_internal_user = dovecot
            default_internal_group = dovecot
            mail_uid = nobody
            mail_gid = nogroup
            first_valid_uid = 0
            log_path = {{_dir}}/dovecot.log
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home={{_dir}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir, "vusers"), "@ nobody\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "smtpd.conf"), $"""
            table vusers file:{_dir}/vusers
            listen on 127.0.0.1 port {SmtpPort}
            action "deliver" maildir "{_dir}/mail/%{"{"}rcpt.user:lowercase{"}"}" virtual <vusers>
            match from any for any action "deliver"
            """);
        SetMode(Path.Combine(_dir, "smtpd.conf"), (UnixFileMode)0b110_100_100);
        SetMode(Path.Combine(_dir, "vusers"), (UnixFileMode)0b110_100_100);
        await StartImapAsync();
        await StartSmtpAsync();
    }

    public void SkipIfMissing()
    {
        if (MissingReason is null)
        {
            return;
        }

        TestPrerequisites.SkipOrFail(TestPrerequisites.Mail, "Email tests", MissingReason, "apt-get install -y dovecot-imapd opensmtpd");
    }

    public async Task StartImapAsync()
    {
        _dovecot = Start(_dovecotPath, $"-F -c {_dir}/dovecot.conf");
        await WaitForPortAsync(ImapPort, _dovecot, "dovecot.log");
    }

    public async Task StopImapAsync()
    {
        await StopAsync(_dovecot);
        _dovecot = null;
    }

    public async Task StartSmtpAsync()
    {
        // OpenSMTPD keeps its control socket and queue at fixed paths (/var/run/smtpd.sock, /var/spool/smtpd), so a
        // second instance on the machine (another test run) would refuse to start or share the queue: with unshare,
        // this one gets private ones in a mount namespace of its own.
        _smtpd = File.Exists(Unshare)
            ? Start(Unshare, $"-m sh -c \"mount --bind {_dir}/smtpd-run /var/run && mount --bind {_dir}/smtpd-spool /var/spool/smtpd && exec {_smtpdPath} -d -f {_dir}/smtpd.conf\"")
            : Start(_smtpdPath, $"-d -f {_dir}/smtpd.conf");
        await WaitForPortAsync(SmtpPort, _smtpd, null);
    }

    public async Task StopSmtpAsync()
    {
        await StopAsync(_smtpd);
        _smtpd = null;
    }

    /// <summary>A fresh user name, so each test has its own mailboxes on the shared servers.</summary>
    public static string NewUser(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..10]}";

    public async Task<ImapClient> LoginAsync(string user)
    {
        var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        return client;
    }

    /// <summary>Puts a mail in the INBOX of <paramref name="user"/>, as if it had just arrived.</summary>
    public async Task<UniqueId> AppendAsync(string user, MimeMessage message)
    {
        using var client = await LoginAsync(user);
        var uid = await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
        return uid ?? default;
    }

    /// <summary>Puts mails in the INBOX of <paramref name="user"/> over one connection, as a burst of arrivals.</summary>
    public async Task AppendManyAsync(string user, IEnumerable<MimeMessage> messages)
    {
        using var client = await LoginAsync(user);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>How many mails of the INBOX of <paramref name="user"/> carry the processed keyword.</summary>
    public async Task<int> ProcessedCountAsync(string user) =>
        (await FlagsAsync(user)).Count(m => m.Keywords.Contains("$HotelAgentProcessed"));

    /// <summary>Waits until the INBOX of <paramref name="user"/> holds <paramref name="count"/> mails and returns them.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string user, int count = 1, TimeSpan? timeout = null) =>
        WaitForMailAsync(user, messages => messages.Count >= count, timeout);

    /// <summary>Waits until the mails in the INBOX of <paramref name="user"/> satisfy <paramref name="until"/> and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string user, Func<IReadOnlyList<MimeMessage>, bool> until, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var client = await LoginAsync(user))
            {
                await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
                var messages = new List<MimeMessage>();
                foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
                {
                    messages.Add(await client.Inbox.GetMessageAsync(uid));
                }

                if (until(messages))
                {
                    return messages;
                }
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"{user} did not receive the expected mail.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every mail in the INBOX of <paramref name="user"/> now.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailOfAsync(string user)
    {
        using var client = await LoginAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
        {
            messages.Add(await client.Inbox.GetMessageAsync(uid));
        }

        return messages;
    }

    /// <summary>
    /// How many replies each guest mail got: the guest mailboxes are read and each reply counted against the mail its
    /// <c>In-Reply-To</c> names.
    /// </summary>
    public async Task<ReplyCounts> CountRepliesAsync(IReadOnlyList<(string GuestUser, string MessageId)> mails)
    {
        var counts = mails.ToDictionary(m => m.MessageId, _ => 0);
        foreach (var guest in mails.Select(m => m.GuestUser).Distinct())
        {
            foreach (var reply in await MailOfAsync(guest))
            {
                if (reply.InReplyTo is { } answered && counts.TryGetValue(answered, out var n))
                {
                    counts[answered] = n + 1;
                }
            }
        }

        return new ReplyCounts(counts);
    }

    /// <summary>Waits until every mail has at least one reply (or the timeout), then lets late duplicates arrive and counts.</summary>
    public async Task<ReplyCounts> WaitForRepliesAsync(IReadOnlyList<(string GuestUser, string MessageId)> mails, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var counts = await CountRepliesAsync(mails);
        while (counts.Lost > 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(250);
            counts = await CountRepliesAsync(mails);
        }

        await Task.Delay(1000);
        return await CountRepliesAsync(mails);
    }

    /// <summary>The flags and keywords of every mail in the INBOX of <paramref name="user"/>.</summary>
    public async Task<IReadOnlyList<IMessageSummary>> FlagsAsync(string user)
    {
        using var client = await LoginAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        if (client.Inbox.Count == 0)
        {
            return [];
        }

        return [.. await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId)];
    }

    public async ValueTask DisposeAsync()
    {
        await StopSmtpAsync();
        await StopImapAsync();
        if (_dir is not null)
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Process Start(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            // SIGTERM lets the daemon stop its children and release its ports.
            _ = Kill(process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private async Task WaitForPortAsync(int port, Process process, string? log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                var details = log is not null && File.Exists(Path.Combine(_dir, log)) ? await File.ReadAllTextAsync(Path.Combine(_dir, log)) : string.Empty;
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode}. {details}");
            }

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"{process.StartInfo.FileName} did not listen on port {port}.");
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How many replies each guest mail got.</summary>
public sealed record ReplyCounts(IReadOnlyDictionary<string, int> PerMail)
{
    public int Answered => PerMail.Values.Count(n => n > 0);

    public int Lost => PerMail.Values.Count(n => n == 0);

    public int Duplicated => PerMail.Values.Count(n => n > 1);

    public int ExtraReplies => PerMail.Values.Sum(n => Math.Max(0, n - 1));

    public override string ToString() => $"{PerMail.Count} mails: {Answered} answered, {Lost} lost, {Duplicated} answered more than once ({ExtraReplies} extra replies)";
}
