using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>Validates the data annotations of <see cref="VoiceNoteOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class VoiceNoteOptionsValidator : IValidateOptions<VoiceNoteOptions>;

/// <summary>Validates the rules of <see cref="VoiceNoteOptions"/> that the annotations cannot express.</summary>
internal sealed class VoiceNoteOptionsCustomValidator : IValidateOptions<VoiceNoteOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceNoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            result.AddError("Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1/.", nameof(VoiceNoteOptions.Endpoint));
        }

        return result.Build();
    }
}

/// <summary>Marks that <c>AddSpeechToText</c> has registered its services and wrapped the agent.</summary>
internal sealed class SpeechMarker;
