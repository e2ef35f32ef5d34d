using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// One labelled message of an evaluation file: a JSONL line
/// <c>{"text": "...", "lang": "es", "intent": "make_reservation", "entities": {"checkIn": "2026-12-10"}}</c>.
/// </summary>
public sealed record NluSample
{
    /// <summary>Gets the guest's message.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the expected language (<c>es</c>, <c>en</c>, <c>pt</c>), if labelled.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the expected intent.</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the expected entities.</summary>
    public NluEntities Entities { get; init; } = NluEntities.Empty;

    /// <summary>Gets the reference date of this sample, when the line sets <c>referenceDate</c>; else the run's date applies.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>Gets the 1-based line number the sample was read from, or 0.</summary>
    public int LineNumber { get; init; }

    /// <summary>Gets the regional variant the sample was written in (<c>es-AR</c>, <c>en-GB</c>, <c>pt-BR</c>...), if labelled.</summary>
    public string? Variant { get; init; }

    /// <summary>Gets what the agent had just asked when the guest wrote the sample (<c>expecting</c> in the file), passed to the engine as <see cref="NluRequest.Expecting"/>.</summary>
    public ExpectedAnswer Expecting { get; init; }

    /// <summary>Gets the other requests the sample carries (<c>also</c> in the file), in order.</summary>
    public IReadOnlyList<string> AdditionalIntents { get; init; } = [];
}
