using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>
/// A yes/no outcome of a run, read from the state at the end of a step or of the run (<see cref="Reading"/>), counted
/// over the ensemble. A conditional outcome is counted only over the runs that meet <see cref="Condition"/>.
/// </summary>
/// <param name="Reading">How the metric reads the run: e.g. "end of some step", "end of the run", "ever (event)".</param>
public sealed record OutcomeDefinition(string Name, string Description, Func<RunState, bool> Test, Func<RunState, bool>? Condition = null, string Reading = "end of some step")
{
    /// <summary>The mechanism map's nodes the metric reads (<see cref="Analysis.MapNode"/>); the map's edges into the metric.</summary>
    public IReadOnlyList<string>? Reads { get; init; }
}

/// <summary>One model of an ensemble (a baseline, a counterfactual), with its metrics.</summary>
public sealed class Arm
{
    /// <summary>The arm's name: "baseline", "variant", or a claim's counterfactual.</summary>
    public string Name { get; }
    public CompiledModel Model { get; }
    public IReadOnlyList<OutcomeDefinition> Outcomes { get; }
    internal readonly Dictionary<string, int> Slot;

    public Arm(string name, CompiledModel model, IReadOnlyList<OutcomeDefinition> outcomes)
    {
        Name = name; Model = model; Outcomes = outcomes;
        Slot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.ParameterPaths.Count; i++) Slot[model.ParameterPaths[i]] = i;
    }

    /// <summary>True when the arm's model has a parameter of that path.</summary>
    public bool HasParameter(string path) => Slot.ContainsKey(path);
}

/// <summary>A point of a design: parameter values fixed by path (others keep their distributions).</summary>
public sealed record DesignPoint(IReadOnlyDictionary<string, double> Fixed)
{
    public static readonly DesignPoint None = new(new Dictionary<string, double>(StringComparer.Ordinal));
}

/// <summary>Options of an ensemble.</summary>
/// <param name="Runs">Runs per arm and point. Run r uses parameter draw r / Replicates and replicate r % Replicates.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Replicates">Runs per parameter draw (dynamics replicates), so epistemic and aleatory uncertainty can be told apart.</param>
/// <param name="Threads">Worker threads; 0 means the processor count. Results do not depend on it.</param>
public sealed record EnsembleOptions(int Runs, ulong Seed = 1, int Replicates = EnsembleOptions.DefaultReplicates, int Threads = 0)
{
    /// <summary>Runs per parameter draw unless asked otherwise (a default of the runner, not a model number).</summary>
    public const int DefaultReplicates = 10;

    /// <summary>Parameter draws: ⌈runs / replicates⌉ (the last may have fewer replicates).</summary>
    public int Draws => (Runs + Replicates - 1) / Replicates;
}

/// <summary>Hits and trials of one metric per parameter draw (the clusters of the interval estimators).</summary>
public sealed record DrawCounts(int[] Hits, int[] Trials)
{
    public long TotalHits => Hits.Sum(x => (long)x);
    public long TotalTrials => Trials.Sum(x => (long)x);
}

/// <summary>Every metric of one arm at one design point.</summary>
public sealed class ArmResult
{
    public required Arm Arm { get; init; }
    /// <summary>Metric name → counts per draw.</summary>
    public required IReadOnlyDictionary<string, DrawCounts> Metrics { get; init; }
    /// <summary>The recorder's merged result, when one was asked for.</summary>
    public RunStatistics? Statistics { get; init; }
    /// <summary>Decisions taken over all runs.</summary>
    public required long Decisions { get; init; }
}

