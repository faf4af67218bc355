using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Backtest;

/// <summary>
/// A point in parameter space: values fixed by path pattern for every generated scenario. A pattern's segments are
/// matched one by one and <c>*</c> matches any one segment (<c>actor.*.lambda</c> sets every actor's λ).
/// </summary>
public sealed record ParameterPoint(IReadOnlyList<KeyValuePair<string, double>> Values)
{
    public static readonly ParameterPoint None = new([]);

    /// <summary>The slots of <paramref name="m"/> each pattern reaches, with their values (later patterns win), in slot order.</summary>
    public (int Slot, double Value)[] Resolve(CompiledModel m)
    {
        var map = new SortedDictionary<int, double>();
        for (var i = 0; i < m.ParameterPaths.Count; i++)
            foreach (var (pattern, v) in Values)
                if (Matches(pattern, m.ParameterPaths[i])) map[i] = v;
        return map.Select(kv => (kv.Key, kv.Value)).ToArray();
    }

    public static bool Matches(string pattern, string path)
    {
        if (!pattern.Contains('*')) return pattern == path;
        var p = pattern.Split('.'); var s = path.Split('.');
        if (p.Length != s.Length) return false;
        for (var i = 0; i < p.Length; i++) if (p[i] != "*" && p[i] != s[i]) return false;
        return true;
    }
}

/// <summary>What the runs of one crisis at one parameter point gave: counts only, so any merge order gives the same numbers.</summary>
public sealed class CaseCounts
{
    public long Runs;
    /// <summary>Hits per target, in <see cref="Targets.All"/> order.</summary>
    public readonly long[] Hits = new long[Targets.All.Count];
    /// <summary>Runs whose crisis ended at each step (index = step 0..Steps); index Steps + 1 = not ended within the horizon.</summary>
    public readonly long[] EndStep;
    /// <summary>Runs by the highest level reached while the crisis lasted.</summary>
    public readonly long[] MaxLevel;
    /// <summary>Months simulated (steps taken before the crisis ended or the horizon).</summary>
    public long Steps;

    public CaseCounts(int steps, int levels) { EndStep = new long[steps + 2]; MaxLevel = new long[levels]; }

    public void Add(CaseCounts o)
    {
        Runs += o.Runs; Steps += o.Steps;
        for (var i = 0; i < Hits.Length; i++) Hits[i] += o.Hits[i];
        for (var i = 0; i < EndStep.Length; i++) EndStep[i] += o.EndStep[i];
        for (var i = 0; i < MaxLevel.Length; i++) MaxLevel[i] += o.MaxLevel[i];
    }

    public double P(string target) => Runs == 0 ? 0 : (double)Hits[IndexOf(target)] / Runs;

    public static int IndexOf(string target) => Targets.All.ToList().IndexOf(target);
}

/// <summary>
/// One unit of work: crisis <see cref="Case"/> × parameter point <see cref="Point"/> × run chunk <see cref="Chunk"/>. Its
/// runs are numbered <c>Chunk × RunsPerChunk</c> onward and seeded from (seed, crisno) alone, so any runner, on any
/// thread or machine, gives the same counts; results are merged by summing integers in item order.
/// </summary>
public readonly record struct WorkItem(int Case, int Point, int Chunk);

/// <summary>Options of a backtest or calibration run.</summary>
/// <param name="Runs">Runs per crisis and parameter point.</param>
public sealed record RunnerOptions(int Runs = 400, ulong Seed = 1, int Replicates = 10, int Threads = 0)
{
    /// <summary>Runs per work item (a granularity of the runner, not a model number).</summary>
    public const int RunsPerChunk = 100;
    public int Chunks => (Runs + RunsPerChunk - 1) / RunsPerChunk;
}

/// <summary>Runs generated crisis scenarios through the escalation engine and reads the four targets from each run.</summary>
public static class BacktestRunner
{
    /// <summary>The work items of a run, in their fixed merge order (case, point, chunk).</summary>
    public static IEnumerable<WorkItem> Items(int cases, int points, RunnerOptions o)
    {
        for (var c = 0; c < cases; c++)
            for (var p = 0; p < points; p++)
                for (var k = 0; k < o.Chunks; k++) yield return new WorkItem(c, p, k);
    }

