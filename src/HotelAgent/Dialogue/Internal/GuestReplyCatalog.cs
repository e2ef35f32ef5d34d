using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// <see cref="IReplyCatalog"/> over the engine's own texts and overrides, in the language of the message, else of the
/// conversation, else the default (the property's, for a message of a named property).
/// </summary>
/// <remarks>
/// A named property keeps its conversations under scoped ids (<c>{property}/{conversationId}</c>): the conversation
/// read here is the one of the message's property, so a guest id that two properties share never lends one property's
/// language to the other.
/// </remarks>
internal sealed class GuestReplyCatalog(
    ReplyCatalog catalog,
    ISessionStore sessions,
    IOptionsMonitor<HotelAgentOptions> options,
    ILogger<GuestReplyCatalog> logger,
    IHotelPropertyDirectory? directory = null,
    IOptionsMonitor<HotelPropertyOptions>? properties = null) : IReplyCatalog
{
    public async ValueTask<string> GetLanguageAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Known(message.Language) is { } requested)
        {
            return requested;
        }

        string? property = null;
        var conversationId = message.ConversationId;
        if (directory is not null)
        {
            try
            {
                property = directory.PropertyOf(message);
                conversationId = directory.ScopeConversationId(property, message.ConversationId);
            }
            catch (ArgumentException)
            {
                // A property this host does not serve (the agent refuses the message itself): no conversation of
                // another property is read, and the host's default language answers.
                return options.CurrentValue.DefaultLanguage;
            }
        }

        try
        {
            if (Known((await sessions.GetAsync(conversationId, cancellationToken).ConfigureAwait(false))?.Language) is { } current)
            {
                return current;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is down: the default language still answers the guest.
            Log.ReplyLanguageUnknown(logger, ex.Message);
        }

        return property is not null && Known(properties?.Get(property).DefaultLanguage) is { } own
            ? own
            : options.CurrentValue.DefaultLanguage;
    }

    public OutboundMessage Compose(string language, string key)
    {
        if (key is null || !ReplyTexts.IsKey(key))
        {
            throw new ArgumentException($"'{key}' is not a reply key.", nameof(key));
        }

        return new OutboundMessage { Text = catalog.Format(Known(language) ?? options.CurrentValue.DefaultLanguage, key) };
    }

    private static string? Known(string? language) => language?.ToLowerInvariant() is "es" or "en" or "pt" ? language.ToLowerInvariant() : null;
}
