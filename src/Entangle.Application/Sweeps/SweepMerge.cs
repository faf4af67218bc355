using Entangle.Application.Backtest;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Sweeps;

/// <summary>
/// Merges the items' counts into the results the services read, in item order and unit order, summing integers
/// only: whatever machine ran an item and whenever it finished, the merged numbers are the same. Each item must be
/// present exactly once; a missing or repeated item is a bug of the executor and throws.
/// </summary>
public static class SweepMerge
{
    /// <summary>The units' counts in unit order, checking that each item is there once.</summary>
    public static long[][] Units(PreparedSweep prepared, IReadOnlyList<SweepItemResult> results)
    {
        if (results.Count != prepared.Items) throw new InvalidOperationException($"the executor returned {results.Count} items of {prepared.Items}");
        var units = new long[prepared.Units][];
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i] ?? throw new InvalidOperationException($"item {i} is missing");
            if (r.Item != i) throw new InvalidOperationException($"item {i} holds the counts of item {r.Item}");
            var (first, last) = prepared.UnitsOf(i);
            if (r.Units.Length != last - first) throw new InvalidOperationException($"item {i} holds {r.Units.Length} units, not {last - first}");
            for (var u = first; u < last; u++) units[u] = r.Units[u - first];
        }
        return units;
    }

    /// <summary>An ensemble's counts as <see cref="Ensemble.Run"/> gives them: result[point][arm], with <paramref name="arms"/> as the caller compiled them.</summary>
    public static ArmResult[][] Ensemble(PreparedSweep prepared, IReadOnlyList<Arm> arms, IReadOnlyList<SweepItemResult> results)
    {
        var e = prepared.Job.Ensemble ?? throw new ArgumentException("not an ensemble sweep", nameof(prepared));
        var units = Units(prepared, results);
        var options = new EnsembleOptions(e.Runs, e.Seed, e.Replicates);
        int nP = e.Points.Count, nA = arms.Count, chunks = Engine.Escalation.Ensemble.Chunks(options), draws = options.Draws;
        if (nA != e.Arms.Count) throw new ArgumentException($"{nA} arms given for a job of {e.Arms.Count}", nameof(arms));
        var result = new ArmResult[nP][];
        for (var p = 0; p < nP; p++)
        {
            result[p] = new ArmResult[nA];
            for (var a = 0; a < nA; a++)
            {
                var outcomes = arms[a].Outcomes;
                var hits = new int[outcomes.Count][]; var trials = new int[outcomes.Count][];
                for (var o = 0; o < outcomes.Count; o++) { hits[o] = new int[draws]; trials[o] = new int[draws]; }
                long decisions = 0;
                for (var c = 0; c < chunks; c++)
                {
                    var v = units[(p * nA + a) * chunks + c];
                    var (d0, d1) = Engine.Escalation.Ensemble.ChunkDraws(c, options);
                    var nD = d1 - d0;
                    if (v.Length != 2 * outcomes.Count * nD + 1)
                        throw new InvalidOperationException($"arm '{arms[a].Name}': a unit holds {v.Length} counts, not {2 * outcomes.Count * nD + 1} (the worker compiled other metrics)");
                    for (var o = 0; o < outcomes.Count; o++)
                        for (var d = 0; d < nD; d++) { hits[o][d0 + d] = checked((int)v[2 * o * nD + d]); trials[o][d0 + d] = checked((int)v[(2 * o + 1) * nD + d]); }
                    decisions += v[^1];
                }
                var dict = new Dictionary<string, DrawCounts>(StringComparer.Ordinal);
                for (var o = 0; o < outcomes.Count; o++) dict[outcomes[o].Name] = new DrawCounts(hits[o], trials[o]);
                result[p][a] = new ArmResult { Arm = arms[a], Metrics = dict, Decisions = decisions };
            }
        }
        return result;
    }

    /// <summary>A backtest's counts as <see cref="BacktestRunner.Run"/> gives them: result[case][point].</summary>
    public static CaseCounts[][] Backtest(PreparedSweep prepared, IReadOnlyList<SweepItemResult> results)
    {
        var b = prepared.Job.Backtest ?? throw new ArgumentException("not a backtest sweep", nameof(prepared));
        var units = Units(prepared, results);
        var chunks = new RunnerOptions(b.Runs, b.Seed, b.Replicates).Chunks;
        var merged = new CaseCounts[b.Cases.Count][];
        for (var c = 0; c < b.Cases.Count; c++)
        {
            merged[c] = new CaseCounts[b.Points.Count];
            for (var p = 0; p < b.Points.Count; p++)
            {
                var m = merged[c][p] = new CaseCounts(CaseScenarios.Judgements.Steps, Ladder.Default.Levels.Count);
                for (var k = 0; k < chunks; k++)
                {
                    var v = units[(c * b.Points.Count + p) * chunks + k];
                    if (v.Length != 2 + m.Hits.Length + m.EndStep.Length + m.MaxLevel.Length)
                        throw new InvalidOperationException($"crisis {b.Cases[c].Crisno}: a unit holds {v.Length} counts");
                    var part = new CaseCounts(CaseScenarios.Judgements.Steps, Ladder.Default.Levels.Count) { Runs = v[0], Steps = v[1] };
                    var at = 2;
                    for (var i = 0; i < part.Hits.Length; i++) part.Hits[i] = v[at++];
                    for (var i = 0; i < part.EndStep.Length; i++) part.EndStep[i] = v[at++];
                    for (var i = 0; i < part.MaxLevel.Length; i++) part.MaxLevel[i] = v[at++];
                    m.Add(part);
                }
            }
        }
        return merged;
    }
}