    /// <summary>The seed of a crisis's runs (shared by every parameter point: common random numbers).</summary>
    public static ulong CaseSeed(ulong seed, int crisno) => Seed.Derive(seed, "icb", (ulong)crisno);

    /// <summary>Runs one work item.</summary>
    public static CaseCounts RunItem(CompiledModel model, int crisno, (int Slot, double Value)[] fixedValues, int chunk, RunnerOptions o, RunState? state = null)
    {
        var s = state ?? new RunState(model);
        var lad = model.Ladder;
        var counts = new CaseCounts(model.Steps, lad.Levels.Count);
        var seed = CaseSeed(o.Seed, crisno);
        int first = chunk * RunnerOptions.RunsPerChunk, last = Math.Min(o.Runs, first + RunnerOptions.RunsPerChunk);
        int iS = CaseCounts.IndexOf(Targets.Serious), iW = CaseCounts.IndexOf(Targets.War), iL = CaseCounts.IndexOf(Targets.Long), iI = CaseCounts.IndexOf(Targets.Intervention);
        var nA = model.ActorCount;
        var supporters = Enumerable.Range(0, nA).Where(a => model.Role(a, 0) == "supporter").ToArray();
        for (var run = first; run < last; run++)
        {
            Ensemble.Prepare(s, seed, run, o.Replicates, fixedValues);
            var max = s.Level[0];
            var intervened = false;
            var end = model.Steps + 1;
            for (var k = 1; k <= model.Steps; k++)
            {
                Simulator.Step(s);
                counts.Steps++;
                max = Math.Max(max, s.Level[0]);
                foreach (var a in supporters) if (s.IsPrincipal(a, 0) || s.Intervened[a]) intervened = true;
                if (s.Ended[0] != Termination.None) { end = s.EndStep[0]; break; }
            }
            counts.Runs++;
            counts.EndStep[end]++;
            counts.MaxLevel[max]++;
            if (max >= lad.WarLevel - 1) counts.Hits[iS]++;
            if (max >= lad.WarLevel) counts.Hits[iW]++;
            if (end > Targets.LongSteps) counts.Hits[iL]++;
            if (intervened) counts.Hits[iI]++;
        }
        return counts;
    }

    /// <summary>
    /// Runs every (case, point) pair: result[case][point]. Cases whose scenario does not compile are reported in
    /// <paramref name="failures"/> and get empty counts. <paramref name="progress"/> receives (items done, items in all).
    /// </summary>
    public static CaseCounts[][] Run(IReadOnlyList<CompiledModel?> models, IReadOnlyList<int> crisnos, IReadOnlyList<ParameterPoint> points, RunnerOptions o,
        Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        if (o.Runs < 1) throw new InputException($"runs {o.Runs}: must be at least 1");
        if (o.Threads < 0) throw new InputException($"threads {o.Threads}: must be 0 (all cores) or more");
        var items = Items(models.Count, points.Count, o).ToArray();
        var results = new CaseCounts?[items.Length];
        var fixedValues = new (int, double)[models.Count * points.Count][];
        for (var c = 0; c < models.Count; c++)
            for (var p = 0; p < points.Count; p++)
                fixedValues[c * points.Count + p] = models[c] is { } m ? points[p].Resolve(m) : [];
        var done = 0;
        Parallel.For(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = o.Threads > 0 ? o.Threads : Environment.ProcessorCount, CancellationToken = cancel }, i =>
        {
            var it = items[i];
            var m = models[it.Case];
            results[i] = m is null ? new CaseCounts(CaseScenarios.Judgements.Steps, Ladder.Default.Levels.Count)
                : RunItem(m, crisnos[it.Case], fixedValues[it.Case * points.Count + it.Point], it.Chunk, o);
            if (progress is not null) progress(Interlocked.Increment(ref done), items.Length);
        });
        var merged = new CaseCounts[models.Count][];
        for (var c = 0; c < models.Count; c++)
        {
            merged[c] = new CaseCounts[points.Count];
            for (var p = 0; p < points.Count; p++) merged[c][p] = new CaseCounts(CaseScenarios.Judgements.Steps, Ladder.Default.Levels.Count);
        }
        for (var i = 0; i < items.Length; i++) merged[items[i].Case][items[i].Point].Add(results[i]!);
        return merged;
    }
}
