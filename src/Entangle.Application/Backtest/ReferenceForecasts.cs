namespace Entangle.Application.Backtest;

/// <summary>
/// The simple forecasts the model is set beside, each fitted on the training crises only: climatology (the training
/// base rate), a one-rule forecast (the training frequency within each ICB <c>timvio</c> code), and a logistic
/// regression on trigger-time features fitted by iteratively reweighted least squares.
/// </summary>
public static class ReferenceForecasts
{
    /// <summary>The logistic regression's features, fixed before any validation crisis was looked at by this code.</summary>
    public static readonly IReadOnlyList<string> LogisticFeatures =
        ["timvio=2", "timvio=3", "timvio=4", "violent trigger (break=9)", "protracted (earlier crisis)", "both sides nuclear", "great power principal"];

    public static double[] Features(CrisisCase c)
    {
        var f = c.Features;
        return [1, f.Timvio == 2 ? 1 : 0, f.Timvio == 3 ? 1 : 0, f.Timvio == 4 ? 1 : 0, f.ViolentTrigger ? 1 : 0, f.Protracted ? 1 : 0,
            f.BothSidesNuclear ? 1 : 0, f.GreatPowerPrincipal ? 1 : 0];
    }

    public static double Climatology(IReadOnlyList<double> trainingOutcomes) => trainingOutcomes.Average();

    /// <summary>Leave-one-out climatology: for each crisis, the base rate of the others (for in-sample scoring).</summary>
    public static double[] LeaveOneOut(IReadOnlyList<double> y)
    {
        var s = y.Sum(); var n = y.Count;
        return y.Select(v => (s - v) / (n - 1)).ToArray();
    }

    /// <summary>The training frequency of the target within each <c>timvio</c> code; a code unseen in training gets the base rate.</summary>
    public static Func<CrisisCase, double> OneRule(IReadOnlyList<CrisisCase> training, IReadOnlyList<double> y)
    {
        var base_ = y.Average();
        var table = training.Select((c, i) => (c.Features.Timvio, y[i])).GroupBy(x => x.Timvio).ToDictionary(g => g.Key ?? -1, g => g.Average(x => x.Item2));
        return c => table.TryGetValue(c.Features.Timvio ?? -1, out var v) ? v : base_;
    }

    /// <summary>Logistic regression by IRLS (Newton's method on the log-likelihood) with a tiny ridge for separable designs.</summary>
    public static double[] FitLogistic(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int iterations = 50, double ridge = 1e-6)
    {
        var k = x[0].Length;
        var w = new double[k];
        for (var it = 0; it < iterations; it++)
        {
            var h = new double[k, k]; var g = new double[k];
            for (var i = 0; i < x.Count; i++)
            {
                var p = Sigmoid(Dot(w, x[i])); var v = p * (1 - p);
                for (var a = 0; a < k; a++)
                {
                    g[a] += (y[i] - p) * x[i][a];
                    for (var b = 0; b < k; b++) h[a, b] += v * x[i][a] * x[i][b];
                }
            }
            for (var a = 0; a < k; a++) { h[a, a] += ridge; g[a] -= ridge * w[a]; }
            var d = Solve(h, g);
            var change = 0.0;
            for (var a = 0; a < k; a++) { w[a] += d[a]; change = Math.Max(change, Math.Abs(d[a])); }
            if (change < 1e-10) break;
        }
        return w;
    }

    public static double Predict(double[] w, double[] x) => Sigmoid(Dot(w, x));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Dot(double[] a, double[] b) { double s = 0; for (var i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++) { for (var j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n] = b[i]; }
        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var i = c + 1; i < n; i++) if (Math.Abs(m[i, c]) > Math.Abs(m[p, c])) p = i;
            for (var j = 0; j <= n; j++) (m[c, j], m[p, j]) = (m[p, j], m[c, j]);
            for (var i = 0; i < n; i++)
            {
                if (i == c || m[c, c] == 0) continue;
                var f = m[i, c] / m[c, c];
                for (var j = c; j <= n; j++) m[i, j] -= f * m[c, j];
            }
        }
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = m[i, i] == 0 ? 0 : m[i, n] / m[i, i];
        return x;
    }
}
