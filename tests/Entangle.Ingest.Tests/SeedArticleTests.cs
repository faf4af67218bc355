using Entangle.Application.Ingest;
using Entangle.Ingest;
using Entangle.Tests.Shared;

namespace Entangle.Ingest.Tests;

/// <summary>The "Done means" on the seed article, through the application service.</summary>
public class SeedArticleTests
{
    private static (IngestReport Report, Extraction X) Run()
    {
        var path = RepoPaths.RequireShared("seed", "article-2024-06-23-nl.txt");
        var request = new IngestRequest(path, null, null, RepoPaths.BundledScenario, Path.Combine(Path.GetTempPath(), "entangle-ingest-no-data"), new DateOnly(2026, 12, 1));
        Directory.CreateDirectory(request.DataDir!);
        var (report, x, _) = IngestService.Run(request);
        return (report, x);
    }

    [SkippableFact]
    public void SeedArticle_IsReadAsDutch_DatedFromItsText()
    {
        var (r, _) = Run();
        Assert.Equal("nl", r.Article.Language);
        Assert.Equal("2024-06-23", r.Article.Date);   // "[23 juni 2024]" at the end of the article
    }

    [SkippableFact]
    public void SeedArticle_FindsTheTenActors()
    {
        var (r, _) = Run();
        foreach (var code in new[] { "RUS", "PRK", "USA", "CHN", "KOR", "JPN", "UKR", "AUS", "PHL", "NATO" })
            Assert.Contains(code, r.Actors);
    }

    [SkippableFact]
    public void SeedArticle_34MiljardDollar_IsInconsistentWith34Point4Million_AsAUnitSlip()
    {
        var (r, _) = Run();
        var f = Assert.Single(r.Figures, f => f.Text.Contains("34 miljard dollar"));
        Assert.Equal(34e9, f.Value);
        Assert.Equal("USD", f.Unit);
        Assert.Equal(2023, f.Year);
        Assert.Equal("trade", f.Measure);
        Assert.Equal(new[] { "PRK", "RUS" }, new[] { f.State!, f.Partner! }.Order());
        Assert.Equal("inconsistent", f.FactCheck.Verdict);
        Assert.Equal(34.4e6, f.FactCheck.SourcedValue);
        Assert.Contains("tass.com", f.FactCheck.Source);
        Assert.Contains("million/billion unit slip", f.FactCheck.Cause);
    }

    [SkippableFact]
    public void SeedArticle_JackSullivan_IsFlaggedAsJakeSullivan()
    {
        var (r, _) = Run();
        var n = Assert.Single(r.Names, n => n.Text == "Jack Sullivan");
        Assert.Equal("inconsistent", n.FactCheck.Verdict);
        Assert.Equal("Jake Sullivan", n.Canonical);
        Assert.Equal("USA", n.Code);
        Assert.All(r.Names.Where(n => n.Text != "Jack Sullivan"), n => Assert.Equal("consistent", n.FactCheck.Verdict));
    }

    [SkippableFact]
    public void SeedArticle_TheScenariosFourClaims_AreAmongTheClaimsFound()
    {
        var (r, _) = Run();
        var scenario = Entangle.Scenarios.ScenarioLoader.Load(RepoPaths.BundledScenario);
        var claims = (IReadOnlyList<Entangle.Domain.Claim>)scenario.Extensions[Entangle.Domain.Claim.SectionName];
        // the article's four claims (claim 3 is split into 3 and 3b in the scenario); each quotes one or more sentences joined by " … "
        foreach (var claim in claims)
        {
            var parts = claim.Quote.Split(" … ").Select(p => p.Trim()).ToList();
            Assert.True(parts.Any(part => r.Claims.Any(c => Overlaps(c.Text, part))), $"claim '{claim.Id}' not found among the {r.Claims.Count} claims");
        }
    }

    private static bool Overlaps(string sentence, string quotePart)
    {
        static string N(string s) => new(s.Where(char.IsLetterOrDigit).ToArray());
        var a = N(sentence);
        var b = N(quotePart);
        return a.Contains(b[..Math.Min(b.Length, 60)], StringComparison.Ordinal) || b.Contains(a[..Math.Min(a.Length, 60)], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void SeedArticle_Conditional_HasConditionAndConsequence()
    {
        var (r, _) = Run();
        var c = Assert.Single(r.Claims, c => c.Text.StartsWith("Als Rusland een militaire doorbraak"));
        Assert.Equal("conditional", c.Kind);
        Assert.StartsWith("Rusland een militaire doorbraak", c.Condition);
        Assert.StartsWith("zou Noord-Korea zijn eigen crisis", c.Consequence);
        Assert.Contains("PRK", c.Actors);
    }

    [SkippableFact]
    public void SeedArticle_DraftScenario_ValidatesAndMarksEverythingDraft()
    {
        var (r, x) = Run();
        var dir = Directory.CreateTempSubdirectory("ingest-draft-").FullName;
        try
        {
            var request = new IngestRequest("article-2024-06-23-nl.txt", null, null, null, null, new DateOnly(2026, 12, 1));
            var files = IngestService.Write(dir, request, r, x, IngestService.Lexicon);
            var draft = files.Single(f => f.EndsWith("draft.yaml"));
            var s = Entangle.Scenarios.ScenarioLoader.Load(draft);
            Assert.Equal(r.Actors.Count(a => a.Length == 3 && a.All(char.IsUpper)), s.States.Count);
            Assert.Contains(s.Organizations, o => o.Id == "nato");
            Assert.Contains(s.Events, e => e.Date == new DateOnly(2024, 6, 19) && e.Actors.Contains("RUS") && e.Actors.Contains("PRK"));
            var text = File.ReadAllText(draft);
            var entries = text.Split('\n').Count(l => l.StartsWith("  - id: "));
            Assert.Equal(entries, text.Split('\n').Count(l => l == "    draft: true"));
            Assert.Equal(entries, text.Split('\n').Count(l => l.StartsWith("    sentence: \"")));
            Assert.Contains("gloss: \"\"", text);
            Assert.Contains("34 miljard dollar", File.ReadAllText(files.Single(f => f.EndsWith("factcheck.html"))));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
