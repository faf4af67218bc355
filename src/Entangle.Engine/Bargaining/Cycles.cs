namespace Entangle.Engine.Bargaining;

/// <summary>
/// Positions that repeat with a period of two or more rounds at the end of a run: the model never settles, and
/// the last round is only one phase of the cycle, so the forecast depends on where the rounds stop.
/// </summary>
/// <param name="Period">Rounds per cycle (2 or more).</param>
/// <param name="FromRound">The first round of the repeating pattern.</param>
/// <param name="Actors">Indices of the actors whose position changes within the cycle, in input order.</param>
/// <param name="Exact">True when positions repeat within <see cref="Cycles.RelativeTolerance"/> of the position
/// range; false for an oscillation that drifts a little from one cycle to the next.</param>
/// <param name="Drift">The largest change of any position from one cycle to the next, over the last period.</param>
public sealed record BargainingCycle(int Period, int FromRound, IReadOnlyList<int> Actors, bool Exact, double Drift);

/// <summary>
/// Finds cycles in a finished run. It reads the rounds only; the model's arithmetic is untouched.
/// </summary>
public static class Cycles
{
    /// <summary>Positions count as equal when they differ by at most this share of the position range.</summary>
    /// <value>Default 1e-6.</value>
    public const double RelativeTolerance = 1e-6;

    /// <summary>
    /// An oscillation counts as a cycle when its drift from one cycle to the next is at most this share of the
    /// largest one-round move within the cycle.
    /// </summary>
    /// <value>Default 0.1.</value>
    public const double DriftShare = 0.1;

    /// <summary>
    /// The shortest period p ≥ 2 for which the last p rounds repeat the p rounds before them: exactly (every
    /// position within the tolerance) or nearly (no position further off than <see cref="DriftShare"/> of the
    /// largest one-round move in those rounds). A settled run (the last round repeats the one before) and a run
    /// too short to show a period twice give null. The cycle starts at the earliest round from which the pattern
    /// holds.
    /// </summary>
    public static BargainingCycle? Detect(BargainingResult result, double relativeTolerance = RelativeTolerance)
    {
        var rounds = result.Rounds;
        var last = rounds.Count - 1;
        var tol = relativeTolerance * (result.PositionRange > 0 ? result.PositionRange : 1);
        double Diff(int a, int b)
        {
            var x = rounds[a].Positions;
            var y = rounds[b].Positions;
            var d = 0.0;
            for (var i = 0; i < x.Count; i++) d = Math.Max(d, Math.Abs(x[i] - y[i]));
            return d;
        }
        double Mismatch(int p)
        {
            var m = 0.0;
            for (var t = last - p + 1; t <= last; t++) m = Math.Max(m, Diff(t, t - p));
            return m;
        }
        if (last < 1 || Mismatch(1) <= tol) return null;
        for (var p = 2; 2 * p <= last + 1; p++)
        {
            var drift = Mismatch(p);
            var swing = 0.0;
            for (var t = last - p + 1; t <= last; t++) swing = Math.Max(swing, Diff(t, t - 1));
            var bound = Math.Max(tol, DriftShare * swing);
            if (!(drift <= bound)) continue;
            var from = last - 2 * p + 1;
            while (from > 0 && Diff(from - 1, from - 1 + p) <= bound) from--;
            var actors = new List<int>();
            for (var i = 0; i < result.Actors.Count; i++)
            {
                var lo = double.PositiveInfinity;
                var hi = double.NegativeInfinity;
                for (var t = last - p + 1; t <= last; t++)
                {
                    lo = Math.Min(lo, rounds[t].Positions[i]);
                    hi = Math.Max(hi, rounds[t].Positions[i]);
                }
                if (hi - lo > bound) actors.Add(i);
            }
            return new BargainingCycle(p, from, actors, drift <= tol, drift);
        }
        return null;
    }
}