/// <summary>
/// The one ensemble runner behind <c>run</c>, <c>replay</c>, <c>compare</c>, <c>claims</c>, <c>sensitivity</c> and
/// <c>report</c>. A run is identified by (seed, arm, draw, replicate), with run number r = draw × replicates +
/// replicate. Its parameters come from the draw: each parameter given as a distribution is drawn from its own stream
/// <c>Seed.Derive(Seed.Derive(seed, "params", draw), FNV-1a(path))</c> (joint draws, <see cref="Estimate.Draws"/>, from
/// their group's stream <c>FNV-1a("draws:" + group)</c> instead), so a parameter has the same value in every arm
/// and design point that has it. Its dynamics come from <c>Seed.Derive(seed, "dynamics", r)</c>, split into named
/// streams (one per decision maker and theater, event, obligation, …), so arms share their random numbers wherever
/// they share structure. Work is split into fixed chunks of whole draws; every count is an integer per draw and the
/// recorder's float sums are merged in chunk order, so results do not depend on the thread count.
/// </summary>
public static class Ensemble
{
    private const int DrawsPerChunk = 8;
    /// <summary>The hash of the prefix of a joint draw's stream key (<c>"draws:" + group</c>), continued over the group by <see cref="Seed.Fnv1a64(string, ulong)"/>.</summary>
    private static readonly ulong DrawsPrefix = Seed.Fnv1a64("draws:");

    /// <summary>Fills <paramref name="p"/> with draw <paramref name="draw"/>'s parameter values for <paramref name="model"/>.</summary>
    public static void Draw(CompiledModel model, ulong seed, int draw, double[] p)
    {
        var drawSeed = Seed.Mixed(Seed.Derive(seed, "params", (ulong)draw)); // every slot's seed derives from it
        var rng = new RandomStream(0);
        for (var i = 0; i < p.Length; i++)
        {
            var spec = model.Specs[i];
            if (spec is Estimate.Point pt) { p[i] = pt.Value; continue; }
            // joint draws share their group's stream, so every parameter of the group takes the same index
            rng.Reseed(Seed.Child(drawSeed, spec is Estimate.Draws d ? Seed.Fnv1a64(d.Group, DrawsPrefix) : model.SlotKey[i]));
            p[i] = Sample(spec, rng);
        }
    }

    /// <summary>One value from an estimate's distribution.</summary>
    public static double Sample(Estimate e, RandomStream rng) => e switch
    {
        Estimate.Point pt => pt.Value,
        Estimate.Uniform u => u.Lo + (u.Hi - u.Lo) * rng.NextDouble(),
        Estimate.Triangular tr => Triangular(tr.Lo, tr.Mode, tr.Hi, rng.NextDouble()),
        Estimate.Normal g => Math.Clamp(g.Mu + g.Sd * rng.NextNormal(), g.Lo, g.Hi),
        Estimate.Draws d => d.Values[Math.Min(d.Values.Count - 1, (int)(rng.NextDouble() * d.Values.Count))],
        _ => e.Mean,
    };

    private static double Triangular(double lo, double mode, double hi, double u)
    {
        if (hi <= lo) return lo;
        var f = (mode - lo) / (hi - lo);
        return u < f ? lo + Math.Sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.Sqrt((1 - u) * (hi - lo) * (hi - mode));
    }

