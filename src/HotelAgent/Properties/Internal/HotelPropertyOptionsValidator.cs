using Microsoft.Extensions.Options;

namespace HotelAgent;

[OptionsValidator]
internal sealed partial class HotelPropertyOptionsValidator : IValidateOptions<HotelPropertyOptions>
{
}

/// <summary>Checks what attributes cannot: a property's reply texts and knowledge.</summary>
internal sealed class HotelPropertyOptionsCustomValidator : IValidateOptions<HotelPropertyOptions>
{
    public ValidateOptionsResult Validate(string? name, HotelPropertyOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var section = $"Properties:{name}";
        foreach (var problem in ReplyCatalog.Validate(options.Replies))
        {
            builder.AddError($"{section}:{problem}", nameof(HotelPropertyOptions.Replies));
        }

        HotelAgentOptionsCustomValidator.ValidateKnowledge(options.Knowledge, section + ":Knowledge", builder);
        return builder.Build();
    }
}
