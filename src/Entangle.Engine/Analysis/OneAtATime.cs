namespace Entangle.Engine.Analysis;

/// <summary>
/// A one-at-a-time scan: each parameter in turn is set to evenly spaced points across its range (in the unit
/// interval), every other parameter staying at its base value. Cheap and easy to read; it misses interactions,
/// which is why it is paired with Morris screening.
/// </summary>
public sealed record OatDesign(int Parameters, int Levels, double[] Base, double[][] Points, int[] Parameter, double[] Value)
{
    /// <summary>The design points of parameter <paramref name="i"/>, in increasing value.</summary>
    public IEnumerable<int> PointsOf(int i) => Enumerable.Range(0, Points.Length).Where(p => Parameter[p] == i);
}

/// <summary>Builds and reads one-at-a-time scans.</summary>
public static class OneAtATime
{
    /// <summary>k × levels points: parameter i at 0, 1/(levels − 1), …, 1, the others at <paramref name="baseUnit"/>.</summary>
    public static OatDesign Design(double[] baseUnit, int levels)
    {
        if (levels < 2) throw new ArgumentException("a scan needs at least two levels");
        var k = baseUnit.Length;
        var points = new List<double[]>();
        var par = new List<int>();
        var val = new List<double>();
        for (var i = 0; i < k; i++)
            for (var l = 0; l < levels; l++)
            {
                var x = (double[])baseUnit.Clone();
                x[i] = l / (double)(levels - 1);
                points.Add(x); par.Add(i); val.Add(x[i]);
            }
        return new OatDesign(k, levels, (double[])baseUnit.Clone(), points.ToArray(), par.ToArray(), val.ToArray());
    }

    /// <summary>
    /// Where a scanned quantity crosses <paramref name="threshold"/> between two neighbouring scan points: the
    /// crossing by linear interpolation, in the scan's unit. Null when it never crosses.
    /// </summary>
    public static double? Crossing(IReadOnlyList<double> x, IReadOnlyList<double> y, double threshold, double? near = null)
    {
        double? best = null;
        void Take(double c) { if (best is null || (near is { } n && Math.Abs(c - n) < Math.Abs(best.Value - n))) best = c; }
        for (var j = 1; j < x.Count; j++)
        {
            double a = y[j - 1] - threshold, b = y[j] - threshold;
            if (a == 0 && b == 0) continue;
            if (a == 0) { if (j == 1) Take(x[0]); continue; }
            if (b == 0 || Math.Sign(a) != Math.Sign(b)) Take(x[j - 1] + (x[j] - x[j - 1]) * a / (a - b));
        }
        return best;
    }
}
