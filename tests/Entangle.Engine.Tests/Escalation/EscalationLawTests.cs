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
            Simulator.Reset(s, new RandomStream((ulong)seed));
            var rng = new RandomStream((ulong)seed + 1);
            for (var k = 0; k < seed % 5; k++) Simulator.Step(s, rng);
            var t = m.TheaterIndex("east");
            s.Level[t] = Math.Min(level, m.MaxLevel[t]);
            var a = m.ActorIndex(new StateId("DDD"));
            var slot = m.A(a, ActorParam.Resolve);
            double Escalate(double resolve)
            {
                s.P[slot] = resolve;
                Span<double> eu = stackalloc double[Simulator.ActionCount], p = stackalloc double[Simulator.ActionCount];
                Span<bool> av = stackalloc bool[Simulator.ActionCount];
                Simulator.Utilities(s, a, t, Simulator.Responder(s, a, t), eu, av);
                Simulator.Logit(eu, av, s.Actor(a, ActorParam.Lambda), p);
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
                Simulator.Run(s, (ulong)seed, run, 1);
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

    // ---- subgame-perfect choice in a two-actor deterrence game -----------------------------------------------------

    // The condensed ladder's cost and gain columns (ladder.json), entered by hand.
    private static readonly double[] C = [0, .05, .12, .25, .5, 1.0, 1.4, 3, 6, 12];
    private static readonly double[] G = [0, .15, .3, .45, .6, .8, .9, 1.0, 1.05, 1.1];

    /// <summary>
    /// Backward induction by hand for one step of the game: the challenger (side B, moves first) picks a delta from
    /// level 2; the defender answers myopically. Both non-nuclear (cap 5), no trade, no channel, no accidents; the
    /// threshold 1|2 is crossed at the start, 4|5 is not. U(x) = s·r·π·g(x) − k·c(x) − path.
    /// </summary>
    private static (int Spe, int Myopic) HandDerived(double rC, double rD, double piC, double aud, double tau, double sigma)
    {
        bool Threshold(int l) => l == 2 || l == 5; // a threshold lies just below levels 2 and 5
        double Path(int from, int to, double audience, bool fiveCrossed)
        {
            if (to > from) { var fresh = 0; for (var l = from + 1; l <= to; l++) if (Threshold(l) && !(l == 2 || (l == 5 && fiveCrossed))) fresh++; return tau * fresh; }
            if (to < from) { var back = 0; for (var l = to + 1; l <= from; l++) if (Threshold(l) && (l == 2 || (l == 5 && fiveCrossed))) back++; return sigma * back + audience * from / 9.0; }
            return 0;
        }
        int DefenderReply(int r)
        {
            var best = 0; var bestU = double.NegativeInfinity;
            foreach (var b in new[] { -1, 0, 1, 2 })
            {
                var x = r + b;
                if (x < 0 || x > 5) continue;
                var u = rD * (1 - piC) * G[x] - C[x] - Path(r, x, aud, r >= 5);
                if (u > bestU + 1e-12) { bestU = u; best = b; }
            }
            return best;
        }
        int spe = 0, myopic = 0; double bestSpe = double.NegativeInfinity, bestMy = double.NegativeInfinity;
        foreach (var a in new[] { -1, 0, 1, 2 })
        {
            var r = 2 + a;
            var own = rC * piC * G[r] - Path(2, r, aud, false);
            var withReply = own - C[r + DefenderReply(r)];
            var alone = own - C[r];
            if (withReply > bestSpe + 1e-12) { bestSpe = withReply; spe = a; }
            if (alone > bestMy + 1e-12) { bestMy = alone; myopic = a; }
        }
        return (spe, myopic);
    }

    private static int EngineChoice(double rC, double rD, double piC, double aud, double tau, double sigma)
    {
        var world = Fx.World([Fx.State("CHL", false, 100 * piC), Fx.State("DEF", false, 100 * (1 - piC))], [Fx.Theater("arena", "DEF")]);
        var model = Fx.Model(
            [
                Fx.Actor("CHL", new Dictionary<string, double> { ["resolve"] = rC, ["lambda"] = 1000, ["audience_cost"] = aud }),
                Fx.Actor("DEF", new Dictionary<string, double> { ["resolve"] = rD, ["lambda"] = 1000, ["audience_cost"] = aud }),
            ],
            [Fx.Arena("arena", 2, ["DEF"], ["CHL"], new Dictionary<string, double> { ["CHL"] = 1, ["DEF"] = 1 })],
            new Dictionary<string, double> { ["accident"] = 0, ["threshold_premium"] = tau, ["stickiness"] = sigma, ["security_dilemma"] = 0 }, steps: 1);
        var m = CompiledModel.Compile(world, model);
        var s = new RunState(m) { Trace = [] };
        Simulator.Reset(s, null);
        Simulator.Step(s, new RandomStream(7));
        return s.Trace.First(e => e.Decision?.Actor == "CHL").Decision!.Chosen;
    }

    [Fact]
    public void Escalation_ZeroNoiseLargeLambda_DeterrenceGame_GivesTheSubgamePerfectChoice()
    {
        // Deterrence holds: the challenger (resolve 3, π = 0.3) would escalate to 3 if it looked only at itself
        // (0.9·0.45 − 0.25 = 0.155 against 0.9·0.3 − 0.12 = 0.15 for holding), but the defender (resolve 4, π = 0.7)
        // answers any level with +2 up to war, so the challenger's escalation to 3 ends at 5 and costs 1.0:
        // 0.405 − 1.0 = −0.595, while holding ends at 4 and costs 0.5: 0.27 − 0.5 = −0.23. The SPE is to hold.
        var (spe, myopic) = HandDerived(rC: 3, rD: 4, piC: 0.3, aud: 0.3, tau: 0, sigma: 0.3);
        Assert.Equal((0, 1), (spe, myopic));
        Assert.Equal(spe, EngineChoice(rC: 3, rD: 4, piC: 0.3, aud: 0.3, tau: 0, sigma: 0.3));

        // Compellence works: against a weak-willed defender (resolve 1, π = 0.5) the challenger jumps two levels to
        // 4, because the defender then backs down to 3 (its payoff at 3, 0.5·0.45 − 0.25 − 0.3·4/9 = −0.158, beats
        // 0.5·0.6 − 0.5 = −0.2 at 4): the challenger gains at 4 and pays the cost of 3. Looking only at itself it
        // would stop at 3.
        (spe, myopic) = HandDerived(rC: 2, rD: 1, piC: 0.5, aud: 0.3, tau: 0.3, sigma: 0.3);
        Assert.Equal((2, 1), (spe, myopic));
        Assert.Equal(spe, EngineChoice(rC: 2, rD: 1, piC: 0.5, aud: 0.3, tau: 0.3, sigma: 0.3));
    }

    // ---- replays explain themselves -----------------------------------------------------------------------------

    [Fact]
    public void Escalation_Replay_PrintedUtilitiesReproduceEveryChoice()
    {
        var m = Compile(Fx.Miniature());
        var s = new RunState(m) { Trace = [] };
        Simulator.Run(s, 42, 3, 1);
        var decisions = s.Trace.Where(e => e.Decision is not null).Select(e => e.Decision!).ToList();
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
            Assert.Equal(d.LevelBefore + d.Chosen + (d.Accident ? 1 : 0), d.LevelAfter);
        }
    }

    // ---- determinism --------------------------------------------------------------------------------------------

    [Fact]
    public void Escalation_MonteCarlo_IsIdenticalForOneAndTwoThreads()
    {
        var m = Compile(Fx.Miniature());
        var outcomes = new[] { new OutcomeDefinition("war", "war", s => s.MaxReached.Max() >= 5) };
        var one = MonteCarlo.Run(m, new MonteCarloOptions(777, 9, 3, 1), outcomes);
        var two = MonteCarlo.Run(m, new MonteCarloOptions(777, 9, 3, 2), outcomes);
        Assert.Equal(one.Hits, two.Hits);
        Assert.Equal(one.LevelCounts, two.LevelCounts);
        Assert.Equal(one.DrawHits, two.DrawHits);
        Assert.Equal(one.ShareHist, two.ShareHist);
        Assert.Equal(JsonSerializer.Serialize(one.ShareSums), JsonSerializer.Serialize(two.ShareSums));
    }

    [Fact]
    public void Escalation_SameSeed_SameRun_DifferentSeed_DifferentRun()
    {
        var m = Compile(Fx.Miniature());
        string Levels(ulong seed)
        {
            var s = new RunState(m);
            var (ps, ds) = Simulator.Seeds(seed, 0, 1);
            var rng = new RandomStream(ds);
            Simulator.Reset(s, new RandomStream(ps));
            var trace = new List<int>();
            for (var k = 0; k < m.Steps; k++) { Simulator.Step(s, rng); trace.AddRange(s.Level); }
            return string.Join(",", trace);
        }
        Assert.Equal(Levels(1), Levels(1));
        Assert.NotEqual(Levels(1), Levels(2));
    }
}
