using Microsoft.Extensions.Options;

namespace HotelAgent;

[OptionsValidator]
internal sealed partial class HotelAgentOptionsValidator : IValidateOptions<HotelAgentOptions>
{
}

/// <summary>
/// Checks what attributes cannot: the reply overrides.
/// </summary>
internal sealed class HotelAgentOptionsCustomValidator : IValidateOptions<HotelAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, HotelAgentOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var problem in ReplyCatalog.Validate(options.Replies))
        {
            builder.AddError(problem, nameof(HotelAgentOptions.Replies));
        }

        return builder.Build();
    }
}
