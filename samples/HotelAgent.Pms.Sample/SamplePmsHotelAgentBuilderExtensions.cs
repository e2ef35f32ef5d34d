using HotelAgent.Abstractions;
using HotelAgent.Pms.Sample;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the sample PMS adapter to the hotel agent.</summary>
public static class SamplePmsHotelAgentBuilderExtensions
{
    /// <summary>Uses the sample PMS adapter; replaces any PMS registered before.</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="SamplePmsOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddSamplePms(this IHotelAgentBuilder builder, Action<SamplePmsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptionsWithValidateOnStart<SamplePmsOptions, SamplePmsOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPmsAdapter, SamplePmsAdapter>());
        return builder;
    }
}

/// <summary>Validates <see cref="SamplePmsOptions"/> at start (source-generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class SamplePmsOptionsValidator : IValidateOptions<SamplePmsOptions>;
