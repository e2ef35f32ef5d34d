namespace HotelAgent.LoadTest;

/// <summary>
/// The baseline: a bare minimal-API app on Kestrel, run as its own process like the sample. <c>POST /bare</c> reads
/// the body and answers <c>ok</c> — the same request as the webhook scenario with the product taken out.
/// </summary>
internal static class BareServer
{
    public const string Command = "bare-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/bare", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return "ok";
        });
        app.MapGet("/health/live", () => "ok");
        await app.RunAsync();
        return 0;
    }
}
