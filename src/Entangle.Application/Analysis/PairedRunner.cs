using Entangle.Domain.Escalation;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Analysis;

/// <summary>One arm of a comparison: a compiled escalation model and its outcome metrics.</summary>
public sealed class Arm
{
    public CompiledModel Model { get; }
    public IReadOnlyList<OutcomeDefinition> Outcomes { get; }
    internal readonly int[] DistSlots;
    internal readonly ulong[] DistKeys;
    internal readonly Estimate[] Specs;
    internal readonly Dictionary<string, int> Slot;

    public Arm(CompiledModel model)
    {
        Model = model;
        Outcomes = Escalation.Metrics.For(model);
        var paths = model.ParameterPaths;
        Specs = paths.Select(model.Spec).ToArray();
        Slot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++) Slot[paths[i]] = i;
        var dist = Enumerable.Range(0, paths.Count).Where(i => Specs[i].IsDistribution).ToArray();
        DistSlots = dist;
        DistKeys = dist.Select(i => Seed.Fnv1a64(paths[i])).ToArray();
    }
}

/// <summary>A point of a design: parameter values fixed by path (others keep their distributions).</summary>
public sealed record DesignPoint(IReadOnlyDictionary<string, double> Fixed)
{
    public static readonly DesignPoint None = new(new Dictionary<string, double>(StringComparer.Ordinal));
}

/// <summary>Per-draw counts of every metric of one arm at one design point.</summary>
public sealed class ArmCounts
{
    /// <summary>Metric name → (hits per draw, trials per draw).</summary>
    public required IReadOnlyDictionary<string, ClusterCounts> Metrics { get; init; }
}

/// <summary>
/// Runs arms of the escalation model with common random numbers. Run r of every arm and every design point uses
/// the same dynamics stream, <c>Seed.Derive(seed, "dynamics", r)</c>, and the same parameter draw d = r / replicates:
/// each parameter given as a distribution is drawn from its own stream, <c>Seed.Derive(Seed.Derive(seed,
/// "params", d), FNV-1a(path))</c>, so a parameter has the same value in every arm that has it, whatever other
/// parameters an arm adds or lacks (a removed treaty removes its link's weight). Work is split into fixed
/// chunks of whole draws and every count is an integer per draw, so results do not depend on the thread count.
/// </summary>
public static class PairedRunner
{
    private const int DrawsPerChunk = 8;

