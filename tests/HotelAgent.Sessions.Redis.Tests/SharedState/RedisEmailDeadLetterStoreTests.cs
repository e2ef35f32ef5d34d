using HotelAgent.Abstractions;
using HotelAgent.Channels.Email;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Sessions.Redis.Tests.SharedState;

/// <summary>
/// With <c>AddRedisSessionStore</c>, the email channel's dead letters live in Redis whichever is registered first: a
/// reply one host could not send is listed whole by another, removed once, and kept under one hash tag.
/// </summary>
public sealed class RedisEmailDeadLetterStoreTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddRedisSessionStore_WithEmailChannel_DeadLettersAreSharedByHosts(bool redisFirst)
    {
        var configuration = redis.Require();
        var prefix = RedisTestHost.NewPrefix();
        await using var first = Host(configuration, prefix, redisFirst);
        await using var second = Host(configuration, prefix, redisFirst);
        var letter = new EmailDeadLetter
        {
            Id = "<reply-1@hotel.test>",
            GuestId = "ana@guest.test",
            Subject = "Re: Reserva de diciembre",
            Text = "Su reserva está confirmada: llegada el 10 de diciembre.",
            InReplyTo = "<mail-2@guest.test>",
            References = ["<mail-1@guest.test>", "<mail-2@guest.test>"],
            AnswersMessageId = "<mail-2@guest.test>",
            MailboxUid = "1700000000:42",
            Reason = "SMTP 421 service not available",
            IsTransient = true,
            Attempts = 3,
            FailedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero),
        };

        await first.GetRequiredService<IEmailDeadLetterStore>().AddAsync(letter, Token);

        first.GetRequiredService<IChannelDeadLetterStore>().Should().BeOfType<RedisChannelDeadLetterStore>();
        var listed = await second.GetRequiredService<IEmailDeadLetterStore>().ListAsync(100, Token);
        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(letter);
        (await second.GetRequiredService<IDeadLetterQueue>().ListAsync(100, Token)).Should().ContainSingle()
            .Which.Should().Match<DeadLetterInfo>(i => i.Queue == "email" && i.Id == letter.Id && i.Attempts == 3 && i.IsTransient == true);

        var removed = await Task.WhenAll(
            first.GetRequiredService<IEmailDeadLetterStore>().TryRemoveAsync(letter.Id, Token).AsTask(),
            second.GetRequiredService<IEmailDeadLetterStore>().TryRemoveAsync(letter.Id, Token).AsTask());

        removed.Where(r => r is not null).Should().ContainSingle().Which.Should().BeEquivalentTo(letter);
        (await first.GetRequiredService<IEmailDeadLetterStore>().ListAsync(100, Token)).Should().BeEmpty();
    }

    [Fact]
    public async Task AddRedisSessionStore_WithEmailChannel_KeysShareOneHashTag()
    {
        var configuration = redis.Require();
        var prefix = RedisTestHost.NewPrefix();
        await using var host = Host(configuration, prefix, redisFirst: false);
        await host.GetRequiredService<IEmailDeadLetterStore>().AddAsync(
            new EmailDeadLetter { Id = "<reply-2@hotel.test>", GuestId = "ray@guest.test", Subject = "Re: Parking", Text = "Sí, tenemos parking.", Reason = "SMTP 554", FailedAt = DateTimeOffset.UnixEpoch },
            Token);

        await using var connection = await redis.ConnectAsync();
        var keys = connection.GetServers().Single().Keys(pattern: "*" + prefix + "*").Select(k => (string)k!).ToList();

        keys.Should().BeEquivalentTo("{" + prefix + "dead-letters:email}:index", "{" + prefix + "dead-letters:email}:data");
    }

    private static ServiceProvider Host(string configuration, string prefix, bool redisFirst)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json");
        if (redisFirst)
        {
            builder.AddRedisSessionStore(o => (o.Configuration, o.KeyPrefix) = (configuration, prefix)).AddEmailChannel(Email);
        }
        else
        {
            builder.AddEmailChannel(Email).AddRedisSessionStore(o => (o.Configuration, o.KeyPrefix) = (configuration, prefix));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static void Email(EmailOptions o)
    {
        o.ImapHost = "imap.example.test";
        o.SmtpHost = "smtp.example.test";
        o.UserName = "reservations@hotel.test";
        o.Password = "app-password";
        o.Address = "reservations@hotel.test";
    }
}
