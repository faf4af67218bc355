using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// The settlement frailty (<c>global.settlement_dispersion</c>) and the per-run freeze patience (a fractional
/// <c>global.freeze_steps</c>), docs/model.md §9: each run draws them per theater at reset.
/// </summary>
public class SettlementFrailtyTests
{
    private static CompiledModel With(double dispersion, double freeze)
    {
        var (world, model) = Fx.Miniature();
        return CompiledModel.Compile(world, model with
        {
            Globals = new Dictionary<string, Estimate>(model.Globals.ToDictionary()) { ["settlement_dispersion"] = Fx.P(dispersion), ["freeze_steps"] = Fx.P(freeze) },
        });
    }

    [Fact]
    public void Frailty_is_lognormal_with_the_given_sd_and_a_fractional_freeze_is_a_per_run_mixture()
    {
        const int runs = 4000;
        const double sigma = 1.5, freeze = 2.3;
        var m = With(sigma, freeze);
        var s = new RunState(m);
        var logs = new List<double>();
        var three = 0;
        for (var run = 0; run < runs; run++)
        {
            Ensemble.Prepare(s, 7, run, 1);
            for (var t = 0; t < m.TheaterCount; t++)
            {
                logs.Add(Math.Log(s.SettleFrailty[t]));
                Assert.InRange(s.FreezeAt[t], 2, 3);
                if (s.FreezeAt[t] == 3) three++;
            }
        }
        var n = logs.Count;
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        // ln frailty ~ N(0, σ²): mean within 4 se (σ/√n), sd within 4 se (≈ σ/√(2n))
        Assert.InRange(mean, -4 * sigma / Math.Sqrt(n), 4 * sigma / Math.Sqrt(n));
        Assert.InRange(sd, sigma - 4 * sigma / Math.Sqrt(2.0 * n), sigma + 4 * sigma / Math.Sqrt(2.0 * n));
        // freeze after 3 still steps with probability 0.3 (the fractional part), else after 2
        var share = (double)three / n;
        var se = Math.Sqrt(0.3 * 0.7 / n);
        Assert.InRange(share, 0.3 - 4 * se, 0.3 + 4 * se);
    }

    [Fact]
    public void Without_dispersion_and_with_a_whole_freeze_nothing_is_drawn_and_every_run_is_alike()
    {
        var m = With(0, 3);
        var s = new RunState(m);
        for (var run = 0; run < 50; run++)
        {
            Ensemble.Prepare(s, 7, run, 1);
            for (var t = 0; t < m.TheaterCount; t++) { Assert.Equal(1.0, s.SettleFrailty[t]); Assert.Equal(3, s.FreezeAt[t]); }
        }
        // the catalog defaults: no frailty, a whole freeze_steps of 6
        var (world, model) = Fx.Miniature();
        var d = new RunState(CompiledModel.Compile(world, model));
        Ensemble.Prepare(d, 7, 0, 1);
        Assert.All(d.SettleFrailty, f => Assert.Equal(1.0, f));
        Assert.All(d.FreezeAt, f => Assert.Equal(6, f));
    }

    [Fact]
    public void Frailty_multiplies_the_settlement_hazard()
    {
        // the same runs (same seed, same streams) with the frailty on end by settlement in the first step more often
        // than without when the median crisis is slow to settle: E[min(1, h·Z)] > h for a small h and a wide Z
        static double SettledAtFirstStep(CompiledModel m)
        {
            var s = new RunState(m);
            var hit = 0; const int runs = 2000;
            for (var run = 0; run < runs; run++)
            {
                Ensemble.Prepare(s, 9, run, 1);
                Simulator.Step(s);
                for (var t = 0; t < m.TheaterCount; t++) if (s.Ended[t] == Termination.Settlement) hit++;
            }
            return (double)hit / runs;
        }
        Assert.True(SettledAtFirstStep(With(3, 6)) > SettledAtFirstStep(With(0, 6)) + 0.05);
    }
}
