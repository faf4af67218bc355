using Entangle.Application.Escalation;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// Richardson's process (docs/model.md §12) against its closed form. After a one-off build-up c of A, the stocks follow
/// S_A' = (1 − m_A) S_A + r_A S_B and S_B' = (1 − m_B) S_B + r_B (c + S_A); when m_A m_B &gt; r_A r_B they converge to
/// S_B* = r_B c m_A / (m_A m_B − r_A r_B) and S_A* = r_A S_B* / m_A; otherwise they grow without bound.
/// </summary>
public sealed class SpiralTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "spiral.yaml");

    private static (double A, double B) Stocks(double rA, double rB, double mA, double mB, int steps)
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest()).WithOverrides([
            new("actor.AAA.arms_reaction", Estimate.Judged(rA, "test")), new("actor.BBB.arms_reaction", Estimate.Judged(rB, "test")),
            new("actor.AAA.arms_fatigue", Estimate.Judged(mA, "test")), new("actor.BBB.arms_fatigue", Estimate.Judged(mB, "test"))]);
        var s = new RunState(m);
        for (var i = 0; i < s.P.Length; i++) s.P[i] = m.SpecAt(i).Mean;
        Simulator.ResetState(s, 7);
        for (var k = 0; k < steps; k++) Simulator.Step(s);
        return (s.SpiralStock[0], s.SpiralStock[1]);
    }

    [Fact]
    public void Spiral_Stable_ConvergesToTheClosedFormSteadyState()
    {
        double rA = 0.1, rB = 0.1, mA = 0.2, mB = 0.2, c = 10;
        var (a, b) = Stocks(rA, rB, mA, mB, 400);
        var bStar = rB * c * mA / (mA * mB - rA * rB); // 6.666…
        Assert.Equal(bStar, b, 6);
        Assert.Equal(rA * bStar / mA, a, 6);
    }

    [Fact]
    public void Spiral_Unstable_WhenReactionsOutweighFatigue_GrowsWithoutBound()
    {
        var (a, b) = Stocks(0.3, 0.3, 0.2, 0.2, 400); // 0.09 > 0.04
        Assert.True(a > 1e6 && b > 1e6, $"stocks {a}, {b}");
    }
}
