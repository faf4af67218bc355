using Entangle.Application.Obligations;
using Entangle.Domain;
using Entangle.Engine.Obligations;
using static Entangle.Engine.Tests.Obligations.ObligationFixture;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>The cascade: waves derived by hand from the clause texts and the scenario's geography.</summary>
public sealed class CascadeTests
{
    // Wave 0: DPRK attacks ROK. Wave 1: US (US–ROK Art. III). The US then fights the DPRK in Korea (strikes DPRK
    // territory) and the DPRK fights US forces in Korea. Wave 2: an attack on US armed forces in the Pacific obliges
    // Australia (ANZUS Art. IV with Art. V) and the Philippines (US–Philippines Art. IV–V) under every reading; the US
    // strike on the DPRK obliges China (1961 Art. II) and Russia (2024 Art. 4) only on a broad reading, because the
    // DPRK began the war. Japan is never obliged (Art. V: territories under Japan's administration only), nor is NATO.
    [Fact]
    public void Cascade_DprkAttacksRok_Wave2NonEmpty()
    {
        var r = Cascade("PRK", "KOR", null, "2025-01-10");
        var w1 = r.Edges.Where(e => e.Wave == 1).ToList();
        var e1 = Assert.Single(w1);
        Assert.Equal(("USA", "KOR", "usa-kor-1953", true), (e1.State.Iso3, e1.Defends.Iso3, e1.Treaty, e1.Certain));
        var w2 = r.Edges.Where(e => e.Wave == 2).ToDictionary(e => e.State.Iso3);
        Assert.Equal(["AUS", "CHN", "PHL", "RUS"], w2.Keys.Order(StringComparer.Ordinal));
        Assert.True(w2["AUS"].Certain);
        Assert.Equal("anzus-1951", w2["AUS"].Treaty);
        Assert.True(w2["PHL"].Certain);
        Assert.False(w2["CHN"].Certain);
        Assert.Contains("chn-prk-1961 Art. II: broad", w2["CHN"].DependsOn);
        Assert.False(w2["RUS"].Certain);
        Assert.DoesNotContain(r.Edges, e => e.State.Iso3 == "JPN");
        Assert.DoesNotContain(r.Edges, e => e.Treaty == "nato-1949");
        Assert.Equal(2, r.Waves);
        Assert.Contains(r.NotTriggered, h => h.State.Iso3 == "JPN" && h.Treaty == "usa-jpn-1960");
    }

    // With --certain-only, the reading-dependent Chinese and Russian entries are held back; Australia and the
    // Philippines still join.
    [Fact]
    public void Cascade_DprkAttacksRok_CertainOnlyHoldsBackReadings()
    {
        var r = Cascade("PRK", "KOR", null, "2025-01-10", new CascadeOptions(CertainOnly: true));
        Assert.Equal(["AUS", "PHL", "USA"], r.Edges.Select(e => e.State.Iso3).Order(StringComparer.Ordinal));
        Assert.Contains(r.NotTriggered, h => h.State.Iso3 == "CHN" && h.Reason.Contains("held back"));
    }

    // Russia attacks Ukraine: Ukraine is party to no defence treaty in the scenario, so no state is obliged and the
    // engine stops after wave 0.
    [Fact]
    public void Cascade_RussiaAttacksUkraine_EngineStopsAtOnce()
    {
        var r = Cascade("RUS", "UKR", null, "2025-01-10");
        Assert.Empty(r.Edges);
        Assert.Equal(0, r.Waves);
        Assert.Contains("wave 1 obliges no further state", r.Stop);
    }

    // Russia attacks Poland: wave 1 is NATO (31 members, certain). NATO's response strikes Russian territory in the
    // europe-ukraine theater; whether that triggers Art. 4 is a reading, so the DPRK joins in wave 2 only as
    // reading-dependent. The Pacific treaties never chain in: a war in Europe is not an attack "in the Pacific area",
    // nor "in the territories under the administration of Japan". The engine stops.
    [Fact]
    public void Cascade_RussiaAttacksPoland_NatoThenDprkAsReading_PacificTreatiesDoNotChain()
    {
        var r = Cascade("RUS", "POL", null, "2025-01-10");
        var w1 = r.Edges.Where(e => e.Wave == 1).ToList();
        Assert.Equal(31, w1.Count);
        Assert.All(w1, e => Assert.True(e.Certain));
        var prk = Assert.Single(r.Edges, e => e.State.Iso3 == "PRK");
        Assert.Equal(2, prk.Wave);
        Assert.False(prk.Certain);
        Assert.Equal("rus-prk-2024", prk.Treaty);
        foreach (var st in new[] { "AUS", "PHL", "JPN", "KOR" })
            Assert.DoesNotContain(r.Edges, e => e.State.Iso3 == st);
        Assert.NotEmpty(r.Stop);
    }

