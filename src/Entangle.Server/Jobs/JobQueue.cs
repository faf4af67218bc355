using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Entangle.Domain;
using Entangle.Scenarios;
using Entangle.Server.Storage;

namespace Entangle.Server.Jobs;

/// <summary>What a running or queued job is doing now (kept in memory; the store has the rest).</summary>
public sealed class LiveJob(string id, string client)
{
    public string Id { get; } = id;
    public string Client { get; } = client;
    public CancellationTokenSource Cancel { get; } = new();
    public long Done;
    public long Total;
}

/// <summary>Why a job could not be submitted: the queue is full, or the client has too many jobs (HTTP 429).</summary>
public sealed class JobLimitException(string message) : Exception(message);

/// <summary>
/// Background jobs on a bounded queue, run by a fixed number of workers. A job's result and its final status are
/// stored in one transaction; a job the server was running when it stopped is marked interrupted at the next start
/// and can be resumed, which runs it again from its stored request and seed (so to the same bytes).
/// </summary>
public sealed class JobQueue : IAsyncDisposable
{
    private readonly ServerStore _store;
    private readonly Channel<string> _channel;
    private readonly ConcurrentDictionary<string, LiveJob> _live = new(StringComparer.Ordinal);
    private readonly Task[] _workers;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _perClient;
    private readonly object _gate = new();

    /// <summary>Identifies the code that computes results: the engine and service assemblies' module ids (deterministic builds: same source, same id).</summary>
    public static readonly string CodeVersion = ComputeCodeVersion();

    private readonly ScenarioCache _scenarios;

    private readonly string _dataDir;
    private readonly Application.Sweeps.ISweepExecutor? _executor;

    /// <param name="dataDir">The server's data directory: the reference data that backtests run on.</param>
    public JobQueue(ServerStore store, ScenarioCache scenarios, string dataDir, int capacity, int workers, int perClient, Application.Sweeps.ISweepExecutor? executor = null)
    {
        _dataDir = dataDir;
        _executor = executor;
        _store = store;
        _scenarios = scenarios;
        _perClient = perClient;
        _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        var (_, queued) = store.Recover();
        foreach (var id in queued)
        {
            var j = store.Job(id)!;
            _live[id] = new LiveJob(id, j.Client);
            if (!_channel.Writer.TryWrite(id)) store.Transition(id, [JobStatus.Queued], JobStatus.Interrupted, "the queue was full when the server restarted; resume it");
        }
        // Each worker has a thread of its own: a job blocks for its whole run, and on a thread-pool thread it would
        // take one of the few threads (two on two cores) that answer requests.
        _workers = Enumerable.Range(0, Math.Max(1, workers))
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
    }

