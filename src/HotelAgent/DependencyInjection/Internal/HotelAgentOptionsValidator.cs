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

        ValidateKnowledge(options.Knowledge, "Knowledge", builder);

        if (options.RequireIssuedConversationIds && string.IsNullOrEmpty(options.IdentifierKey))
        {
            builder.AddError("RequireIssuedConversationIds needs IdentifierKey: the key signs the conversation ids the server issues.", nameof(HotelAgentOptions.IdentifierKey));
        }

        return builder.Build();
    }

    /// <summary>Checks the knowledge of a hotel (the host's or a named property's), its keys prefixed by <paramref name="section"/>.</summary>
    internal static void ValidateKnowledge(HotelKnowledgeOptions knowledge, string section, ValidateOptionsResultBuilder builder)
    {
        if (knowledge.ReceptionOpens.HasValue != knowledge.ReceptionCloses.HasValue)
        {
            builder.AddError($"Set both {section}:ReceptionOpens and {section}:ReceptionCloses, or neither.", section);
        }

        foreach (var (kind, texts) in new[] { ("Amenities", knowledge.Amenities), ("Policies", knowledge.Policies) })
        {
            foreach (var (code, byLanguage) in texts)
            {
                if (byLanguage.Count == 0 || byLanguage.Values.Any(string.IsNullOrWhiteSpace))
                {
                    builder.AddError($"{section}:{kind}:{code} needs a non-empty text per language.", section);
                }
            }
        }

        if (knowledge.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            builder.AddError($"{section}:TimeZone '{zone}' is not a time zone of this system (use an IANA id such as Europe/Lisbon).", section);
        }
    }
}
