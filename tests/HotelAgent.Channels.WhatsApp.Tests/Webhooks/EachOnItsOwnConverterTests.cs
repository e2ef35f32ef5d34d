using System.Text;
using System.Text.Json;

namespace HotelAgent.Channels.WhatsApp.Tests.Webhooks;

public sealed class EachOnItsOwnConverterTests
{
    private static WebhookValue? Read(string valueJson)
    {
        var body = $$"""{ "object": "whatsapp_business_account", "entry": [ { "id": "1", "changes": [ { "field": "messages", "value": {{valueJson}} } ] } ] }""";
        return JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(body), WhatsAppJsonContext.Default.WebhookPayload)!.Entry![0].Changes![0].Value;
    }

    [Fact]
    public void Read_OneElementDoesNotFit_TheOthersAreReadAndItsPositionKept()
    {
        var value = Read("""
            {
              "messages": [
                { "id": "wamid.bad", "type": "text", "text": { "body": 12345 } },
                { "id": "wamid.good", "from": "34600111222", "type": "text", "text": { "body": "hola" } },
                null,
                { "id": "wamid.also-bad", "type": [ "text" ] },
                { "id": "wamid.last", "from": "34600111222", "type": "text", "text": { "body": "adiós" } }
              ],
              "statuses": [ { "id": "wamid.s", "status": "read" } ],
              "contacts": [ { "wa_id": "34600111222" } ]
            }
            """);

        value!.Messages!.Items.Select(m => m.Id).Should().Equal("wamid.good", "wamid.last");
        value.Messages.Items[0].Text!.Body.Should().Be("hola");
        value.Messages.Errors!.Select(e => e.Index).Should().Equal(0, 3);
        value.Statuses!.Items.Should().ContainSingle().Which.Status.Should().Be("read");
        value.Statuses.Errors.Should().BeNull();
        value.Contacts.Should().ContainSingle().Which.WaId.Should().Be("34600111222", "members after the arrays are still read");
    }

    [Fact]
    public void Read_NoArrayOrNull_IsNullOrEmpty()
    {
        Read("""{ "messages": null }""")!.Messages.Should().BeNull();
        Read("""{ }""")!.Messages.Should().BeNull();
        Read("""{ "messages": [] }""")!.Messages!.Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{ "messages": 7 }""")]
    [InlineData("""{ "messages": { "id": "wamid.1" } }""")]
    [InlineData("""{ "messages": [ { "id": "wamid.1", "type": "text" ] }""")]
    [InlineData("""{ "messages": [ { "id": "wamid.1" }, """)]
    public void Read_NotAnArrayOrNotWellFormed_FailsAsAWhole(string valueJson)
    {
        var read = () => Read(valueJson);

        read.Should().Throw<JsonException>();
    }
}
