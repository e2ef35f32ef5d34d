using Microsoft.Extensions.Options;

namespace HotelAgent.Sessions.Redis;

/// <summary>Validates the data annotations of <see cref="RedisSessionStoreOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class RedisSessionStoreOptionsValidator : IValidateOptions<RedisSessionStoreOptions>;

/// <summary>Validates the rules of <see cref="RedisSessionStoreOptions"/> that annotations cannot express.</summary>
internal sealed class RedisSessionStoreOptionsCustomValidator : IValidateOptions<RedisSessionStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisSessionStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.SessionTimeToLive is { } ttl && (ttl < TimeSpan.FromSeconds(1) || ttl > TimeSpan.FromDays(90)))
        {
            result.AddError("SessionTimeToLive must be between 1 second and 90 days, or unset to use the agent's.", nameof(RedisSessionStoreOptions.SessionTimeToLive));
        }

        if (options.Configuration is { } configuration && string.IsNullOrWhiteSpace(configuration))
        {
            result.AddError("Configuration must be a StackExchange.Redis configuration string such as 'localhost:6379'.", nameof(RedisSessionStoreOptions.Configuration));
        }

        if (HasBrace(options.KeyPrefix))
        {
            result.AddError("KeyPrefix must not hold '{' or '}': the keys' Redis Cluster hash tags are built from it.", nameof(RedisSessionStoreOptions.KeyPrefix));
        }

        if (options.Inbox is { } inbox)
        {
            if (HasBrace(inbox.StreamName) || HasBrace(inbox.DeadLetterStreamName))
            {
                result.AddError("Inbox.StreamName and Inbox.DeadLetterStreamName must not hold '{' or '}': the inbox's Redis Cluster hash tag is built from them.", "Inbox.StreamName");
            }

            if (string.Equals(inbox.StreamName, inbox.DeadLetterStreamName, StringComparison.Ordinal))
            {
                result.AddError("Inbox.DeadLetterStreamName must differ from Inbox.StreamName.", "Inbox.DeadLetterStreamName");
            }

            if (inbox.ConsumerName is { } consumer && string.IsNullOrWhiteSpace(consumer))
            {
                result.AddError("Inbox.ConsumerName must not be blank; leave it unset to use the machine name and process id.", "Inbox.ConsumerName");
            }
        }

        return result.Build();
    }

    private static bool HasBrace(string? value) => value is not null && value.AsSpan().IndexOfAny('{', '}') >= 0;
}
