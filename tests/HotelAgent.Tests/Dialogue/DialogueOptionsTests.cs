using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotelAgent.Tests.Dialogue;

public sealed class DialogueOptionsTests
{
    [Fact]
    public async Task Replies_Override_ReplacesTheBuiltInTextInThatLanguageOnly()
    {
        await using var host = new TestHost(services => services.Configure<HotelAgentOptions>(o =>
            o.Replies["greeting"] = new() { ["es"] = "¡Bienvenido a {0}! Soy Lola." }));

        (await host.SayAsync("c1", "hola")).Replies.Single().Text.Should().Be("¡Bienvenido a Hotel Mirador del Puerto! Soy Lola.");
        (await host.SayAsync("c2", "hello there", "en")).Replies.Single().Text.Should().StartWith("Hello! I'm the assistant");
    }

    [Theory]
    [InlineData("no_such_key", "es", "hola", "not a reply key")]
    [InlineData("greeting", "fr", "salut", "es, en or pt")]
    [InlineData("greeting", "es", "Hola {3}", "placeholder {3}")]
    [InlineData("greeting", "es", " ", "is empty")]
    public async Task Start_InvalidReplyOverride_FailsNamingTheProblem(string key, string language, string template, string problem)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent(o => o.Replies[key] = new() { [language] = template }).AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(problem);
    }

    [Fact]
    public async Task Knowledge_ConfiguredTexts_WinOverThePms()
    {
        await using var host = new TestHost(services => services.Configure<HotelAgentOptions>(o =>
        {
            o.Knowledge.Amenities["spa"] = new() { ["es"] = "Spa con circuito termal, de 10:00 a 20:00." };
            o.Knowledge.Policies["cancellation"] = new() { ["es"] = "Cancelación gratis hasta 24 horas antes." };
        }));

        (await host.SayAsync("c1", "¿Tenéis spa?")).Replies.Single().Text.Should().Contain("circuito termal");
        (await host.SayAsync("c2", "¿Cuál es la política de cancelación?")).Replies.Single().Text.Should().Contain("24 horas");
    }

    [Fact]
    public async Task Start_HalfReceptionHours_Fails()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHotelAgent(o => o.Knowledge.ReceptionOpens = new TimeOnly(8, 0)).AddDemoPms(o => o.CatalogPath = "hotel.json");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("ReceptionCloses");
    }

    [Fact]
    public void WithKnowledge_ReceptionHoursAndTimes_ReplaceThePms()
    {
        var hotel = new HotelInfo { Id = "h", Name = "H" };
        var knowledge = new HotelKnowledgeOptions { ReceptionOpens = new TimeOnly(8, 0), ReceptionCloses = new TimeOnly(2, 0), CheckOutTime = new TimeOnly(12, 0) };

        var merged = HotelAgentEngine.WithKnowledge(hotel, knowledge);

        merged.ReceptionHours.Should().Be(new ReceptionHours(new TimeOnly(8, 0), new TimeOnly(2, 0)));
        merged.ReceptionHours!.IsOpenAt(new TimeOnly(1, 0)).Should().BeTrue("the hours span midnight");
        merged.ReceptionHours.IsOpenAt(new TimeOnly(5, 0)).Should().BeFalse();
        merged.CheckOutTime.Should().Be(new TimeOnly(12, 0));
        merged.CheckInTime.Should().Be(hotel.CheckInTime);
    }

    [Fact]
    public async Task Knowledge_ReceptionOpensAndClosesAtTheSameTime_IsAroundTheClock()
    {
        await using var host = new TestHost(services => services.Configure<HotelAgentOptions>(o =>
        {
            o.Knowledge.ReceptionOpens = TimeOnly.MinValue;
            o.Knowledge.ReceptionCloses = TimeOnly.MinValue;
        }));

        var reply = string.Join(" ", (await host.SayAsync("c1", "What time is check-in, and is reception open at night?", "en")).Replies.Select(r => r.Text));

        reply.Should().Contain("Reception is open 24 hours.");
        ReceptionHours.AroundTheClock.IsAroundTheClock.Should().BeTrue();
        ReceptionHours.AroundTheClock.IsOpenAt(new TimeOnly(3, 30)).Should().BeTrue();
        new ReceptionHours(new TimeOnly(7, 0), new TimeOnly(23, 0)).IsAroundTheClock.Should().BeFalse();
    }
}
