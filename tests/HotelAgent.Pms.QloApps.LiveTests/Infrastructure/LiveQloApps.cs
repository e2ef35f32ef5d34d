using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HotelAgent.Pms.QloApps.LiveTests;

/// <summary>
/// The live QloApps 1.6.1 that <c>shared/qloapps/setup.sh</c> installs in a Debian chroot (default: 127.0.0.1:8080, chroot
/// /tmp/bullseye, the README's key). Every test starts from the install's baseline dump, and the database the run found
/// is put back at the end, so the tests leave it as they found it.
/// </summary>
/// <remarks>
/// Overridable with <c>QLOAPPS_LIVE_URL</c>, <c>QLOAPPS_LIVE_KEY</c> and <c>QLOAPPS_LIVE_CHROOT</c>. When the server or the
/// chroot is missing, or the tests do not run as root (the chroot's MariaDB and Apache are driven with <c>chroot</c>),
/// the tests are skipped with the reason; under <c>CI=true</c> they fail instead.
/// </remarks>
public sealed class LiveQloApps : IAsyncLifetime
{
    private string? _snapshot;
    private string? _unavailable;

    public string BaseUrl { get; } = Environment.GetEnvironmentVariable("QLOAPPS_LIVE_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:8080";

    public string ApiKey { get; } = Environment.GetEnvironmentVariable("QLOAPPS_LIVE_KEY") is { Length: > 0 } key ? key : "HOTELAGENTLIVEQLOAPPS0000000000K";

    public string Chroot { get; } = Environment.GetEnvironmentVariable("QLOAPPS_LIVE_CHROOT") is { Length: > 0 } root ? root : "/tmp/bullseye";

    /// <summary>Gets today's date on this machine's clock (UTC): QloApps and the adapter both run on the real clock here.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async ValueTask InitializeAsync()
    {
        if (TestPrerequisites.IsDisabled(TestPrerequisites.QloApps))
        {
            _unavailable = $"{TestPrerequisites.WithoutVariable} names {TestPrerequisites.QloApps}";
            return;
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            _unavailable = "the live QloApps tests drive the chroot's MariaDB and Apache with chroot(8) and must run as root";
            return;
        }

        if (!File.Exists(Path.Combine(Chroot, "opt/qlo/baseline.sql")))
        {
            _unavailable = $"no QloApps chroot with a baseline dump at {Chroot} (run: sudo shared/qloapps/setup.sh)";
            return;
        }

        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await client.SendAsync(Request(HttpMethod.Get, "api/?output_format=JSON"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _unavailable = $"QloApps at {BaseUrl} answered {(int)response.StatusCode} to the webservice key (run: sudo shared/qloapps/start.sh)";
                return;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _unavailable = $"no QloApps answering at {BaseUrl} ({ex.Message}; run: sudo shared/qloapps/setup.sh, or start.sh after a reboot)";
            return;
        }

        _snapshot = Path.Combine(Path.GetTempPath(), $"hotelagent-qloapps-before-{Environment.ProcessId}.sql");
        await ShellAsync($"chroot {Chroot} mysqldump -uroot qloapps > {_snapshot}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null)
        {
            await NoticesAsync(false);
            await ShellAsync($"chroot {Chroot} mysql -uroot qloapps < {_snapshot}");
            File.Delete(_snapshot);
        }
    }

    /// <summary>Skips the test (fails it when <c>CI=true</c>) when there is no live QloApps; for tests that only read.</summary>
    public void SkipIfUnavailable()
    {
        if (_unavailable is { } reason)
        {
            TestPrerequisites.SkipOrFail(TestPrerequisites.QloApps, "Live QloApps tests", $"no live QloApps: {reason}", "sudo ../shared/qloapps/setup.sh (the QloApps 1.6.1 of shared/qloapps, on 127.0.0.1:8080)");
        }
    }

    /// <summary>Skips the test (fails it when <c>CI=true</c>) when there is no live QloApps, then resets it to the baseline.</summary>
    public async Task ResetAsync()
    {
        if (_unavailable is { } reason)
        {
            TestPrerequisites.SkipOrFail(TestPrerequisites.QloApps, "Live QloApps tests", $"no live QloApps: {reason}", "sudo ../shared/qloapps/setup.sh (the QloApps 1.6.1 of shared/qloapps, on 127.0.0.1:8080)");
        }

        await NoticesAsync(false);
        await ShellAsync($"chroot {Chroot} mysql -uroot qloapps < {Chroot}/opt/qlo/baseline.sql");
    }

    /// <summary>
    /// Turns PHP notices on (Debian's default <c>error_reporting</c>) or off (the install's setting) for Apache, then
    /// reloads it. With notices on, QloApps answers 500 to <c>POST /api/bookings</c> and <c>GET /api/bookings/{id}</c> even when they work.
    /// </summary>
    public async Task NoticesAsync(bool on)
    {
        var ini = Path.Combine(Chroot, "etc/php/7.4/apache2/conf.d/99-hotel-agent-notices.ini");
        if (on == File.Exists(ini))
        {
            return;
        }

        if (on)
        {
            await File.WriteAllTextAsync(ini, "error_reporting = E_ALL & ~E_DEPRECATED & ~E_STRICT\n");
        }
        else
        {
            File.Delete(ini);
        }

        await ShellAsync($"chroot {Chroot} bash -c '. /etc/apache2/envvars; apache2 -k graceful' 2>/dev/null");
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            try
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                using var response = await client.SendAsync(Request(HttpMethod.Get, "api/?output_format=JSON"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    /// <summary>Runs SQL in the QloApps database (tables are prefixed <c>qlo_</c>) and returns its tab-separated output.</summary>
    public Task<string> SqlAsync(string sql) =>
        ShellAsync($"chroot {Chroot} mysql -uroot -N -B qloapps -e \"{sql.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    /// <summary>Calls the webservice directly (JSON output), for what the adapter does not do: orders made elsewhere, totals as QloApps records them.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> ApiAsync(HttpMethod method, string pathAndQuery, string? body = null, string contentType = "application/json")
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var request = Request(method, "api/" + pathAndQuery + separator + "output_format=JSON");
        if (body is not null)
        {
            request.Content = new StringContent(body, new UTF8Encoding(false), contentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>Gets the order's total as QloApps records it (tax included), its state, and its room lines.</summary>
    public async Task<(decimal Total, int State, JsonElement[] Lines)> OrderAsync(int orderId)
    {
        var (_, orders) = await ApiAsync(HttpMethod.Get, $"orders?display=[id,current_state,total_paid_tax_incl]&filter[id]={orderId}");
        var order = orders.GetProperty("orders")[0];
        var (_, lines) = await ApiAsync(HttpMethod.Get, $"room_bookings?display=full&filter[id_order]={orderId}");
        var items = lines.ValueKind == JsonValueKind.Object && lines.TryGetProperty("bookings", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().ToArray()
            : [];
        return (decimal.Parse(order.GetProperty("total_paid_tax_incl").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(order.GetProperty("current_state").GetString()!, System.Globalization.CultureInfo.InvariantCulture), items);
    }

    /// <summary>Gets the order id of a reservation code (the order reference).</summary>
    public async Task<int> OrderIdAsync(string code)
    {
        var (_, orders) = await ApiAsync(HttpMethod.Get, $"orders?display=[id,reference]&filter[reference]=[{code}]");
        return orders.GetProperty("orders")[0].GetProperty("id").GetInt32();
    }

    /// <summary>Builds the adapter through <c>AddQloAppsPms</c> against this server, on the real clock.</summary>
    public LiveHost Host(Action<QloAppsOptions>? configure = null, Action<IServiceCollection>? services = null, string? baseUrl = null) =>
        new(this, configure, services, baseUrl);

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(BaseUrl.TrimEnd('/') + "/"), relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":")));
        return request;
    }

    private static async Task<string> ShellAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}

/// <summary>The QloApps adapter wired through <c>AddQloAppsPms</c> (and, when asked, the rest of the agent) against the live server.</summary>
public sealed class LiveHost : IAsyncDisposable
{
    public LiveHost(LiveQloApps live, Action<QloAppsOptions>? configure, Action<IServiceCollection>? services, string? baseUrl)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        collection.AddFakeLogging();
        services?.Invoke(collection);
        new Builder(collection).AddQloAppsPms(o =>
        {
            o.BaseUrl = baseUrl ?? live.BaseUrl;
            o.ApiKey = live.ApiKey;
            o.RetryDelay = TimeSpan.FromMilliseconds(50);
            o.RoomTypeMappings["1"] = Mapping("single");
            o.RoomTypeMappings["2"] = Mapping("double", "doble");
            o.RoomTypeMappings["3"] = Mapping("twin");
            o.RoomTypeMappings["4"] = Mapping("suite");
            configure?.Invoke(o);
        });
        Provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ServiceProvider Provider { get; }

    public IPmsAdapter Pms => Provider.GetRequiredService<IPmsAdapter>();

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public static QloAppsRoomTypeMapping Mapping(string code, params string[] synonyms)
    {
        var mapping = new QloAppsRoomTypeMapping { Code = code };
        foreach (var synonym in synonyms)
        {
            mapping.Synonyms.Add(synonym);
        }

        return mapping;
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    private sealed class Builder(IServiceCollection services) : IHotelAgentBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}

/// <summary>The live tests share one database: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveCollection : ICollectionFixture<LiveQloApps>
{
    public const string Name = "Live QloApps";
}
