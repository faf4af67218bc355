using Entangle.Tests.Shared;
using Entangle.Application.Escalation;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using System.Text.Json;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>The bundled scenario through the YAML loader, the use case and the exporters.</summary>
public class BundledScenarioTests
{
    /// <summary>The repository root (the folder holding Entangle.slnx), found from the test's bin folder.</summary>
    internal static string RepoRoot() => RepoPaths.RepoRoot;

    private static string Root => Path.Combine(RepoRoot(), "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "bundled-escalation.yaml");

    private static readonly Lazy<Scenario> Bundled = new(() => ScenarioService.Load(Root));

    [Fact]
    public void Bundled_EscalationSection_LoadsWithEveryMechanismRepresented()
    {
        var s = Bundled.Value;
        var model = s.Escalation();
        Assert.NotNull(model);
        var m = CompiledModel.Compile(s, model);
        Assert.Equal(["europe-ukraine", "korea", "taiwan-strait"], m.Theaters);
        Assert.Equal(5, m.StartLevel("europe-ukraine"));
        Assert.Equal(3, m.StartLevel("korea"));
        Assert.Equal(2, m.StartLevel("taiwan-strait"));
        Assert.Contains("prk-second-front-for-rus", m.LinkIdList);              // horizontal escalation
        Assert.Contains(m.Obligations, o => o.Treaty == "rus-prk-2024");       // alliances
        Assert.Contains("chn-prk", m.NormalisationIds);                         // China–DPRK normalisation
        Assert.True(m.HasDeploymentIn(m.ActorIndex(new StateId("USA")), m.TheaterIndex("europe-ukraine"))); // the pivot
        Assert.Contains("pair.CHN-KOR.channel", m.ParameterPaths);              // the 2+2 channel
        Assert.Contains("pair.CHN-USA.trade_dependence", m.ParameterPaths);
        Assert.Contains(m.Events, e => e == "russian-breakthrough");            // shocks
        Assert.True(m.Spec("global.accident").IsDistribution);                  // epistemic draws
        Assert.Equal("judgement", m.Spec("theater.korea.start_level").Basis.Kind);
        Assert.Equal("source", m.Spec("theater.europe-ukraine.start_level").Basis.Kind);
    }

    [Fact]
    public void Bundled_Replays_ShowEveryMechanismAsAnEvent()
    {
        var m = CompiledModel.Compile(Bundled.Value, Bundled.Value.Escalation()!);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < 400 && seen.Count < 9; run++)
        {
            var (_, obs) = Fx.Replay(m, 1, run, 10);
            foreach (var e in obs)
            {
                if (e is ObligationObserved { Honoured: true }) seen.Add("alliance entry");
                if (e is InterventionObserved) seen.Add("intervention");
                if (e is ForcesObserved { Actor: "USA" }) seen.Add("pivot");
                if (e is NormalisationObserved) seen.Add("normalisation");
                if (e is EventObserved) seen.Add("shock");
                if (e is DecisionTrace d)
                {
                    if (d.Link is not null && d.LinkStake > 0) seen.Add("horizontal escalation");
                    if (d.SecurityStake > 0.05 && d.Chosen > 0) seen.Add("spiral");
                    if (d.Channel > 0) seen.Add("channel");
                    if (d.Options.Any(o => o.Target >= m.Ladder.NuclearSignalLevel && o.Probability > 0)) seen.Add("nuclear risk");
                }
            }
        }
        Assert.Equal(["alliance entry", "channel", "horizontal escalation", "intervention", "normalisation", "nuclear risk", "pivot", "shock", "spiral"], seen);
    }

    [Fact]
    public void Bundled_Json_IsIdenticalForOneAndTwoThreads()
    {
        var m = CompiledModel.Compile(Bundled.Value, Bundled.Value.Escalation()!);
        var one = Json.Serialize(EscalationService.Run(m, new EscalationRequest(Runs: 600, Seed: 7, Threads: 1)));
        var two = Json.Serialize(EscalationService.Run(m, new EscalationRequest(Runs: 600, Seed: 7, Threads: 2)));
        Assert.Equal(one, two);
        var three = Json.Serialize(EscalationService.Run(m, new EscalationRequest(Runs: 600, Seed: 8, Threads: 2)));
        Assert.NotEqual(one, three);
    }

    [Fact]
    public void Bundled_Json_HasTheDocumentedShape()
    {
        var m = CompiledModel.Compile(Bundled.Value, Bundled.Value.Escalation()!);
        using var doc = JsonDocument.Parse(Json.Serialize(EscalationService.Run(m, new EscalationRequest(Runs: 200, Seed: 3))));
        var root = doc.RootElement;
        Assert.Equal(200, root.GetProperty("runs").GetInt32());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        foreach (var name in new[] { "first_war", "two_theater_crisis", "nuclear_use", "ally_entry", "war.korea", "ally_entry.rus-prk-2024",
                     "horizontal_escalation.prk-second-front-for-rus", "normalisation.chn-prk", "forces_moved_out.USA.europe-ukraine" })
        {
            var o = root.GetProperty("outcomes").GetProperty(name);
            Assert.Equal(JsonValueKind.Number, o.GetProperty("lo").ValueKind);
            Assert.False(string.IsNullOrEmpty(o.GetProperty("reading").GetString()));
        }
        Assert.Equal(3, root.GetProperty("theaters").GetArrayLength());
        Assert.True(root.GetProperty("force_shares").GetArrayLength() > 0);
    }

