using System.Globalization;
using Entangle.Domain;
using Entangle.Engine.Bargaining;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Bargaining;

/// <summary>
/// How much to shake each input: <c>salience=0.1,position=5,capability=0.2</c>. Every run adds independent
/// uniform noise: salience ± <see cref="Salience"/> (clipped to 0–1), position ± <see cref="Position"/> in the
/// input's units (clipped to the scale when it has one), capability × (1 ± <see cref="Capability"/>)
/// (relative, since capability scales are arbitrary; clipped at 0).
/// </summary>
public sealed record PerturbationSpec(double Salience, double Position, double Capability)
{
    /// <summary>The input names in the order their noise is drawn for each actor.</summary>
    public static readonly IReadOnlyList<string> Inputs = ["capability", "position", "salience"];

    /// <summary>Parses <c>key=value[,key=value…]</c>.</summary>
    public static PerturbationSpec Parse(string text)
    {
        double s = 0, x = 0, c = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq].Trim();
            if (eq < 0 || !double.TryParse(part[(eq + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                || !double.IsFinite(v) || v < 0)
                throw new InputException($"perturb: '{part}' should be KEY=AMOUNT with AMOUNT ≥ 0, e.g. salience=0.1,position=5");
            switch (key)
            {
                case "salience": s = v; break;
                case "position": x = v; break;
                case "capability": c = v; break;
                default:
                    throw new InputException($"perturb: unknown input '{key}'{Suggest.DidYouMean(key, Inputs)}; use salience, position or capability");
            }
        }
        if (s == 0 && x == 0 && c == 0) throw new InputException("perturb: give at least one of salience=, position=, capability= above 0");
        return new PerturbationSpec(s, x, c);
    }

    /// <summary>The canonical text form.</summary>
    public override string ToString() => string.Join(",", new[]
    {
        Salience > 0 ? $"salience={Salience.ToString(CultureInfo.InvariantCulture)}" : null,
        Position > 0 ? $"position={Position.ToString(CultureInfo.InvariantCulture)}" : null,
        Capability > 0 ? $"capability={Capability.ToString(CultureInfo.InvariantCulture)}" : null,
    }.Where(p => p is not null));
}

/// <summary>The distribution of the forecast over perturbed inputs.</summary>
/// <param name="Spec">The perturbation, canonical form.</param>
/// <param name="Method">How noise was drawn and how influence is measured.</param>
/// <param name="Runs">Number of model runs.</param>
/// <param name="Seed">Master seed; run k draws from Seed.Derive(seed, "bargaining-perturb", k).</param>
/// <param name="Median">The final-round weighted median (the forecast) over the runs.</param>
/// <param name="Mean">The final-round weighted mean over the runs.</param>
/// <param name="InfluenceOn">"median", or "mean" when the median did not vary.</param>
/// <param name="Influence">Stakeholders, most influential first.</param>
public sealed record PerturbationReport(
    string Spec, string Method, int Runs, ulong Seed,
    Distribution Median, Distribution Mean, string InfluenceOn, IReadOnlyList<Influence> Influence);

/// <summary>Summary of one forecast figure over the runs.</summary>
public sealed record Distribution(
    double Min, double Max, double Average, IReadOnlyList<Quantile> Quantiles, Histogram Histogram);

/// <summary>The value below which a share <paramref name="P"/> of runs fall (linear interpolation, type 7).</summary>
public sealed record Quantile(double P, double Value);

/// <summary>Run counts per bin; bin i is [edges[i], edges[i+1]), the last bin closed.</summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts);

/// <summary>How strongly one stakeholder's inputs move the forecast.</summary>
/// <param name="Actor">The stakeholder.</param>
/// <param name="Score">Σ over its perturbed inputs of the squared correlation between the noise and the forecast:
/// roughly the share of the forecast's variance its inputs explain linearly.</param>
/// <param name="Correlations">Pearson correlation of each perturbed input's noise with the forecast.</param>
public sealed record Influence(string Actor, double Score, IReadOnlyDictionary<string, double> Correlations);

/// <summary>Runs the model over noisy inputs; results are identical for any thread count.</summary>
public static class PerturbationRunner
{
    /// <summary>The quantiles reported.</summary>
    public static readonly IReadOnlyList<double> Probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>
    /// Runs <paramref name="runs"/> perturbed copies of the model, in parallel; run k draws only from its own
    /// stream, so the report is the same for any <paramref name="maxThreads"/>.
    /// </summary>
    public static PerturbationReport Run(ForecastInput input, BargainingOptions options, PerturbationSpec spec, int runs, ulong seed,
        int maxThreads = -1)
    {
        if (runs < 2) throw new InputException($"runs: need at least 2 runs, got {runs}");
        var baseActors = input.Actors();
        var n = baseActors.Count;
        var medians = new double[runs];
        var means = new double[runs];
        var noise = new double[runs * n * 3];
        var lo = input.ScaleMin ?? double.NegativeInfinity;
        var hi = input.ScaleMax ?? double.PositiveInfinity;
        var plain = options with { RecordIntermediates = false };

        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, k =>
        {
            var rng = new RandomStream(Seed.Derive(seed, "bargaining-perturb", (ulong)k));
            var actors = new BargainingActor[n];
            for (var i = 0; i < n; i++)
            {
                // Always three draws per actor, in a fixed order, so a run's noise does not depend on the spec's keys.
                var uc = 2 * rng.NextDouble() - 1;
                var ux = 2 * rng.NextDouble() - 1;
                var us = 2 * rng.NextDouble() - 1;
                var a = baseActors[i];
                var c = Math.Max(0, a.Capability * (1 + spec.Capability * uc));
                var x = Math.Clamp(a.Position + spec.Position * ux, lo, hi);
                var s = Math.Clamp(a.Salience + spec.Salience * us, 0, 1);
                actors[i] = a with { Capability = c, Position = x, Salience = s };
                var o = (k * n + i) * 3;
                noise[o] = c - a.Capability;
                noise[o + 1] = x - a.Position;
                noise[o + 2] = s - a.Salience;
            }
            if (actors.Sum(a => a.Capability * a.Salience) <= 0) actors = baseActors.ToArray();
            var (median, mean) = BargainingModel.Forecast(actors, plain);
            medians[k] = median;
            means[k] = mean;
        });

