using System.Collections.Concurrent;
using Entangle.Application.Sweeps;
using Entangle.Cluster.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Entangle.Cluster.Coordinator;

/// <summary>Settings of the cluster executor.</summary>
/// <param name="ItemCost">Work per item, in run-steps × actors (<see cref="PreparedSweep.CostOfUnit"/>): units are grouped
/// until an item holds at least this much, so that coordination stays a small share of the compute.
/// <value>Default 2,000,000 (about 0.5–1 s of one core on the bundled scenario).</value></param>
/// <param name="MaxInFlight">Items sent and not yet answered. <value>Default 16.</value></param>
/// <param name="MaxAttempts">Attempts per item before the sweep fails. <value>Default 40.</value></param>
/// <param name="RetryDelay">Pause before re-sending an item whose call failed. <value>Default 250 ms.</value></param>
public sealed record ClusterExecutorOptions(long ItemCost = 2_000_000, int MaxInFlight = 16, int MaxAttempts = 40, TimeSpan? RetryDelay = null)
{
    public TimeSpan Delay => RetryDelay ?? TimeSpan.FromMilliseconds(250);
}

/// <summary>What a sweep on the cluster did: items, re-issued calls, results dropped as repeats, and items per silo.</summary>
public sealed record ClusterRunReport(string Job, int Items, int UnitsPerItem, int Reissued, int Duplicates, int JobSends,
    IReadOnlyDictionary<string, int> ItemsBySilo, TimeSpan Elapsed);

/// <summary>
/// The coordinator: cuts a sweep into items sized by work, sends each to its grain (keyed by job hash and item), keeps
/// which items are done, and re-sends an item whose call failed (its silo died, a timeout) until it is answered. Each
/// item's counts are kept once, the first answer winning; the counts are handed back in item order, so the merged
/// result is the same bytes as the local executor's.
/// </summary>
public sealed class ClusterSweepExecutor(IGrainFactory grains, ClusterExecutorOptions? options = null, ILogger? log = null) : ISweepExecutor
{
    private readonly ClusterExecutorOptions _o = options ?? new ClusterExecutorOptions();
    private readonly ILogger _log = log ?? NullLogger.Instance;

    public string Describe => "Orleans cluster";

    /// <summary>The report of the last sweep run.</summary>
    public ClusterRunReport? LastReport { get; private set; }

    /// <summary>Called once per sweep item answered (item, silo); tests use it to act mid-sweep.</summary>
    public Action<int, string>? OnItemDone { get; init; }

    /// <summary>Units per item for a job: enough units for <see cref="ClusterExecutorOptions.ItemCost"/>, at least one.</summary>
    public static int UnitsPerItem(PreparedSweep unitJob, long itemCost)
    {
        var mean = unitJob.CostOfUnit.Length == 0 ? 1 : Math.Max(1, unitJob.CostOfUnit.Sum() / unitJob.CostOfUnit.Length);
        return (int)Math.Clamp(itemCost / mean, 1, Math.Max(1, unitJob.Units));
    }

    public async Task<SweepItemResult[]> RunAsync(SweepJob job, IProgress<SweepProgress>? progress, CancellationToken cancel)
    {
        var started = DateTime.UtcNow;
        var asked = PreparedSweep.Of(job);
        var units = PreparedSweep.Of(job.UnitsPerItem == 1 ? job : job with { UnitsPerItem = 1 });
        var sent = job with { UnitsPerItem = UnitsPerItem(units, _o.ItemCost) };
        var plan = PreparedSweep.Of(sent);
        var bytes = sent.ToBytes();
        var hash = sent.Hash;
        var results = new long[plan.Items][][];
        var bySilo = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int reissued = 0, duplicates = 0, jobSends = 0, done = 0;
        long runsDone = 0, runsAll = plan.RunsOfUnit.Sum(x => (long)x);
        using var gate = new SemaphoreSlim(Math.Max(1, _o.MaxInFlight));

        async Task One(int item)
        {
            await gate.WaitAsync(cancel);
            try
            {
                var grain = grains.GetGrain<ISweepItemGrain>(ItemKey.Of(hash, item));
                byte[]? carry = null;
                for (var attempt = 1; ; attempt++)
                {
                    cancel.ThrowIfCancellationRequested();
                    ItemReply reply;
                    try
                    {
                        reply = await grain.Run(new ItemCall(hash, item, carry));
                    }
                    catch (Exception e) when (e is not OperationCanceledException && !IsBadJob(e) && attempt < _o.MaxAttempts)
                    {
                        Interlocked.Increment(ref reissued);
                        _log.LogWarning("sweep {Job}: item {Item} lost ({Reason}); re-issuing (attempt {Attempt})", hash[..12], item, e.GetType().Name, attempt + 1);
                        await Task.Delay(_o.Delay, cancel);
                        continue;
                    }
                    if (reply.NeedJob)
                    {
                        Interlocked.Increment(ref jobSends);
                        carry = bytes;
                        continue;
                    }
                    if (Interlocked.CompareExchange(ref results[item], reply.Units ?? [], null) is not null) Interlocked.Increment(ref duplicates);
                    else
                    {
                        bySilo.AddOrUpdate(reply.Silo, 1, (_, n) => n + 1);
                        var (first, last) = plan.UnitsOf(item);
                        long runs = 0;
                        for (var u = first; u < last; u++) runs += plan.RunsOfUnit[u];
                        var r = Interlocked.Add(ref runsDone, runs);
                        progress?.Report(new SweepProgress(Interlocked.Increment(ref done), plan.Items, r, runsAll));
                        OnItemDone?.Invoke(item, reply.Silo);
                    }
                    return;
                }
            }
            finally { gate.Release(); }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Items).Select(One));
        LastReport = new ClusterRunReport(hash, plan.Items, sent.UnitsPerItem, reissued, duplicates, jobSends,
            new SortedDictionary<string, int>(bySilo, StringComparer.Ordinal), DateTime.UtcNow - started);
        _log.LogInformation("sweep {Job}: {Items} items of {Units} units, {Reissued} re-issued, {Silos} silos", hash[..12], plan.Items, sent.UnitsPerItem, reissued, bySilo.Count);

        // hand the counts back in the layout the caller's job asked for
        var flat = SweepMerge.Units(plan, results.Select((u, i) => new SweepItemResult(i, u)).ToList());
        var back = new SweepItemResult[asked.Items];
        for (var i = 0; i < asked.Items; i++)
        {
            var (first, last) = asked.UnitsOf(i);
            back[i] = new SweepItemResult(i, flat[first..last]);
        }
        return back;
    }

    /// <summary>A failure that re-sending cannot cure: the job itself is bad (it is the same on every silo).</summary>
    private static bool IsBadJob(Exception e) => e is Domain.InputException or ArgumentException;
}
