namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// Issue 16, item 3: the pages carry a Content-Security-Policy without inline script, nosniff and frame protection,
/// and Chromium enforces them.
/// </summary>
public sealed class SecurityHeadersTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/staff")]
    public async Task Page_CarriesTheSecurityHeaders(string path)
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync(path);

        var headers = await response!.AllHeadersAsync();
        headers.Should().ContainKey("content-security-policy");
        var csp = headers["content-security-policy"];
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        headers["x-content-type-options"].Should().Be("nosniff");
        headers["x-frame-options"].Should().Be("DENY");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/staff")]
    public async Task Page_InjectedInlineScript_IsBlockedByTheCsp(string path)
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };
        await page.GotoAsync(path);

        // What an injection would do: put an inline script (and an inline event handler) into the page.
        var violations = await page.EvaluateAsync<int>("""
            () => new Promise(resolve => {
              let count = 0;
              document.addEventListener('securitypolicyviolation', () => count++);
              const script = document.createElement('script');
              script.textContent = 'window.__injected = true;';
              document.body.appendChild(script);
              const img = document.createElement('img');
              img.setAttribute('src', 'data:,');
              img.setAttribute('onerror', 'window.__injectedHandler = true');
              img.setAttribute('onload', 'window.__injectedHandler = true');
              document.body.appendChild(img);
              setTimeout(() => resolve(count), 500);
            })
            """);

        (await page.EvaluateAsync<bool>("() => window.__injected === true")).Should().BeFalse("the CSP refuses inline script");
        (await page.EvaluateAsync<bool>("() => window.__injectedHandler === true")).Should().BeFalse("the CSP refuses inline event handlers");
        violations.Should().BeGreaterThanOrEqualTo(2);
        lock (consoleErrors)
        {
            consoleErrors.Should().Contain(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task StaffConsole_FramedByAnotherPage_IsNotRendered()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var staff = new Uri(fixture.BaseAddress, "staff").ToString();

        // A page of another origin (about:blank with our own HTML) tries to frame the console.
        await page.SetContentAsync($"<iframe id=\"f\" src=\"{staff}\"></iframe>");
        await page.WaitForTimeoutAsync(1_000);

        var frame = page.Frames.FirstOrDefault(f => f != page.MainFrame);
        var framedText = frame is null ? string.Empty : await frame.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : string.Empty);
        framedText.Should().NotContain("Staff console", "the console refuses to be framed (frame-ancestors 'none', X-Frame-Options: DENY)");
    }

    [Fact]
    public async Task WebChat_WorksUnderTheCsp_WithoutViolations()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };

        await page.GotoAsync("/");
        await page.Locator("#text").FillAsync("hola");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".message.from-agent").Nth(1).WaitForAsync();

        lock (violations)
        {
            violations.Should().BeEmpty("the page's own scripts and styles all come from files");
        }
    }
}
