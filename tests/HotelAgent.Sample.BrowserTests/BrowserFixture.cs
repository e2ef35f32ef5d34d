using HotelAgent.Tests.Shared;
using Microsoft.Playwright;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// The sample host plus the system's headless Chromium (Debian's <c>chromium</c> package, driven by Playwright through
/// its executable path; Playwright's own browser download is never used).
/// </summary>
/// <remarks>Without Chromium the browser tests are skipped, except under <c>CI=true</c>, where they fail.</remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SampleServer Server { get; } = new();

    public Uri BaseAddress => Server.BaseAddress;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started.");

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("HOTELAGENT_CHROMIUM") is { Length: > 0 } custom ? custom : ChromiumPath;
        if (!File.Exists(path) || TestPrerequisites.IsDisabled(TestPrerequisites.Chromium))
        {
            Unavailable = $"Chromium is not installed at {path}";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }

        TestPrerequisites.SkipOrFail(TestPrerequisites.Chromium, "Browser tests", Unavailable, "apt-get install -y chromium chromium-driver");
    }

    public Task<IPage> NewPageAsync() => NewPageAsync(new BrowserNewContextOptions { Locale = "es-ES" });

    /// <summary>Opens a page in a new browser context (its own storage) on the sample, with the given locale, time zone or viewport.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options, Uri? baseAddress = null)
    {
        options.BaseURL = (baseAddress ?? BaseAddress).ToString();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
