using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// The <see cref="HotelAgentOptions"/> one named property's engine works with: the host's, with the property's
/// default language, knowledge and reply texts laid over them. Rebuilt when either changes.
/// </summary>
internal sealed class PropertyAgentOptions : IOptionsMonitor<HotelAgentOptions>, IDisposable
{
    private readonly string _name;
    private readonly IOptionsFactory<HotelAgentOptions> _factory;
    private readonly IOptionsMonitor<HotelPropertyOptions> _property;
    private readonly IDisposable? _hostChanges;
    private readonly IDisposable? _propertyChanges;
    private readonly Lock _gate = new();
    private HotelAgentOptions? _current;
    private event Action<HotelAgentOptions, string?>? Changed;

    public PropertyAgentOptions(string name, IOptionsFactory<HotelAgentOptions> factory, IOptionsMonitor<HotelAgentOptions> host, IOptionsMonitor<HotelPropertyOptions> property)
    {
        _name = name;
        _factory = factory;
        _property = property;
        _hostChanges = host.OnChange((_, changed) =>
        {
            if (string.IsNullOrEmpty(changed))
            {
                Invalidate();
            }
        });
        _propertyChanges = property.OnChange((_, changed) =>
        {
            if (changed == _name)
            {
                Invalidate();
            }
        });
    }

    public HotelAgentOptions CurrentValue
    {
        get
        {
            lock (_gate)
            {
                return _current ??= Build(_factory.Create(Options.DefaultName), _property.Get(_name));
            }
        }
    }

    public HotelAgentOptions Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<HotelAgentOptions, string?> listener)
    {
        Changed += listener;
        return new Subscription(this, listener);
    }

    public void Dispose()
    {
        _hostChanges?.Dispose();
        _propertyChanges?.Dispose();
    }

    /// <summary>Lays a property's settings over a fresh copy of the host's options.</summary>
    internal static HotelAgentOptions Build(HotelAgentOptions host, HotelPropertyOptions property)
    {
        if (property.DefaultLanguage is { } language)
        {
            host.DefaultLanguage = language;
        }

        var knowledge = host.Knowledge;
        var own = property.Knowledge;
        knowledge.Amenities.Clear();
        knowledge.Policies.Clear();
        knowledge.Directions.Clear();
        foreach (var (code, texts) in own.Amenities)
        {
            knowledge.Amenities[code] = new Dictionary<string, string>(texts, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (code, texts) in own.Policies)
        {
            knowledge.Policies[code] = new Dictionary<string, string>(texts, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (lang, text) in own.Directions)
        {
            knowledge.Directions[lang] = text;
        }

        knowledge.ReceptionOpens = own.ReceptionOpens;
        knowledge.ReceptionCloses = own.ReceptionCloses;
        knowledge.CheckInTime = own.CheckInTime;
        knowledge.CheckOutTime = own.CheckOutTime;
        knowledge.TimeZone = own.TimeZone;

        foreach (var (key, texts) in property.Replies)
        {
            if (!host.Replies.TryGetValue(key, out var merged))
            {
                host.Replies[key] = merged = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            foreach (var (lang, template) in texts)
            {
                merged[lang] = template;
            }
        }

        return host;
    }

    private void Invalidate()
    {
        HotelAgentOptions current;
        lock (_gate)
        {
            _current = null;
        }

        current = CurrentValue;
        Changed?.Invoke(current, _name);
    }

    private sealed class Subscription(PropertyAgentOptions owner, Action<HotelAgentOptions, string?> listener) : IDisposable
    {
        public void Dispose() => owner.Changed -= listener;
    }
}
