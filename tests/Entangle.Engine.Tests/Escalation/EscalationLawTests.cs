using System.Text.Json;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>The model's laws, as properties and pinned cases.</summary>
public class EscalationLawTests
{
    private static CompiledModel Compile((Scenario World, EscalationModel Model) x) => CompiledModel.Compile(x.World, x.Model);

    // ---- swapping symmetric actors swaps outcomes ------------------------------------------------------------

    /// <summary>Two theaters of the same shape; actor XXX fights in the first, YYY in the second.</summary>
    private static CompiledModel Twins(double resolveX, double resolveY, double costX, double costY)
    {
        var states = new[] { Fx.State("XXX"), Fx.State("YYY"), Fx.State("PPP"), Fx.State("QQQ") };
        var world = Fx.World(states, [Fx.Theater("one", "XXX", "PPP"), Fx.Theater("two", "YYY", "QQQ")]);
        var model = Fx.Model(
            [
                Fx.Actor("XXX", new Dictionary<string, double> { ["resolve"] = resolveX, ["cost_sensitivity"] = costX }),
                Fx.Actor("YYY", new Dictionary<string, double> { ["resolve"] = resolveY, ["cost_sensitivity"] = costY }),
            ],
            [
                Fx.Arena("one", 2, ["PPP"], ["XXX"], new Dictionary<string, double> { ["XXX"] = 1, ["PPP"] = 1 }),
                Fx.Arena("two", 2, ["QQQ"], ["YYY"], new Dictionary<string, double> { ["YYY"] = 1, ["QQQ"] = 1 }),
            ], new Dictionary<string, double> { ["accident"] = 0.02 }, steps: 12);
        return CompiledModel.Compile(world, model);
    }

    [Property(MaxTest = 8)]
    public Property Escalation_SwappingSymmetricActors_SwapsOutcomes() =>
        Prop.ForAll(Gen.Choose(5, 25).ToArbitrary(), Gen.Choose(5, 25).ToArbitrary(), (rx, ry) =>
        {
            double resolveX = rx / 10.0, resolveY = ry / 10.0;
            const int runs = 3000;
            var original = Twins(resolveX, resolveY, 1.0, 0.8);
            var swapped = Twins(resolveY, resolveX, 0.8, 1.0);
            int one = original.TheaterIndex("one"), two = original.TheaterIndex("two");
            var pOne = Fx.Share(original, runs, 11, s => s.MaxReached[one] >= 4);
            var pTwo = Fx.Share(original, runs, 11, s => s.MaxReached[two] >= 4);
            var qOne = Fx.Share(swapped, runs, 12, s => s.MaxReached[one] >= 4);
            var qTwo = Fx.Share(swapped, runs, 12, s => s.MaxReached[two] >= 4);
            // two independent proportions of 3000 runs: standard error of a difference at most 0.013; allow 5 of them
            return (Math.Abs(pOne - qTwo) < 0.065 && Math.Abs(pTwo - qOne) < 0.065)
                .Label($"p(one)={pOne:0.000} vs swapped p(two)={qTwo:0.000}; p(two)={pTwo:0.000} vs swapped p(one)={qOne:0.000}");
        });

    // ---- resolve is monotone ------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Escalation_RaisingResolve_NeverLowersTheChanceOfEscalating() =>
        Prop.ForAll((from level in Gen.Choose(0, 8) from r in Gen.Choose(1, 40) from e in Gen.Choose(0, 30) from seed in Gen.Choose(0, 1000)
                     select (level, r, e, seed)).ToArbitrary(), x =>
        {
            var (level, resolveTenths, extraTenths, seed) = x;
            var m = Compile(Fx.Miniature());
            var s = new RunState(m);
            Ensemble.Prepare(s, (ulong)seed, 0, 1);
            for (var k = 0; k < seed % 5; k++) Simulator.Step(s);
            var t = m.TheaterIndex("east");
            var a = m.ActorIndex(new StateId("DDD"));
            if (!s.IsPrincipal(a, t)) return true.Label("DDD not a principal");
            s.Posture[a * m.TheaterCount + t] = Math.Min(level, Simulator.Cap(s, a, t));
            var slot = m.A(a, ParameterCatalog.Actor.Resolve);
            double Escalate(double resolve)
            {
                s.P[slot] = resolve;
                Span<double> eu = stackalloc double[Simulator.ActionCount], p = stackalloc double[Simulator.ActionCount];
                Span<bool> av = stackalloc bool[Simulator.ActionCount];
                Simulator.Utilities(s, a, t, eu, av);
                Simulator.Logit(eu, av, s.Actor(a, ParameterCatalog.Actor.Lambda), p);
                return p[2] + p[3];
            }
            var low = Escalate(resolveTenths / 10.0);
            var high = Escalate((resolveTenths + extraTenths) / 10.0);
            return (high >= low - 1e-12).Label($"P(escalate) {low} at resolve {resolveTenths / 10.0} but {high} at {(resolveTenths + extraTenths) / 10.0}");
        });

