using Entangle.Tests.Shared;
using System.Globalization;
using System.Text;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Tests;

/// <summary>
/// Checks the sourced content of the bundled scenario <c>scenarios/russia-dprk-2024</c>: provenance on every
/// number, the corrections of the seed article, the required actors and their figures, and (when the project
/// datasets are present at ../shared/data) that the figures equal the values in the source files.
/// </summary>
public sealed class BundledScenarioContentTests
{
    private static readonly Lazy<Scenario> Bundled = new(() => ScenarioService.Load(TestFiles.BundledScenario));
    private static Scenario S => Bundled.Value;

    private static readonly string[] RequiredActors =
        ["RUS", "PRK", "USA", "CHN", "KOR", "JPN", "UKR", "GBR", "FRA", "DEU", "POL", "AUS", "PHL"];

    private static readonly string[] NuclearActors = ["RUS", "PRK", "USA", "CHN", "GBR", "FRA"];

    private static State StateOf(string iso) =>
        S.State(new StateId(iso)) ?? throw new Xunit.Sdk.XunitException($"state {iso} missing from the bundled scenario");

    private static Figure FigureOf(string iso, string name, int year) =>
        StateOf(iso).Figures.SingleOrDefault(f => f.Name == name && f.Year == year)
        ?? throw new Xunit.Sdk.XunitException($"{iso} has no {name} figure for {year}");

    // ------------------------------------------------------------------ provenance

    // The loader refuses an item without provenance (ScenarioLoaderTests.Load_AnyItemWithoutItsSource_IsALocatedError),
    // so "has a source" cannot fail here; what can is whether each source is one a reader can follow.

