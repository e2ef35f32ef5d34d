using System.Net.Http.Json;
using System.Text.Json;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>Answers are UTF-8 JSON with letters as they are, and HTML-sensitive characters still escaped.</summary>
public sealed class JsonAnswerTests(SampleHostFactory factory) : IClassFixture<SampleHostFactory>
{
    [Fact]
    public async Task PostMessage_SpanishGreeting_AccentsAreWrittenAsTheyAre()
    {
        using var response = await factory.CreateClient().PostAsJsonAsync("/v1/conversations/json-accents/messages", new { text = "hola" });
        var raw = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.CharSet.Should().Be("utf-8");
        raw.Should().Contain("\"¡Hola! Soy el asistente de Hotel Mirador del Puerto.").And.Contain("¿En qué le ayudo?")
            .And.NotContain("\\u00", "accented letters are not escaped");
    }

    [Fact]
    public void Answers_HtmlSensitiveCharacters_StayEscaped()
    {
        var response = new ChatResponse([new ChatReply("¡Olá, João! <script>alert('x')</script> & \"más\" + ñ", null, null)], "greeting", "idle", "pt", null);

        var json = JsonSerializer.Serialize(response, HotelAgentHttpJsonContext.Answers.ChatResponse);

        json.Should().Contain("¡Olá, João!").And.Contain("ñ").And.Contain("más");
        json.Should().NotContain("<").And.NotContain(">").And.NotContain("&").And.NotContain("'")
            .And.Contain("\\u003Cscript\\u003E").And.Contain("\\u0026").And.Contain("\\u0027").And.Contain("\\u0022más\\u0022").And.Contain("\\u002B");
        JsonSerializer.Deserialize(json, HotelAgentHttpJsonContext.Answers.ChatResponse)!.Replies[0].Text.Should().Be(response.Replies[0].Text);
    }

    [Fact]
    public void Answers_KeepTheGeneratedOptions_CamelCaseNullsLeftOut()
    {
        var json = JsonSerializer.Serialize(new ChatResponse([new ChatReply("Sí", null, null)], "affirm", "idle", "es", null), HotelAgentHttpJsonContext.Answers.ChatResponse);

        json.Should().Be("""{"replies":[{"text":"Sí"}],"intent":"affirm","state":"idle","language":"es"}""");
    }
}
