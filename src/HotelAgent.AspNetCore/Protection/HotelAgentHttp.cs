namespace HotelAgent.AspNetCore;

/// <summary>
/// Names used by the HTTP protection of the hotel agent.
/// </summary>
public static class HotelAgentHttp
{
    /// <summary>The CORS policy registered by <c>AddHttpProtection</c>; apply it with <c>app.UseCors(HotelAgentHttp.CorsPolicy)</c>.</summary>
    public const string CorsPolicy = "HotelAgent";
}
