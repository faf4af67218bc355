using Entangle.Domain;
using Entangle.Ingest;

namespace Entangle.Ingest.Tests;

/// <summary>The loader's draft fields, and quotes with attribution in both languages.</summary>
public class DraftAndAttributionTests
{
    private static string Scenario(string body) =>
        "scenario: { id: d, title: \"D\", as_of: 2024-06-23 }\nstates:\n  - { id: RUS, name: Russia }\n" + body;

    private static Scenario Load(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ingest-draft-").FullName, "d.yaml");
        File.WriteAllText(path, yaml);
        return Entangle.Scenarios.ScenarioLoader.Load(path);
    }

    [Fact]
    public void DraftClaim_WithoutMetric_Loads_AndIsNotTested()
    {
        var s = Load(Scenario("claims:\n  - { id: c1, title: \"T\", quote: \"Als …\", gloss: \"\", source: \"Article\", draft: true, sentence: \"Als …\" }\n"));
        var claims = s.Extensions.TryGetValue(Claim.SectionName, out var c) ? (IReadOnlyList<Claim>)c : [];
        Assert.Empty(claims);
    }

    [Fact]
    public void ClaimWithoutDraft_StillNeedsItsMetric()
    {
        var e = Assert.Throws<InputException>(() => Load(Scenario("claims:\n  - { id: c1, title: \"T\", quote: \"Q\", gloss: \"G\", source: \"S\" }\n")));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("missing required field 'metric'"));
    }

    [Fact]
    public void DraftWithoutSentence_IsALocatedError()
    {
        var e = Assert.Throws<InputException>(() => Load(Scenario("events:\n  - { id: e1, kind: fact, date: 2024-06-19, title: \"T\", actors: [RUS], judgement: \"draft\", draft: true }\n")));
        var d = Assert.Single(e.Diagnostics);
        Assert.Contains("a draft entry needs 'sentence'", d.Message);
        Assert.Equal(5, d.Line);
    }

    [Theory]
    [InlineData("Het verdrag is nodig, zei Ushakov tegen verslaggevers.", Language.Nl, "Ushakov", "RUS", "zei")]
    [InlineData("Volgens Blinken weerspiegelt de overeenkomst de wanhoop van Rusland.", Language.Nl, "Blinken", "USA", "volgens")]
    [InlineData("The treaty reflects Russia's desperation, according to Blinken.", Language.En, "Blinken", "USA", "according to")]
    [InlineData("Aan de andere kant zei de woordvoerder van het Chinese ministerie van Buitenlandse Zaken dat de dialoog nuttig was.", Language.Nl, "de woordvoerder van het Chinese ministerie van Buitenlandse Zaken", "CHN", "zei")]
    [InlineData("Putin said the treaty was “a truly breakthrough document for our relations”.", Language.En, "Putin", "RUS", "said")]
    public void Attribution_NamesTheSpeaker(string sentence, Language lang, string speaker, string code, string cue)
    {
        var x = new Extractor().Extract(sentence, new ExtractOptions(lang, new DateOnly(2024, 6, 23)));
        var q = Assert.Single(x.Quotes);
        Assert.Equal(speaker, q.Speaker);
        Assert.Equal(code, q.SpeakerCode);
        Assert.Equal(cue, q.Cue);
    }

    [Fact]
    public void EnglishConditional_HasConditionAndConsequence()
    {
        var x = new Extractor().Extract("If Russia transfers missile technology to North Korea, then the United States could accelerate its pivot to Asia.",
            new ExtractOptions(Language.En, new DateOnly(2024, 6, 23)));
        var c = Assert.Single(x.Claims);
        Assert.Equal("conditional", c.Kind);
        Assert.Equal("Russia transfers missile technology to North Korea", c.Condition);
        Assert.Equal("the United States could accelerate its pivot to Asia", c.Consequence);
        Assert.Equal(new[] { "PRK", "RUS", "USA" }, c.Actors.Order());
    }
}
