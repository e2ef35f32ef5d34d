using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.AspNetCore.Tests.Issues;

/// <summary>
/// Issue 16, item 1: no public endpoint reaches another channel's conversation; path-like ids are refused; the server
/// issues unguessable web-chat ids.
/// </summary>
public sealed class IssuesTests_WebChatIds_16 : IClassFixture<SampleHostFactory>
{
    private const string WhatsAppConversation = "whatsapp:106540352242922:34600111222";
    private readonly SampleHostFactory _factory;

    public IssuesTests_WebChatIds_16(SampleHostFactory factory) => _factory = factory;

    [Fact]
    public async Task PostMessage_AnotherChannelsConversationId_NeverReachesThatConversation()
    {
        // A guest booked over WhatsApp: their session holds the reservation as theirs.
        var client = _factory.CreateClient();
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        await client.SayAsync(owner, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await client.SayAsync(owner, "Ana García");
        await client.SayAsync(owner, "ana.garcia@example.com");
        var code = (await client.SayAsync(owner, "sí")).GetProperty("reservationCode").GetString()!;
        var sessions = _factory.Services.GetRequiredService<ISessionStore>();
        var booked = (await sessions.GetAsync("webchat:" + owner))!;
        (await sessions.SaveAsync(booked with { ConversationId = WhatsAppConversation, ChannelName = ChannelNames.WhatsApp, GuestId = "34600111222", Version = 0 }, TimeSpan.FromHours(1)))
            .Saved.Should().BeTrue();
        var before = (await sessions.GetAsync(WhatsAppConversation))!;

        // Someone who knows the phone number writes to the web chat with the WhatsApp conversation id.
        var cancel = await client.SayAsync(WhatsAppConversation, "quiero cancelar mi reserva");
        var yes = await client.SayAsync(WhatsAppConversation, "sí");

        (cancel.AllText() + yes.AllText()).Should().NotContain(code);
        var reservation = await _factory.Services.GetRequiredService<IPmsAdapter>().GetReservationAsync(code);
        reservation!.Status.Should().Be(ReservationStatus.Confirmed, "the web chat never loads the WhatsApp guest's session");
        var after = (await sessions.GetAsync(WhatsAppConversation))!;
        after.Version.Should().Be(before.Version);
        after.TurnCount.Should().Be(before.TurnCount);
    }

    [Theory]
    [InlineData("..%2F..%2Fx")]
    [InlineData("x..")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("a%2Fb")]
    [InlineData("a%5Cb")]
    public async Task Conversations_PathLikeId_Returns400OnBothRoutes(string id)
    {
        var client = _factory.CreateClient();

        using var post = await client.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { text = "hola" });
        using var get = await client.GetAsync($"/v1/conversations/{id}/messages");

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetMessages_AnotherChannelsConversationId_DrainsOnlyTheWebChatMailbox()
    {
        var mailbox = _factory.Services.GetServices<IMessageChannel>().Single(c => c.Name == ChannelNames.WebChat);
        await mailbox.SendAsync("webchat:mailbox-1", new OutboundMessage { Text = "for the web-chat guest" });

        var other = await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/conversations/{WhatsAppConversation}/messages");
        var own = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/v1/conversations/mailbox-1/messages");

        other.GetProperty("replies").GetArrayLength().Should().Be(0);
        own.GetProperty("replies").EnumerateArray().Should().ContainSingle().Which.GetProperty("text").GetString().Should().Be("for the web-chat guest");
    }

    [Fact]
    public async Task StartConversation_IssuesAnUnguessableIdThatWorks()
    {
        var client = _factory.CreateClient();

        using var first = await client.PostAsync("/v1/conversations", null);
        using var second = await client.PostAsync("/v1/conversations", null);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        var other = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        id.Should().MatchRegex("^wc_[A-Za-z0-9_-]{44}$").And.NotBe(other);
        (await client.SayAsync(id, "hola")).GetProperty("intent").GetString().Should().Be("greeting");
        using var mailbox = await client.GetAsync($"/v1/conversations/{id}/messages");
        mailbox.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequireIssuedIds_ClientChosenAndForgedIdsAre404_IssuedOnesWork()
    {
        using var factory = _factory.WithWebHostBuilder(b => b
            .UseSetting("HotelAgent:IdentifierKey", "an-identifier-key-for-tests-0123456789")
            .UseSetting("HotelAgent:RequireIssuedConversationIds", "true"));
        var client = factory.CreateClient();
        using var started = await client.PostAsync("/v1/conversations", null);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        var forged = id[..^4] + (id.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var chosen = await client.PostAsJsonAsync("/v1/conversations/my-own-id/messages", new { text = "hola" });
        using var forgedPost = await client.PostAsJsonAsync($"/v1/conversations/{forged}/messages", new { text = "hola" });
        using var forgedGet = await client.GetAsync($"/v1/conversations/{forged}/messages");
        using var whatsapp = await client.PostAsJsonAsync($"/v1/conversations/{WhatsAppConversation}/messages", new { text = "hola" });

        chosen.StatusCode.Should().Be(HttpStatusCode.NotFound);
        forgedPost.StatusCode.Should().Be(HttpStatusCode.NotFound);
        forgedGet.StatusCode.Should().Be(HttpStatusCode.NotFound);
        whatsapp.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.SayAsync(id, "hola")).GetProperty("intent").GetString().Should().Be("greeting");
    }

    [Fact]
    public async Task PostMessage_SessionStoreDown_Returns503WithRetryAfter()
    {
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISessionStore, DownSessionStore>()));

        using var response = await factory.CreateClient().PostAsJsonAsync("/v1/conversations/down-1/messages", new { text = "hola" });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().BePositive();
    }

    private sealed class DownSessionStore : ISessionStore
    {
        public ValueTask<ConversationSession?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
            throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };

        public ValueTask<SessionSaveResult> SaveAsync(ConversationSession session, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };

        public ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default) =>
            throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };
    }
}

/// <summary>Issue 16, items 3 and 7 over HTTP: the sample's security headers, and staff endpoints during a Redis outage.</summary>
public sealed class IssuesTests_Headers_16 : IClassFixture<SampleHostFactory>
{
    private readonly SampleHostFactory _factory;

    public IssuesTests_Headers_16(SampleHostFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/staff")]
    [InlineData("/js/chat.js")]
    public async Task Get_PageOrScript_CarriesCspWithoutInlineScriptNosniffAndNoFraming(string path)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Fact]
    public async Task Pages_HoldNoInlineScriptOrStyle()
    {
        var client = _factory.CreateClient();
        foreach (var path in new[] { "/", "/staff" })
        {
            var html = await client.GetStringAsync(path);
            System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                .Should().BeEmpty($"{path} loads its scripts from files only");
            html.Should().NotContain(" style=").And.NotContain("<style").And.NotContainAny(" onclick=", " onload=", " onerror=");
        }
    }

    [Fact]
    public async Task Handoffs_StoreDown_Returns503WithRetryAfter()
    {
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IHandoffStore, DownHandoffStore>()));

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SampleHostFactory.AdminKey);

        using var response = await client.GetAsync("/v1/handoffs");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().BePositive();
    }

    private sealed class DownHandoffStore : IHandoffStore
    {
        private static HotelAgentException Down() => new("Redis is unavailable; try again later.") { IsTransient = true };

        public ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default) => throw Down();
    }
}
