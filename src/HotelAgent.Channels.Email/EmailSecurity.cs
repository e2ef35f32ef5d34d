namespace HotelAgent.Channels.Email;

/// <summary>
/// How the channel secures its IMAP and SMTP connections.
/// </summary>
public enum EmailSecurity
{
    /// <summary>TLS on connect for the well-known TLS ports (993, 465), STARTTLS when the server offers it otherwise.</summary>
    Auto = 0,

    /// <summary>No TLS; only for servers on loopback or a trusted network.</summary>
    None = 1,

    /// <summary>TLS from the first byte (IMAPS on 993, SMTPS on 465).</summary>
    SslOnConnect = 2,

    /// <summary>A plain connection upgraded with STARTTLS; fails when the server does not offer it.</summary>
    StartTls = 3,
}
