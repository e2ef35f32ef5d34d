using MailKit.Security;

namespace HotelAgent.Channels.Email;

/// <summary>Maps <see cref="EmailSecurity"/> to MailKit's options.</summary>
internal static class EmailSecurities
{
    public static SecureSocketOptions ToMailKit(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.Auto,
    };
}
