using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps;

/// <summary>One named instance of an options class, seen as an <see cref="IOptionsMonitor{TOptions}"/> whose current value is that instance.</summary>
internal sealed class NamedOptionsMonitor<TOptions>(IOptionsMonitor<TOptions> inner, string name) : IOptionsMonitor<TOptions>
{
    public TOptions CurrentValue => inner.Get(name);

    public TOptions Get(string? name) => inner.Get(name);

    public IDisposable? OnChange(Action<TOptions, string?> listener) => inner.OnChange((options, changed) =>
    {
        if (changed == name)
        {
            listener(options, changed);
        }
    });
}