    /// <summary>Evaluates every (arm, point) pair; result[p][a] holds arm a's counts at point p.</summary>
    public static ArmCounts[][] Run(IReadOnlyList<Arm> arms, IReadOnlyList<DesignPoint> points, int draws, int replicates, ulong seed, int threads = 0,
        Action<int, int>? progress = null)
    {
        if (draws < 2) throw new Domain.InputException("at least two parameter draws are needed (runs ≥ 2 × replicates)");
        int nP = points.Count, nA = arms.Count;
        var chunks = (draws + DrawsPerChunk - 1) / DrawsPerChunk;
        // fixed slot values per (point, arm)
        var fixedSlots = new (int Slot, double Value)[nP * nA][];
        for (var p = 0; p < nP; p++)
            for (var a = 0; a < nA; a++)
                fixedSlots[p * nA + a] = points[p].Fixed.Where(kv => arms[a].Slot.ContainsKey(kv.Key))
                    .Select(kv => (arms[a].Slot[kv.Key], kv.Value)).ToArray();
        var hits = new int[nP * nA][][];
        var trials = new int[nP * nA][][];
        for (var i = 0; i < nP * nA; i++)
        {
            var nO = arms[i % nA].Outcomes.Count;
            hits[i] = new int[nO][]; trials[i] = new int[nO][];
            for (var o = 0; o < nO; o++) { hits[i][o] = new int[draws]; trials[i][o] = new int[draws]; }
        }
        var items = nP * nA * chunks;
        var done = 0;
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount },
            () => new RunState?[nA],
            (item, _, states) =>
            {
                var c = item % chunks;
                var pa = item / chunks;
                var a = pa % nA;
                var arm = arms[a];
                var s = states[a] ??= new RunState(arm.Model);
                var fixedHere = fixedSlots[pa];
                var h = hits[pa]; var t = trials[pa];
                var outcomes = arm.Outcomes;
                var drawn = new double[arm.Specs.Length];
                for (var d = c * DrawsPerChunk; d < Math.Min(draws, (c + 1) * DrawsPerChunk); d++)
                {
                    Draw(arm, seed, d, drawn);
                    foreach (var (slot, v) in fixedHere) drawn[slot] = v;
                    for (var rep = 0; rep < replicates; rep++)
                    {
                        var run = d * replicates + rep;
                        Array.Copy(drawn, s.P, drawn.Length);
                        Simulator.ResetState(s);
                        var rng = new RandomStream(Seed.Derive(seed, "dynamics", (ulong)run));
                        for (var k = 0; k < arm.Model.Steps; k++) Simulator.Step(s, rng);
                        for (var o = 0; o < outcomes.Count; o++)
                        {
                            var def = outcomes[o];
                            if (def.Condition is { } cond && !cond(s)) continue;
                            t[o][d]++;
                            if (def.Test(s)) h[o][d]++;
                        }
                    }
                }
                if (progress is not null) progress(Interlocked.Increment(ref done), items);
                return states;
            },
            _ => { });
        var result = new ArmCounts[nP][];
        for (var p = 0; p < nP; p++)
        {
            result[p] = new ArmCounts[nA];
            for (var a = 0; a < nA; a++)
            {
                var i = p * nA + a;
                var dict = new Dictionary<string, ClusterCounts>(StringComparer.Ordinal);
                var outcomes = arms[a].Outcomes;
                for (var o = 0; o < outcomes.Count; o++)
                    dict[outcomes[o].Name] = new ClusterCounts(hits[i][o].Select(x => (double)x).ToArray(), trials[i][o].Select(x => (double)x).ToArray());
                result[p][a] = new ArmCounts { Metrics = dict };
            }
        }
        return result;
    }

    /// <summary>Fills <paramref name="p"/> with draw <paramref name="d"/>'s parameter values (point values as they are).</summary>
    public static void Draw(Arm arm, ulong seed, int d, double[] p)
    {
        for (var i = 0; i < p.Length; i++) p[i] = arm.Specs[i] is Estimate.Point pt ? pt.Value : arm.Specs[i].Mean;
        var drawSeed = Seed.Derive(seed, "params", (ulong)d);
        for (var j = 0; j < arm.DistSlots.Length; j++)
        {
            var i = arm.DistSlots[j];
            var rng = new RandomStream(Seed.Derive(drawSeed, arm.DistKeys[j]));
            p[i] = Sample(arm.Specs[i], rng);
        }
    }

    /// <summary>One value from an estimate's distribution (the same forms the escalation engine's sampler draws).</summary>
    public static double Sample(Estimate e, RandomStream rng) => e switch
    {
        Estimate.Point pt => pt.Value,
        Estimate.Uniform u => u.Lo + (u.Hi - u.Lo) * rng.NextDouble(),
        Estimate.Triangular tr => Triangular(tr.Lo, tr.Mode, tr.Hi, rng.NextDouble()),
        Estimate.Normal g => Math.Clamp(g.Mu + g.Sd * rng.NextNormal(), g.Lo, g.Hi),
        _ => e.Mean,
    };

    private static double Triangular(double lo, double mode, double hi, double u)
    {
        var f = hi > lo ? (mode - lo) / (hi - lo) : 0.5;
        return u < f ? lo + Math.Sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.Sqrt((1 - u) * (hi - lo) * (hi - mode));
    }

    /// <summary>
    /// The counts of <paramref name="metric"/> in an arm; a metric the arm does not have (e.g. the obligations of a
    /// removed treaty) counts as never happening in every run.
    /// </summary>
    public static ClusterCounts Counts(ArmCounts arm, string metric, int draws, int replicates)
    {
        if (arm.Metrics.TryGetValue(metric, out var c)) return c;
        var t = new double[draws];
        Array.Fill(t, replicates);
        return new ClusterCounts(new double[draws], t);
    }
}
