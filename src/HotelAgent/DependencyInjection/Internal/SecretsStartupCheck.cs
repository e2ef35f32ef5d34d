using HotelAgent.Abstractions;
using Microsoft.Extensions.Hosting;

namespace HotelAgent;

/// <summary>
/// In Production, stops the host at start when a declared <see cref="SecretSetting"/> is empty, shorter than 8
/// characters or a placeholder, naming every offending setting (never its value).
/// </summary>
internal sealed class SecretsStartupCheck(IServiceProvider services, IEnumerable<SecretSetting> secrets, IHostEnvironment? environment = null) : IHostedService
{
    internal const int MinimumLength = 8;

    private static readonly string[] Placeholders =
    [
        "changeme", "change-me", "change_me", "secret", "dummy", "test", "testing", "password", "passw0rd", "example",
        "sample", "demo", "default", "placeholder", "todo", "xxx", "123456", "12345678", "token", "apikey", "api-key", "your-",
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment is null || !environment.IsProduction())
        {
            return Task.CompletedTask;
        }

        var problems = Check(secrets.Select(s => (s, s.Read(services)))).ToArray();
        return problems.Length == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"The host refuses to start in Production with weak secrets: {string.Join("; ", problems)}. Set real values (environment variables or a secret store).");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static IEnumerable<string> Check(IEnumerable<(SecretSetting Setting, string? Value)> values)
    {
        foreach (var (setting, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (setting.Required)
                {
                    yield return $"{setting.Name} is empty";
                }
            }
            else if (value.Trim().Length < MinimumLength)
            {
                yield return $"{setting.Name} is shorter than {MinimumLength} characters";
            }
            else if (Placeholders.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{setting.Name} looks like a placeholder";
            }
        }
    }
}
