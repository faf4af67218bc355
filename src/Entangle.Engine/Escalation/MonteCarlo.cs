using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>
/// A yes/no outcome of a run, counted over the Monte Carlo: e.g. "korea reached war". A conditional outcome
/// is counted only over the runs that meet <see cref="Condition"/> (e.g. honoured, given triggered).
/// </summary>
public sealed record OutcomeDefinition(string Name, string Description, Func<RunState, bool> Test, Func<RunState, bool>? Condition = null);

/// <summary>Options of a Monte Carlo.</summary>
/// <param name="Runs">Number of runs. Default 10,000.</param>
/// <param name="Seed">Master seed. Default 1.</param>
/// <param name="Replicates">Runs per parameter draw (dynamics replicates), so that epistemic and aleatory
/// uncertainty can be told apart. Default 10.</param>
/// <param name="Threads">Worker threads; 0 means the processor count. Results do not depend on it.</param>
public sealed record MonteCarloOptions(int Runs = 10_000, ulong Seed = 1, int Replicates = 10, int Threads = 0);

/// <summary>Everything counted over the runs; integer counts, plus float sums merged in a fixed order.</summary>
public sealed class MonteCarloResult
{
    public required int Runs { get; init; }
    public required int Replicates { get; init; }
    public required int Draws { get; init; }
    public required int Steps { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<OutcomeDefinition> Outcomes { get; init; }
    /// <summary>Runs in which each outcome happened (among those meeting its condition).</summary>
    public required long[] Hits { get; init; }
    /// <summary>Runs that met each outcome's condition (all runs for unconditional outcomes).</summary>
    public required long[] Trials { get; init; }
    /// <summary>Per outcome and parameter draw: hits (index o * Draws + d).</summary>
    public required int[] DrawHits { get; init; }
    /// <summary>Per outcome and parameter draw: trials.</summary>
    public required int[] DrawTrials { get; init; }
    /// <summary>Runs at each level, per theater and step: index (t * (Steps + 1) + step) * levels + level.</summary>
    public required long[] LevelCounts { get; init; }
    /// <summary>Runs whose highest level was each level, per theater: index t * levels + level.</summary>
    public required long[] MaxLevelCounts { get; init; }
    /// <summary>Runs whose first new war began at each step (index = step, 1..Steps; index 0 = none).</summary>
    public required long[] FirstWarCounts { get; init; }
    /// <summary>Tracked force shares as (actor, theater) indices.</summary>
    public required (int Actor, int Theater)[] ShareSeries { get; init; }
    /// <summary>Sum over runs of each tracked share at each step: index k * (Steps + 1) + step.</summary>
    public required double[] ShareSums { get; init; }
    /// <summary>Histogram of each tracked share at each step in <see cref="MonteCarlo.ShareBins"/> bins on [0, 1].</summary>
    public required long[] ShareHist { get; init; }
    /// <summary>Decisions taken over all runs (agent decisions, for speed figures).</summary>
    public required long Decisions { get; init; }
}

/// <summary>
/// Runs a compiled model many times. Runs are grouped in fixed chunks of whole parameter draws whatever the
/// thread count; each run's seeds are derived from the master seed and the run number; integer counts are
/// order-free and float sums are merged in chunk order, so the result is identical for any thread count.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Number of bins of the force-share histograms.</summary>
    public const int ShareBins = 100;
    private const int DrawsPerChunk = 8;

    public static MonteCarloResult Run(CompiledModel model, MonteCarloOptions options, IReadOnlyList<OutcomeDefinition> outcomes, Action<int>? progress = null)
    {
        if (options.Runs < 1) throw new ArgumentOutOfRangeException(nameof(options), "runs must be at least 1");
        int runs = options.Runs, reps = Math.Max(1, options.Replicates);
        var draws = (runs + reps - 1) / reps;
        var chunkRuns = DrawsPerChunk * reps;
        var chunks = (runs + chunkRuns - 1) / chunkRuns;
        int nT = model.TheaterCount, nL = model.Ladder.Levels.Count, T = model.Steps, nO = outcomes.Count;
        var series = new List<(int, int)>();
        for (var a = 0; a < model.ActorCount; a++)
            if (model.HasDeployments[a])
                for (var t = 0; t < nT; t++)
                    if (model.ShareSlot[a * nT + t] >= 0) series.Add((a, t));
        var nS = series.Count;
        var chunkShareSums = new double[chunks][];
        var drawHits = new int[nO * draws];
        var drawTrials = new int[nO * draws];
        var workers = new List<Acc>();
        var done = 0;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => { var acc = new Acc(model, nO, nS); lock (workers) workers.Add(acc); return acc; },
            (c, _, acc) =>
            {
                var sums = new double[nS * (T + 1)];
                var first = c * chunkRuns;
                var last = Math.Min(runs, first + chunkRuns);
                for (var r = first; r < last; r++)
                {
                    var s = acc.State;
                    var (ps, ds) = Simulator.Seeds(options.Seed, r, reps);
                    var rng = new RandomStream(ds);
                    Simulator.Reset(s, new RandomStream(ps));
                    acc.Record(s, series, sums, 0);
                    for (var k = 1; k <= T; k++)
                    {
                        Simulator.Step(s, rng);
                        acc.Record(s, series, sums, k);
                    }
                    acc.Final(s, outcomes, drawHits, drawTrials, r / reps, draws);
                }
                chunkShareSums[c] = sums;
                var d = Interlocked.Add(ref done, last - first);
                progress?.Invoke(d);
                return acc;
            },
            _ => { });

