using Entangle.Engine.Randomness;

namespace Entangle.Application.Backtest;

/// <summary>A score with its bootstrap 95% interval (percentile method over resampled crises).</summary>
public sealed record Interval(double Value, double Lo, double Hi);

/// <summary>One bin of a reliability diagram: forecasts in [From, To), their mean and the observed frequency.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanForecast, double ObservedFrequency);

/// <summary>Brier score, Brier skill score against a reference, bootstrap intervals and reliability bins.</summary>
public static class Scoring
{
    /// <summary>Bootstrap resamples (a precision setting of the interval, not a model number).</summary>
    public const int BootstrapResamples = 2000;

    public static double Brier(IReadOnlyList<double> p, IReadOnlyList<double> y)
    {
        if (p.Count != y.Count || p.Count == 0) throw new ArgumentException("forecasts and outcomes must be non-empty and of equal length");
        double s = 0;
        for (var i = 0; i < p.Count; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return s / p.Count;
    }

    /// <summary>1 − BS(p) / BS(reference); NaN when the reference is perfect.</summary>
    public static double Skill(IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<double> y)
    {
        var r = Brier(reference, y);
        return r == 0 ? double.NaN : 1 - Brier(p, y) / r;
    }

    /// <summary>
    /// The Brier score and the skill against <paramref name="reference"/>, each with a percentile bootstrap 95% interval:
    /// crises are resampled with replacement (the same resample for both forecasts), from a stream seeded by
    /// <paramref name="seed"/>; resamples where the reference is perfect are dropped.
    /// </summary>
    public static (Interval Brier, Interval Skill) Bootstrap(IReadOnlyList<double> p, IReadOnlyList<double> reference, IReadOnlyList<double> y, ulong seed,
        int resamples = BootstrapResamples)
    {
        var n = y.Count;
        var rng = new RandomStream(Seed.Derive(seed, "bootstrap"));
        var bs = new List<double>(resamples); var ss = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            double sp = 0, sr = 0;
            for (var k = 0; k < n; k++)
            {
                var i = (int)(rng.NextDouble() * n);
                if (i == n) i = n - 1;
                sp += (p[i] - y[i]) * (p[i] - y[i]); sr += (reference[i] - y[i]) * (reference[i] - y[i]);
            }
            bs.Add(sp / n);
            if (sr > 0) ss.Add(1 - sp / sr);
        }
        bs.Sort(); ss.Sort();
        return (new Interval(Brier(p, y), Pct(bs, 0.025), Pct(bs, 0.975)),
            new Interval(Skill(p, reference, y), ss.Count > 0 ? Pct(ss, 0.025) : double.NaN, ss.Count > 0 ? Pct(ss, 0.975) : double.NaN));
    }

    /// <summary>
    /// Discrimination: the area under the ROC curve, the chance that a crisis with the event got a higher forecast than
    /// one without (ties count a half; the Mann–Whitney statistic). 0.5 = no discrimination; NaN when only one class occurs.
    /// </summary>
    public static double Auc(IReadOnlyList<double> p, IReadOnlyList<double> y)
    {
        var pos = Enumerable.Range(0, p.Count).Where(i => y[i] == 1).Select(i => p[i]).Order().ToArray();
        var neg = Enumerable.Range(0, p.Count).Where(i => y[i] != 1).Select(i => p[i]).Order().ToArray();
        if (pos.Length == 0 || neg.Length == 0) return double.NaN;
        double wins = 0;
        foreach (var x in pos)
        {
            int below = LowerBound(neg, x), notAbove = LowerBound(neg, Math.BitIncrement(x));
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double)pos.Length * neg.Length);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>The standard deviation of the forecasts across crises: 0 means the same probability for every crisis.</summary>
    public static double Spread(IReadOnlyList<double> p)
    {
        var m = p.Average();
        return Math.Sqrt(p.Sum(x => (x - m) * (x - m)) / p.Count);
    }

    /// <summary>Linear-interpolated quantile of sorted values (type 7).</summary>
    public static double Pct(IReadOnlyList<double> sorted, double q)
    {
        var x = q * (sorted.Count - 1);
        var i = (int)Math.Floor(x);
        return i + 1 < sorted.Count ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /// <summary>Reliability bins of equal width on [0, 1]; empty bins are left out.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> p, IReadOnlyList<double> y, int bins = 10)
    {
        var result = new List<ReliabilityBin>();
        for (var b = 0; b < bins; b++)
        {
            double lo = (double)b / bins, hi = (double)(b + 1) / bins;
            var idx = Enumerable.Range(0, p.Count).Where(i => p[i] >= lo && (p[i] < hi || (b == bins - 1 && p[i] <= 1))).ToList();
            if (idx.Count == 0) continue;
            result.Add(new ReliabilityBin(lo, hi, idx.Count, idx.Average(i => p[i]), idx.Average(i => y[i])));
        }
        return result;
    }
}
