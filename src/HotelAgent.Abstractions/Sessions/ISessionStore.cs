namespace HotelAgent.Abstractions;

/// <summary>
/// Keeps the state of each conversation between turns, with optimistic concurrency and a time to live.
/// </summary>
/// <remarks>
/// <para><see cref="SaveAsync"/> succeeds only when the stored version still equals <see cref="ConversationSession.Version"/>
/// (0 for a session never saved), so two hosts handling messages of one guest never lose an update: the loser gets
/// <see cref="SessionSaveResult.Conflict"/>, reloads and retries.</para>
/// <para>Implementations must be safe for concurrent use.</para>
/// </remarks>
public interface ISessionStore
{
    /// <summary>Gets a session.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The session with its stored version, or <see langword="null"/> when there is none or it expired.</returns>
    ValueTask<ConversationSession?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Saves a session if nobody saved it since it was read.</summary>
    /// <param name="session">The session; its <see cref="ConversationSession.Version"/> is the version it was read at.</param>
    /// <param name="timeToLive">How long the session lives without another save.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The new version, or a conflict.</returns>
    ValueTask<SessionSaveResult> SaveAsync(ConversationSession session, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Deletes a session.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when a session was deleted.</returns>
    ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of <see cref="ISessionStore.SaveAsync"/>.
/// </summary>
/// <param name="Saved">Whether the session was saved.</param>
/// <param name="Version">The stored version after the call: the new one when saved, the current one on conflict.</param>
public readonly record struct SessionSaveResult(bool Saved, long Version)
{
    /// <summary>Creates a result for a saved session.</summary>
    /// <param name="version">The new version.</param>
    /// <returns>The result.</returns>
    public static SessionSaveResult Success(long version) => new(true, version);

    /// <summary>Creates a result for a session someone else saved first.</summary>
    /// <param name="currentVersion">The version in the store.</param>
    /// <returns>The result.</returns>
    public static SessionSaveResult Conflict(long currentVersion) => new(false, currentVersion);
}