    /// <summary>
    /// Prepares run <paramref name="run"/> of <paramref name="model"/> in <paramref name="s"/>: draws its parameters, applies a
    /// design point's fixed values, and resets the state with the run's dynamics streams. Then call
    /// <see cref="Simulator.Step"/> <c>model.Steps</c> times. This is what every command runs, and what replay repeats.
    /// </summary>
    public static void Prepare(RunState s, ulong seed, int run, int replicates, IReadOnlyList<(int Slot, double Value)>? fixedValues = null)
    {
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates));
        // the runs of one draw (its replicates) follow each other in every runner: the draw is made once and copied
        var draw = run / replicates;
        if (s.DrawHeld != (seed, draw)) { Draw(s.Model, seed, draw, s.DrawValues); s.DrawHeld = (seed, draw); }
        s.DrawValues.AsSpan().CopyTo(s.P);
        if (fixedValues is not null) foreach (var (slot, v) in fixedValues) s.P[slot] = v;
        Simulator.ResetState(s, Simulator.DynamicsSeed(seed, run));
    }

    /// <summary>The slots and values a design point fixes in an arm (paths the arm lacks are skipped).</summary>
    public static (int Slot, double Value)[] Fixed(Arm arm, DesignPoint point) =>
        point.Fixed.Where(kv => arm.Slot.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (arm.Slot[kv.Key], kv.Value)).ToArray();

    /// <summary>
    /// Runs every (point, arm) pair; result[p][a] holds arm a's counts at point p. With <paramref name="record"/> the
    /// runs of each pair are also summarised step by step (levels, force shares, termination; for <c>run</c>).
    /// <paramref name="progress"/> receives (runs done, runs in all) over every arm and point.
    /// </summary>
    public static ArmResult[][] Run(IReadOnlyList<Arm> arms, IReadOnlyList<DesignPoint> points, EnsembleOptions options, bool record = false,
        Action<int, int>? progress = null)
    {
        if (options.Runs < 1) throw new InputException($"--runs {options.Runs}: must be at least 1");
        if (options.Replicates < 1) throw new InputException($"--replicates {options.Replicates}: must be at least 1");
        int nP = points.Count, nArm = arms.Count, R = options.Replicates, draws = options.Draws, runs = options.Runs;
        var chunks = Chunks(options);
        var fixedSlots = new (int, double)[nP * nArm][];
        for (var p = 0; p < nP; p++)
            for (var a = 0; a < nArm; a++) fixedSlots[p * nArm + a] = Fixed(arms[a], points[p]);
        var hits = new int[nP * nArm][][];
        var trials = new int[nP * nArm][][];
        for (var i = 0; i < nP * nArm; i++)
        {
            var nO = arms[i % nArm].Outcomes.Count;
            hits[i] = new int[nO][]; trials[i] = new int[nO][];
            for (var o = 0; o < nO; o++) { hits[i][o] = new int[draws]; trials[i][o] = new int[draws]; }
        }
        var items = nP * nArm * chunks;
        var chunkStats = record ? new RunStatistics?[items] : null;
        var decisions = new long[nP * nArm];
        var done = 0;
        var total = nP * nArm * runs;
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount },
            () => new RunState?[nArm],
            (item, _, states) =>
            {
                var c = item % chunks;
                var pa = item / chunks;
                var a = pa % nArm;
                var arm = arms[a];
                var s = states[a] ??= new RunState(arm.Model);
                var stats = record ? new RunStatistics(arm.Model, draws) : null;
                var (first, last) = ChunkRuns(c, options);
                var dec = RunChunk(arm, fixedSlots[pa], options, c, s, hits[pa], trials[pa], 0, stats);
                if (chunkStats is not null) chunkStats[item] = stats;
                Interlocked.Add(ref decisions[pa], dec);
                if (progress is not null) progress(Interlocked.Add(ref done, last - first), total);
                return states;
            },
            _ => { });
        var result = new ArmResult[nP][];
        for (var p = 0; p < nP; p++)
        {
            result[p] = new ArmResult[nArm];
            for (var a = 0; a < nArm; a++)
            {
                var i = p * nArm + a;
                var dict = new Dictionary<string, DrawCounts>(StringComparer.Ordinal);
                var outcomes = arms[a].Outcomes;
                for (var o = 0; o < outcomes.Count; o++) dict[outcomes[o].Name] = new DrawCounts(hits[i][o], trials[i][o]);
                RunStatistics? merged = null;
                if (chunkStats is not null)
                {
                    merged = new RunStatistics(arms[a].Model, draws);
                    for (var c = 0; c < chunks; c++) merged.Add(chunkStats[i * chunks + c]!);
                }
                result[p][a] = new ArmResult { Arm = arms[a], Metrics = dict, Statistics = merged, Decisions = decisions[i] };
            }
        }
        return result;
    }

    /// <summary>Chunks of whole draws the runs of one arm and point are split into (<see cref="DrawsPerChunk"/> draws each).</summary>
    public static int Chunks(EnsembleOptions options) => (options.Draws + DrawsPerChunk - 1) / DrawsPerChunk;

    /// <summary>The runs [first, last) of chunk <paramref name="chunk"/>.</summary>
    public static (int First, int Last) ChunkRuns(int chunk, EnsembleOptions options) =>
        (chunk * DrawsPerChunk * options.Replicates, Math.Min(options.Runs, (chunk + 1) * DrawsPerChunk * options.Replicates));

    /// <summary>The draws [first, last) of chunk <paramref name="chunk"/>.</summary>
    public static (int First, int Last) ChunkDraws(int chunk, EnsembleOptions options) =>
        (chunk * DrawsPerChunk, Math.Min(options.Draws, (chunk + 1) * DrawsPerChunk));

    /// <summary>
    /// Runs chunk <paramref name="chunk"/> of one arm at one design point (its fixed slots), counting each outcome into
    /// <paramref name="hits"/>[o][draw − <paramref name="drawOffset"/>] and <paramref name="trials"/> likewise, and
    /// recording into <paramref name="stats"/> when given. Returns the decisions taken. Every runner (threads here, a
    /// sweep's work items on any machine) runs a chunk through this one method, so a chunk's counts depend only on its inputs.
    /// </summary>
    public static long RunChunk(Arm arm, (int Slot, double Value)[] fixedHere, EnsembleOptions options, int chunk, RunState s,
        int[][] hits, int[][] trials, int drawOffset, RunStatistics? stats = null)
    {
        var R = options.Replicates;
        var outcomes = arm.Outcomes;
        long dec = 0;
        var (first, last) = ChunkRuns(chunk, options);
        for (var run = first; run < last; run++)
        {
            var d = run / R;
            Prepare(s, options.Seed, run, R, fixedHere);
            stats?.Record(s, 0);
            for (var k = 1; k <= arm.Model.Steps; k++)
            {
                Simulator.Step(s);
                stats?.Record(s, k);
            }
            stats?.Final(s, d);
            dec += s.Decisions;
            for (var o = 0; o < outcomes.Count; o++)
            {
                var def = outcomes[o];
                if (def.Condition is { } cond && !cond(s)) continue;
                trials[o][d - drawOffset]++; // a draw's runs all fall in one chunk, so one worker owns each draw's cells
                if (def.Test(s)) hits[o][d - drawOffset]++;
            }
        }
        return dec;
    }

    /// <summary>
    /// The counts of <paramref name="metric"/> in an arm; a metric the arm does not have (e.g. the obligations of a
    /// removed treaty) counts as never happening in every run.
    /// </summary>
    public static DrawCounts Counts(ArmResult arm, string metric, EnsembleOptions options)
    {
        if (arm.Metrics.TryGetValue(metric, out var c)) return c;
        var t = new int[options.Draws];
        for (var d = 0; d < t.Length; d++) t[d] = Math.Min(options.Replicates, options.Runs - d * options.Replicates);
        return new DrawCounts(new int[options.Draws], t);
    }
}

