using Entangle.Engine.Randomness;

namespace Entangle.Engine.Analysis;

/// <summary>One parameter's Morris elementary-effect statistics, in units of the output per whole range of the parameter.</summary>
/// <param name="Mu">Mean of the elementary effects (signed).</param>
/// <param name="MuStar">Mean of their absolute values (Campolongo, Cariboni &amp; Saltelli 2007): the screening measure.</param>
/// <param name="Sigma">Their standard deviation: non-linearity or interactions.</param>
public sealed record MorrisEffect(int Parameter, double Mu, double MuStar, double Sigma);

/// <summary>A Morris design: the points to evaluate, in the unit hypercube, grouped in trajectories of k + 1 points.</summary>
/// <param name="Points">r(k + 1) points; trajectory j is points j(k+1) … j(k+1)+k.</param>
/// <param name="Moved">For each trajectory step (point j(k+1)+s, s ≥ 1), the parameter moved from the previous point.</param>
public sealed record MorrisDesign(int Parameters, int Trajectories, int Levels, double Delta, double[][] Points, int[] Moved);

/// <summary>
/// Morris's elementary-effects screening (M. D. Morris, "Factorial sampling plans for preliminary computational
/// experiments", Technometrics 33(2), 1991) with the μ* measure of Campolongo, Cariboni and Saltelli ("An effective
/// screening design for sensitivity analysis of large models", Environmental Modelling &amp; Software 22, 2007).
/// Each trajectory starts at a random grid point and moves every parameter once, by Δ = p / (2(p − 1)), in
/// random order and random direction; each move gives one elementary effect EE_i = (f(x') − f(x)) / (±Δ).
/// </summary>
public static class Morris
{
    /// <summary>Builds r trajectories for k parameters on a p-level grid (p even), from <paramref name="rng"/>.</summary>
    public static MorrisDesign Design(int k, int r, RandomStream rng, int levels = 4)
    {
        if (k < 1 || r < 2) throw new ArgumentException("Morris needs at least one parameter and two trajectories");
        if (levels < 2 || levels % 2 != 0) throw new ArgumentException("Morris needs an even number of levels");
        var delta = levels / (2.0 * (levels - 1));
        var points = new double[r * (k + 1)][];
        var moved = new int[r * (k + 1)];
        // base values x* lie in {0, 1/(p-1), …, 1 - Δ}: the first p/2 grid levels
        var baseLevels = levels / 2;
        for (var j = 0; j < r; j++)
        {
            var x = new double[k];
            var up = new bool[k];
            for (var i = 0; i < k; i++)
            {
                var b = rng.NextInt(baseLevels) / (double)(levels - 1);
                up[i] = rng.NextDouble() < 0.5;
                x[i] = up[i] ? b : b + delta;
            }
            var order = Enumerable.Range(0, k).ToArray();
            for (var i = k - 1; i > 0; i--) { var s = rng.NextInt(i + 1); (order[i], order[s]) = (order[s], order[i]); }
            var o = j * (k + 1);
            points[o] = (double[])x.Clone();
            moved[o] = -1;
            for (var s = 0; s < k; s++)
            {
                var i = order[s];
                x[i] = up[i] ? x[i] + delta : x[i] - delta;
                x[i] = Math.Round(x[i] * (levels - 1)) / (levels - 1); // stay exactly on the grid
                points[o + s + 1] = (double[])x.Clone();
                moved[o + s + 1] = i;
            }
        }
        return new MorrisDesign(k, r, levels, delta, points, moved);
    }

    /// <summary>The elementary-effect statistics from the outputs at the design's points, one per parameter.</summary>
    public static IReadOnlyList<MorrisEffect> Analyse(MorrisDesign design, IReadOnlyList<double> y)
    {
        int k = design.Parameters, r = design.Trajectories;
        if (y.Count != design.Points.Length) throw new ArgumentException("one output per design point is needed");
        var ee = new List<double>[k];
        for (var i = 0; i < k; i++) ee[i] = new List<double>(r);
        for (var j = 0; j < r; j++)
        {
            var o = j * (k + 1);
            for (var s = 1; s <= k; s++)
            {
                var i = design.Moved[o + s];
                var step = design.Points[o + s][i] - design.Points[o + s - 1][i];
                ee[i].Add((y[o + s] - y[o + s - 1]) / step);
            }
        }
        var result = new List<MorrisEffect>(k);
        for (var i = 0; i < k; i++)
        {
            var e = ee[i];
            var mu = e.Average();
            var muStar = e.Average(Math.Abs);
            var sigma = e.Count > 1 ? Math.Sqrt(e.Sum(v => (v - mu) * (v - mu)) / (e.Count - 1)) : 0;
            result.Add(new MorrisEffect(i, mu, muStar, sigma));
        }
        return result;
    }
}
