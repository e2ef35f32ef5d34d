using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Answers to messages the agent cannot read as text (a voice note with no speech-to-text registered, a photo without
/// a caption, a shared location, a sticker, a video, a contact card), so that no guest message goes unanswered.
/// </summary>
internal static class NonTextReplies
{
    /// <summary>What a message without text holds.</summary>
    public enum Kind
    {
        /// <summary>Nothing the agent can answer: no text, media or location.</summary>
        None,
        Audio,
        Image,
        Document,
        Location,
        Other,
    }

    public static Kind KindOf(InboundMessage message)
    {
        if (message.Location is not null)
        {
            return Kind.Location;
        }

        if (message.Media.Count == 0)
        {
            return Kind.None;
        }

        return message.Media[0].Kind switch
        {
            MediaKind.Audio => Kind.Audio,
            MediaKind.Image => Kind.Image,
            MediaKind.Document => Kind.Document,
            _ => Kind.Other,
        };
    }

    /// <summary>The reply to a message of <paramref name="kind"/> in <paramref name="language"/> (es, en or pt; others get English).</summary>
    public static string Text(Kind kind, string language)
    {
        var texts = kind switch
        {
            Kind.Audio => (
                "No puedo escuchar audios por aquí. ¿Me lo puedes escribir, por favor?",
                "I can't listen to audio here. Could you write it, please?",
                "Não consigo ouvir áudios por aqui. Pode escrever, por favor?"),
            Kind.Image => (
                "¡Gracias por la foto! ¿En qué puedo ayudarte? Escríbeme tu consulta.",
                "Thanks for the photo! What can I help you with? Please write your question.",
                "Obrigado pela foto! Em que posso ajudar? Escreva a sua pergunta."),
            Kind.Document => (
                "Gracias por el documento. ¿En qué puedo ayudarte? Escríbeme tu consulta.",
                "Thanks for the document. What can I help you with? Please write your question.",
                "Obrigado pelo documento. Em que posso ajudar? Escreva a sua pergunta."),
            Kind.Location => (
                "Gracias, he recibido tu ubicación. ¿En qué puedo ayudarte? Si quieres saber cómo llegar al hotel, pregúntamelo.",
                "Thanks, I got your location. What can I help you with? If you'd like directions to the hotel, just ask.",
                "Obrigado, recebi a sua localização. Em que posso ajudar? Se quiser saber como chegar ao hotel, é só perguntar."),
            _ => (
                "Solo puedo leer mensajes de texto por aquí. ¿En qué puedo ayudarte?",
                "I can only read text messages here. What can I help you with?",
                "Só consigo ler mensagens de texto por aqui. Em que posso ajudar?"),
        };
        return language switch
        {
            "es" => texts.Item1,
            "pt" => texts.Item3,
            _ => texts.Item2,
        };
    }

    /// <summary>What a message without text stands for in a handoff ticket, where staff read it.</summary>
    public static string Placeholder(Kind kind, InboundMessage message) => kind switch
    {
        Kind.Audio => "[voice note]",
        Kind.Image => "[photo]",
        Kind.Document => "[document]",
        Kind.Location => FormattableString.Invariant($"[location {message.Location!.Latitude:0.#####},{message.Location.Longitude:0.#####}]"),
        _ => "[" + (message.Media.Count > 0 ? message.Media[0].ContentType : "message") + "]",
    };
}