/// <summary>
/// What <c>run</c> summarises over its runs, beyond the metrics: levels per theater and step, the highest level
/// reached per draw, when the first new war began, force shares, and when each theater's crisis ended and how.
/// Integer counts merge in any order; float sums are merged in chunk order by the ensemble.
/// </summary>
public sealed class RunStatistics
{
    /// <summary>Bins of the force-share histograms on [0, 1] (output resolution, not a model number).</summary>
    public const int ShareBins = 100;

    private readonly int _nT, _nL, _T, _draws;
    /// <summary>Runs at each level, per theater and step: index (t * (Steps + 1) + step) * levels + level.</summary>
    public long[] LevelCounts { get; }
    /// <summary>Runs whose highest end-of-step level was each level, per theater and draw: index (t * levels + level) * draws + draw.</summary>
    public int[] MaxLevelDraw { get; }
    /// <summary>Runs whose first new war began at each step (index = step, 1..Steps; index 0 = none).</summary>
    public long[] FirstWarCounts { get; }
    /// <summary>Tracked force shares as (actor, theater) indices.</summary>
    public (int Actor, int Theater)[] ShareSeries { get; }
    /// <summary>Sum over runs of each tracked share at each step: index k * (Steps + 1) + step.</summary>
    public double[] ShareSums { get; }
    /// <summary>Histogram of each tracked share at each step: index (k * (Steps + 1) + step) * ShareBins + bin.</summary>
    public long[] ShareHist { get; }
    /// <summary>Runs whose first crisis in the theater ended at each step, by termination kind: index (t * kinds + kind) * (Steps + 1) + step.</summary>
    public long[] EndCounts { get; }
    /// <summary>Runs whose theater was in crisis at some point (onset at the start or later).</summary>
    public long[] CrisisRuns { get; }
    /// <summary>Sum of threshold premiums paid, per actor (war-months).</summary>
    public double[] PremiumSums { get; }
    public long Runs { get; private set; }

