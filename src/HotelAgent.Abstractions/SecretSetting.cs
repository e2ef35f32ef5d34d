namespace HotelAgent.Abstractions;

/// <summary>
/// Declares a secret setting (an access token, an API key) so the host can refuse to start in Production when it is
/// empty, shorter than 8 characters or a known placeholder ("changeme", "secret", "test", ...). Packages register one
/// per secret with <c>services.AddSingleton(new SecretSetting(...))</c>; the check never logs the value.
/// </summary>
/// <param name="Name">The setting's configuration path, used in the error, e.g. <c>HotelAgent:WhatsApp:AccessToken</c>.</param>
/// <param name="Read">Reads the value from the configured options.</param>
/// <param name="Required">Whether an empty value is an error; when <see langword="false"/>, only a set value is checked.</param>
public sealed record SecretSetting(string Name, Func<IServiceProvider, string?> Read, bool Required = true);