    // US attacks DPRK: wave 1 China and Russia (certain). They fight US forces in Korea; the US began the war, so ANZUS and
    // US–Philippines oblige Australia and the Philippines only on a broad reading (wave 2). NATO is untouched unless someone
    // attacks NATO territory in Europe or North America: with homeland strikes assumed, China and Russia strike the US
    // homeland (North America), and NATO Art. 5 enters — still only as a reading, since the US began the war.
    [Fact]
    public void Cascade_UsAttacksDprk_NatoTouchedOnlyByHomelandStrikes()
    {
        var r = Cascade("USA", "PRK", null, "2025-01-10");
        Assert.Equal(["CHN", "RUS"], r.Edges.Where(e => e.Wave == 1).Select(e => e.State.Iso3).Order(StringComparer.Ordinal));
        Assert.All(r.Edges.Where(e => e.Wave == 1), e => Assert.True(e.Certain));
        Assert.Equal(["AUS", "PHL"], r.Edges.Where(e => e.Wave == 2).Select(e => e.State.Iso3).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(r.Edges, e => e.Treaty == "nato-1949");

        var h = Cascade("USA", "PRK", null, "2025-01-10", new CascadeOptions(HomelandStrikes: true));
        var nato = h.Edges.Where(e => e.Treaty == "nato-1949").ToList();
        Assert.NotEmpty(nato);
        Assert.All(nato, e => Assert.False(e.Certain));
        Assert.All(nato, e => Assert.True(e.OutsideTheater)); // the strike on the US homeland chains Korea to North America
        Assert.DoesNotContain(r.Edges, e => e.OutsideTheater);
    }

    // The DOT picture carries exactly the table's edges, one cluster per wave with the wave's states.
    [Fact]
    public void Cascade_UsAttacksDprk_DotWavesMatchTable()
    {
        var s = Pinned; // asks about dates after the scenario's date: the hindsight overlay
        var q = new ObligationQuery(new StateId("USA"), new StateId("PRK"), null, null, new DateOnly(2025, 1, 10));
        var rep = CascadeService.Run(s, q, new CascadeOptions());
        var dot = CascadeService.Dot(rep);
        foreach (var e in rep.Edges) Assert.Contains($"\"{e.State}\" -> \"{e.Defends}\"", dot);
        Assert.Equal(rep.Edges.Count + 1, dot.Split('\n').Count(l => l.Contains("->", StringComparison.Ordinal)));
        foreach (var w in rep.Waves)
        {
            var start = dot.IndexOf($"subgraph cluster_wave{w.Wave} {{", StringComparison.Ordinal);
            Assert.True(start >= 0);
            var block = dot[start..dot.IndexOf("  }", start, StringComparison.Ordinal)];
            foreach (var st in w.States) Assert.Contains($"\"{st}\"", block);
        }
        Assert.Equal(["USA", "PRK"], rep.Waves[0].States); // wave 0: attacker, then target
        Assert.Equal(["CHN", "RUS"], rep.Waves[1].States);
        var svg = CascadeService.Svg(rep);
        Assert.StartsWith("<svg", svg);
        foreach (var w in rep.Waves) Assert.Contains($">wave {w.Wave}<", svg);
    }

    // US attacks the DPRK on 10 Jan 2025, derived by hand from the clause texts (scenarios/russia-dprk-2024/treaties.yaml),
    // independently of the engine's output. Side A (the attacker's side) is drawn red, side B blue; a reading-dependent
    // obligation is a dashed edge whose label ends "reading: broad".
    //   wave 0  USA attacks PRK.
    //   wave 1  CHN -> PRK, chn-prk-1961 Art. II, automatic: "in the event of one of the Contracting Parties being
    //           subjected to the armed attack by any state ... and thus being involved in a state of war, the other
    //           ... shall immediately render military and other assistance"; in force since 1961, no geographic limit.
    //           RUS -> PRK, rus-prk-2024 Art. 4, automatic: "placed under a state of war due to an armed invasion from
    //           an individual country ... provides military and other assistance without delay"; in force since
    //           4 Dec 2024, before the attack; anywhere.
    //   wave 2  China and Russia now fight US armed forces in the Pacific area. ANZUS Art. IV (with Art. V: "its armed
    //           forces ... in the Pacific") and US-Philippines Art. IV-V cover an armed attack on US forces there and
    //           oblige action "in accordance with its constitutional processes" (conditional). The US began the war,
    //           so China's and Russia's response is an armed attack on the US only on a broad reading:
    //           AUS -> USA anzus-1951 Art. IV, PHL -> USA usa-phl-1951 Art. IV–V, both conditional, reading: broad.
    //   never   JPN (US-Japan Art. V: only territories under Japan's administration), KOR (US-ROK Art. III: only
    //           territories under the Parties' administration; the fighting is over the DPRK), NZL (left ANZUS on
    //           11 Aug 1986), NATO (no attack in Europe or North America without homeland strikes).
    private static readonly (string State, int Wave, char Side)[] UsaPrkNodes =
        [("USA", 0, 'A'), ("PRK", 0, 'B'), ("CHN", 1, 'B'), ("RUS", 1, 'B'), ("AUS", 2, 'A'), ("PHL", 2, 'A')];

    private static readonly (string From, string To, string Label, bool Dashed)[] UsaPrkEdges =
    [
        ("USA", "PRK", "attacks", false),
        ("CHN", "PRK", "chn-prk-1961 Art. II|automatic", false),
        ("RUS", "PRK", "rus-prk-2024 Art. 4|automatic", false),
        ("AUS", "USA", "anzus-1951 Art. IV|conditional|reading: broad", true),
        ("PHL", "USA", "usa-phl-1951 Art. IV–V|conditional|reading: broad", true),
    ];

    /// <summary>The nodes (state, wave, side by fill colour) and edges (label lines joined by '|', dashed) of a cascade DOT file.</summary>
    private static (List<(string State, int Wave, char Side)> Nodes, List<(string From, string To, string Label, bool Dashed)> Edges) ParseDot(string dot)
    {
        var nodes = new List<(string, int, char)>();
        var edges = new List<(string, string, string, bool)>();
        var wave = -1;
        foreach (var raw in dot.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (System.Text.RegularExpressions.Regex.Match(line, @"^subgraph cluster_wave(\d+) \{$") is { Success: true } c) { wave = int.Parse(c.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture); continue; }
            if (line == "}") { wave = -1; continue; }
            if (System.Text.RegularExpressions.Regex.Match(line, "^\"([A-Z]{3})\" \\[fillcolor=\"(#[0-9a-f]{6})\"\\];$") is { Success: true } n)
            {
                Assert.True(wave >= 0, $"node outside a wave: {line}");
                var side = n.Groups[2].Value switch { "#f4c7c3" => 'A', "#c6dbef" => 'B', var other => throw new Xunit.Sdk.XunitException($"unknown fill {other}") };
                nodes.Add((n.Groups[1].Value, wave, side));
                continue;
            }
            if (System.Text.RegularExpressions.Regex.Match(line, "^\"([A-Z]{3})\" -> \"([A-Z]{3})\" \\[(.*)\\];$") is { Success: true } e)
            {
                var attrs = e.Groups[3].Value;
                var label = System.Text.RegularExpressions.Regex.Match(attrs, "label=\"([^\"]*)\"").Groups[1].Value.Replace("\\n", "|");
                edges.Add((e.Groups[1].Value, e.Groups[2].Value, label, attrs.Contains("style=dashed", StringComparison.Ordinal)));
            }
        }
        return (nodes, edges);
    }

    private static void AssertUsaPrkPicture(string dot)
    {
        var (nodes, edges) = ParseDot(dot);
        Assert.Equal(UsaPrkNodes, nodes);
        Assert.Equal(UsaPrkEdges.OrderBy(e => (e.From, e.To)), edges.OrderBy(e => (e.From, e.To)));
        Assert.Contains("USA attacks PRK", dot);
        Assert.Contains("2025-01-10", dot);
    }

    [Fact]
    public void Cascade_UsAttacksDprk_DotHasTheNodesAndEdgesDerivedByHand()
    {
        var q = new ObligationQuery(new StateId("USA"), new StateId("PRK"), null, null, new DateOnly(2025, 1, 10));
        AssertUsaPrkPicture(CascadeService.Dot(CascadeService.Run(Pinned, q, new CascadeOptions())));
    }

    // The committed picture in docs/img shows the same derivation (regenerate with the command in docs/obligations.md).
    [Fact]
    public void Cascade_UsAttacksDprk_CommittedDotShowsTheHandDerivation()
    {
        AssertUsaPrkPicture(File.ReadAllText(Path.Combine(RepoRoot, "docs", "img", "cascade-usa-prk.dot")));
        Assert.True(File.Exists(Path.Combine(RepoRoot, "docs", "img", "cascade-usa-prk.svg")));
    }

    [Fact]
    public void The_dot_reader_sees_a_wrong_edge()
    {
        var dot = File.ReadAllText(Path.Combine(RepoRoot, "docs", "img", "cascade-usa-prk.dot"))
            .Replace("\"PHL\" -> \"USA\"", "\"JPN\" -> \"USA\"", StringComparison.Ordinal);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertUsaPrkPicture(dot));
    }
}
