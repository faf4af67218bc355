using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Tests.Analysis;

/// <summary>
/// The paired-difference estimator on a synthetic two-arm Monte Carlo whose true effect is known in closed form.
/// Model: each parameter draw d has θ_d ~ U(0, 1) (epistemic); each of its m runs has u ~ U(0, 1) (aleatory).
/// Baseline: X = 1[u &lt; θ]. Variant: Y = 1[u &lt; 0.8 θ + 0.05]. The true effect is
/// E[X − Y] = E[θ] − (0.8 E[θ] + 0.05) = 0.5 − 0.45 = 0.05. Paired arms share θ_d and u (common random numbers);
/// unpaired arms draw them from independent streams.
/// </summary>
public class PairedDifferenceTests
{
    private const double TrueEffect = 0.05;

    private static (ClusterCounts X, ClusterCounts Y) Simulate(ulong seed, int draws, int reps, bool paired)
    {
        var hx = new double[draws]; var hy = new double[draws];
        var tx = new double[draws]; var ty = new double[draws];
        for (var d = 0; d < draws; d++)
        {
            var px = new RandomStream(Seed.Derive(seed, "params", (ulong)d));
            var py = paired ? new RandomStream(Seed.Derive(seed, "params", (ulong)d)) : new RandomStream(Seed.Derive(seed, "params-variant", (ulong)d));
            double thx = px.NextDouble(), thy = py.NextDouble();
            for (var r = 0; r < reps; r++)
            {
                var run = (ulong)(d * reps + r);
                var ux = new RandomStream(Seed.Derive(seed, "dynamics", run)).NextDouble();
                var uy = paired ? ux : new RandomStream(Seed.Derive(seed, "dynamics-variant", run)).NextDouble();
                if (ux < thx) hx[d]++;
                if (uy < 0.8 * thy + 0.05) hy[d]++;
            }
            tx[d] = reps; ty[d] = reps;
        }
        return (new ClusterCounts(hx, tx), new ClusterCounts(hy, ty));
    }

    [Fact]
    public void Paired_interval_covers_the_true_effect_in_at_least_93_of_100_seeded_repetitions()
    {
        var covered = 0;
        for (var rep = 0; rep < 100; rep++)
        {
            var (x, y) = Simulate(Seed.Derive(2024, "coverage", (ulong)rep), draws: 200, reps: 5, paired: true);
            var r = PairedDifference.Estimate(x, y);
            if (r.Difference.Lo <= TrueEffect && TrueEffect <= r.Difference.Hi) covered++;
        }
        Assert.InRange(covered, 93, 100);
    }

    [Fact]
    public void Pairing_reduces_the_variance_of_the_difference()
    {
        // the estimator's own ratio, on one paired run
        var (x, y) = Simulate(5, 200, 5, paired: true);
        var r = PairedDifference.Estimate(x, y);
        Assert.NotNull(r.VarianceReduction);
        Assert.True(r.VarianceReduction > 3, $"variance reduction {r.VarianceReduction}");

        // and empirically: over 100 repetitions, paired estimates scatter far less than unpaired ones, and the
        // estimator's reported ratio agrees with the empirical ratio within a factor of two
        var paired = new List<double>(); var unpaired = new List<double>(); var reported = new List<double>();
        for (var rep = 0; rep < 100; rep++)
        {
            var s = Seed.Derive(77, "vr", (ulong)rep);
            var (px, py) = Simulate(s, 200, 5, paired: true);
            var pr = PairedDifference.Estimate(px, py);
            paired.Add(pr.Difference.Estimate);
            reported.Add(pr.VarianceReduction ?? double.NaN);
            var (ux, uy) = Simulate(s, 200, 5, paired: false);
            unpaired.Add(PairedDifference.Estimate(ux, uy).Difference.Estimate);
        }
        double Var(List<double> v) { var m = v.Average(); return v.Sum(a => (a - m) * (a - m)) / (v.Count - 1); }
        var empirical = Var(unpaired) / Var(paired);
        Assert.True(empirical > 3, $"empirical variance reduction {empirical}");
        var meanReported = reported.Average();
        Assert.InRange(meanReported, empirical / 2, empirical * 2);
        // both are unbiased for the true effect
        Assert.InRange(paired.Average(), TrueEffect - 0.01, TrueEffect + 0.01);
        Assert.InRange(unpaired.Average(), TrueEffect - 0.01, TrueEffect + 0.01);
    }

