using System.Globalization;
using System.Text.RegularExpressions;
using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Tests;

/// <summary>
/// No hindsight in a dated scenario (issue 10): nothing that happened after the bundled scenario's date may shape its
/// parameters or judgements. What was learned later lives in russia-dprk-2024/hindsight.yaml, which only the labelled
/// root russia-dprk-2024.hindsight.yaml loads.
/// </summary>
public sealed partial class HindsightTests
{
    private static readonly string Root = Path.Combine(TestFiles.RepoRoot, "scenarios");
    private static readonly string HindsightRoot = Path.Combine(Root, "russia-dprk-2024.hindsight.yaml");

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")] private static partial Regex Iso();
    [GeneratedRegex(@"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})\b", RegexOptions.IgnoreCase)] private static partial Regex MonthYear();
    [GeneratedRegex(@"\b(late|end of|autumn|fall|winter|second half of|H2)\s+(\d{4})\b", RegexOptions.IgnoreCase)] private static partial Regex LateYear();
    [GeneratedRegex(@"(?<!(?:Res\.?|Resolution|RES/)\s?)\b(20\d{2})\b")] private static partial Regex Year();

    /// <summary>The earliest day each date a text mentions can mean (so a mention is after D only if it must be).</summary>
    public static IEnumerable<(string Text, DateOnly Earliest)> DatesIn(string text)
    {
        foreach (Match m in Iso().Matches(text))
            if (DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) yield return (m.Value, d);
        foreach (Match m in MonthYear().Matches(text))
        {
            var month = Array.IndexOf(Months, m.Groups[2].Value[..3].ToLowerInvariant()) + 1;
            var day = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            if (day is >= 1 and <= 28 || day <= DateTime.DaysInMonth(year, month)) yield return (m.Value, new DateOnly(year, month, Math.Max(1, day)));
        }
        foreach (Match m in LateYear().Matches(text))
            yield return (m.Value, new DateOnly(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 7, 1));
        foreach (Match m in Year().Matches(text))
            yield return (m.Value, new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 1, 1));
    }

    /// <summary>What the scenario says about the world: judgements, notes, descriptions, facts, titles, labels.</summary>
    private static readonly string[] Assertions = ["judgement", "note", "description", "fact", "title", "label"];

    /// <summary>
    /// Sources (and rendering labels) that may carry a later date, each with its reason: a later publication of something knowable on the
    /// scenario's date. A figure with a <c>year</c> (a data vintage, e.g. SIPRI's April 2025 release of 2023
    /// spending) is exempt as a class; a stated limitation in docs/scenario-format.md.
    /// </summary>
    private static readonly (string Cites, string Why)[] LaterSourcesAllowed =
    [
        ("TASS factbox 5 Dec 2024", "the later wording of a summary of Art. 3 and Art. 8, whose text KCNA published on 20 Jun 2024; the clause's content, not the wording, is what the model reads"),
        ("Republic of Korea (2024-2025) and Slovenia (2024-2025)", "elected members' two-year terms, fixed when the General Assembly elected them (6 Jun 2023)"),
        ("TASS 6 Nov 2024", "a later English rendering of Art. 4, signed and published in June 2024; the model keeps both readings of the trigger open, so the rendering adds no later event"),
    ];

    /// <summary>Every assertion (or, with <paramref name="sources"/>, every source) in the dated scenario's files, with where it is.</summary>
    private static IEnumerable<(string Where, string Text)> Texts(bool sources)
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "russia-dprk-2024"), "*.yaml").Append(Path.Combine(Root, "russia-dprk-2024.yaml"))
            .Where(f => Path.GetFileName(f) != "hindsight.yaml").Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var yaml = new YamlStream();
            using (var r = new StreamReader(f)) yaml.Load(r);
            foreach (var doc in yaml.Documents)
                foreach (var (key, value, parent) in Walk(doc.RootNode, null))
                {
                    var wanted = sources
                        ? key == "source" && !(parent?.Children.ContainsKey(new YamlScalarNode("year")) ?? false)
                        : Assertions.Contains(key);
                    if (wanted) yield return ($"{Path.GetFileName(f)}:{value.Start.Line}", value.Value ?? "");
                }
        }
    }

    private static IEnumerable<(string Key, YamlScalarNode Value, YamlMappingNode? Parent)> Walk(YamlNode n, YamlMappingNode? parent)
    {
        switch (n)
        {
            case YamlMappingNode m:
                foreach (var kv in m.Children)
                {
                    if (kv.Key is YamlScalarNode { Value: { } k } && kv.Value is YamlScalarNode v) yield return (k, v, m);
                    foreach (var x in Walk(kv.Value, m)) yield return x;
                }
                break;
            case YamlSequenceNode s:
                foreach (var c in s.Children) foreach (var x in Walk(c, parent)) yield return x;
                break;
        }
    }

    private static List<string> LaterDates(IEnumerable<(string Where, string Text)> texts, DateOnly asOf) =>
        texts.SelectMany(j => DatesIn(j.Text).Where(d => d.Earliest > asOf).Select(d => $"{j.Where}: '{d.Text}' in «{j.Text}»")).ToList();

    [Fact]
    public void NoJudgementNoteOrDescriptionInTheDatedScenario_CitesAnEventAfterItsDate()
    {
        var asOf = ScenarioLoader.Load(TestFiles.BundledScenario).Info.AsOf;
        var later = LaterDates(Texts(sources: false).Where(s => !LaterSourcesAllowed.Any(a => s.Text.Contains(a.Cites, StringComparison.Ordinal))), asOf);
        Assert.True(later.Count == 0, $"hindsight in the scenario dated {asOf:yyyy-MM-dd} (move it to russia-dprk-2024/hindsight.yaml):\n" + string.Join("\n", later));
    }

    [Fact]
    public void NoSourceInTheDatedScenario_IsDatedAfterIt_ExceptTheListedLaterPublications()
    {
        var asOf = ScenarioLoader.Load(TestFiles.BundledScenario).Info.AsOf;
        var sources = Texts(sources: true).ToList();
        var later = LaterDates(sources.Where(s => !LaterSourcesAllowed.Any(a => s.Text.Contains(a.Cites, StringComparison.Ordinal))), asOf);
        Assert.True(later.Count == 0, $"a source published after {asOf:yyyy-MM-dd} in the dated scenario (cite what was published by then, or move the fact to hindsight.yaml):\n" + string.Join("\n", later));
        // every allowance is still needed (an allowance nothing uses is a hole left open)
        var all = sources.Concat(Texts(sources: false)).ToList();
        foreach (var (cites, _) in LaterSourcesAllowed) Assert.Contains(all, s => s.Text.Contains(cites, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDateDetector_FindsLaterDatesInTheFormsTheScenarioWrites()
    {
        var asOf = new DateOnly(2024, 6, 23);
        foreach (var text in new[] { "troops in the Kursk region, late 2024", "from Oct 2024, troops", "in force on 2024-12-04", "ratified 9 Nov 2024", "TASS 30 Apr 2025" })
            Assert.Contains(DatesIn(text), d => d.Earliest > asOf);
        foreach (var text in new[] { "Kirby, 4 Jan 2024", "Seoul, 18 Jun 2024", "since 2022", "Joint Sword-2024A (23–24 May 2024)", "UNSC Res. 2087 (2013)", "S/RES/2094(2013)" })
            Assert.DoesNotContain(DatesIn(text), d => d.Earliest > asOf);
    }

    [Fact]
    public void TheDatedScenario_HasNoEventOrTreatyDateAfterItsDate_AndNoHindsightOverlay()
    {
        var s = ScenarioLoader.Load(TestFiles.BundledScenario);
        Assert.Null(s.Hindsight());
        Assert.All(s.Events.Where(e => e.Date is not null), e => Assert.True(e.Date <= s.Info.AsOf, $"event {e.Id} on {e.Date}"));
        foreach (var t in s.Treaties)
            foreach (var d in new[] { t.Signed, t.InForce, t.Ended })
                Assert.True(d is null || d <= s.Info.AsOf, $"treaty {t.Id}: date {d} after {s.Info.AsOf}");
        var treaty = s.Treaty("rus-prk-2024")!;
        Assert.Equal(new DateOnly(2024, 6, 19), treaty.Signed);
        Assert.Null(treaty.InForce); // signed, pending ratification on the scenario's date
    }

    [Fact]
    public void TheHindsightOverlay_IsLabelled_AndAddsTheLaterFacts()
    {
        var h = ScenarioLoader.Load(HindsightRoot);
        var info = Assert.IsType<HindsightInfo>(h.Hindsight());
        Assert.Contains("after 2024-06-23", info.Label);
        Assert.Equal(new DateOnly(2024, 12, 4), h.Treaty("rus-prk-2024")!.InForce);
        Assert.Equal(new DateOnly(2024, 12, 4), h.Treaty("rus-prk-2000")!.Ended);
        Assert.Contains("HINDSIGHT", h.Treaty("rus-prk-2024")!.Source);
        Assert.Equal(new DateOnly(2024, 10, 28), h.Events.Single(e => e.Id == "dprk-troops-kursk").Date);
        Assert.Equal(new DateOnly(2024, 12, 4), h.Events.Single(e => e.Id == "rus-prk-treaty-in-force").Date);
    }
}
