using Entangle.Engine.Randomness;

namespace Entangle.Engine.Analysis;

/// <summary>One parameter's Sobol indices with bootstrap 95% intervals.</summary>
/// <param name="First">First-order index S_i: the share of output variance due to the parameter alone.</param>
/// <param name="Total">Total index S_Ti: the share due to it alone and in every interaction.</param>
public sealed record SobolIndex(int Parameter, double First, double FirstLo, double FirstHi, double Total, double TotalLo, double TotalHi);

/// <summary>
/// A Saltelli design: base matrices A and B (N × k, uniform on the unit hypercube) and, for each parameter i, the
/// matrix A_B^(i) (A with column i taken from B). <see cref="Points"/> lists A, then B, then A_B^(1) … A_B^(k):
/// N(k + 2) points.
/// </summary>
public sealed record SaltelliDesign(int Parameters, int N, double[][] Points);

/// <summary>
/// Variance-based sensitivity indices by Saltelli sampling. First-order: S_i = (1/N) Σ f(B)_j (f(A_B^(i))_j − f(A)_j) / V
/// (Saltelli et al., "Variance based sensitivity analysis of model output. Design and estimator for the total
/// sensitivity index", Computer Physics Communications 181, 2010, Table 2 (b)); total: S_Ti = (1/2N) Σ (f(A)_j −
/// f(A_B^(i))_j)² / V (Jansen, "Analysis of variance designs for model output", Computer Physics Communications
/// 117, 1999; Saltelli 2010 Table 2 (f)); V is the variance of f over A and B together. Intervals by resampling
/// the N rows (percentile bootstrap).
/// </summary>
public static class Sobol
{
    /// <summary>Builds the N(k + 2) points from <paramref name="rng"/>.</summary>
    public static SaltelliDesign Design(int k, int n, RandomStream rng)
    {
        if (k < 1 || n < 2) throw new ArgumentException("Sobol needs at least one parameter and two base rows");
        var a = new double[n][];
        var b = new double[n][];
        for (var j = 0; j < n; j++)
        {
            a[j] = new double[k];
            b[j] = new double[k];
            for (var i = 0; i < k; i++) a[j][i] = rng.NextDouble();
            for (var i = 0; i < k; i++) b[j][i] = rng.NextDouble();
        }
        var points = new double[n * (k + 2)][];
        for (var j = 0; j < n; j++) { points[j] = a[j]; points[n + j] = b[j]; }
        for (var i = 0; i < k; i++)
            for (var j = 0; j < n; j++)
            {
                var ab = (double[])a[j].Clone();
                ab[i] = b[j][i];
                points[(2 + i) * n + j] = ab;
            }
        return new SaltelliDesign(k, n, points);
    }

    /// <summary>The indices from the outputs at the design's points.</summary>
    public static IReadOnlyList<SobolIndex> Analyse(SaltelliDesign design, IReadOnlyList<double> y, RandomStream rng, int bootstrap = 200)
    {
        int k = design.Parameters, n = design.N;
        if (y.Count != design.Points.Length) throw new ArgumentException("one output per design point is needed");
        var rows = Enumerable.Range(0, n).ToArray();
        var point = Indices(y, k, n, rows);
        var firsts = new double[k][];
        var totals = new double[k][];
        for (var i = 0; i < k; i++) { firsts[i] = new double[bootstrap]; totals[i] = new double[bootstrap]; }
        var sample = new int[n];
        for (var b = 0; b < bootstrap; b++)
        {
            for (var j = 0; j < n; j++) sample[j] = rng.NextInt(n);
            var est = Indices(y, k, n, sample);
            for (var i = 0; i < k; i++) { firsts[i][b] = est[i].First; totals[i][b] = est[i].Total; }
        }
        var result = new List<SobolIndex>(k);
        for (var i = 0; i < k; i++)
        {
            Array.Sort(firsts[i]); Array.Sort(totals[i]);
            result.Add(new SobolIndex(i, point[i].First, Pct(firsts[i], 0.025), Pct(firsts[i], 0.975),
                point[i].Total, Pct(totals[i], 0.025), Pct(totals[i], 0.975)));
        }
        return result;
    }

    private static (double First, double Total)[] Indices(IReadOnlyList<double> y, int k, int n, int[] rows)
    {
        double mean = 0;
        foreach (var j in rows) mean += y[j] + y[n + j];
        mean /= 2 * rows.Length;
        double v = 0;
        foreach (var j in rows) { var a = y[j] - mean; var b = y[n + j] - mean; v += a * a + b * b; }
        v /= 2 * rows.Length - 1;
        var result = new (double, double)[k];
        for (var i = 0; i < k; i++)
        {
            double s = 0, st = 0;
            foreach (var j in rows)
            {
                double fa = y[j], fb = y[n + j], fab = y[(2 + i) * n + j];
                s += fb * (fab - fa);
                st += (fa - fab) * (fa - fab);
            }
            s /= rows.Length;
            st /= 2.0 * rows.Length;
            result[i] = v > 0 ? (s / v, st / v) : (0, 0);
        }
        return result;
    }

    private static double Pct(double[] sorted, double q)
    {
        var x = q * (sorted.Length - 1);
        var i = (int)Math.Floor(x);
        return i + 1 < sorted.Length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
