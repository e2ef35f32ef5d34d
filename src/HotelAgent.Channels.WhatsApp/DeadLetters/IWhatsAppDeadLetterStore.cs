using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Keeps the replies the WhatsApp channel could not deliver after its retries, so they can be listed and replayed
/// with <see cref="IWhatsAppDeadLetterReplayer"/>. The default store is in memory; register another implementation
/// before <c>AddWhatsAppChannel</c> to keep them across restarts.
/// </summary>
/// <remarks>Dead letters hold guest content: never log them above <c>Trace</c>. Implementations must be safe for concurrent use.</remarks>
public interface IWhatsAppDeadLetterStore
{
    /// <summary>Adds a dead letter, or replaces the one with the same <see cref="WhatsAppDeadLetter.Id"/>.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the dead letter is stored.</returns>
    ValueTask AddAsync(WhatsAppDeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="take">The most dead letters to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<WhatsAppDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter and returns it.</summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The removed dead letter, or <see langword="null"/> when there was none with that id.</returns>
    ValueTask<WhatsAppDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends dead-lettered WhatsApp replies again.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IWhatsAppDeadLetterReplayer
{
    /// <summary>
    /// Sends a dead letter again through the phone number it was meant to leave from, applying the 24-hour window
    /// rules anew. On success it is removed from the store; on failure it is stored again under the same id.
    /// </summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when it was delivered; <see langword="false"/> when no dead letter has that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is <see langword="null"/> or white space.</exception>
    /// <exception cref="WhatsAppApiException">The delivery failed again.</exception>
    Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// A reply the WhatsApp channel could not deliver.
/// </summary>
/// <param name="Id">The id of the dead letter.</param>
/// <param name="PhoneNumberId">The business phone-number id the reply was to leave from.</param>
/// <param name="GuestId">The guest's WhatsApp id.</param>
/// <param name="Message">The reply.</param>
/// <param name="ErrorCode">The Graph API error code of the last attempt, if any.</param>
/// <param name="Reason">Why the last attempt failed (no guest content).</param>
/// <param name="IsTransient">Whether trying again later may succeed.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
public sealed record WhatsAppDeadLetter(
    string Id,
    string PhoneNumberId,
    string GuestId,
    OutboundMessage Message,
    int? ErrorCode,
    string Reason,
    bool IsTransient,
    DateTimeOffset FailedAt);