    [Fact]
    public void Ratio_estimator_for_conditional_outcomes_covers_its_truth()
    {
        // conditional outcome: among runs with u < θ (condition), the share with u < θ/2 — exactly 1/2 in each
        // arm, so the true difference is 0; with the variant's condition u < 0.5θ and hit u < 0.4θ it is 0.8,
        // true difference 0.5 − 0.8 = −0.3.
        var covered = 0;
        for (var rep = 0; rep < 100; rep++)
        {
            var seed = Seed.Derive(99, "ratio", (ulong)rep);
            int draws = 200, reps = 5;
            double[] hx = new double[draws], tx = new double[draws], hy = new double[draws], ty = new double[draws];
            for (var d = 0; d < draws; d++)
            {
                var th = new RandomStream(Seed.Derive(seed, "p", (ulong)d)).NextDouble();
                for (var r = 0; r < reps; r++)
                {
                    var u = new RandomStream(Seed.Derive(seed, "u", (ulong)(d * reps + r))).NextDouble();
                    if (u < th) { tx[d]++; if (u < th / 2) hx[d]++; }
                    if (u < 0.5 * th) { ty[d]++; if (u < 0.4 * th) hy[d]++; }
                }
            }
            var res = PairedDifference.Estimate(new ClusterCounts(hx, tx), new ClusterCounts(hy, ty));
            if (res.Difference.Lo <= -0.3 && -0.3 <= res.Difference.Hi) covered++;
        }
        Assert.InRange(covered, 90, 100);
    }

    [Fact]
    public void Quantiles_match_tables()
    {
        Assert.Equal(1.959964, Normal.Quantile(0.975), 6);
        Assert.Equal(2.262157, StudentT.Quantile(0.975, 9), 6);   // t table, 9 df
        Assert.Equal(1.984217, StudentT.Quantile(0.975, 99), 6);  // t table, 99 df
    }

    [Fact]
    public void Identical_arms_give_a_zero_difference_and_no_variance_ratio()
    {
        var x = new ClusterCounts([1, 2, 3, 0], [5, 5, 5, 5]);
        var r = PairedDifference.Estimate(x, x);
        Assert.Equal(0, r.Difference.Estimate);
        Assert.Equal(0, r.Difference.Lo);
        Assert.Null(r.VarianceReduction);
        Assert.Equal(0.3, r.With.Estimate, 12);
    }

    [Fact]
    public void Proportion_interval_stays_in_the_unit_interval_with_no_hits()
    {
        var x = new ClusterCounts(new double[50], Enumerable.Repeat(10.0, 50).ToArray());
        var p = PairedDifference.Proportion(x);
        Assert.Equal(0, p.Estimate);
        Assert.Equal(0, p.Lo);
        // Wilson with n = 500 and no hits: upper end z²/(n + z²) = 3.8415/503.84
        Assert.Equal(3.841459 / 503.841459, p.Hi, 6);
    }

    [Theory]
    [InlineData(ClaimDirection.HigherWith, 0.05, 0.02, 0.08, Verdict.Supported)]
    [InlineData(ClaimDirection.HigherWith, 0.01, -0.01, 0.03, Verdict.Inconclusive)]   // interval includes 0
    [InlineData(ClaimDirection.HigherWith, 0.005, -0.001, 0.009, Verdict.Contradicted)] // effect ≥ 0.01 ruled out
    [InlineData(ClaimDirection.HigherWith, -0.05, -0.08, -0.02, Verdict.Contradicted)]  // opposite direction
    [InlineData(ClaimDirection.LowerWith, -0.05, -0.08, -0.02, Verdict.Supported)]
    [InlineData(ClaimDirection.LowerWith, 0.05, 0.02, 0.08, Verdict.Contradicted)]
    [InlineData(ClaimDirection.HigherWith, 0.008, 0.004, 0.012, Verdict.Inconclusive)]  // real but maybe too small
    public void Comparison_verdicts(ClaimDirection dir, double est, double lo, double hi, Verdict expected) =>
        Assert.Equal(expected, Verdicts.Compare(dir, 0.01, new IntervalEstimate(est, lo, hi, 0)));

    [Theory]
    [InlineData(ClaimDirection.Below, 0.02, 0.01, 0.04, Verdict.Supported)]
    [InlineData(ClaimDirection.Below, 0.05, 0.03, 0.07, Verdict.Inconclusive)]
    [InlineData(ClaimDirection.Below, 0.09, 0.06, 0.12, Verdict.Contradicted)]
    [InlineData(ClaimDirection.Above, 0.09, 0.06, 0.12, Verdict.Supported)]
    public void Level_verdicts(ClaimDirection dir, double est, double lo, double hi, Verdict expected) =>
        Assert.Equal(expected, Verdicts.Level(dir, 0.05, new IntervalEstimate(est, lo, hi, 0)));

    [Fact]
    public void Scan_crossing_is_interpolated_between_grid_points()
    {
        Assert.Equal(0.25, OneAtATime.Crossing([0, 0.5, 1], [-1, 1, 3], 0)!.Value, 12);
        Assert.Null(OneAtATime.Crossing([0, 0.5, 1], [1, 2, 3], 0));
        // two crossings: the one nearest the base value is chosen
        Assert.Equal(0.875, OneAtATime.Crossing([0, 0.25, 0.5, 0.75, 1], [-1, 1, 1, 1, -1], 0, near: 0.9)!.Value, 12);
    }
}