    private static readonly int Kinds = Enum.GetValues<Termination>().Length;

    public RunStatistics(CompiledModel m, int draws)
    {
        _nT = m.TheaterCount; _nL = m.Ladder.Levels.Count; _T = m.Steps; _draws = draws;
        LevelCounts = new long[_nT * (_T + 1) * _nL];
        MaxLevelDraw = new int[_nT * _nL * draws];
        FirstWarCounts = new long[_T + 1];
        var series = new List<(int, int)>();
        for (var a = 0; a < m.ActorCount; a++)
            if (m.HasDeployments[a])
                for (var t = 0; t < _nT; t++)
                    if (m.ShareSlot[a * _nT + t] >= 0) series.Add((a, t));
        ShareSeries = series.ToArray();
        ShareSums = new double[series.Count * (_T + 1)];
        ShareHist = new long[series.Count * (_T + 1) * ShareBins];
        EndCounts = new long[_nT * Kinds * (_T + 1)];
        CrisisRuns = new long[_nT];
        PremiumSums = new double[m.ActorCount];
    }

    internal void Record(RunState s, int step)
    {
        for (var t = 0; t < _nT; t++) LevelCounts[(t * (_T + 1) + step) * _nL + s.Level[t]]++;
        var nT = _nT;
        for (var k = 0; k < ShareSeries.Length; k++)
        {
            var v = s.Share[ShareSeries[k].Actor * nT + ShareSeries[k].Theater];
            ShareSums[k * (_T + 1) + step] += v;
            var bin = Math.Clamp((int)(v * ShareBins), 0, ShareBins - 1);
            ShareHist[(k * (_T + 1) + step) * ShareBins + bin]++;
        }
    }

    internal void Final(RunState s, int draw)
    {
        Runs++;
        for (var t = 0; t < _nT; t++)
        {
            MaxLevelDraw[(t * _nL + s.MaxReached[t]) * _draws + draw]++;
            if (s.CrisisStart[t] >= 0) CrisisRuns[t]++;
            if (s.Ended[t] != Termination.None) EndCounts[(t * Kinds + (int)s.Ended[t]) * (_T + 1) + s.EndStep[t]]++;
        }
        FirstWarCounts[Math.Max(0, s.FirstWarStep)]++;
        for (var a = 0; a < PremiumSums.Length; a++) PremiumSums[a] += s.PremiumPaid[a];
    }

    internal void Add(RunStatistics o)
    {
        Runs += o.Runs;
        Sum(LevelCounts, o.LevelCounts); Sum(FirstWarCounts, o.FirstWarCounts); Sum(ShareHist, o.ShareHist); Sum(EndCounts, o.EndCounts); Sum(CrisisRuns, o.CrisisRuns);
        for (var i = 0; i < MaxLevelDraw.Length; i++) MaxLevelDraw[i] += o.MaxLevelDraw[i];
        for (var i = 0; i < ShareSums.Length; i++) ShareSums[i] += o.ShareSums[i];
        for (var i = 0; i < PremiumSums.Length; i++) PremiumSums[i] += o.PremiumSums[i];
    }

    private static void Sum(long[] a, long[] b) { for (var i = 0; i < a.Length; i++) a[i] += b[i]; }
}
