using HotelAgent.Abstractions;
using HotelAgent.AspNetCore;
using HotelAgent.Sample;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
var agent = builder.Services.AddHotelAgent(builder.Configuration.GetSection("HotelAgent"))
    .AddHttpProtection(builder.Configuration.GetSection("HotelAgent:Http"));

// The PMS: QloApps when its section is set (docs/configuration.md), else the demo PMS seeded from hotel.json.
if (builder.Configuration.GetSection("HotelAgent:QloApps").Exists())
{
    agent.AddQloAppsPms(builder.Configuration.GetSection("HotelAgent:QloApps"));
}
else
{
    agent.AddDemoPms(builder.Configuration.GetSection("HotelAgent:DemoPms"));
}

// Further hotels of the group, one per HotelAgent:Properties:<name> section (docs/properties.md): each with its own
// QloApps hotel (its QloApps section) or demo catalogue, when its Email section is set its own mailbox (channel
// email:<name>), and, when its WhatsApp section is set, its own number. Without the section, one hotel as above.
foreach (var property in builder.Configuration.GetSection("HotelAgent:Properties").GetChildren())
{
    agent.AddProperty(property.Key, property, p =>
    {
        if (property.GetSection("QloApps").Exists())
        {
            p.AddQloAppsPms(property.GetSection("QloApps"));
        }
        else
        {
            p.AddDemoPms(property.GetSection("DemoPms"));
        }

        if (property.GetSection("Email").Exists())
        {
            p.AddEmailChannel(property.GetSection("Email"));
        }
    });
    if (property.GetSection("WhatsApp") is { } whatsApp && whatsApp["PhoneNumberId"] is { Length: > 0 } phoneNumberId)
    {
        agent.AddWhatsAppChannel(phoneNumberId, whatsApp);
        agent.AddProperty(property.Key, p => p.Configure(o => o.WhatsAppPhoneNumberIds.Add(phoneNumberId)));
    }
}

if (builder.Configuration["HotelAgent:Redis:Configuration"] is { Length: > 0 })
{
    agent.AddRedisSessionStore(builder.Configuration.GetSection("HotelAgent:Redis"));
}

if (builder.Configuration.GetSection("HotelAgent:WhatsApp").Exists())
{
    agent.AddWhatsAppChannel(builder.Configuration.GetSection("HotelAgent:WhatsApp"));
}

// Each optional package is on when its section is set (docs/configuration.md); with none, the embedded defaults.
if (builder.Configuration.GetSection("HotelAgent:Email").Exists())
{
    agent.AddEmailChannel(builder.Configuration.GetSection("HotelAgent:Email"));
}

if (builder.Configuration.GetSection("HotelAgent:Nlu:Llm").Exists())
{
    SampleLlm.AddLlmNlu(agent, builder.Configuration.GetSection("HotelAgent:Nlu:Llm"));
}

// After every channel: it wraps the agent, and asks for a written message through the guest's channel.
if (builder.Configuration.GetSection("HotelAgent:Speech").Exists())
{
    agent.AddSpeechToText(builder.Configuration.GetSection("HotelAgent:Speech"));
}

// Staff hear of handoff tickets (opened, urgent, waiting too long) by webhook, email and/or a WhatsApp template.
var staffNotifications = builder.Configuration.GetSection("HotelAgent:StaffNotifications");
if (staffNotifications.Exists())
{
    agent.AddStaffNotifications(staffNotifications);
}

if (staffNotifications.GetSection("Webhook").Exists())
{
    agent.AddStaffWebhookNotifier(staffNotifications.GetSection("Webhook"));
}

if (staffNotifications.GetSection("Email").Exists())
{
    agent.AddEmailStaffNotifier(staffNotifications.GetSection("Email"));
}

if (staffNotifications.GetSection("WhatsApp").Exists())
{
    agent.AddWhatsAppStaffNotifier(staffNotifications.GetSection("WhatsApp"));
}

// Guest content is erased from logs, even at Trace.
builder.Logging.EnableRedaction();
builder.Services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(HotelAgentTaxonomy.GuestData)));
var telemetry = builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics.AddMeter("HotelAgent", "HotelAgent.*").AddAspNetCoreInstrumentation().AddPrometheusExporter());

// Traces go somewhere only when an OTLP collector is named (OTEL_EXPORTER_OTLP_ENDPOINT); recording them for nobody
// would cost every request an Activity.
if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
{
    telemetry.WithTracing(tracing => tracing.AddSource("HotelAgent").AddAspNetCoreInstrumentation().AddOtlpExporter());
}

// Behind a reverse proxy: X-Forwarded-For/-Proto from the proxies in ForwardedHeaders:KnownProxies/KnownNetworks only.
builder.Services.Configure<ForwardedHeadersOptions>(options => ForwardedHeadersSetup.Configure(options, builder.Configuration.GetSection("ForwardedHeaders")));

var app = builder.Build();

if (args is [NluEvalCommand.Name, ..])
{
    return await NluEvalCommand.RunAsync(args, app.Services, Console.Out, Console.Error);
}

app.UseForwardedHeaders();  // first, so the rate limiter and the logs see the guest's address
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors(HotelAgentHttp.CorsPolicy);
app.UseRateLimiter();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();

    // Before the security headers: Swagger UI's page needs inline script.
    app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "HotelAgent v1"));
}

// Content-Security-Policy without inline script, nosniff and no framing on the pages (/, /staff) and the API.
app.UseHotelAgentSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHotelAgent();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapGet("/staff", (IWebHostEnvironment environment) => TypedResults.Stream(environment.WebRootFileProvider.GetFileInfo("staff.html").CreateReadStream(), "text/html; charset=utf-8"))
    .ExcludeFromDescription();

await app.RunAsync();
return 0;

/// <summary>The sample host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
