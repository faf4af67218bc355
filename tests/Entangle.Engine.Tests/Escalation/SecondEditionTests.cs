using System.Text.RegularExpressions;
using Entangle.Application.Analysis;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>The "done means" of the engine's second edition (issue 9): mirror law, one runner, no transients, authored shocks, honest intervals, one catalog.</summary>
public class SecondEditionTests
{
    private static string BundledPath => Path.Combine(RepoPaths.RepoRoot, "scenarios", "russia-dprk-2024.yaml");
    private static readonly Lazy<Scenario> Bundled = new(() => ScenarioService.Load(BundledPath));

    private static Dictionary<string, long> Counts(CompiledModel m, int runs, ulong seed, int replicates = 10)
    {
        var r = Ensemble.Run([EscalationService.Arm(m)], [DesignPoint.None], new EnsembleOptions(runs, seed, replicates, 2))[0][0];
        return r.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value.TotalHits);
    }

    // ---- mirror law -------------------------------------------------------------------------------------------

    /// <summary>The bundled scenario with the labels of every theater's sides swapped and every list in the file reversed.</summary>
    private static Scenario Mirror(Scenario s)
    {
        static Side Flip(Side x) => x == Side.A ? Side.B : Side.A;
        var e = s.Escalation()!;
        var mirrored = e with
        {
            Actors = e.Actors.Reverse().Select(a => a with { Deployments = a.Deployments.Reverse().ToList() }).ToList(),
            Theaters = e.Theaters.Reverse().Select(t => t with
            {
                SideA = t.SideB.Reverse().ToList(), SideB = t.SideA.Reverse().ToList(),
                Supporters = t.Supporters.Reverse().Select(sp => sp with { Side = Flip(sp.Side) }).ToList(),
            }).ToList(),
            Pairs = e.Pairs.Reverse().Select(p => p with { A = p.B, B = p.A }).ToList(),
            Links = e.Links.Reverse().ToList(),
            Normalisations = e.Normalisations.Reverse().ToList(),
        };
        return (s with
        {
            States = s.States.Reverse().ToList(), Treaties = s.Treaties.Reverse().ToList(), Theaters = s.Theaters.Reverse().ToList(),
            Events = s.Events.Reverse().ToList(),
        }).WithEscalation(mirrored);
    }

    [Fact]
    public void MirrorLaw_SwappedSidesAndReorderedFile_GiveExactlyTheSameCounts()
    {
        var s = Bundled.Value;
        var original = CompiledModel.Compile(s, s.Escalation()!);
        var m2 = Mirror(s);
        var mirror = CompiledModel.Compile(m2, m2.Escalation()!);
        Assert.NotEqual(original.SideOf(original.ActorIndex(new StateId("PRK")), original.TheaterIndex("korea")),
            mirror.SideOf(mirror.ActorIndex(new StateId("PRK")), mirror.TheaterIndex("korea")));
        var a = Counts(original, 2000, 5);
        var b = Counts(mirror, 2000, 5);
        Assert.Equal(a.OrderBy(kv => kv.Key, StringComparer.Ordinal), b.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.True(a["escalates.korea"] > 0 && a["escalates.korea"] < 2000, "the law must be tested on a metric that varies");
    }

    [Fact]
    public void MirrorLaw_HoldsWhenBothSidesExpectAlliedHelp()
    {
        // the golden world with a second pact (BBB–DDD) and BBB deployed in the south, so both sides of the south have
        // obligations to weigh when their expected allied help is computed (a case where the order of the sides used to matter)
        var golden = ScenarioService.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Golden", "golden.yaml"));
        var e = golden.Escalation()!;
        var withPact = golden with { Treaties = [.. golden.Treaties, Fx.Defence("bd-pact", ClauseStrength.Automatic, 0.8, "BBB", "DDD")] };
        var actors = e.Actors.Where(a => a.State.Iso3 != "BBB").Append(Fx.Actor("BBB", null, ("north", 0.6), ("south", 0.3))).ToList();
        var world = withPact.WithEscalation(e with { Actors = actors });
        var original = CompiledModel.Compile(world, world.Escalation()!);
        Assert.Contains(original.Obligations, o => o.Treaty == "bd-pact" && o.Theater == "south");
        Assert.Contains(original.Obligations, o => o.Treaty == "ac-pact" && o.Theater == "south");
        var m2 = Mirror(world);
        var mirror = CompiledModel.Compile(m2, m2.Escalation()!);
        var a = Counts(original, 3000, 9);
        var b = Counts(mirror, 3000, 9);
        Assert.Equal(a.OrderBy(kv => kv.Key, StringComparer.Ordinal), b.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.True(a["obligation_triggered.bd-pact"] > 0 && a["obligation_triggered.ac-pact"] > 0);
    }

    // ---- one runner -------------------------------------------------------------------------------------------

    [Fact]
    public void OneRunner_RunCompareAndClaims_GiveTheSameBaseline()
    {
        var model = EscalationService.Compile(Bundled.Value, new EscalationRequest(), null, BundledPath);
        var run = EscalationService.Run(model, new EscalationRequest(Runs: 1000, Seed: 3, Replicates: 5));
        var compare = CompareService.Compare(BundledPath, new CompareRequest(Without: ["rus-prk-2024"], Runs: 1000, Seed: 3, Replicates: 5));
        foreach (var row in compare.Metrics.Where(r => run.Outcomes.ContainsKey(r.Metric)))
            Assert.True(row.With.Estimate == run.Outcomes[row.Metric].P, $"{row.Metric}: run {run.Outcomes[row.Metric].P}, compare baseline {row.With.Estimate}");
        var claims = ClaimsService.Test(BundledPath, new ClaimsRequest(Runs: 1000, Seed: 3, Replicates: 5, Screen: false));
        foreach (var c in claims.Claims)
            Assert.True(c.With.Estimate == run.Outcomes[c.Metric].P, $"claim {c.Id} ({c.Metric}): run {run.Outcomes[c.Metric].P}, claims baseline {c.With.Estimate}");
        Assert.Contains("entangle replay", run.Identity.Replay);
    }

    [Fact]
    public void OneRunner_ReplayReproducesEveryRunOfACounterfactualArm()
    {
        var variant = EscalationService.Compile(Bundled.Value, new EscalationRequest(WithoutTreaties: ["rus-prk-2024"]), null, BundledPath);
        var arm = EscalationService.Arm(variant, "variant");
        const int runs = 60;
        var counts = Ensemble.Run([EscalationService.Arm(EscalationService.Compile(Bundled.Value, new EscalationRequest(), null, BundledPath)), arm],
            [DesignPoint.None], new EnsembleOptions(runs, 11, 5, 2))[0][1];
        var replayed = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < runs; r++)
        {
            var (state, _) = Fx.Replay(variant, 11, r, 5);
            foreach (var o in arm.Outcomes)
                if ((o.Condition is null || o.Condition(state)) && o.Test(state)) replayed[o.Name] = replayed.GetValueOrDefault(o.Name) + 1;
        }
        foreach (var o in arm.Outcomes) Assert.Equal(counts.Metrics[o.Name].TotalHits, replayed.GetValueOrDefault(o.Name));
    }

    // ---- no transients ----------------------------------------------------------------------------------------

    [Fact]
    public void NoTransients_HeadlineMetricsAgreeWithTheEndOfStepLevels()
    {
        var s = Bundled.Value;
        var m = CompiledModel.Compile(s, s.Escalation()!);
        const int runs = 300;
        var counts = Counts(m, runs, 2);
        var lad = m.Ladder;
        var fromLevels = new Dictionary<string, long>(StringComparer.Ordinal);
        void Hit(string k, bool x) { if (x) fromLevels[k] = fromLevels.GetValueOrDefault(k) + 1; }
        for (var r = 0; r < runs; r++)
        {
            var levels = Fx.Replay(m, 2, r, 10).Seen.OfType<StateObserved>().Select(o => o.Levels).ToList();
            Assert.Equal(m.Steps + 1, levels.Count);
            var start = levels[0];
            for (var t = 0; t < m.TheaterCount; t++)
            {
                var ti = t; var id = m.Theaters[t];
                var max = levels.Max(l => l[ti]);
                Hit($"war.{id}", max >= lad.WarLevel);
                Hit($"escalates.{id}", max > start[ti]);
                Hit($"nuclear_signal.{id}", max >= lad.NuclearSignalLevel);
                Hit($"nuclear_use.{id}", max >= lad.NuclearUseLevel);
                Hit($"ends_above_start.{id}", levels[^1][ti] > start[ti]);
                Hit($"ends_below_start.{id}", levels[^1][ti] < start[ti]);
            }
            Hit("first_war", Enumerable.Range(0, m.TheaterCount).Any(t => start[t] < lad.WarLevel && levels.Any(l => l[t] >= lad.WarLevel)));
            Hit("two_theater_crisis", levels.Skip(1).Any(l => l.Count(x => x >= m.CrisisLevel) >= 2));
            Hit("nuclear_signal", levels.Any(l => l.Any(x => x >= lad.NuclearSignalLevel)));
            Hit("nuclear_use", levels.Any(l => l.Any(x => x >= lad.NuclearUseLevel)));
        }
        foreach (var k in fromLevels.Keys.Concat(counts.Keys.Where(k => k.StartsWith("war.") || k.StartsWith("escalates.") || k.StartsWith("nuclear_") || k.StartsWith("ends_")
                     || k is "first_war" or "two_theater_crisis")).Distinct())
            Assert.True(counts[k] == fromLevels.GetValueOrDefault(k), $"{k}: headline {counts[k]}, end-of-step reading {fromLevels.GetValueOrDefault(k)}");
        Assert.True(counts["escalates.korea"] > 0);
    }

    // ---- shocks have authors and pay thresholds ---------------------------------------------------------------

    /// <summary>
    /// A nuclear test by AAA (nuclear) in a crisis with BBB at level 3: AAA is allied to CCC, BBB to DDD (armed-attack
    /// clauses, anywhere). Nothing else moves unless asked: no accidents, slips or settlements, and a prohibitive move cost.
    /// </summary>
    private static CompiledModel ShockWorld(double moveCost, double resolveA = 1, double premium45 = 0.5, string effect = "tension", double value = 2)
    {
        var states = new[] { Fx.State("AAA", true, 50), Fx.State("BBB", false, 50), Fx.State("CCC", true, 50), Fx.State("DDD", false, 50) };
        var treaties = new[]
        {
            Fx.Defence("pact-ac", ClauseStrength.Automatic, 0.9, "AAA", "CCC"),
            Fx.Defence("pact-bd", ClauseStrength.Automatic, 0.9, "BBB", "DDD"),
        };
        var test = new ScenarioEvent("aaa-nuclear-test", EventKind.Fact, new DateOnly(2024, 6, 23), "AAA's nuclear test", "arena", ["AAA"], null,
            [new Effect("arena", effect, value)], Fx.J, By: new StateId("AAA"));
        var world = Fx.World(states, [Fx.Theater("arena", "BBB", "AAA")], treaties, [test]);
        var model = Fx.Model(
            [Fx.Actor("AAA", new Dictionary<string, double> { ["resolve"] = resolveA }), Fx.Actor("BBB"), Fx.Actor("CCC"), Fx.Actor("DDD")],
            [Fx.Arena("arena", 3, ["BBB"], ["AAA"], new Dictionary<string, double> { ["AAA"] = 1, ["BBB"] = 1 },
                [new Supporter(new StateId("CCC"), Side.B, Fx.P(0.1), false), new Supporter(new StateId("DDD"), Side.A, Fx.P(0.1), false)])],
            new Dictionary<string, double> { ["accident"] = 0, ["loss_of_control"] = 0, ["settlement_rate"] = 0, ["move_cost"] = moveCost }, steps: 2);
        return CompiledModel.Compile(world, model).WithOverrides([new("threshold.nuclear-war-unthinkable.premium", Fx.P(premium45))]);
    }

    [Fact]
    public void Shock_ByItsAuthor_RaisesTension_StopsAtTheThreshold_AndTriggersOnlyTheVictimsAllies()
    {
        var m = ShockWorld(moveCost: 10);
        var (s, seen) = Fx.Replay(m, 1, 0, 1);
        var ev = seen.OfType<EventObserved>().Single();
        Assert.Equal("AAA", ev.Author);
        var effect = ev.Effects.Single();
        Assert.Equal((3.0, 4.0), (effect.From, effect.To));                    // tension +2 from 3 stops at 4: 4|5 is a firebreak
        Assert.Equal("Nuclear war is unthinkable", effect.StoppedBelow);
        var a = m.ActorIndex(new StateId("AAA")); var t = m.TheaterIndex("arena");
        Assert.Equal(4, s.Posture[a * m.TheaterCount + t]);
        Assert.Equal(4, s.MaxReached[t]);
        // the armed attack (level 4) is AAA's act: BBB's ally DDD is triggered, AAA's ally CCC is not
        var triggered = seen.OfType<ObligationObserved>().Where(o => o.Step == 1).Select(o => (o.Ally, o.Partner, o.Attacker)).ToList();
        Assert.Contains(("DDD", "BBB", "AAA"), triggered);
        Assert.DoesNotContain(triggered, x => x.Ally == "CCC");
        // later, DDD's entry is an attack on AAA by another state, and that may trigger CCC; AAA's own act never does
        Assert.DoesNotContain(seen.OfType<ObligationObserved>(), o => o.Partner == o.Attacker || (o.Ally == "CCC" && o.Attacker == "AAA"));
        Assert.Equal(0, s.PremiumPaid[a]);                                      // a shock crosses no threshold, so pays none
    }

    [Fact]
    public void Shock_CrossingTheThreshold_IsLeftToTheAuthorsChoice_WhichPaysThePremium()
    {
        // with moves free and a resolute AAA, AAA may take the theater to war itself after its test; whether it does
        // depends on the premium, and when it does it pays exactly the premium
        double WarShare(double premium) => Fx.Share(ShockWorld(moveCost: 0, resolveA: 6, premium45: premium), 400, 3, st => st.MaxReached.Max() >= 5);
        var cheap = WarShare(0);
        var dear = WarShare(3);
        Assert.True(cheap > dear + 0.2, $"P(war) with premium 0: {cheap}; with premium 3: {dear}");
        var m = ShockWorld(moveCost: 0, resolveA: 6, premium45: 0.25);
        for (var run = 0; run < 400; run++)
        {
            var (s, seen) = Fx.Replay(m, 3, run, 1);
            var a = m.ActorIndex(new StateId("AAA"));
            var paid = seen.OfType<PremiumObserved>().Where(p => p.Actor == "AAA").ToList();
            if (seen.OfType<DecisionTrace>().Any(d => d.Actor == "AAA" && d.PostureAfter >= 5 && d.LevelBefore < 5))
            {
                Assert.Equal(0.25, s.PremiumPaid[a], 12);
                Assert.Equal("choice", Assert.Single(paid).Cause);
                return;
            }
        }
        Assert.Fail("AAA never crossed into war by choice in 400 runs");
    }

    [Fact]
    public void Shock_WithoutAnAuthor_IsRejected()
    {
        var states = new[] { Fx.State("AAA", true), Fx.State("BBB") };
        var ev = new ScenarioEvent("anon", EventKind.Shock, null, "anon", "arena", [], new Assessed(0.1, Fx.J), [new Effect("arena", "tension", 1)], Fx.J);
        var world = Fx.World(states, [Fx.Theater("arena", "BBB")], null, [ev]);
        var model = Fx.Model([Fx.Actor("AAA"), Fx.Actor("BBB")], [Fx.Arena("arena", 2, ["BBB"], ["AAA"], new Dictionary<string, double> { ["AAA"] = 1, ["BBB"] = 1 })]);
        var e = Assert.Throws<InputException>(() => CompiledModel.Compile(world, model));
        Assert.Contains("'by: ISO3'", e.Message);
    }

    // ---- honest intervals -------------------------------------------------------------------------------------

    /// <summary>One theater, nothing moves; a shock whose monthly probability is drawn per parameter draw from uniform(lo, hi).</summary>
    private static CompiledModel Coin(double lo, double hi, int steps)
    {
        var states = new[] { Fx.State("AAA"), Fx.State("BBB") };
        var ev = new ScenarioEvent("coin", EventKind.Shock, null, "coin", "arena", [], new Assessed(lo, Fx.J), [new Effect("BBB", "resolve", 0)], Fx.J);
        var world = Fx.World(states, [Fx.Theater("arena", "BBB")], null, [ev]);
        var model = Fx.Model([Fx.Actor("AAA"), Fx.Actor("BBB")], [Fx.Arena("arena", 2, ["BBB"], ["AAA"], new Dictionary<string, double> { ["AAA"] = 1, ["BBB"] = 1 })],
            new Dictionary<string, double> { ["accident"] = 0, ["loss_of_control"] = 0, ["settlement_rate"] = 0 }, steps: steps);
        return CompiledModel.Compile(world, model).WithOverrides([new("event.coin.probability", new Estimate.Uniform(lo, hi, Fx.J))]);
    }

    /// <summary>P(the shock fires within T steps) = E[1 − (1 − p)^T] for p ~ uniform(lo, hi): 1 − ((1 − lo)^(T+1) − (1 − hi)^(T+1)) / ((T + 1)(hi − lo)).</summary>
    private static double Truth(double lo, double hi, int T) => 1 - (Math.Pow(1 - lo, T + 1) - Math.Pow(1 - hi, T + 1)) / ((T + 1) * (hi - lo));

    [Fact]
    public void Coverage_RunIntervals_Cover95Percent_NeitherTooNarrowNorTooWide()
    {
        const int T = 6;
        var m = Coin(0.01, 0.2, T);
        var arm = EscalationService.Arm(m);
        var truth = Truth(0.01, 0.2, T);
        var covered = 0;
        for (var rep = 0; rep < 100; rep++)
        {
            var r = Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(1000, (ulong)(1000 + rep), 10, 2))[0][0];
            var st = EscalationService.Stat(r.Metrics["event.coin"], "", "", 10);
            if (st.Lo <= truth && truth <= st.Hi) covered++;
        }
        Assert.InRange(covered, 93, 98);
    }

    [Fact]
    public void Coverage_CompareIntervals_Cover95Percent_NeitherTooNarrowNorTooWide()
    {
        const int T = 6;
        var with = EscalationService.Arm(Coin(0.01, 0.2, T));
        var fixedP = Coin(0.01, 0.2, T).WithOverrides([new("event.coin.probability", Fx.P(0.05))]);
        var without = EscalationService.Arm(fixedP, "variant");
        var truth = Truth(0.01, 0.2, T) - (1 - Math.Pow(0.95, T));
        var covered = 0;
        for (var rep = 0; rep < 100; rep++)
        {
            var o = new EnsembleOptions(1000, (ulong)(5000 + rep), 10, 2);
            var r = Ensemble.Run([with, without], [DesignPoint.None], o)[0];
            var row = CompareService.Row("event.coin", "", Metrics.Clusters(r[0].Metrics["event.coin"]), Metrics.Clusters(r[1].Metrics["event.coin"]), null);
            if (row.Difference.Lo <= truth && truth <= row.Difference.Hi) covered++;
        }
        Assert.InRange(covered, 93, 98);
    }

    // ---- one catalog ------------------------------------------------------------------------------------------

    /// <summary>
    /// Numeric literals allowed in the engine besides 0 and 1, each in a named constant with its reason. Everything else
    /// the dynamics read is a catalog parameter.
    /// </summary>
    private static readonly (string File, string Declaration)[] Allowed =
    [
        ("RunState.cs", "public const int Sides = 2;"),                       // array layout: two sides per theater
        ("Simulator.cs", "private static readonly int[] Deltas = [-1, 0, 1, 2];"), // the four actions, as documented
        ("Simulator.cs", "public const int ActionCount = 4;"),                // the number of actions
        ("Simulator.cs", "private const double Half = 1.0 / 2;"),             // the maximiser of π(1 − π), a property of the formula
        ("Ladder.cs", "public const int MaxSize = 30;"),                      // thresholds are bits of an int
        ("Ladder.cs", "public const int MinSize = 2;"),                       // a bottom and a top
        ("Simulator.cs", "private const int TwoTheaters = 2;"),               // the "two" of the two-theater-crisis metric
        ("CompiledModel.cs", "internal const byte None = 0, Principal = 1, Supporter = 2;"), // role codes (an enumeration)
        ("Ensemble.cs", "public const int DefaultReplicates = 10;"),          // a default of the runner
        ("Ensemble.cs", "private const int DrawsPerChunk = 8;"),              // work partitioning, not dynamics
        ("Ensemble.cs", "public const int ShareBins = 100;"),                 // output resolution of the share histograms
        ("CompiledModel.cs", "private const int DaysPerWeek = 7, MonthsPerYear = 12;"), // the calendar
        ("CompiledModel.cs", "private const double UsdPerBillion = 1e9;"),   // a unit conversion
        ("CompiledModel.cs", "private const double ShareTolerance = 1e-9;"), // rounding tolerance when adding shares
        ("CompiledModel.cs", "private const double MaxLinkWeight = 100, MaxStake = 10;"), // validation bounds of scenario inputs
    ];

    [Fact]
    public void Actions_TheHotLoopsDeltaFormulaIsTheDocumentedDeltas()
    {
        Assert.Equal(Simulator.ActionCount, Simulator.ActionDeltas.Length);
        for (var k = 0; k < Simulator.ActionCount; k++) Assert.Equal(Simulator.ActionDeltas[k], Simulator.Delta(k));
    }

    [Fact]
    public void Catalog_EveryLiteralNumberInTheEngineIsZeroOneOrANamedConstant()
    {
        var dir = Path.Combine(RepoPaths.RepoRoot, "src", "Entangle.Engine", "Escalation");
        var literal = new Regex(@"(?<![\w.])(\d+\.?\d*(?:[eE][-+]?\d+)?)[dDfFmMuUlL]*(?![\w.])");
        var problems = new List<string>();
        var seen = new HashSet<(string, string)>();
        foreach (var file in Directory.GetFiles(dir, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = StripCommentsAndStrings(lines[i]);
                var trimmed = lines[i].Trim();
                var allowed = Allowed.FirstOrDefault(a => a.File == name && trimmed.StartsWith(a.Declaration, StringComparison.Ordinal));
                if (allowed.Declaration is not null) { seen.Add(allowed); continue; }
                foreach (Match mt in literal.Matches(code))
                {
                    var v = double.Parse(mt.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (v is 0 or 1) continue;
                    problems.Add($"{name}:{i + 1}: literal {mt.Value} in `{trimmed}`");
                }
            }
        }
        Assert.True(problems.Count == 0, "numbers in the engine that are not catalog parameters:\n" + string.Join("\n", problems));
        Assert.Equal(Allowed.Length, seen.Count); // every allowed constant still exists (no stale entries)
    }

    private static string StripCommentsAndStrings(string line)
    {
        var noStrings = Regex.Replace(line, "\\$?@?\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        var c = noStrings.IndexOf("//", StringComparison.Ordinal);
        return c >= 0 ? noStrings[..c] : noStrings;
    }

    [Fact]
    public void Catalog_RunJson_ListsEveryCatalogParameterWithItsBasis()
    {
        var m = CompiledModel.Compile(Bundled.Value, Bundled.Value.Escalation()!);
        var rows = EscalationService.Parameters(m);
        var paths = rows.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var p in ParameterCatalog.Global.List.All) Assert.Contains($"global.{p.Name}", paths);
        foreach (var l in m.Ladder.Levels)
            foreach (var c in ParameterCatalog.Ladder.List.All) Assert.Contains($"ladder.{l.Id}.{c.Name}", paths);
        foreach (var th in m.Ladder.Thresholds) Assert.Contains($"threshold.{th.Id}.premium", paths);
        foreach (var a in m.Actors)
            foreach (var p in ParameterCatalog.Actor.List.All) Assert.Contains($"actor.{a}.{p.Name}", paths);
        Assert.All(rows, r => Assert.True(r.Basis is "source" or "judgement" && r.Text.Length > 0, $"{r.Path}: basis '{r.Basis}' text '{r.Text}'"));
        // the catalog's slot offsets are the lists' positions: no parallel enum to drift out of order
        for (var i = 0; i < ParameterCatalog.Global.List.All.Count; i++) Assert.Equal(i, ParameterCatalog.Global.List.All[i].Index);
        var lambda = m.ParameterPaths.ToList().IndexOf("actor.USA.lambda");
        Assert.Equal(m.A(m.ActorIndex(new StateId("USA")), ParameterCatalog.Actor.Lambda), lambda);
        Assert.Equal(0.5, m.Spec("threshold.nuclear-war-unthinkable.premium").Mean); // from ladder.json
    }
}
