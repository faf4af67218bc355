namespace Entangle.Engine.Analysis;

/// <summary>
/// A proportion (or mean) estimated from independent clusters of runs: cluster d contributed <c>Hits[d]</c>
/// successes out of <c>Trials[d]</c> counted runs. For an unconditional outcome every cluster has the same number
/// of trials (the replicates of one parameter draw); for a conditional outcome the trials vary and the estimate is
/// a ratio estimator.
/// </summary>
public sealed record ClusterCounts(double[] Hits, double[] Trials)
{
    /// <summary>Number of clusters.</summary>
    public int Count => Hits.Length;

    /// <summary>Σ hits / Σ trials (0 when nothing was counted).</summary>
    public double Ratio
    {
        get
        {
            double h = 0, t = 0;
            for (var i = 0; i < Hits.Length; i++) { h += Hits[i]; t += Trials[i]; }
            return t > 0 ? h / t : 0;
        }
    }

    /// <summary>Clusters of one observation each (a plain sample).</summary>
    public static ClusterCounts FromSample(IReadOnlyList<double> x)
    {
        var h = x.ToArray();
        var t = new double[h.Length];
        Array.Fill(t, 1.0);
        return new ClusterCounts(h, t);
    }
}

/// <summary>An estimate with its 95% interval and standard error.</summary>
public sealed record IntervalEstimate(double Estimate, double Lo, double Hi, double StdError);

/// <summary>
/// Baseline and variant estimated on the same clusters (common random numbers), and their difference.
/// </summary>
/// <param name="With">The baseline's estimate with its interval.</param>
/// <param name="Without">The variant's (counterfactual's) estimate with its interval.</param>
/// <param name="Difference">With − without, with its paired 95% interval.</param>
/// <param name="VarianceReduction">Var(unpaired difference) / Var(paired difference): how many times more runs
/// independent sampling would need for the same interval; null when the paired variance is zero.</param>
/// <param name="Clusters">Number of paired clusters (parameter draws).</param>
public sealed record PairedResult(IntervalEstimate With, IntervalEstimate Without, IntervalEstimate Difference, double? VarianceReduction, int Clusters);

/// <summary>
/// The paired-difference estimator for common-random-number comparisons. Both arms are ratio estimators
/// p = Σh/Σt over the same clusters; the variance of each and of their difference comes from the linearised
/// (delta-method) cluster residuals z_d = (h_d − p t_d) / t̄ (Cochran 1977, Sampling Techniques, §6.4), so the
/// difference's variance is Var(z¹ − z²)/n and the covariance that common random numbers create is counted
/// (Law 2015, Simulation Modeling and Analysis, §11.2). The interval uses Student's t with n − 1 degrees of freedom.
/// </summary>
public static class PairedDifference
{
    /// <summary>Estimates both arms and their difference. The two arms must have the same number of clusters, pairwise matched.</summary>
    public static PairedResult Estimate(ClusterCounts with, ClusterCounts without, double level = 0.95)
    {
        if (with.Count != without.Count) throw new ArgumentException("both arms need the same clusters");
        var n = with.Count;
        if (n < 2) throw new ArgumentException("at least two clusters are needed");
        var z1 = Residuals(with, out var p1);
        var z2 = Residuals(without, out var p2);
        double v1 = 0, v2 = 0, vd = 0;
        for (var i = 0; i < n; i++)
        {
            v1 += z1[i] * z1[i];
            v2 += z2[i] * z2[i];
            var d = z1[i] - z2[i];
            vd += d * d;
        }
        var scale = 1.0 / (n * (double)(n - 1));
        v1 *= scale; v2 *= scale; vd *= scale;
        var t = StudentT.Quantile(0.5 + level / 2, n - 1);
        IntervalEstimate Make(double est, double v) { var se = Math.Sqrt(v); return new(est, est - t * se, est + t * se, se); }
        double? vr = vd > 1e-300 ? (v1 + v2) / vd : null;
        return new PairedResult(Make(p1, v1), Make(p2, v2), Make(p1 - p2, vd), vr, n);
    }

    /// <summary>The estimate of one arm with its cluster-based t interval.</summary>
    public static IntervalEstimate Single(ClusterCounts x, double level = 0.95)
    {
        var n = x.Count;
        if (n < 2) throw new ArgumentException("at least two clusters are needed");
        var z = Residuals(x, out var p);
        var v = z.Sum(a => a * a) / (n * (double)(n - 1));
        var se = Math.Sqrt(v);
        var t = StudentT.Quantile(0.5 + level / 2, n - 1);
        return new(p, p - t * se, p + t * se, se);
    }

    /// <summary>
    /// A proportion's interval that stays inside [0, 1] and is sensible near 0 and 1: Wilson's score interval
    /// (Wilson 1927) at the cluster design's effective sample size n_eff = p(1 − p)/Var(p̂) (Kish 1965's design
    /// effect). With no hits, n_eff is the number of counted runs.
    /// </summary>
    public static IntervalEstimate Proportion(ClusterCounts x, double level = 0.95)
    {
        var single = Single(x, level);
        var p = single.Estimate;
        var trials = x.Trials.Sum();
        var v = single.StdError * single.StdError;
        var neff = v > 0 && p > 0 && p < 1 ? Math.Min(trials, p * (1 - p) / v) : trials;
        var z = Normal.Quantile(0.5 + level / 2);
        if (neff <= 0) return new(p, 0, 1, single.StdError);
        var z2 = z * z;
        var denom = 1 + z2 / neff;
        var centre = (p + z2 / (2 * neff)) / denom;
        var half = z * Math.Sqrt(p * (1 - p) / neff + z2 / (4 * neff * neff)) / denom;
        return new(p, Math.Max(0, centre - half), Math.Min(1, centre + half), single.StdError);
    }

    private static double[] Residuals(ClusterCounts x, out double p)
    {
        p = x.Ratio;
        var n = x.Count;
        var tbar = x.Trials.Sum() / n;
        var z = new double[n];
        if (tbar <= 0) return z;
        for (var i = 0; i < n; i++) z[i] = (x.Hits[i] - p * x.Trials[i]) / tbar;
        return z;
    }
}
