using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>The sample sends traces over OTLP only when a collector is named.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Sample_WithOtlpEndpoint_ExportsTheTurnsTraces()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("HotelAgent:AdminApiKey", SampleHostFactory.AdminKey);
            b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl);
            b.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            b.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        });

        var chat = await factory.CreateClient().SayAsync("trace-1", "¿A qué hora es el check-in?");
        chat.AllText().Should().NotBeEmpty();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!collector.Bodies.Any(b => b.Contains("hotel_agent.turn", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        collector.Paths.Should().Contain("/v1/traces");
        collector.Bodies.Should().Contain(b => b.Contains("hotel_agent.turn", StringComparison.Ordinal), "the turn's span comes from the HotelAgent ActivitySource");
    }

    /// <summary>An OTLP/HTTP receiver on 127.0.0.1 that keeps what it is sent.</summary>
    private sealed class FakeOtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeOtlpCollector(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Paths { get; } = new();

        public ConcurrentQueue<string> Bodies { get; } = new();

        public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<FakeOtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new FakeOtlpCollector(app);
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                collector.Paths.Enqueue(context.Request.Path.Value!);

                // Protobuf keeps strings as UTF-8: names of sources and spans can be found in the bytes.
                collector.Bodies.Enqueue(Encoding.UTF8.GetString(buffer.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
