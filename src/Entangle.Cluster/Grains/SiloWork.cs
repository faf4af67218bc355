using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Entangle.Application.Sweeps;

namespace Entangle.Cluster.Grains;

/// <summary>
/// What a silo shares between its item grains: the jobs it has been sent (by hash), a gate of one item per core, and
/// its meters. Meter <c>Entangle.Cluster</c>, instruments named the OpenTelemetry way Orleans' own meter
/// (<c>Microsoft.Orleans</c>) is read with, each tagged with the silo (<c>silo</c>): counters
/// <c>entangle.sweep.items.completed</c>, <c>entangle.sweep.items.repeated</c> (calls answered from a kept result) and
/// <c>entangle.sweep.runs.completed</c> (simulated runs), <c>entangle.sweep.items.restored</c> (answered from grain
/// storage) and <c>entangle.sweep.items.stored</c> (written to it), the up-down counter <c>entangle.sweep.items.in_flight</c>, and
/// the gauge <c>entangle.sweep.throughput</c> (simulated runs per second over the last <see cref="Window"/>).
/// </summary>
public sealed class SiloWork : IDisposable
{
    public const string MeterName = "Entangle.Cluster";

    /// <summary>The window the throughput is measured over. <value>10 s.</value></summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    // per job hash: the job and its prepared form (scenario loaded, arms compiled), made on first use and shared by the
    // job's items as the local executor shares it between its threads (preparing per item cost ~27 ms an item)
    private readonly ConcurrentDictionary<string, (SweepJob Job, Lazy<PreparedSweep> Prepared)> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate;
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _done, _repeated, _runs, _restored, _stored;
    private readonly UpDownCounter<long> _inFlight;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Queue<(long Ticks, long Runs)> _recent = new();
    private long _itemsDone, _inFlightNow, _runsDone, _repeatedNow, _restoredNow, _storedNow;

    /// <summary>The silo's name in replies and meters (its address).</summary>
    public string Silo { get; }

    public SiloWork(string silo, int slots = 0)
    {
        Silo = silo;
        _gate = new SemaphoreSlim(slots > 0 ? slots : Environment.ProcessorCount);
        _tag = new("silo", silo);
        _done = _meter.CreateCounter<long>("entangle.sweep.items.completed", "{item}", "Sweep work items computed on this silo");
        _repeated = _meter.CreateCounter<long>("entangle.sweep.items.repeated", "{item}", "Calls answered from an item's kept result");
        _runs = _meter.CreateCounter<long>("entangle.sweep.runs.completed", "{run}", "Simulated runs computed on this silo");
        _restored = _meter.CreateCounter<long>("entangle.sweep.items.restored", "{item}", "Items answered from grain storage instead of computed");
        _stored = _meter.CreateCounter<long>("entangle.sweep.items.stored", "{item}", "Computed items written to grain storage");
        _inFlight = _meter.CreateUpDownCounter<long>("entangle.sweep.items.in_flight", "{item}", "Sweep work items being computed on this silo");
        _meter.CreateObservableGauge("entangle.sweep.throughput", () => new Measurement<double>(Throughput, _tag), "{run}/s",
            "Simulated runs per second on this silo over the last 10 s");
    }

    /// <summary>Items computed, in flight, runs simulated and calls answered from a kept result on this silo so far.</summary>
    public (long ItemsDone, long InFlight, long Runs, long Repeated) Snapshot =>
        (Interlocked.Read(ref _itemsDone), Interlocked.Read(ref _inFlightNow), Interlocked.Read(ref _runsDone), Interlocked.Read(ref _repeatedNow));

    /// <summary>Simulated runs per second over the last <see cref="Window"/>.</summary>
    public double Throughput
    {
        get
        {
            lock (_recent)
            {
                Trim(DateTime.UtcNow.Ticks);
                return _recent.Sum(r => r.Runs) / Window.TotalSeconds;
            }
        }
    }

    private void Trim(long now)
    {
        while (_recent.Count > 0 && now - _recent.Peek().Ticks > Window.Ticks) _recent.Dequeue();
    }

    /// <summary>The job of a hash: kept from an earlier call, or read from <paramref name="bytes"/> (checked against the hash); null when neither.</summary>
    public SweepJob? Job(string hash, byte[]? bytes)
    {
        if (_jobs.TryGetValue(hash, out var kept)) return kept.Job;
        if (bytes is null) return null;
        var job = SweepJob.FromBytes(bytes);
        if (job.Hash != hash) throw new ArgumentException($"the job sent as {hash[..12]} hashes to {job.Hash[..12]}");
        if (_jobs.Count > 16) _jobs.Clear(); // a silo serves a few sweeps at a time; forget old ones wholesale
        return _jobs.GetOrAdd(hash, (job, new Lazy<PreparedSweep>(() => PreparedSweep.Of(job)))).Job;
    }

    /// <summary>The prepared form of a job this silo keeps (made once), or of one it has since forgotten.</summary>
    private PreparedSweep Prepared(SweepJob job) =>
        _jobs.TryGetValue(job.Hash, out var kept) ? kept.Prepared.Value : PreparedSweep.Of(job);

    /// <summary>Runs an item on the thread pool, at most one per core at a time.</summary>
    public async Task<long[][]> RunAsync(SweepJob job, int item)
    {
        await _gate.WaitAsync();
        Interlocked.Increment(ref _inFlightNow);
        _inFlight.Add(1, _tag);
        try
        {
            var prepared = await Task.Run(() => Prepared(job));
            var result = await Task.Run(() => prepared.Run(item));
            var (first, last) = prepared.UnitsOf(item);
            long runs = 0;
            for (var u = first; u < last; u++) runs += prepared.RunsOfUnit[u];
            Interlocked.Increment(ref _itemsDone); Interlocked.Add(ref _runsDone, runs);
            _done.Add(1, _tag); _runs.Add(runs, _tag);
            lock (_recent)
            {
                var now = DateTime.UtcNow.Ticks;
                _recent.Enqueue((now, runs));
                Trim(now);
            }
            return result.Units;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightNow);
            _inFlight.Add(-1, _tag);
            _gate.Release();
        }
    }

    public void Repeated() { Interlocked.Increment(ref _repeatedNow); _repeated.Add(1, _tag); }

    /// <summary>An item answered from grain storage.</summary>
    public void Restored() { Interlocked.Increment(ref _restoredNow); _restored.Add(1, _tag); }

    /// <summary>A computed item written to grain storage.</summary>
    public void Stored() { Interlocked.Increment(ref _storedNow); _stored.Add(1, _tag); }

    /// <summary>Items answered from grain storage and items written to it on this silo so far.</summary>
    public (long Restored, long Stored) StorageSnapshot => (Interlocked.Read(ref _restoredNow), Interlocked.Read(ref _storedNow));

    public void Dispose() { _meter.Dispose(); _gate.Dispose(); }
}