    // ---- no nuclear states, no nuclear outcome -------------------------------------------------------------------

    [Property(MaxTest = 10)]
    public Property Escalation_WithNoNuclearStates_NoNuclearOutcomeOccurs() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (seed, resolveTenths) =>
        {
            var (world, model) = Fx.Miniature(nuclear: false);
            var hawk = model with
            {
                Actors = model.Actors.Select(a => a with { Parameters = new Dictionary<string, Estimate>(a.Parameters) { ["resolve"] = Fx.P(resolveTenths / 4.0), ["lambda"] = Fx.P(2) } }).ToList(),
                Globals = new Dictionary<string, Estimate> { ["accident"] = Fx.P(0.3) },
            };
            var m = CompiledModel.Compile(world, hawk);
            var s = new RunState(m);
            var worst = 0;
            for (var run = 0; run < 50; run++)
            {
                Ensemble.Prepare(s, (ulong)seed, run, 1);
                for (var k = 0; k < m.Steps; k++) Simulator.Step(s);
                foreach (var l in s.MaxReached) worst = Math.Max(worst, l);
            }
            return (worst < m.Ladder.NuclearSignalLevel).Label($"a world without nuclear states reached level {worst}");
        });

    [Fact]
    public void Escalation_NuclearWorld_CanReachNuclearLevels()
    {
        // the converse, so that the law above cannot pass by never escalating at all
        var (world, model) = Fx.Miniature(nuclear: true);
        var hawk = model with
        {
            Actors = model.Actors.Select(a => a with { Parameters = new Dictionary<string, Estimate>(a.Parameters) { ["resolve"] = Fx.P(4), ["lambda"] = Fx.P(2) } }).ToList(),
        };
        var m = CompiledModel.Compile(world, hawk);
        Assert.True(Fx.Share(m, 300, 3, s => s.MaxReached.Max() >= m.Ladder.NuclearSignalLevel) > 0);
    }

    // ---- removing every treaty removes every entry by an ally -----------------------------------------------------

    [Fact]
    public void Escalation_RemovingEveryTreaty_RemovesEveryEntryByAnAlly()
    {
        var (world, model) = Fx.Miniature();
        var with = CompiledModel.Compile(world, model);
        var entries = Fx.Share(with, 2000, 5, s => s.ObligationHonoured.Any(x => x));
        Assert.True(entries > 0.01, $"the fixture should produce entries by allies; got {entries}");

        var bare = world;
        foreach (var t in world.Treaties) bare = bare.WithoutTreaty(t.Id);
        var without = CompiledModel.Compile(bare, model);
        Assert.Empty(without.Obligations);
        Assert.Empty(without.LinkIdList); // the link rests on a treaty
        Assert.Equal(0, Fx.Share(without, 2000, 5, s => s.ObligationHonoured.Any(x => x) || s.ObligationTriggered.Any(x => x)));
    }

    // ---- the anticipated reply, derived by hand ----------------------------------------------------------------

    // The condensed ladder's cost and gain columns (ladder.json), entered by hand.
    private static readonly double[] C = [0, .05, .12, .25, .5, 1.0, 1.4, 3, 6, 12];
    private static readonly double[] G = [0, .15, .3, .45, .6, .8, .9, 1.0, 1.05, 1.1];

    /// <summary>
    /// One step of a two-actor game derived by hand from docs/model.md §3: both start with posture 2 (the threshold
    /// 1|2 crossed, 4|5 not), both non-nuclear (cap 5), no trade, channel or accidents. The challenger C picks y from
    /// {1..4}; it anticipates the defender's best reply z to the postures (C at y, D at 2), which maximises
    /// rD·(1 − π)·g(z) − c(max(z, y)) − path(2 → z); C's value is rC·π·g(y) − path(2 → y) − c(max(y, z)). Path: move cost μ
    /// per level; up, the premium of 4|5 (τ) when crossed; down, the stickiness σ for recrossing 1|2 and the audience
    /// cost α·from/9. Myopic: C alone, with the defender holding.
    /// </summary>
    private static (int Anticipating, int Myopic) HandDerived(double rC, double rD, double piC, double aud, double tau, double sigma, double mu)
    {
        double Path(int from, int to)
        {
            if (to == from) return 0;
            var move = mu * Math.Abs(to - from);
            if (to > from) return move + (from < 5 && to >= 5 ? tau : 0);
            return move + (from >= 2 && to < 2 ? sigma : 0) + aud * from / 9.0;
        }
        int Reply(int y)
        {
            int best = 0; var bestU = double.NegativeInfinity;
            for (var z = 1; z <= 4; z++)
            {
                var u = rD * (1 - piC) * G[z] - C[Math.Max(z, y)] - Path(2, z);
                if (u > bestU + 1e-12) { bestU = u; best = z; }
            }
            return best;
        }
        int ant = 0, my = 0; double bestA = double.NegativeInfinity, bestM = double.NegativeInfinity;
        for (var y = 1; y <= 4; y++)
        {
            var own = rC * piC * G[y] - Path(2, y);
            var va = own - C[Math.Max(y, Reply(y))];
            var vm = own - C[Math.Max(y, 2)];
            if (va > bestA + 1e-12) { bestA = va; ant = y - 2; }
            if (vm > bestM + 1e-12) { bestM = vm; my = y - 2; }
        }
        return (ant, my);
    }

    private static int EngineChoice(double rC, double rD, double piC, double aud, double tau, double sigma, double mu)
    {
        var world = Fx.World([Fx.State("CHL", false, 100 * piC), Fx.State("DEF", false, 100 * (1 - piC))], [Fx.Theater("arena", "DEF")]);
        var model = Fx.Model(
            [
                Fx.Actor("CHL", new Dictionary<string, double> { ["resolve"] = rC, ["lambda"] = 1000, ["audience_cost"] = aud }),
                Fx.Actor("DEF", new Dictionary<string, double> { ["resolve"] = rD, ["lambda"] = 1000, ["audience_cost"] = aud }),
            ],
            [Fx.Arena("arena", 2, ["DEF"], ["CHL"], new Dictionary<string, double> { ["CHL"] = 1, ["DEF"] = 1 })],
            new Dictionary<string, double> { ["accident"] = 0, ["stickiness"] = sigma, ["security_dilemma"] = 0, ["move_cost"] = mu, ["loss_of_control"] = 0, ["settlement_rate"] = 0 }, steps: 1);
        var m = CompiledModel.Compile(world, model).WithOverrides([new("threshold.nuclear-war-unthinkable.premium", Fx.P(tau))]);
        var (_, seen) = Fx.Replay(m, 7, 0, 1);
        return seen.OfType<DecisionTrace>().First(d => d.Actor == "CHL").Chosen;
    }

    [Theory]
    [InlineData(3, 4, 0.3, 0.3, 0, 0.3, 0)]
    [InlineData(2, 1, 0.5, 0.3, 0.3, 0.3, 0.05)]
    [InlineData(1, 3, 0.2, 0.3, 0.5, 0.3, 0.05)]
    [InlineData(0.5, 0.5, 0.5, 0.3, 0.5, 0.3, 0.05)]
    [InlineData(4, 0.2, 0.8, 1.0, 0.5, 0.3, 0.05)]
    [InlineData(0.3, 0.3, 0.5, 0.1, 0.5, 0.0, 0.0)]
    public void Escalation_LargeLambda_ChoiceIsTheHandDerivedBestReplyToTheAnticipatedReply(double rC, double rD, double piC, double aud, double tau, double sigma, double mu)
    {
        var (anticipating, _) = HandDerived(rC, rD, piC, aud, tau, sigma, mu);
        Assert.Equal(anticipating, EngineChoice(rC, rD, piC, aud, tau, sigma, mu));
    }

    [Fact]
    public void Escalation_HandDerivedCases_AreNotAllAlike()
    {
        // the first case worked out in the comment above: the defender (2.8·g) answers any posture with 4, so the
        // challenger pays c(4) = 0.5 whatever it does and takes the highest gain, 0.9·0.6 = 0.54 at 4 (raise two);
        // looking only at itself it would stop at 3 (0.405 − 0.25 = 0.155 against 0.15 for holding).
        Assert.Equal((2, 1), HandDerived(3, 4, 0.3, 0.3, 0, 0.3, 0));
        // the other cases, checked with a separate Python transcription of the same rules: hold, raise two, lower one
        Assert.Equal((0, 0), HandDerived(2, 1, 0.5, 0.3, 0.3, 0.3, 0.05));
        Assert.Equal((2, 2), HandDerived(4, 0.2, 0.8, 1.0, 0.5, 0.3, 0.05));
        Assert.Equal((-1, 0), HandDerived(0.3, 0.3, 0.5, 0.1, 0.5, 0.0, 0.0));
    }

    // ---- replays explain themselves -----------------------------------------------------------------------------

    [Fact]
    public void Escalation_Replay_PrintedUtilitiesReproduceEveryChoice()
    {
        var m = Compile(Fx.Miniature());
        var (_, seen) = Fx.Replay(m, 42, 3, 1);
        var decisions = seen.OfType<DecisionTrace>().ToList();
        Assert.True(decisions.Count > 50);
        foreach (var d in decisions)
        {
            var available = d.Options.Select(o => !double.IsNegativeInfinity(o.Utility)).ToArray();
            var max = d.Options.Where(o => !double.IsNegativeInfinity(o.Utility)).Max(o => o.Utility);
            var z = d.Options.Where(o => !double.IsNegativeInfinity(o.Utility)).Sum(o => Math.Exp(d.Lambda * (o.Utility - max)));
            var probs = d.Options.Select(o => double.IsNegativeInfinity(o.Utility) ? 0 : Math.Exp(d.Lambda * (o.Utility - max)) / z).ToArray();
            for (var k = 0; k < probs.Length; k++) Assert.Equal(probs[k], d.Options[k].Probability, 12);
            double c = 0; var chosen = d.Options.Last(o => !double.IsNegativeInfinity(o.Utility)).Delta;
            for (var k = 0; k < probs.Length; k++)
            {
                if (!available[k]) continue;
                c += probs[k];
                if (d.Draw < c) { chosen = d.Options[k].Delta; break; }
            }
            Assert.Equal(chosen, d.Chosen);
            Assert.Equal(d.PostureBefore + d.Chosen + (d.Accident ? 1 : 0), d.PostureAfter);
        }
    }

    // ---- determinism --------------------------------------------------------------------------------------------

    [Fact]
    public void Escalation_Ensemble_IsIdenticalForOneAndTwoThreads()
    {
        var m = Compile(Fx.Miniature());
        var arm = new Arm("baseline", m, [new OutcomeDefinition("war", "war", s => s.MaxReached.Max() >= 5)]);
        var one = Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(777, 9, 3, 1), record: true)[0][0];
        var two = Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(777, 9, 3, 2), record: true)[0][0];
        Assert.Equal(one.Metrics["war"].Hits, two.Metrics["war"].Hits);
        Assert.Equal(one.Statistics!.LevelCounts, two.Statistics!.LevelCounts);
        Assert.Equal(one.Statistics.ShareHist, two.Statistics.ShareHist);
        Assert.Equal(JsonSerializer.Serialize(one.Statistics.ShareSums), JsonSerializer.Serialize(two.Statistics.ShareSums));
    }

    [Fact]
    public void Escalation_SameSeed_SameRun_DifferentSeed_DifferentRun()
    {
        var m = Compile(Fx.Miniature());
        string Levels(ulong seed) =>
            string.Join(",", Fx.Replay(m, seed, 0, 1).Seen.OfType<StateObserved>().SelectMany(o => o.Levels));
        Assert.Equal(Levels(1), Levels(1));
        Assert.NotEqual(Levels(1), Levels(2));
    }
}
