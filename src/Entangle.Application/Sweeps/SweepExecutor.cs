using Entangle.Domain;

namespace Entangle.Application.Sweeps;

/// <summary>How far a sweep has got: items and simulated runs done, of all.</summary>
public readonly record struct SweepProgress(int ItemsDone, int Items, long RunsDone, long Runs);

/// <summary>
/// Runs the items of a sweep and hands back every item's counts, indexed by item. Where and in which order the items
/// run is the executor's business; <see cref="SweepMerge"/> merges the counts in item order, so the result is the
/// same bytes for every executor. Implementations: <see cref="LocalSweepExecutor"/> (threads of this process, the
/// default) and the Orleans cluster executor (Entangle.Cluster).
/// </summary>
public interface ISweepExecutor
{
    /// <summary>A short description for logs and progress lines ("local, 2 threads", "cluster of 3 silos").</summary>
    string Describe { get; }

    /// <summary>Runs every item of <paramref name="job"/>; element i of the result is item i's counts, each exactly once.</summary>
    Task<SweepItemResult[]> RunAsync(SweepJob job, IProgress<SweepProgress>? progress, CancellationToken cancel);
}

/// <summary>Runs a sweep's items on this process's threads (<paramref name="threads"/> 0 = all cores); results do not depend on the thread count.</summary>
public sealed class LocalSweepExecutor(int threads = 0) : ISweepExecutor
{
    public string Describe => $"local, {(threads > 0 ? threads : Environment.ProcessorCount)} threads";

    public Task<SweepItemResult[]> RunAsync(SweepJob job, IProgress<SweepProgress>? progress, CancellationToken cancel)
    {
        if (threads < 0) throw new InputException($"threads {threads}: must be 0 (all cores) or more");
        var prepared = PreparedSweep.Of(job);
        var results = new SweepItemResult[prepared.Items];
        long runsTotal = prepared.RunsOfUnit.Sum(x => (long)x), runsDone = 0;
        var done = 0;
        Parallel.For(0, prepared.Items,
            new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount, CancellationToken = cancel },
            () => new PreparedSweep.Worker(),
            (i, _, worker) =>
            {
                cancel.ThrowIfCancellationRequested();
                results[i] = prepared.Run(i, worker);
                var (first, last) = prepared.UnitsOf(i);
                long runs = 0;
                for (var u = first; u < last; u++) runs += prepared.RunsOfUnit[u];
                var r = Interlocked.Add(ref runsDone, runs);
                progress?.Report(new SweepProgress(Interlocked.Increment(ref done), prepared.Items, r, runsTotal));
                return worker;
            },
            _ => { });
        return Task.FromResult(results);
    }
}
