using System.Collections.Concurrent;
using Entangle.Application.Sweeps;
using Entangle.Cluster.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Entangle.Cluster.Coordinator;

/// <summary>Settings of the cluster executor.</summary>
/// <param name="ItemCost">Work per item, in run-steps × actors (<see cref="PreparedSweep.CostOfUnit"/>): units are grouped
/// until an item holds at least this much, so that coordination stays a small share of the compute.
/// <value>Default 3,000,000 (about 1 s of one core on the bundled scenario; docs/cluster.md has the overhead measured at it).</value></param>
/// <param name="MaxInFlight">Items sent and not yet answered. <value>Default 16.</value></param>
/// <param name="MaxAttempts">Attempts per item before the sweep fails. <value>Default 40.</value></param>
/// <param name="RetryDelay">Pause before re-sending an item whose call failed. <value>Default 250 ms.</value></param>
/// <param name="ItemTimeout">How long to wait for an item's answer before sending it again while the first call stays
/// open (its answer, if it comes, is counted as a late duplicate and dropped). <value>Default null: wait until the call
/// fails (its silo is declared dead, Orleans' response timeout).</value></param>
public sealed record ClusterExecutorOptions(long ItemCost = 3_000_000, int MaxInFlight = 16, int MaxAttempts = 40, TimeSpan? RetryDelay = null,
    TimeSpan? ItemTimeout = null)
{
    public TimeSpan Delay => RetryDelay ?? TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// What a sweep on the cluster did. <paramref name="Issued"/>: calls sent to item grains in all (first sends,
/// re-issues and re-sends carrying the job); <paramref name="Reissued"/>: calls sent again because the last one failed
/// or timed out, and <paramref name="ReissuedItems"/> the items concerned; <paramref name="Duplicates"/>: answers that
/// came after the item already had one (dropped, not counted); <paramref name="ItemsBySilo"/>: the items whose kept
/// answer came from each silo (they sum to <paramref name="Items"/>); <paramref name="AnswersBySilo"/>: every answer
/// per silo, duplicates included; <paramref name="SiloOfItem"/>: the silo whose answer was kept, per item;
/// <paramref name="Computed"/>: the kept answers computed for this call, <paramref name="Repeated"/> those a grain
/// answered from the result it kept in memory, <paramref name="RestoredItems"/> the items whose kept answer was read
/// from grain storage (computed before, by a silo that may since have died; <c>grain_storage</c>). Computed +
/// repeated + restored = items.
/// </summary>
public sealed record ClusterRunReport(string Job, int Items, int UnitsPerItem, int Issued, int Reissued, int Duplicates, int JobSends,
    IReadOnlyList<int> ReissuedItems, IReadOnlyDictionary<string, int> ItemsBySilo, IReadOnlyDictionary<string, int> AnswersBySilo,
    IReadOnlyList<string> SiloOfItem, TimeSpan Elapsed, int Computed, int Repeated, IReadOnlyList<int> RestoredItems)
{
    /// <summary>Kept answers read from grain storage.</summary>
    public int Restored => RestoredItems.Count;

    /// <summary>One line for logs: items, issued, re-issued, duplicates, how the kept answers were had, and items per silo.</summary>
    public override string ToString() =>
        $"{Items} items of {UnitsPerItem} units: {Issued} calls issued, {Reissued} re-issued, {Duplicates} late duplicates dropped; " +
        $"{Computed} computed, {Repeated} kept in memory, {Restored} from grain storage; items by silo: " +
        string.Join(", ", ItemsBySilo.Select(kv => $"{kv.Key} {kv.Value}"));
}

/// <summary>
/// The coordinator: cuts a sweep into items sized by work, sends each to its grain (keyed by job hash and item), keeps
/// which items are done, and re-sends an item whose call failed (its silo died) or timed out, until it is answered.
/// Each item's counts are kept once, the first answer winning (a late answer to an earlier call is dropped and counted);
/// the counts are handed back in item order, so the merged result is the same bytes as the local executor's.
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
        var siloOf = new string[plan.Items];
        var howOf = new char[plan.Items]; // c computed, m kept in memory, s read from grain storage
        var bySilo = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var answers = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var reissuedItems = new ConcurrentBag<int>();
        int issued = 0, reissued = 0, duplicates = 0, jobSends = 0, done = 0;
        long runsDone = 0, runsAll = plan.RunsOfUnit.Sum(x => (long)x);
        using var gate = new SemaphoreSlim(Math.Max(1, _o.MaxInFlight));

        // keeps an answer: the first for its item wins, a later one is a duplicate
        void Keep(int item, ItemReply reply)
        {
            answers.AddOrUpdate(reply.Silo, 1, (_, n) => n + 1);
            if (Interlocked.CompareExchange(ref results[item], reply.Units ?? [], null) is not null)
            {
                Interlocked.Increment(ref duplicates);
                return;
            }
            siloOf[item] = reply.Silo;
            howOf[item] = reply.Restored ? 's' : reply.Repeated ? 'm' : 'c';
            bySilo.AddOrUpdate(reply.Silo, 1, (_, n) => n + 1);
            var (first, last) = plan.UnitsOf(item);
            long runs = 0;
            for (var u = first; u < last; u++) runs += plan.RunsOfUnit[u];
            var r = Interlocked.Add(ref runsDone, runs);
            progress?.Report(new SweepProgress(Interlocked.Increment(ref done), plan.Items, r, runsAll));
            OnItemDone?.Invoke(item, reply.Silo);
        }

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
                    if (Volatile.Read(ref results[item]) is not null) return; // a late answer to an earlier call came first
                    ItemReply reply;
                    Interlocked.Increment(ref issued);
                    var call = grain.Run(new ItemCall(hash, item, carry));
                    try
                    {
                        reply = _o.ItemTimeout is { } timeout ? await call.WaitAsync(timeout, cancel) : await call;
                    }
                    catch (TimeoutException) when (attempt < _o.MaxAttempts)
                    {
                        // the call stays open: if it answers after all, its answer is kept or counted as a duplicate
                        _ = call.ContinueWith(t => { if (t.IsCompletedSuccessfully && !t.Result.NeedJob && t.Result.BadJob is null) Keep(item, t.Result); }, TaskScheduler.Default);
                        Interlocked.Increment(ref reissued);
                        reissuedItems.Add(item);
                        _log.LogWarning("sweep {Job}: item {Item} not answered in {Timeout}; re-issuing (attempt {Attempt})", hash[..12], item, _o.ItemTimeout, attempt + 1);
                        continue;
                    }
                    catch (Exception e) when (e is not OperationCanceledException && !IsBadJob(e) && attempt < _o.MaxAttempts)
                    {
                        Interlocked.Increment(ref reissued);
                        reissuedItems.Add(item);
                        _log.LogWarning("sweep {Job}: item {Item} lost ({Reason}); re-issuing (attempt {Attempt})", hash[..12], item, e.GetType().Name, attempt + 1);
                        await Task.Delay(_o.Delay, cancel);
                        continue;
                    }
                    if (reply.BadJob is { } why) throw new Domain.InputException($"the cluster could not run the sweep (silo {reply.Silo}): {why}");
                    if (reply.NeedJob)
                    {
                        Interlocked.Increment(ref jobSends);
                        carry = bytes;
                        continue;
                    }
                    Keep(item, reply);
                    return;
                }
            }
            finally { gate.Release(); }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Items).Select(One));
        LastReport = new ClusterRunReport(hash, plan.Items, sent.UnitsPerItem, issued, reissued, Volatile.Read(ref duplicates), jobSends,
            reissuedItems.Distinct().Order().ToList(),
            new SortedDictionary<string, int>(bySilo, StringComparer.Ordinal), new SortedDictionary<string, int>(answers, StringComparer.Ordinal),
            siloOf.ToList(),
            DateTime.UtcNow - started, howOf.Count(h => h == 'c'), howOf.Count(h => h == 'm'), Enumerable.Range(0, plan.Items).Where(i => howOf[i] == 's').ToList());
        _log.LogInformation("sweep {Job}: {Report}", hash[..12], LastReport.ToString());

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
