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

        var knowledge = options.Knowledge;
        if (knowledge.ReceptionOpens.HasValue != knowledge.ReceptionCloses.HasValue)
        {
            builder.AddError("Set both Knowledge:ReceptionOpens and Knowledge:ReceptionCloses, or neither.", nameof(HotelAgentOptions.Knowledge));
        }

        foreach (var (kind, texts) in new[] { ("Amenities", knowledge.Amenities), ("Policies", knowledge.Policies) })
        {
            foreach (var (code, byLanguage) in texts)
            {
                if (byLanguage.Count == 0 || byLanguage.Values.Any(string.IsNullOrWhiteSpace))
                {
                    builder.AddError($"Knowledge:{kind}:{code} needs a non-empty text per language.", nameof(HotelAgentOptions.Knowledge));
                }
            }
        }

        if (options.RequireIssuedConversationIds && string.IsNullOrEmpty(options.IdentifierKey))
        {
            builder.AddError("RequireIssuedConversationIds needs IdentifierKey: the key signs the conversation ids the server issues.", nameof(HotelAgentOptions.IdentifierKey));
        }

        return builder.Build();
    }
}
