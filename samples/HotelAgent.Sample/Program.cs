using HotelAgent.Sample;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHotelAgent(builder.Configuration.GetSection("HotelAgent"))
    .AddDemoPms(builder.Configuration.GetSection("HotelAgent:DemoPms"));

var app = builder.Build();

if (args is [NluEvalCommand.Name, ..])
{
    return await NluEvalCommand.RunAsync(args, app.Services, Console.Out, Console.Error);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
    app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "HotelAgent v1"));
}

app.MapHotelAgent();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapGet("/staff", (IWebHostEnvironment environment) => TypedResults.Stream(environment.WebRootFileProvider.GetFileInfo("staff.html").CreateReadStream(), "text/html; charset=utf-8"))
    .ExcludeFromDescription();

await app.RunAsync();
return 0;

/// <summary>The sample host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
