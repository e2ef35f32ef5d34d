using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// The instruments of the QloApps adapter, created once from <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class QloAppsMetrics
{
    public const string MeterName = "HotelAgent.Pms.QloApps";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    public QloAppsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        RequestDuration = meter.CreateHistogram<double>("hotel_agent.pms.request.duration", "s", "Duration of QloApps adapter operations, per operation and outcome.");
    }

    public Histogram<double> RequestDuration { get; }

    public void Record(string operation, string outcome, TimeSpan elapsed)
    {
        if (RequestDuration.Enabled)
        {
            RequestDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(QloAppsTags.Operation, operation),
                new KeyValuePair<string, object?>(QloAppsTags.Outcome, outcome));
        }
    }
}

/// <summary>
/// Tag names and values of the QloApps adapter's metrics.
/// </summary>
internal static class QloAppsTags
{
    public const string Operation = "pms.operation";
    public const string Outcome = "pms.outcome";

    public const string Success = "success";
    public const string Refused = "refused";
    public const string Unavailable = "unavailable";
    public const string Error = "error";
}
