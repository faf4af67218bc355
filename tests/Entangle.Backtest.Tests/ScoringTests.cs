using Entangle.Application.Backtest;

namespace Entangle.Backtest.Tests;

/// <summary>Scoring and reference forecasts on hand-computed cases.</summary>
public sealed class ScoringTests
{
    [Fact]
    public void Brier_and_skill_match_hand_computation()
    {
        double[] p = [0.9, 0.2, 0.6, 0.1], y = [1, 0, 0, 0], clim = [0.25, 0.25, 0.25, 0.25];
        // (0.01 + 0.04 + 0.36 + 0.01) / 4 = 0.105; climatology (0.5625 + 3 × 0.0625) / 4 = 0.1875
        Assert.Equal(0.105, Scoring.Brier(p, y), 12);
        Assert.Equal(0.1875, Scoring.Brier(clim, y), 12);
        Assert.Equal(1 - 0.105 / 0.1875, Scoring.Skill(p, clim, y), 12);
        Assert.True(double.IsNaN(Scoring.Skill(p, [1, 0, 0, 0], y)));
    }

    [Fact]
    public void Bootstrap_interval_is_seeded_and_contains_the_point_value()
    {
        var rnd = new Random(3);
        var y = Enumerable.Range(0, 60).Select(_ => rnd.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
        var p = y.Select(v => v == 1 ? 0.4 + 0.5 * rnd.NextDouble() : 0.4 * rnd.NextDouble()).ToArray(); // continuous, so resamples differ in their statistic
        var clim = y.Select(_ => 0.3).ToArray();
        var (b1, s1) = Scoring.Bootstrap(p, clim, y, 7);
        var (b2, s2) = Scoring.Bootstrap(p, clim, y, 7);
        var (b3, s3) = Scoring.Bootstrap(p, clim, y, 8);
        Assert.Equal((b1, s1), (b2, s2));
        Assert.NotEqual((b1.Lo, b1.Hi, s1.Lo, s1.Hi), (b3.Lo, b3.Hi, s3.Lo, s3.Hi)); // another seed, another resample
        Assert.InRange(s1.Value, s1.Lo, s1.Hi);
        Assert.InRange(b1.Value, b1.Lo, b1.Hi);
    }

    [Fact]
    public void Reliability_bins_group_forecasts_by_tenths()
    {
        var bins = Scoring.Reliability([0.05, 0.07, 0.55, 0.95, 1.0], [0, 1, 1, 1, 0]);
        Assert.Equal([(0.0, 2, 0.06, 0.5), (0.5, 1, 0.55, 1.0), (0.9, 2, 0.975, 0.5)],
            bins.Select(b => (Math.Round(b.From, 6), b.Count, Math.Round(b.MeanForecast, 6), b.ObservedFrequency)));
    }

    [Fact]
    public void Logistic_regression_recovers_the_closed_form_of_a_saturated_binary_design()
    {
        // one binary feature: the MLE gives the cell frequencies exactly, logit(1/4) and logit(3/4) - logit(1/4)
        var x = new List<double[]>(); var y = new List<double>();
        void Add(double f, int ones, int zeros) { for (var i = 0; i < ones; i++) { x.Add([1, f]); y.Add(1); } for (var i = 0; i < zeros; i++) { x.Add([1, f]); y.Add(0); } }
        Add(0, 1, 3); Add(1, 3, 1);
        var w = ReferenceForecasts.FitLogistic(x, y);
        Assert.Equal(Math.Log(1.0 / 3), w[0], 5);
        Assert.Equal(Math.Log(3) - Math.Log(1.0 / 3), w[1], 5);
        Assert.Equal(0.75, ReferenceForecasts.Predict(w, [1, 1]), 5);
    }

    [Fact]
    public void Auc_counts_pairs_ranked_right_and_ties_as_a_half()
    {
        // events at 0.6 and 0.2; non-events at 0.6, 0.1, 0.3. Pairs: 0.6 vs (0.6 tie, 0.1 win, 0.3 win) = 2.5; 0.2 vs (loss, win, loss) = 1
        Assert.Equal(3.5 / 6, Scoring.Auc([0.6, 0.2, 0.6, 0.1, 0.3], [1, 1, 0, 0, 0]), 12);
        Assert.Equal(0.5, Scoring.Auc([0.4, 0.4, 0.4], [1, 0, 0]), 12); // the same forecast for all: no discrimination
        Assert.True(double.IsNaN(Scoring.Auc([0.4, 0.5], [0, 0])));
        Assert.Equal(0.0, Scoring.Spread([0.3, 0.3, 0.3]), 12);
        Assert.Equal(0.1, Scoring.Spread([0.2, 0.4]), 12);
    }

    [Fact]
    public void Monte_carlo_corrected_squared_error_is_unbiased_over_the_binomial()
    {
        // (0.25 - 1)^2 - 0.25 * 0.75 / 3 = 0.5625 - 0.0625
        Assert.Equal(0.5, Application.Calibration.CalibrationService.UnbiasedSquaredError(0.25, 4, 1), 12);
        // its expectation over k ~ Binomial(n, p) is (p - y)^2, summed here from the binomial probabilities
        foreach (var (p, n, y) in new[] { (0.3, 5, 1.0), (0.3, 5, 0.0), (0.82, 16, 1.0), (0.05, 2, 0.0) })
        {
            double e = 0;
            for (var k = 0; k <= n; k++)
            {
                var choose = 1.0;
                for (var j = 1; j <= k; j++) choose = choose * (n - k + j) / j;
                e += choose * Math.Pow(p, k) * Math.Pow(1 - p, n - k) * Application.Calibration.CalibrationService.UnbiasedSquaredError((double)k / n, n, y);
            }
            Assert.Equal((p - y) * (p - y), e, 10);
        }
    }

    [Fact]
    public void Parameter_patterns_match_whole_segments()
    {
        Assert.True(ParameterPoint.Matches("actor.*.lambda", "actor.USA.lambda"));
        Assert.False(ParameterPoint.Matches("actor.*.lambda", "actor.USA.lambda2"));
        Assert.False(ParameterPoint.Matches("actor.*", "actor.USA.lambda"));
        Assert.True(ParameterPoint.Matches("global.accident", "global.accident"));
    }
}
