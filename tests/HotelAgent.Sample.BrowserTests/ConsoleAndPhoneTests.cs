using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// The staff console's conversation view and the web chat on a phone, in headless Chromium against the running sample
/// (hotel in Europe/Madrid): the console lists a conversation held through the API and shows the guest's and the
/// agent's messages at the hotel's local time, in plain words of the staff's language; the chat fits a 390×844 screen
/// and greets once.
/// </summary>
public sealed class ConsoleAndPhoneTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Fact]
    public async Task StaffConsole_ConversationView_ShowsGuestAndAgentMessagesAtTheHotelsLocalTime()
    {
        fixture.RequireBrowser();
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var created = await http.PostAsync("v1/conversations", null);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        var first = await SayAsync(http, id, "Hola, ¿tienen parking?");
        await SayAsync(http, id, "¿A qué hora es el desayuno?");

        // A browser in New York: the console must still show Valencia's time.
        var staff = await fixture.NewPageAsync(new() { Locale = "en-GB", TimezoneId = "America/New_York" });
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Admin API key").FillAsync(SampleServer.AdminKey);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();

        var row = staff.Locator($"#conversations tr[data-conversation-id='webchat:{id}']");
        await row.WaitForAsync();
        var rowText = await row.InnerTextAsync();
        rowText.Should().Contain("Web chat").And.Contain("Spanish").And.NotContain("webchat").And.NotContain("idle").And.NotContain("_");
        await row.GetByRole(AriaRole.Button).ClickAsync();

        var view = staff.Locator("#conversation-view");
        await view.Locator("li[data-from='agent']").Nth(1).WaitForAsync();
        var guestMessages = view.Locator("li[data-from='guest']");
        (await guestMessages.Locator(".text").AllInnerTextsAsync()).Should().Equal("Hola, ¿tienen parking?", "¿A qué hora es el desayuno?");
        (await view.Locator("li[data-from='agent'] .text").First.InnerTextAsync()).Should().Be(first.GetProperty("replies")[0].GetProperty("text").GetString());
        (await guestMessages.First.Locator(".who").InnerTextAsync()).Should().StartWith("Guest");
        (await view.Locator("li[data-from='agent']").First.Locator(".who").InnerTextAsync()).Should().StartWith("Agent");

        // The message's time as the hotel reads it, not as the browser's zone would.
        var at = DateTimeOffset.Parse(await guestMessages.First.Locator("time").GetAttributeAsync("datetime") ?? string.Empty, CultureInfo.InvariantCulture);
        var shown = await guestMessages.First.Locator("time").InnerTextAsync();
        var hotelTime = TimeZoneInfo.ConvertTime(at, Madrid).ToString("HH:mm", CultureInfo.InvariantCulture);
        var browserTime = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("HH:mm", CultureInfo.InvariantCulture);
        at.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        shown.Should().Contain(hotelTime).And.NotContain(browserTime);
        (await staff.Locator("#hotel-name").InnerTextAsync()).Should().Contain("Hotel Mirador del Puerto");

        // The staff's language is chosen in the top bar and remembered.
        await staff.GetByLabel("Language").SelectOptionAsync("es");
        (await guestMessages.First.Locator(".who").InnerTextAsync()).Should().StartWith("Huésped");
        (await row.InnerTextAsync()).Should().Contain("Chat web").And.Contain("Español");
        await staff.ReloadAsync();
        (await staff.Locator("#staff-language").InputValueAsync()).Should().Be("es");
        await staff.Locator("#conversations-title", new() { HasText = "Conversaciones" }).WaitForAsync();
    }

    [Fact]
    public async Task StaffConsole_Reservations_RoomNamesAndOneChildInTheSingular()
    {
        fixture.RequireBrowser();
        var pms = fixture.Server.Services.GetRequiredService<IPmsAdapter>();
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var result = await pms.CreateReservationAsync(
            new CreateReservationRequest
            {
                Stay = new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(2), Adults = 1, Children = 1, RoomType = "double" },
                Guest = new GuestDetails("Lucía Pérez", "lucia.perez@example.com"),
            },
            "browser-" + Guid.NewGuid().ToString("N"));
        var code = result.Reservation!.Code;

        var staff = await fixture.NewPageAsync(new() { Locale = "en-GB" });
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Admin API key").FillAsync(SampleServer.AdminKey);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();
        var row = staff.Locator("#reservations tr", new() { HasText = code });
        await row.Locator("td", new() { HasText = "double room" }).WaitForAsync();

        (await row.InnerTextAsync()).Should().Contain("1 adult, 1 child").And.Contain("Confirmed").And.NotContain("children");
        await staff.GetByLabel("Language").SelectOptionAsync("pt");
        (await row.InnerTextAsync()).Should().Contain("quarto duplo").And.Contain("1 adulto, 1 criança").And.Contain("Confirmada");
        await staff.GetByLabel("Idioma").SelectOptionAsync("es");
        (await row.InnerTextAsync()).Should().Contain("habitación doble").And.Contain("1 adulto, 1 niño").And.NotContain("niños");
    }

    [Fact]
    public async Task WebChat_OnAPhone_InputStaysOnScreenAndTheGreetingShowsOnce()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 3 });
        await page.GotoAsync("/");
        await page.Locator("#title", new() { HasText = "Hotel Mirador del Puerto" }).WaitForAsync();
        (await page.Locator(".message.greeting").CountAsync()).Should().Be(1);
        (await page.Locator(".message.greeting .text").InnerTextAsync()).Should().Contain("Hotel Mirador del Puerto");

        var month = DateTime.UtcNow.AddMonths(1).ToString("MMMM", CultureInfo.GetCultureInfo("en-GB"));
        foreach (var text in new[] { "Hello, do you have parking?", "What time is breakfast?", "Do you allow pets?", "Is there wifi?", $"I'd like a double room from {month} 10 to {month} 12 for 1 adult and 1 child", "Where are you?" })
        {
            await SayAsync(page, text);
            await InputIsOnScreenAsync(page);
        }

        var messages = await page.Locator(".message").CountAsync();
        messages.Should().BeGreaterThan(12);
        (await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight <= window.innerHeight + 1")).Should().BeTrue("the page itself does not scroll: the log does");
        (await page.EvaluateAsync<string>("document.documentElement.lang")).Should().Be("en");
        (await page.Locator(".message .who").AllInnerTextsAsync()).Distinct().Should().BeSubsetOf(["You", "Reception"], "every label is in the conversation's language");
        (await page.Locator("#text").GetAttributeAsync("placeholder")).Should().Be("Type your message…");
        (await page.Locator("#log").InnerTextAsync()).Should().NotMatchRegex(@"\b1 (children|niños|crianças)\b", "one child is singular");

        await page.ReloadAsync();
        await page.Locator(".message").Nth(messages - 1).WaitForAsync();
        (await page.Locator(".message").CountAsync()).Should().Be(messages, "a reload shows the conversation as it was");
        (await page.Locator(".message.greeting").CountAsync()).Should().Be(1, "the greeting is not repeated on reload");
        await InputIsOnScreenAsync(page);
    }

    private static async Task InputIsOnScreenAsync(IPage page)
    {
        var input = await page.Locator("#text").BoundingBoxAsync();
        var send = await page.Locator("#send").BoundingBoxAsync();
        input.Should().NotBeNull();
        send.Should().NotBeNull();
        input!.Y.Should().BeGreaterThanOrEqualTo(0);
        (input.Y + input.Height).Should().BeLessThanOrEqualTo(844, "the message box stays within the phone's screen");
        (send!.X + send.Width).Should().BeLessThanOrEqualTo(390);
        (send.Y + send.Height).Should().BeLessThanOrEqualTo(844);
    }

    private static async Task<JsonElement> SayAsync(HttpClient http, string id, string text)
    {
        using var response = await http.PostAsJsonAsync($"v1/conversations/{id}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var before = await page.Locator(".message.from-agent").CountAsync();
        await page.Locator("#text").FillAsync(text);
        await page.Locator("#text").PressAsync("Enter");
        await page.WaitForFunctionAsync(
            "([count]) => document.querySelectorAll('.message.from-agent').length > count && !document.getElementById('send').disabled",
            new object[] { before });
    }
}
