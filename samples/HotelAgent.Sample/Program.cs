using HotelAgent.Sample;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddHotelAgent(builder.Configuration.GetSection("HotelAgent"))
    .AddDemoPms(builder.Configuration.GetSection("HotelAgent:DemoPms"));

var app = builder.Build();

if (args is [NluEvalCommand.Name, ..])
{
    return await NluEvalCommand.RunAsync(args, app.Services, Console.Out, Console.Error);
}

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHotelAgent();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

await app.RunAsync();
return 0;

/// <summary>The sample host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