    private static string ComputeCodeVersion()
    {
        var ids = new[] { typeof(Engine.Escalation.Ensemble), typeof(Application.Escalation.EscalationService), typeof(ScenarioLoader), typeof(Scenario) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        var version = typeof(JobQueue).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        return version.Split('+')[0] + "+" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", ids))))[..16];
    }

    /// <summary>The cache key of a request: (kind, scenario hash, canonical request, code version).</summary>
    public static string CacheKey(string kind, string scenarioHash, string canonicalRequest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{scenarioHash}\n{canonicalRequest}\n{CodeVersion}")));

    public LiveJob? Live(string id) => _live.TryGetValue(id, out var j) ? j : null;

    /// <summary>Jobs queued or running now.</summary>
    public int LiveCount => _live.Count;

    /// <summary>
    /// Submits a job on a stored scenario version, or (<paramref name="scenario"/> null) on the reference data, or returns
    /// the stored job with the same cache key that succeeded (then <c>cached</c> is true).
    /// </summary>
    public (JobRow Job, bool Cached) Submit(JobKind kind, ScenarioRow? scenario, string body, string client)
    {
        if (kind.NeedsScenario != scenario is not null) throw new InvalidOperationException($"a {kind.Name} job {(kind.NeedsScenario ? "needs" : "takes no")} scenario");
        var (_, canonical, seed) = kind.Parse(body); // validates before anything is stored
        var subject = scenario?.Hash ?? BacktestJob.DataHash(_dataDir);
        var key = CacheKey(kind.Name, subject, canonical);
        if (_store.Cached(key) is { } hit) return (hit, true);
        var job = new JobRow
        {
            Id = Guid.NewGuid().ToString("N")[..16], Kind = kind.Name, ScenarioId = scenario?.Id, ScenarioVersion = scenario?.Version, ScenarioHash = subject,
            Request = canonical, Seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture), CodeVersion = CodeVersion, CacheKey = key,
            Status = JobStatus.Queued, Client = client, CreatedAt = ServerStore.Now(),
        };
        lock (_gate)
        {
            if (_live.Values.Count(j => j.Client == client) >= _perClient)
                throw new JobLimitException($"this client already has {_perClient} jobs queued or running, the most allowed; wait for one to finish or cancel one");
            _store.InsertJob(job);
            _live[job.Id] = new LiveJob(job.Id, client);
            if (!_channel.Writer.TryWrite(job.Id))
            {
                _live.TryRemove(job.Id, out _);
                _store.Transition(job.Id, [JobStatus.Queued], JobStatus.Failed, "the job queue was full");
                throw new JobLimitException("the job queue is full; try again later");
            }
        }
        return (job, false);
    }

    /// <summary>Queues an interrupted, cancelled or failed job again, with its stored request and seed.</summary>
    public JobRow Resume(JobRow job, string client)
    {
        lock (_gate)
        {
            if (_live.Values.Count(j => j.Client == client) >= _perClient)
                throw new JobLimitException($"this client already has {_perClient} jobs queued or running, the most allowed");
            if (!_store.Transition(job.Id, [JobStatus.Interrupted, JobStatus.Cancelled, JobStatus.Failed], JobStatus.Queued))
                throw new InputException($"job {job.Id} is {_store.Job(job.Id)?.Status}; only an interrupted, cancelled or failed job can be resumed");
            _live[job.Id] = new LiveJob(job.Id, client);
            if (!_channel.Writer.TryWrite(job.Id))
            {
                _live.TryRemove(job.Id, out _);
                _store.Transition(job.Id, [JobStatus.Queued], JobStatus.Interrupted, "the job queue was full; resume it later");
                throw new JobLimitException("the job queue is full; try again later");
            }
        }
        return _store.Job(job.Id)!;
    }

    /// <summary>Asks a queued or running job to stop; false when it is not live.</summary>
    public bool Cancel(string id)
    {
        if (!_live.TryGetValue(id, out var j)) return false;
        j.Cancel.Cancel();
        if (_store.Transition(id, [JobStatus.Queued], JobStatus.Cancelled, "cancelled before it started")) _live.TryRemove(id, out _);
        return true;
    }

    private void Work()
    {
        try
        {
            while (_channel.Reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                if (!_channel.Reader.TryRead(out var id) || !_live.TryGetValue(id, out var live)) continue;
                try
                {
                    Execute(live);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // the store failed (e.g. the database went away): the worker goes on with the next job
                    Console.Error.WriteLine($"entangle serve: job {id}: {e.GetType().Name}: {e.Message}");
                    try { _store.Transition(id, [JobStatus.Queued, JobStatus.Running], JobStatus.Failed, $"internal error: {e.GetType().Name}: {e.Message}"); }
                    catch (Exception again) when (again is not OutOfMemoryException) { Console.Error.WriteLine($"entangle serve: job {id}: {again.Message}"); }
                }
                finally
                {
                    _live.TryRemove(id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void Execute(LiveJob live)
    {
        var job = _store.Job(live.Id);
        if (job is null || live.Cancel.IsCancellationRequested || !_store.Transition(live.Id, [JobStatus.Queued], JobStatus.Running)) return;
        try
        {
            var source = job.ScenarioId is { } sid ? _scenarios.Source(sid, job.ScenarioVersion!.Value)! : null;
            var kind = JobKind.All[job.Kind];
            var (request, _, _) = kind.Parse(job.Request);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(live.Cancel.Token, _stop.Token);
            var output = kind.Execute(new JobContext(source, _dataDir, _executor), request, (done, total) => { Interlocked.Exchange(ref live.Done, done); Interlocked.Exchange(ref live.Total, total); }, both.Token);
            _live.TryRemove(live.Id, out _); // the slot is free once the client can see the final status
            if (!_store.Complete(job.Id, output.ContentType, output.Body))
                _store.Transition(job.Id, [JobStatus.Running], JobStatus.Failed, "the job's status changed while it ran");
        }
        catch (OperationCanceledException)
        {
            _live.TryRemove(live.Id, out _);
            _store.Transition(job.Id, [JobStatus.Running], _stop.IsCancellationRequested ? JobStatus.Interrupted : JobStatus.Cancelled,
                _stop.IsCancellationRequested ? "the server stopped while the job ran; resume it" : "cancelled");
        }
        catch (InputException e)
        {
            _live.TryRemove(live.Id, out _);
            _store.Transition(job.Id, [JobStatus.Running], JobStatus.Failed, string.Join("\n", e.Diagnostics));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _live.TryRemove(live.Id, out _);
            _store.Transition(job.Id, [JobStatus.Running], JobStatus.Failed, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var j in _live.Values) j.Cancel.Cancel();
        _channel.Writer.TryComplete();
        try { await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(30)); } catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
    }
}
