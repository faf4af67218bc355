using Entangle.Application.Escalation;
using Entangle.Domain.Escalation;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// The economies (docs/model.md §14) on a world whose answer is known in closed form (Fixtures/economy.yaml): BBB's
/// resources after n steps are R(n) = 1 + 0.25(1.1^n − 1) + 0.05·max(0, n − 2) — the trade channel's starting share
/// 0.25 is 25/(25 + 75) from the two trade relations, the erosion channel moves from step 3 (its event in step 2 plus a
/// delay of 1) and exists only under t-pact — and BBB's ladder costs are scaled by R^(−1).
/// </summary>
public sealed class EconomyTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "economy.yaml");

    private static double Exact(int n, bool treaty) => 1 + 0.25 * (Math.Pow(1.1, n) - 1) + (treaty ? 0.05 * Math.Max(0, n - 2) : 0);

    private static RunState Start(CompiledModel m)
    {
        var s = new RunState(m);
        Ensemble.Draw(m, 1, 0, s.P);
        Simulator.ResetState(s, Simulator.DynamicsSeed(1, 0));
        return s;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resources_FollowTheClosedForm_AndTheCounterfactualDropsTheTreatyChannel(bool withoutTreaty)
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest(WithoutTreaties: withoutTreaty ? ["t-pact"] : null));
        Assert.Equal(withoutTreaty ? ["c-trade"] : ["c-erosion", "c-trade"], m.ChannelIdList);
        Assert.Equal(0.25, m.ChannelOf(m.ChannelIdList.ToList().IndexOf("c-trade")).Share, 15);
        var s = Start(m);
        var b = m.ActorIndex(new("BBB"));
        Assert.Equal(1, s.Resources[0]);
        Assert.Equal(1, s.CostScale[b]);
        for (var n = 1; n <= m.Steps; n++)
        {
            Simulator.Step(s);
            var r = Exact(n, !withoutTreaty);
            Assert.Equal(r, s.Resources[0], 12);
            Assert.Equal(1 / r, s.CostScale[b], 12);
        }
        Assert.Equal(withoutTreaty ? 3.212433 : 4.312433, s.Resources[0], 6); // 1 + 0.25·8.849733 (+ 0.05·22)
    }

    [Fact]
    public void Costs_AreTheActorsLadderCostsTimesRToTheMinusElasticity()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        var s = Start(m);
        for (var n = 0; n < 10; n++) Simulator.Step(s);
        int b = m.ActorIndex(new("BBB")), t = m.TheaterIndex("east");
        Span<double> eu = stackalloc double[Simulator.ActionCount], plain = stackalloc double[Simulator.ActionCount], same = stackalloc double[Simulator.ActionCount];
        Span<bool> av = stackalloc bool[Simulator.ActionCount];
        Simulator.Utilities(s, b, t, eu, av);
        // the same state with costs unscaled: the utilities must differ (else the economy reached nothing)
        var r = s.Resources[0];
        s.CostScale[b] = 1;
        Simulator.Utilities(s, b, t, plain, av);
        // and with the scale folded into the cost sensitivity by hand: k / R^1 (k = 1), the same utilities
        s.P[m.SlotOf["actor.BBB.cost_sensitivity"]] = 1 / r;
        Simulator.Utilities(s, b, t, same, av);
        var differs = false;
        for (var k = 0; k < Simulator.ActionCount; k++)
        {
            if (!av[k]) continue;
            Assert.Equal(eu[k], same[k], 12);
            differs |= Math.Abs(eu[k] - plain[k]) > 1e-6;
        }
        Assert.True(differs, "the cost scale changed no utility");
    }

    [Fact]
    public void Ensemble_WithElasticityZero_IsIdenticalToTheModelWithoutTheEconomy()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest(Overrides: ["economy.BBB.elasticity=0"]));
        var bare = CompiledModel.Compile(m.Scenario, m.Model with { Mechanisms = m.Model.Mechanisms with { Economies = [] } });
        Assert.Empty(bare.ChannelIdList);
        var opts = new EnsembleOptions(400, 3, 10, 2);
        var a = Ensemble.Run([new Arm("a", m, Metrics.For(m).ToList())], [DesignPoint.None], opts)[0][0];
        var z = Ensemble.Run([new Arm("z", bare, Metrics.For(bare).ToList())], [DesignPoint.None], opts)[0][0];
        foreach (var (name, c) in z.Metrics) Assert.Equal(c.Hits, a.Metrics[name].Hits);
        // and with the economy on, something changes (the comparison can fail)
        var on = EscalationService.Load(FixturePath, new EscalationRequest());
        var o = Ensemble.Run([new Arm("o", on, Metrics.For(on).ToList())], [DesignPoint.None], opts)[0][0];
        Assert.Contains(z.Metrics, kv => !kv.Value.Hits.SequenceEqual(o.Metrics[kv.Key].Hits));
    }

    [Fact]
    public void Map_TheTreatyReachesTheLevelThroughTheChannelAndResources_AndNoOtherWay()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        var map = MechanismMap.Build(m, Metrics.For(m));
        // hand-drawn: t-pact → c-erosion → BBB's resources → the level in east (its ladder costs); t-pact has no flow,
        // link or defence clause, so there is no other path
        Assert.Equal(["treaty:t-pact → channel:c-erosion → resources:BBB → level:east"], map.Paths("treaty:t-pact", "level:east", slack: 4).Select(p => p.ToString()));
        Assert.Equal(["relation:trade-ddd-bbb → channel:c-trade → resources:BBB"], map.Paths("relation:trade-ddd-bbb", "resources:BBB", slack: 4).Select(p => p.ToString()));
        Assert.Contains(map.Edges, e => e.From == "event:e-signed" && e.To == "channel:c-erosion");
        var paths = map.Paths("treaty:t-pact", "level:east");
        Assert.Equal(["channel.c-erosion.delay", "channel.c-erosion.inflow", "economy.BBB.elasticity"], map.ParametersOn(paths));
    }

    [Fact]
    public void Replay_ShowsTheResourcesLineWithItsNumbers()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        var lines = EscalationService.Replay(m, 1, 0, 1).Trace.Where(e => e.Kind == "economy").ToList();
        Assert.Equal(m.Steps, lines.Count);
        Assert.Equal("BBB resources R = 4.3124 (1 + Σ channel − start: c-erosion 0.0000 → 1.1000, c-trade 0.2500 → 2.4624); ladder costs × R^−1 = 0.2319", lines[^1].Text);
        Assert.Equal(1, lines[0].Step);
    }

    [Fact]
    public void Compile_RejectsAChannelOnARelationThatDoesNotInvolveTheActor()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        var bad = m.Model with
        {
            Mechanisms = m.Model.Mechanisms with
            {
                Economies = [new Economy(new("AAA"), Estimate.Judged(1, "test"), [new EconomicChannel("x", "trade-ccc-bbb", null, null, Estimate.Judged(0.1, "test"), null, null)])],
            },
        };
        var e = Assert.Throws<Entangle.Domain.InputException>(() => CompiledModel.Compile(m.Scenario, bad));
        Assert.Contains("does not involve AAA", e.Message);
    }
}
