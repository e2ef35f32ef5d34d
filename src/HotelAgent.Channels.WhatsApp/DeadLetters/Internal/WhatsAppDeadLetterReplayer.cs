namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Replays dead letters through the channel of their phone number.
/// </summary>
internal sealed class WhatsAppDeadLetterReplayer(IWhatsAppDeadLetterStore store, WhatsAppNumbers numbers) : IWhatsAppDeadLetterReplayer
{
    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var letter = await store.TryRemoveAsync(id, cancellationToken).ConfigureAwait(false);
        if (letter is null)
        {
            return false;
        }

        var number = numbers.Find(letter.PhoneNumberId);
        if (number is null)
        {
            await store.AddAsync(letter, cancellationToken).ConfigureAwait(false);
            throw new WhatsAppApiException($"No WhatsApp channel is registered for phone-number id '{letter.PhoneNumberId}'; call AddWhatsAppChannel for it.");
        }

        await number.SendCoreAsync(letter.GuestId, letter.Message, letter.Id, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