        var scaleLo = input.ScaleMin ?? Math.Min(baseActors.Min(a => a.Position), Math.Min(medians.Min(), means.Min()));
        var scaleHi = input.ScaleMax ?? Math.Max(baseActors.Max(a => a.Position), Math.Max(medians.Max(), means.Max()));
        var influenceOn = Variance(medians) > 0 ? "median" : "mean";
        var target = influenceOn == "median" ? medians : means;
        var active = new[] { spec.Capability > 0, spec.Position > 0, spec.Salience > 0 };
        var influence = new List<Influence>();
        var column = new double[runs];
        for (var i = 0; i < n; i++)
        {
            var correlations = new Dictionary<string, double>(StringComparer.Ordinal);
            var score = 0.0;
            for (var q = 0; q < 3; q++)
            {
                if (!active[q]) continue;
                for (var k = 0; k < runs; k++) column[k] = noise[(k * n + i) * 3 + q];
                var r = Correlation(column, target);
                correlations[PerturbationSpec.Inputs[q]] = r;
                score += r * r;
            }
            influence.Add(new Influence(baseActors[i].Name, score, correlations));
        }
        var ranked = influence.Select((v, i) => (v, i)).OrderByDescending(t => t.v.Score).ThenBy(t => t.i).Select(t => t.v).ToList();
        const string method =
            "uniform noise per run and input: salience ± amount (clipped to 0–1), position ± amount (clipped to the issue's scale if any), " +
            "capability × (1 ± amount) (clipped at 0); influence = Σ over an actor's inputs of the squared Pearson correlation between its noise and the final forecast";
        return new PerturbationReport(spec.ToString(), method, runs, seed,
            Describe(medians, scaleLo, scaleHi), Describe(means, scaleLo, scaleHi), influenceOn, ranked);
    }

    private static Distribution Describe(double[] values, double lo, double hi)
    {
        var sorted = values.Order().ToArray();
        var quantiles = Probabilities.Select(p => new Quantile(p, QuantileOf(sorted, p))).ToArray();
        const int bins = 20;
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        var edges = Enumerable.Range(0, bins + 1).Select(b => lo + (hi - lo) * b / bins).ToArray();
        var counts = new int[bins];
        foreach (var v in sorted)
        {
            var b = (int)Math.Floor((v - lo) / (hi - lo) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        return new Distribution(sorted[0], sorted[^1], values.Average(), quantiles, new Histogram(edges, counts));
    }

    /// <summary>Linear interpolation between order statistics (Hyndman &amp; Fan type 7).</summary>
    public static double QuantileOf(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Variance(double[] v)
    {
        var m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / v.Length;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var da = a[k] - ma;
            var db = b[k] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0.0;
    }
}
