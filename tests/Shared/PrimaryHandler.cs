using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Tests.Shared;

// Linked into the test projects that check connect timeouts (tests/Shared is not a project of its own).
/// <summary>Finds the innermost handler of a named <see cref="HttpClient"/>: the one that opens connections.</summary>
public static class PrimaryHandler
{
    /// <summary>Builds the handler chain of the named client and walks it down to its primary handler.</summary>
    /// <param name="services">The service provider holding the <see cref="IHttpMessageHandlerFactory"/>.</param>
    /// <param name="name">The name of the client.</param>
    /// <returns>The primary handler.</returns>
    public static HttpMessageHandler Of(IServiceProvider services, string name)
    {
        HttpMessageHandler handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        return handler;
    }
}
