using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// The web chat page (<c>/</c>) and the staff console (<c>/staff</c>) in headless Chromium against the running sample.
/// </summary>
public sealed partial class WebChatTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WebChat_GuestBooksARoom_SeesTheReservationCode()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        // The sample uses the real clock: book in the next month.
        var month = DateTime.Today.AddMonths(1).ToString("MMMM", CultureInfo.GetCultureInfo("es-ES"));
        await SayAsync(page, $"Hola, quiero reservar una habitación doble del 10 al 12 de {month} para 2 personas");
        await SayAsync(page, "Ana García");
        await SayAsync(page, "ana.garcia@example.com");

        var yes = page.GetByRole(AriaRole.Button, new() { Name = "Sí", Exact = true });
        await yes.WaitForAsync();
        var agentMessages = await page.Locator(".message.from-agent").CountAsync();
        await yes.ClickAsync();
        await WaitForMoreAsync(page, ".message.from-agent", agentMessages);

        var last = await page.Locator(".message.from-agent .text").Last.InnerTextAsync();
        var code = ReservationCode().Match(last);
        code.Success.Should().BeTrue($"the last reply should carry the HA- code, but was: {last}");
        (await page.Locator(".quick-reply").CountAsync()).Should().Be(0, "used quick replies are removed");
        (await page.EvaluateAsync<string>("document.documentElement.lang")).Should().Be("es");

        using var admin = new HttpClient { BaseAddress = fixture.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", SampleServer.AdminKey);
        var reservation = await admin.GetFromJsonAsync<JsonElement>($"v1/reservations/{code.Value}");
        reservation.GetProperty("guest").GetProperty("email").GetString().Should().Be("ana.garcia@example.com");
    }

    [Fact]
    public async Task StaffConsole_TakesAHandoffAndReplies_ReplyArrivesInTheGuestsChat()
    {
        fixture.RequireBrowser();
        var guest = await fixture.NewPageAsync();
        await guest.GotoAsync("/");
        await SayAsync(guest, "Quiero hablar con una persona");
        var conversationId = await guest.EvaluateAsync<string>("localStorage.getItem('hotelagent.conversationId')");
        conversationId.Should().StartWith("wc_", "the page asks the server for its conversation id");

        var staff = await fixture.NewPageAsync(new() { Locale = "en-GB" });
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Admin API key").FillAsync(SampleServer.AdminKey);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();
        await staff.Locator("#console").WaitForAsync();
        await staff.GetByLabel("Your name").FillAsync("Marta");

        var ticket = staff.Locator(".ticket", new() { HasText = conversationId });
        await ticket.WaitForAsync();
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Take" }).ClickAsync();
        await staff.Locator($".ticket[data-status='taken']", new() { HasText = conversationId }).WaitForAsync();

        await ticket.GetByLabel("Reply to the guest").FillAsync("Hola, soy Marta de recepción. ¿En qué puedo ayudarle?");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        // The chat page polls every 2 s for staff replies.
        await guest.Locator(".message.from-staff", new() { HasText = "soy Marta" }).WaitForAsync();

        await ticket.GetByRole(AriaRole.Button, new() { Name = "Release to the agent" }).ClickAsync();
        await staff.Locator(".ticket", new() { HasText = conversationId }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await staff.Locator("#stat-live").InnerTextAsync()).Should().NotBe("–");
        (await staff.Locator("#chart-messages svg rect").CountAsync()).Should().Be(24);
        (await staff.Locator("#chart-bookings svg rect").CountAsync()).Should().Be(14);
    }

    [Fact]
    public async Task StaffConsole_WrongKey_StaysOnTheKeyForm()
    {
        fixture.RequireBrowser();
        var staff = await fixture.NewPageAsync(new() { Locale = "en-GB" });
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Admin API key").FillAsync("not-the-key");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();
        await staff.GetByRole(AriaRole.Alert).Filter(new() { HasText = "refused" }).WaitForAsync();
        (await staff.Locator("#console").IsHiddenAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task WebChat_AvailabilityWithRoomOptions_ShowsEachRoomsPhoto()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var month = DateTime.Today.AddMonths(1).ToString("MMMM", CultureInfo.GetCultureInfo("es-ES"));
        await SayAsync(page, $"¿Tienen habitación del 10 al 12 de {month} para 2 adultos?");

        var reply = page.Locator(".message.from-agent").Last;
        var photos = reply.Locator(".media figure img");
        await photos.First.WaitForAsync();
        var count = await photos.CountAsync();
        var options = await page.Locator(".quick-reply").AllInnerTextsAsync();
        count.Should().Be(options.Count, "one photo per room option offered");
        var captions = await reply.Locator(".media figcaption").AllInnerTextsAsync();
        captions.Should().BeEquivalentTo(options);

        // Each photo is served from the sample's wwwroot and has really loaded (decoded, with its size).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.message.from-agent .media img')].every(i => i.complete && i.naturalWidth > 0)");
        var sources = await photos.EvaluateAllAsync<string[]>("images => images.map(i => new URL(i.src).pathname)");
        sources.Should().OnlyContain(s => s.StartsWith("/rooms/", StringComparison.Ordinal) && s.EndsWith(".png", StringComparison.Ordinal)).And.OnlyHaveUniqueItems();
        var widths = await photos.EvaluateAllAsync<int[]>("images => images.map(i => i.naturalWidth)");
        widths.Should().OnlyContain(w => w == 320);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var before = await page.Locator(".message.from-agent").CountAsync();
        await page.Locator("#text").FillAsync(text);
        await page.Locator("#text").PressAsync("Enter");
        await page.Locator(".message.from-guest", new() { HasText = text }).Last.WaitForAsync();
        await WaitForMoreAsync(page, ".message.from-agent", before);
    }

    private static async Task WaitForMoreAsync(IPage page, string selector, int count) =>
        await page.WaitForFunctionAsync(
            "([selector, count]) => document.querySelectorAll(selector).length > count && !document.getElementById('send').disabled",
            new object[] { selector, count });

    [GeneratedRegex("HA-[A-Z2-9]{6}")]
    private static partial Regex ReservationCode();
}
