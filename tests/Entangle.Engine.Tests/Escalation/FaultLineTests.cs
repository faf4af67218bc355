using Entangle.Application.Escalation;
using Entangle.Domain.Escalation;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// The fault line (docs/model.md §13) on a world whose answer is known in closed form (Fixtures/faultline.yaml): the
/// limiter CCC never becomes a principal, so the restraint r always applies and the flow f-aid (hazard h = 0.2) acts at
/// least once in 24 months with probability 1 − (1 − h(1 − r))^24. The patron's honouring of its obligation is scaled
/// the same way, so with r = 1 it never enters, and every entry it makes is a crossing of the line.
/// </summary>
public sealed class FaultLineTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "faultline.yaml");
    private const int Runs = 4000;

    private static ArmResult Run(double restraint)
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest()).WithOverrides([new("fault_line.fl.restraint", Estimate.Judged(restraint, "test"))]);
        var outcomes = Metrics.For(m).ToList();
        var arm = new Arm("t", m, outcomes);
        return Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(Runs, 3, 10, 2))[0][0];
    }

    private static double P(ArmResult r, string metric) => (double)r.Metrics[metric].TotalHits / r.Metrics[metric].TotalTrials;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Flow_ActsWithItsHazardScaledByOneMinusTheRestraint(double r)
    {
        var exact = 1 - Math.Pow(1 - 0.2 * (1 - r), 24); // 0.99528, 0.92023, 0
        var hits = Run(r).Metrics["flow.f-aid"];
        var (lo, hi) = Wilson.Interval(hits.TotalHits, hits.TotalTrials, 3.29); // 99.9%: the runs are independent draws of the flow's stream
        Assert.InRange(exact, lo, hi);
        if (r == 1) Assert.Equal(0, hits.TotalHits);
    }

    [Fact]
    public void Obligation_TheRestraintHoldsBackEntries_AndEveryEntryAloneIsACrossing()
    {
        var free = Run(0);
        var held = Run(1);
        // triggers happen in this world (else the test could not fail)
        Assert.True(P(free, "obligation_triggered.t-pact") > 0.05, $"triggered {P(free, "obligation_triggered.t-pact")}");
        Assert.True(P(free, "ally_entry.t-pact") > 0.02, $"entries {P(free, "ally_entry.t-pact")}");
        // CCC never joins BBB's side, so each entry by DDD is unilateral: the crossing metric equals the entry metric run by run
        Assert.Equal(free.Metrics["ally_entry.t-pact"].Hits, free.Metrics["fault_line_crossed.fl"].Hits);
        // a full restraint: no entry, no crossing, though the obligation is still triggered
        Assert.Equal(0, held.Metrics["ally_entry.t-pact"].TotalHits);
        Assert.Equal(0, held.Metrics["fault_line_crossed.fl"].TotalHits);
        Assert.True(P(held, "obligation_triggered.t-pact") > 0.05);
    }

    [Fact]
    public void Map_TheRestraintEntersTheFlowAndTheObligations_AndTheTreatyReachesTheCrossing()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        var map = MechanismMap.Build(m, Metrics.For(m));
        var paths = map.Paths("treaty:t-pact", "metric:fault_line_crossed.fl", slack: 0);
        Assert.Equal(["treaty:t-pact → obligations:t-pact@east → metric:fault_line_crossed.fl"], paths.Select(p => p.ToString()));
        Assert.Contains("fault_line.fl.restraint", map.ParametersOn(paths));
        Assert.Contains(map.Edges, e => e.From == "faultline:fl" && e.To == "flow:f-aid");
        Assert.Contains(map.Edges, e => e.From == "faultline:fl" && e.To == "obligations:t-pact@east");
    }
}
