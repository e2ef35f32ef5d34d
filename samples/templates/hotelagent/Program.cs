using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddHotelAgent(builder.Configuration.GetSection("HotelAgent"))  // engine, rule-based NLU, in-memory sessions
    .AddDemoPms(builder.Configuration.GetSection("HotelAgent:DemoPms"));        // replace with your PMS adapter

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHotelAgentSecurityHeaders();  // CSP without inline script, nosniff, no framing
app.UseDefaultFiles();               // / is the web chat (wwwroot/index.html)
app.UseStaticFiles();

app.MapHotelAgent();  // POST /v1/conversations/{id}/messages, /v1/nlu/parse, admin /v1/reservations, /v1/handoffs, /v1/stats
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

app.Run();
