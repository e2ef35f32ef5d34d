using System.Net;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.Webhooks;

public sealed class WhatsAppWebhookLoggingTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, services: s =>
        {
            s.AddSingleton<IInbox>(new RecordingInbox());
            s.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
            s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private IReadOnlyList<FakeLogRecord> Logs => _host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

    [Fact]
    public async Task Post_MissingSignature_LogsWarning1103()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("text.json", "wamid.log.1", values: ("BODY", "Hola")), signature: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var record = Logs.Should().ContainSingle(r => r.Id.Id == 1103).Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Be("WhatsApp webhook rejected: missing X-Hub-Signature-256");
    }

    [Fact]
    public async Task Post_Text_LogsIdsAtDebugAndNeitherTextNorPhoneNorSecrets()
    {
        using var response = await _host.SendTextAsync("wamid.log.2", "Me llamo Ana, mi correo es ana@example.com");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var record = Logs.Should().ContainSingle(r => r.Id.Id == 1100).Subject;
        record.Level.Should().Be(LogLevel.Debug);
        record.Message.Should().Be($"WhatsApp message wamid.log.2 (text) taken in on phone number {WhatsAppTestHost.PhoneNumberId}");
        var all = string.Join('\n', Logs.Select(r => r.Message));
        all.Should().NotContain("ana@example.com").And.NotContain(WhatsAppTestHost.Guest)
            .And.NotContain(WhatsAppTestHost.AppSecret).And.NotContain(WhatsAppTestHost.AccessToken).And.NotContain(WhatsAppTestHost.VerifyToken);
    }

    [Fact]
    public async Task Post_ReactionAndUnsupportedType_ReactionLogs1105AndTheOtherIsTakenIn()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("unsupported.json", "wamid.log.3"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // A reaction is not answered; a message of a type the agent cannot read is taken in (the guest is asked to write).
        Logs.Where(r => r.Id.Id == 1105).Select(r => r.Message).Should().Equal(
            "WhatsApp message wamid.log.3 of type reaction acknowledged without an answer");
        Logs.Where(r => r.Id.Id == 1100).Select(r => r.Message).Should().Equal(
            $"WhatsApp message wamid.log.3.2 (unsupported) taken in on phone number {WhatsAppTestHost.PhoneNumberId}");
    }
}