        var total = new Acc(model, nO, nS);
        foreach (var w in workers) total.Add(w);
        var shareSums = new double[nS * (T + 1)];
        for (var c = 0; c < chunks; c++)
            for (var i = 0; i < shareSums.Length; i++) shareSums[i] += chunkShareSums[c][i];
        return new MonteCarloResult
        {
            Runs = runs, Replicates = reps, Draws = draws, Steps = T, Seed = options.Seed, Outcomes = outcomes,
            Hits = total.Hits, Trials = total.Trials, DrawHits = drawHits, DrawTrials = drawTrials,
            LevelCounts = total.LevelCounts, MaxLevelCounts = total.MaxLevelCounts, FirstWarCounts = total.FirstWar,
            ShareSeries = series.ToArray(), ShareSums = shareSums, ShareHist = total.ShareHist, Decisions = total.Decisions,
        };
    }

    /// <summary>One worker's integer accumulators and its reusable run state.</summary>
    private sealed class Acc
    {
        public readonly RunState State;
        public readonly long[] Hits, Trials, LevelCounts, MaxLevelCounts, FirstWar, ShareHist;
        public long Decisions;
        private readonly int _nT, _nL, _T;

        public Acc(CompiledModel m, int nO, int nS)
        {
            State = new RunState(m);
            _nT = m.TheaterCount; _nL = m.Ladder.Levels.Count; _T = m.Steps;
            Hits = new long[nO]; Trials = new long[nO];
            LevelCounts = new long[_nT * (_T + 1) * _nL];
            MaxLevelCounts = new long[_nT * _nL];
            FirstWar = new long[_T + 1];
            ShareHist = new long[nS * (_T + 1) * ShareBins];
        }

        public void Record(RunState s, List<(int A, int T)> series, double[] sums, int step)
        {
            for (var t = 0; t < _nT; t++) LevelCounts[(t * (_T + 1) + step) * _nL + s.Level[t]]++;
            var nT = _nT;
            for (var k = 0; k < series.Count; k++)
            {
                var v = s.Share[series[k].A * nT + series[k].T];
                sums[k * (_T + 1) + step] += v;
                var bin = Math.Clamp((int)(v * ShareBins), 0, ShareBins - 1);
                ShareHist[(k * (_T + 1) + step) * ShareBins + bin]++;
            }
            if (step > 0)
                for (var t = 0; t < nT; t++)
                    for (var side = 0; side < 2; side++) Decisions += s.MemberCount[t * 2 + side];
        }

        public void Final(RunState s, IReadOnlyList<OutcomeDefinition> outcomes, int[] drawHits, int[] drawTrials, int draw, int draws)
        {
            for (var t = 0; t < _nT; t++) MaxLevelCounts[t * _nL + s.MaxReached[t]]++;
            FirstWar[Math.Max(0, s.FirstWarStep)]++;
            for (var o = 0; o < outcomes.Count; o++)
            {
                var def = outcomes[o];
                if (def.Condition is { } c && !c(s)) continue;
                Trials[o]++;
                // a draw's runs all fall in one chunk, so one worker owns each draw's cells
                drawTrials[o * draws + draw]++;
                if (!def.Test(s)) continue;
                Hits[o]++;
                drawHits[o * draws + draw]++;
            }
        }

        public void Add(Acc o)
        {
            Sum(Hits, o.Hits); Sum(Trials, o.Trials); Sum(LevelCounts, o.LevelCounts); Sum(MaxLevelCounts, o.MaxLevelCounts);
            Sum(FirstWar, o.FirstWar); Sum(ShareHist, o.ShareHist); Decisions += o.Decisions;
        }

        private static void Sum(long[] a, long[] b) { for (var i = 0; i < a.Length; i++) a[i] += b[i]; }
    }
}