    [Fact]
    public void Bundled_Overrides_AndTreatyRemoval_Apply()
    {
        var s = Bundled.Value;
        var m = EscalationService.Compile(s, new EscalationRequest(Overrides: ["actor.USA.resolve=0.5"], WithoutTreaties: ["rus-prk-2024"]));
        Assert.Equal(0.5, m.Spec("actor.USA.resolve").Mean);
        Assert.DoesNotContain(m.Obligations, o => o.Treaty == "rus-prk-2024");
        Assert.DoesNotContain("prk-second-front-for-rus", m.LinkIdList);
        var e = Assert.Throws<InputException>(() => EscalationService.Compile(s, new EscalationRequest(Overrides: ["actor.USA.resolv=0.5"])));
        Assert.Contains("did you mean 'actor.USA.resolve'", e.Message);
        Assert.Throws<InputException>(() => EscalationService.Compile(s, new EscalationRequest(WithoutTreaties: ["rus-prk-2025"])));
    }

    [Fact]
    public void Bundled_Exporters_WriteEveryFile()
    {
        var m = CompiledModel.Compile(Bundled.Value, Bundled.Value.Escalation()!);
        var summary = EscalationService.Run(m, new EscalationRequest(Runs: 100, Seed: 1));
        var dir = Path.Combine(Path.GetTempPath(), "entangle-esc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = EscalationExporter.WriteAll(summary, dir).Select(Path.GetFileName).ToList();
            foreach (var f in new[] { "summary.json", "outcomes.csv", "levels.csv", "force_shares.csv", "outcomes.png", "outcomes.svg",
                         "fan-korea.png", "fan-korea.svg", "report.html" })
                Assert.Contains(f, files);
            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("<svg", html);
            Assert.Contains("two_theater_crisis", html);
            var png = File.ReadAllBytes(Path.Combine(dir, "outcomes.png"));
            Assert.Equal(0x89, png[0]);
            Assert.Contains("<text", File.ReadAllText(Path.Combine(dir, "fan-korea.svg"))); // charts carry their labels
            // issue 16 item 3: the outcomes chart shows every metric of outcomes.csv (it used to drop 25 of 65)
            var svg = File.ReadAllText(Path.Combine(dir, "outcomes.svg"));
            var metrics = File.ReadAllLines(Path.Combine(dir, "outcomes.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
            Assert.Equal(summary.Outcomes.Count, metrics.Count);
            Assert.All(metrics, k => Assert.Matches($@">\s*{System.Text.RegularExpressions.Regex.Escape(System.Net.WebUtility.HtmlEncode(k))}\s*<", svg));
            // issue 16 item 2: no record's debug text in the report ("Sourced { Kind = source, … }")
            Assert.DoesNotContain("Kind = ", html);
            Assert.DoesNotContain(" { ", System.Text.RegularExpressions.Regex.Replace(html, "<style>.*?</style>", "", System.Text.RegularExpressions.RegexOptions.Singleline));
            Assert.Contains("Starts at level 5 — source: ", html);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}

/// <summary>The <c>escalation:</c> section's error messages.</summary>
public class EscalationSectionTests
{
    private static InputException LoadBroken(string escalationYaml)
    {
        var dir = Path.Combine(Path.GetTempPath(), "entangle-esc-yaml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "s.yaml");
            File.WriteAllText(file, """
                scenario: { id: t, title: T, as_of: 2024-06-23 }
                states:
                  - { id: AAA, name: A }
                  - { id: BBB, name: B }
                theaters:
                  - { id: arena, name: Arena, territories: [], areas: [] }
                """ + "\n" + escalationYaml);
            return Assert.Throws<InputException>(() => ScenarioService.Load(file));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Section_UnknownParameter_IsLocatedWithSuggestion()
    {
        var e = LoadBroken("""
            escalation:
              actors:
                - state: AAA
                  resolv: { value: 1, judgement: x }
            """);
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(10, d.Line);
        Assert.Contains("unknown field 'resolv'", d.Message);
        Assert.Contains("did you mean 'resolve'", d.Message);
    }

    [Fact]
    public void Section_BadDistribution_IsLocated()
    {
        var e = LoadBroken("""
            escalation:
              globals:
                accident: { dist: uniform, lo: 0.3, hi: 0.1, judgement: x }
            """);
        Assert.Contains(e.Diagnostics, d => d.Line == 9 && d.Message.Contains("'hi' (0.1) is below 'lo' (0.3)"));
    }

    [Fact]
    public void Section_UnknownState_IsLocatedWithSuggestion()
    {
        var e = LoadBroken("""
            escalation:
              theaters:
                - theater: arena
                  start_level: { value: 2, judgement: x }
                  side_a: [AAA]
                  side_b: [BBX]
            """);
        Assert.Contains(e.Diagnostics, d => d.Line == 12 && d.Message.Contains("unknown state 'BBX'") && d.Message.Contains("did you mean 'BBB'"));
    }

    [Fact]
    public void Section_DistributionWithoutJudgement_IsAnError()
    {
        var e = LoadBroken("""
            escalation:
              globals:
                accident: { dist: triangular, lo: 0.01, mode: 0.02, hi: 0.03 }
            """);
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("no source"));
    }
}