    /// <summary>Every <c>source:</c> / <c>citation:</c> value in the bundled scenario's YAML, with file and line, read without the loader.</summary>
    private static List<(string File, int Line, string Text)> SourceTexts()
    {
        var files = Directory.GetFiles(Path.Combine(TestFiles.RepoRoot, "scenarios", "russia-dprk-2024"), "*.yaml")
            .Append(TestFiles.BundledScenario).Order(StringComparer.Ordinal);
        var found = new List<(string, int, string)>();
        void Walk(string file, YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children)
                    {
                        if (k is YamlScalarNode { Value: "source" or "citation" } && v is YamlScalarNode sv)
                            found.Add((Path.GetFileName(file), (int)sv.Start.Line, sv.Value ?? ""));
                        Walk(file, v);
                    }
                    break;
                case YamlSequenceNode seq:
                    foreach (var item in seq.Children) Walk(file, item);
                    break;
            }
        }
        foreach (var f in files)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(f)));
            foreach (var doc in yaml.Documents) Walk(f, doc.RootNode);
        }
        return found;
    }

    /// <summary>
    /// Why a source cannot be followed, or null: every web address in it must be a well-formed absolute http(s) URL
    /// with a dotted host, and a source without any address must at least date its citation (a year 1800–2029).
    /// </summary>
    internal static string? SourceProblem(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "empty";
        var urls = System.Text.RegularExpressions.Regex.Matches(text, @"\S*://\S*|\bhttps?\S*|\bwww\.\S*", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        foreach (System.Text.RegularExpressions.Match m in urls)
        {
            var u = m.Value.TrimStart('(', '\'', '"', '<').TrimEnd('.', ',', ';', ':', '\'', '"', '>');
            while (u.EndsWith(')') && u.Count(c => c == ')') > u.Count(c => c == '(')) u = u[..^1].TrimEnd('.', ',', ';', ':');
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")
                || !uri.Host.Contains('.') || uri.Host.StartsWith('.') || uri.Host.EndsWith('.') || !u.StartsWith(uri.Scheme + "://", StringComparison.Ordinal))
                return $"malformed web address '{m.Value}'";
        }
        if (urls.Count == 0 && !System.Text.RegularExpressions.Regex.IsMatch(text, @"\b(1[89]\d\d|20[0-2]\d)\b"))
            return "neither a web address nor a dated citation";
        return null;
    }

    [Theory]
    [InlineData("htps://tass.com/politics/1868051")]
    [InlineData("https//tass.com/politics/1868051")]
    [InlineData("https:/tass.com/politics/1868051")]
    [InlineData("TASS https://tass/politics/1868051")]
    [InlineData("TASS, https://tass.com/x ; http://bad host.org/")]
    [InlineData("see the treaty text")]
    [InlineData("")]
    public void The_source_check_rejects_malformed_or_unfollowable_sources(string text) => Assert.NotNull(SourceProblem(text));

    [Theory]
    [InlineData("https://undocs.org/S/RES/2397(2017)")]
    [InlineData("TASS factbox 5 Dec 2024, https://tass.com/politics/1882599 (summary of Art. 8, not the treaty's words)")]
    [InlineData("Thompson, W.R. & Dreyer, D.R. (2011), Handbook of International Rivalries 1494-2010, CQ Press")]
    [InlineData("UN Charter Art. 23 (permanent members) https://www.un.org/en/about-us/un-charter/full-text.")]
    public void The_source_check_accepts_urls_and_dated_citations(string text) => Assert.Null(SourceProblem(text));

    [Fact]
    public void Every_source_in_the_bundled_scenario_is_a_well_formed_url_or_a_dated_citation()
    {
        var sources = SourceTexts();
        Assert.True(sources.Count > 400, $"found {sources.Count} sources"); // 416 source/citation keys (grep -c)
        var bad = sources.Select(s => (s, Problem: SourceProblem(s.Text))).Where(x => x.Problem is not null)
            .Select(x => $"{x.s.File}:{x.s.Line}: {x.Problem}").ToList();
        Assert.Empty(bad);
        Assert.True(S.States.Sum(s => s.Figures.Count) > 200, "expected the full set of figures for 42 states");
    }

    [Fact]
    public void Shocks_carry_a_judgement_probability_per_month_and_small_effects_on_known_theaters()
    {
        var shocks = S.Events.Where(e => e.Kind == EventKind.Shock).ToList();
        Assert.True(shocks.Count >= 4);
        foreach (var e in shocks)
        {
            Assert.NotNull(e.Probability);
            Assert.True(e.Probability!.Basis.IsJudgement, $"{e.Id}: shock probability must be a labelled judgement");
            Assert.InRange(e.Probability.Value, 0.0, 1.0);
            Assert.True(e.Basis.IsJudgement, $"{e.Id}: the shock itself is a judgement");
            Assert.NotEmpty(e.Effects);
            Assert.All(e.Effects, x =>
            {
                if (x.Parameter is "resolve" or "forces")
                {
                    // a state's disposition or capability: a state of the scenario, a small change (forces in US$ bn)
                    Assert.Contains(x.Target, S.States.Select(st => st.Id.Iso3));
                    Assert.InRange(x.Value, -10.0, 10.0);
                    return;
                }
                Assert.Contains(x.Target, new[] { "europe-ukraine", "korea", "taiwan-strait" });
                if (x.Parameter == "level") Assert.InRange(x.Value, 0.0, 9.0);
                else Assert.InRange(x.Value, -3.0, 3.0);
                if (x.Parameter is "tension" or "level") Assert.NotNull(e.By); // an act on the ladder has an author
            });
        }
    }

    // ------------------------------------------------------------------ corrections of the seed article

    [Fact]
    public void Russia_DPRK_2023_trade_is_34_4_million_not_billions()
    {
        var trade = Assert.Single(S.Relations, r => r.Kind == RelationKind.Trade && r.Year == 2023
            && new[] { r.From, r.To }.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(new[] { "PRK", "RUS" }));
        Assert.Equal(34.4e6, trade.Value!.Value, 1e-6);
        Assert.Equal("current US$", trade.Unit);
        Assert.Contains("tass.com/economy/1804561", trade.Basis.Text);
        Assert.Contains(S.Corrections, c => c.Id == "trade-unit" && c.Fact.Contains("$34.4 million"));
    }

    [Fact]
    public void The_China_ROK_2plus2_dialogue_is_recorded_as_held_in_Seoul_on_18_June_2024()
    {
        var channel = Assert.Single(S.Relations, r => r.Kind == RelationKind.Channel
            && new[] { r.From, r.To }.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(new[] { "CHN", "KOR" }));
        Assert.Contains("held in Seoul", channel.Description);
        Assert.Equal(new DateOnly(2024, 6, 18), channel.Span.From);
        var ev = Assert.Single(S.Events, e => e.Id == "chn-kor-2plus2-seoul");
        Assert.Equal(new DateOnly(2024, 6, 18), ev.Date);
        Assert.Contains("Seoul", ev.Title);
        Assert.Contains(S.Corrections, c => c.Id == "two-plus-two-place" && c.Fact.Contains("held in Seoul"));
    }

    [Fact]
    public void Corrections_cover_the_known_errors_of_the_article()
    {
        var ids = S.Corrections.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in new[] { "trade-unit", "two-plus-two-place", "rajin-old-project", "summit-place-2023", "sullivan-name-and-timing" })
            Assert.Contains(id, ids);
        Assert.Contains("Vostochny", S.Corrections.Single(c => c.Id == "summit-place-2023").Fact);
        Assert.Contains("2014", S.Corrections.Single(c => c.Id == "rajin-old-project").Fact);
    }

    [Fact]
    public void Key_dates_are_as_sourced()
    {
        DateOnly? DateOf(string id) => S.Events.Single(e => e.Id == id).Date;
        Assert.Equal(new DateOnly(2023, 9, 13), DateOf("kim-putin-vostochny-summit"));
        Assert.Equal(new DateOnly(2024, 6, 19), DateOf("rus-prk-treaty-signed"));
        Assert.Equal(new DateOnly(2024, 6, 17), DateOf("us-permission-cross-border"));
        // the entry into force (4 Dec 2024) is hindsight: HindsightTests checks it in the overlay
        Assert.DoesNotContain(S.Events, e => e.Id == "rus-prk-treaty-in-force");
        Assert.Equal(new DateOnly(2024, 3, 28), DateOf("russia-vetoes-1718-panel"));
    }

    // ------------------------------------------------------------------ actors and figures

    [Fact]
    public void Each_required_actor_exists_with_2023_milex_and_2024_warheads_where_it_has_them()
    {
        foreach (var iso in RequiredActors)
        {
            var s = StateOf(iso);
            if (iso == "PRK")
            {
                // SIPRI publishes no DPRK figure: none for 2023, and the older estimate must say it is not SIPRI.
                Assert.DoesNotContain(s.Figures, f => f.Name == FigureNames.MilexUsd && f.Year == 2023);
                Assert.All(s.Figures.Where(f => f.Name == FigureNames.MilexUsd),
                    f => Assert.Contains("NOT SIPRI", f.Note ?? ""));
            }
            else
            {
                var milex = FigureOf(iso, FigureNames.MilexUsd, 2023);
                Assert.Contains("SIPRI Military Expenditure Database, April 2025 release", milex.Basis.Text);
                Assert.True(milex.Value > 1e9, $"{iso} milex {milex.Value} should be in US$, not US$ m");
                Assert.InRange(FigureOf(iso, FigureNames.MilexShareGdp, 2023).Value, 0.001, 0.5);
            }
            Assert.NotNull(s.CowCode);
            Assert.InRange(FigureOf(iso, FigureNames.Cinc, 2022).Value, 0.0, 0.3);
        }
        foreach (var iso in NuclearActors)
        {
            Assert.True(FigureOf(iso, FigureNames.WarheadsTotal, 2024).Value > 0);
            Assert.True(FigureOf(iso, FigureNames.WarheadsDeployed, 2024).Value >= 0);
            Assert.True(StateOf(iso).IsNuclear(2024));
        }
        foreach (var iso in RequiredActors.Except(NuclearActors))
            Assert.False(StateOf(iso).IsNuclear(2024), $"{iso} should hold no warheads");
    }

    [Fact]
    public void Pinned_figures_equal_values_read_by_hand_from_the_source_files()
    {
        // SIPRI Milex, April 2025 release, sheet 'Current US$', Russia 2023: 109203.62473837858 US$ m.
        Assert.Equal(109_203_624_738, FigureOf("RUS", FigureNames.MilexUsd, 2023).Value);
        // Same sheet, Japan 2023: 48189.108621390515 US$ m.
        Assert.Equal(48_189_108_621, FigureOf("JPN", FigureNames.MilexUsd, 2023).Value);
        // SIPRI Yearbook 2024 / FAS, January 2024: Russia 5,580 total and 1,710 deployed; US 5,044 total; DPRK 50.
        Assert.Equal(5580, FigureOf("RUS", FigureNames.WarheadsTotal, 2024).Value);
        Assert.Equal(1710, FigureOf("RUS", FigureNames.WarheadsDeployed, 2024).Value);
        Assert.Equal(5044, FigureOf("USA", FigureNames.WarheadsTotal, 2024).Value);
        Assert.Equal(50, FigureOf("PRK", FigureNames.WarheadsTotal, 2024).Value);
        // COW NMC v7.0, United States 2022: cinc 0.12356574.
        Assert.Equal(0.12356574, FigureOf("USA", FigureNames.Cinc, 2022).Value, 1e-12);
        // World Bank NY.GDP.MKTP.CD, China 2023: 17794781986104.457.
        Assert.Equal(17_794_781_986_104, FigureOf("CHN", FigureNames.GdpUsd, 2023).Value);
    }

    [Fact]
    public void Nato_has_its_32_members_on_the_scenario_date_and_the_P5_hold_the_veto()
    {
        var nato = S.Organizations.Single(o => o.Id == "nato");
        var asOf = new DateOnly(2024, 6, 23);
        Assert.Equal(32, nato.MembersOn(asOf).Distinct().Count());
        Assert.Equal(31, nato.MembersOn(new DateOnly(2024, 3, 6)).Count());
        Assert.Equal(30, nato.MembersOn(new DateOnly(2023, 4, 3)).Count());
        Assert.Equal(new DateOnly(2024, 3, 7), nato.Members.Single(m => m.State.Iso3 == "SWE").Span.From);
        Assert.Equal(new DateOnly(2023, 4, 4), nato.Members.Single(m => m.State.Iso3 == "FIN").Span.From);
        Assert.All(nato.Members, m => Assert.NotNull(S.State(m.State)));

        var unsc = S.Organizations.Single(o => o.Id == "unsc");
        var veto = unsc.Members.Where(m => m.Veto).Select(m => m.State.Iso3).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(new[] { "CHN", "FRA", "GBR", "RUS", "USA" }, veto);
        Assert.Contains(S.States, s => s.Id.Iso3 == "NZL");
    }

    [Fact]
    public void Unsc_sanctions_on_the_dprk_run_from_resolution_1718_and_the_panel_ended_after_the_veto()
    {
        var res = S.Relations.Where(r => r.Kind == RelationKind.Sanctions && r.From == "unsc" && r.To == "PRK").ToList();
        Assert.Contains(res, r => r.Id == "unsc-res-1718" && r.Span.From == new DateOnly(2006, 10, 14));
        foreach (var id in new[] { "unsc-res-2371", "unsc-res-2375", "unsc-res-2397" })
            Assert.Contains(res, r => r.Id == id && r.Span.From!.Value.Year == 2017);
        var panel = res.Single(r => r.Id == "unsc-1718-panel-of-experts");
        Assert.Equal(new DateOnly(2024, 4, 30), panel.Span.To);
        Assert.Contains("vetoed", panel.Description);
    }

    // ------------------------------------------------------------------ against the datasets, when present

    [SkippableFact]
    public void All_NMC_figures_equal_the_COW_NMC_file_when_present()
    {
        var path = SharedData.File("cow_nmc", "cow_nmc_v7.0_peacesciencer.csv");
        var rows = Csv.Read(File.ReadAllText(path));
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        var byKey = rows.Skip(1).ToDictionary(r => (int.Parse(r[Col("ccode")], CultureInfo.InvariantCulture), int.Parse(r[Col("year")], CultureInfo.InvariantCulture)));
        var checkedCount = 0;
        foreach (var s in S.States)
            foreach (var f in s.Figures.Where(f => f.Name is "cinc" or "milper" or "tpop"))
            {
                var row = byKey[(s.CowCode!.Value, f.Year)];
                Assert.Equal(double.Parse(row[Col(f.Name)], CultureInfo.InvariantCulture), f.Value, 1e-12);
                checkedCount++;
            }
        Assert.True(checkedCount >= 3 * 42, $"checked {checkedCount} NMC figures");
        foreach (var s in S.States)
            foreach (var pop in s.Figures.Where(f => f.Name == FigureNames.Population && f.Basis.Text.Contains("Correlates of War", StringComparison.Ordinal)))
                Assert.Equal(FigureOf(s.Id.Iso3, FigureNames.TotalPopulationThousands, pop.Year).Value * 1000, pop.Value);
    }

    [SkippableFact]
    public void All_World_Bank_GDP_figures_equal_the_GDP_file_when_present()
    {
        var path = SharedData.File("gdp_worldbank", "gdp.csv");
        var rows = Csv.Read(System.IO.File.ReadAllText(path));
        var gdp = rows.Skip(1).Where(r => r.Length == 4 && r[2] == "2023")
            .ToDictionary(r => r[1], r => double.Parse(r[3], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var sourced = S.States.SelectMany(s => s.Figures.Where(f => f.Name == FigureNames.GdpUsd && !f.Basis.IsJudgement).Select(f => (s, f))).ToList();
        Assert.True(sourced.Count >= 40);
        foreach (var (s, f) in sourced)
            Assert.Equal(Math.Round(gdp[s.Id.Iso3]), f.Value);
        Assert.False(gdp.ContainsKey("PRK"));
        Assert.True(FigureOf("PRK", FigureNames.GdpUsd, 2023).Basis.IsJudgement, "DPRK GDP can only be a labelled estimate");
    }

    [SkippableFact]
    public void All_warhead_figures_equal_the_FAS_SIPRI_2024_table_when_present()
    {
        var path = SharedData.File("nuclear_warheads", "fas_sipri_2024_inventory.csv");
        var rows = Csv.Read(System.IO.File.ReadAllText(path));
        var h = rows[0];
        var byName = rows.Skip(1).Where(r => r.Length == h.Length).ToDictionary(r => r[0], StringComparer.Ordinal);
        var tableName = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USA"] = "United States", ["RUS"] = "Russia", ["GBR"] = "United Kingdom", ["FRA"] = "France",
            ["CHN"] = "China", ["PRK"] = "North Korea",
        };
        foreach (var (iso, name) in tableName)
        {
            var r = byName[name];
            double Cell(string col) { var v = r[Array.IndexOf(h, col)]; return v.Length == 0 ? 0 : double.Parse(v, CultureInfo.InvariantCulture); }
            Assert.Equal(Cell("total_inventory"), FigureOf(iso, FigureNames.WarheadsTotal, 2024).Value);
            Assert.Equal(Cell("deployed"), FigureOf(iso, FigureNames.WarheadsDeployed, 2024).Value);
        }
        var withWarheads = S.States.Where(s => s.Figures.Any(f => f.Name == FigureNames.WarheadsTotal)).Select(s => s.Id.Iso3);
        Assert.Equal(tableName.Keys.OrderBy(x => x, StringComparer.Ordinal), withWarheads.OrderBy(x => x, StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Required_actors_SIPRI_figures_equal_the_SIPRI_file_when_present()
    {
        var cur = SharedData.File("sipri_milex", "sipri_1949_2024_milex_currentusd.csv");
        var share = SharedData.File("sipri_milex", "sipri_1949_2024_milex_share_gdp.csv");
        var sipriName = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RUS"] = "Russia", ["USA"] = "United States of America", ["CHN"] = "China", ["KOR"] = "Korea, South",
            ["JPN"] = "Japan", ["UKR"] = "Ukraine", ["GBR"] = "United Kingdom", ["FRA"] = "France", ["DEU"] = "Germany",
            ["POL"] = "Poland", ["AUS"] = "Australia", ["PHL"] = "Philippines", ["TWN"] = "Taiwan",
            ["FIN"] = "Finland", ["SWE"] = "Sweden",
        };
        var millions = Sipri2023(File.ReadAllText(cur));
        var shares = Sipri2023(File.ReadAllText(share));
        foreach (var (iso, name) in sipriName)
        {
            Assert.Equal(Math.Round(millions[name] * 1e6), FigureOf(iso, FigureNames.MilexUsd, 2023).Value);
            Assert.Equal(Math.Round(shares[name], 6), FigureOf(iso, FigureNames.MilexShareGdp, 2023).Value, 1e-12);
        }
        Assert.Equal("...", SipriRaw2023(File.ReadAllText(cur))["Korea, North"]);
    }

    [Fact]
    public void Sipri_reader_handles_quoted_country_names_and_missing_values()
    {
        // Fixture in the layout of the SIPRI sheet export (title lines, then 'Country,Notes,<years>').
        const string fixture = "\"Title line\"\n\nCountry,Notes,2022,2023,2024\n\"Korea, North\",57,...,...,...\nRussia,83,1.5,109203.62473837858,149000\n";
        var values = Sipri2023(fixture);
        Assert.Equal(109203.62473837858, values["Russia"]);
        Assert.False(values.ContainsKey("Korea, North"));
        Assert.Equal("...", SipriRaw2023(fixture)["Korea, North"]);
    }

    private static Dictionary<string, string> SipriRaw2023(string text)
    {
        var rows = Csv.Read(text);
        var h = rows.FindIndex(r => r.Length > 0 && r[0] == "Country");
        var i = Array.IndexOf(rows[h], "2023");
        return rows.Skip(h + 1).Where(r => r.Length > i && r[0].Length > 0)
            .GroupBy(r => r[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[i], StringComparer.Ordinal);
    }

    private static Dictionary<string, double> Sipri2023(string text) =>
        SipriRaw2023(text)
            .Where(kv => double.TryParse(kv.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(kv => kv.Key, kv => double.Parse(kv.Value, NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [Fact]
    public void Csv_reader_splits_quoted_fields()
    {
        var rows = Csv.Read("a,\"b, c\",\"d \"\"e\"\"\"\n1,2,3\n");
        Assert.Equal(new[] { "a", "b, c", "d \"e\"" }, rows[0]);
        Assert.Equal(new[] { "1", "2", "3" }, rows[1]);
    }
}

/// <summary>Locates the repository root and the shared datasets beside it (../shared/data).</summary>
internal static class SharedData
{
    /// <summary>
    /// The path of a dataset file under ../shared/data that the calling <c>[SkippableFact]</c> needs: skipped when the
    /// datasets are not present, a failure under ENTANGLE_REQUIRE_SHARED=1 (see <see cref="RepoPaths.RequireShared"/>).
    /// </summary>
    public static string File(string folder, string name) => RepoPaths.RequireShared("data", folder, name);
}

/// <summary>A minimal RFC 4180 reader for the dataset checks (quoted fields, doubled quotes).</summary>
internal static class Csv
{
    public static List<string[]> Read(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r')); field.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
