using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp.Tests;

public sealed class WhatsAppStaffNotifierTests
{
    private const string Staff = "34600999000";

    [Fact]
    public async Task Complaint_SendsOneTemplateToTheStaffNumber_RetryingAServerError()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var failed = 0;
        graph.Responder = r => r.To == Staff && Interlocked.Increment(ref failed) == 1 ? Results.StatusCode(500) : null;
        await using var host = await WhatsAppTestHost.StartAsync(graph, services: s => s.AddHotelAgent()
            .AddStaffNotifications(o =>
            {
                o.ScanInterval = TimeSpan.FromMilliseconds(100);
                o.NotifyOutsideReceptionHours = true;
            })
            .AddWhatsAppStaffNotifier(o =>
            {
                o.PhoneNumberId = WhatsAppTestHost.PhoneNumberId;
                o.To.Add(Staff);
                o.TemplateName = "staff_alert";
            }));

        (await host.SendTextAsync("wamid.complaint", "Quiero poner una queja: el aire acondicionado no funciona")).EnsureSuccessStatusCode();
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.To == Staff && m.Type == "template"), TimeSpan.FromSeconds(20));
        await Task.Delay(1000); // several scans: nothing is sent again

        var toStaff = graph.Messages.Where(m => m.To == Staff).ToList();
        var ticket = (await host.Services.GetRequiredService<IHandoffDesk>().ListAsync()).Single();
        toStaff.Should().HaveCount(2, "the first POST was answered 500 and retried once; no scan sends it again");
        failed.Should().Be(2);
        toStaff[1].RawBody.Should().Be(toStaff[0].RawBody);
        var template = toStaff[0].Body.GetProperty("template");
        template.GetProperty("name").GetString().Should().Be("staff_alert");
        template.GetProperty("language").GetProperty("code").GetString().Should().Be("es");
        var parameters = template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        parameters.Should().HaveCount(2);
        parameters[0].Should().Be($"Queja de un huésped (ticket {ticket.Id})");
        parameters[1].Should().Contain($"Canal: whatsapp:{WhatsAppTestHost.PhoneNumberId}").And.Contain("el aire acondicionado no funciona").And.NotContain("\n");
        toStaff[0].RawBody.Should().NotContain(WhatsAppTestHost.Guest);
        graph.Messages.Where(m => m.To == WhatsAppTestHost.Guest).Should().NotBeEmpty("the guest still gets the agent's answer");
    }

    [Fact]
    public async Task StaffTemplate_WithoutDetails_HasOneParameter()
    {
        var payload = OutboundRenderer.StaffTemplate(Staff, "staff_alert", "en", ["URGENT: line one\nline two"]);

        var template = JsonDocument.Parse(payload.ToJsonString()).RootElement.GetProperty("template");
        template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString())
            .Should().Equal("URGENT: line one line two");
    }
}
