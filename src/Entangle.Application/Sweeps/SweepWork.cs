using System.Collections.Concurrent;
using Entangle.Application.Analysis;
using Entangle.Application.Backtest;
using Entangle.Application.Escalation;
using Entangle.Domain;
using Entangle.Engine.Escalation;
using Entangle.Scenarios;

namespace Entangle.Application.Sweeps;

/// <summary>The counts of one work item: one array of integers per unit, in unit order (layout: <see cref="PreparedSweep"/>).</summary>
/// <param name="Item">The item's index in its job.</param>
public sealed record SweepItemResult(int Item, long[][] Units);

/// <summary>
/// A job compiled where it runs: its models, arms and fixed slots, and the cutting of its work into units and items.
/// Running an item is a pure function of the job and the item's index. An ensemble unit is chunk c of
/// (point p, arm a), numbered (p · arms + a) · chunks + c, and holds, per outcome, the hits then the trials of each of
/// the chunk's draws, then the decisions taken. A backtest unit is chunk k of (case c, point p), numbered
/// (c · points + p) · chunks + k, and holds runs, crisis-months, the target hits, the end-step and the maximum-level
/// counts (<see cref="CaseCounts"/>).
/// </summary>
public sealed class PreparedSweep
{
    public SweepJob Job { get; }
    /// <summary>Units in all.</summary>
    public int Units { get; }
    /// <summary>Items in all: ⌈units / units per item⌉.</summary>
    public int Items => (Units + Job.UnitsPerItem - 1) / Job.UnitsPerItem;
    /// <summary>Simulated runs in each unit.</summary>
    public int[] RunsOfUnit { get; }
    /// <summary>Work of each unit: runs × steps × actors (what items are sized by).</summary>
    public long[] CostOfUnit { get; }

    // ensemble
    internal readonly Arm[]? Arms;
    private readonly (int, double)[][]? _fixed;
    private readonly EnsembleOptions? _options;
    private readonly int _chunks;
    // backtest
    private readonly CompiledModel?[]? _models;
    private readonly RunnerOptions? _runner;

    private PreparedSweep(SweepJob job)
    {
        Job = job;
        if (job.UnitsPerItem < 1) throw new InputException($"units per item {job.UnitsPerItem}: must be at least 1");
        if (job.Ensemble is { } e)
        {
            if (e.Runs < 1) throw new InputException($"runs {e.Runs}: must be at least 1");
            if (e.Replicates < 1) throw new InputException($"replicates {e.Replicates}: must be at least 1");
            var sources = e.Scenarios.Select(Source).ToArray();
            Arms = e.Arms.Select(a =>
            {
                if (a.Scenario < 0 || a.Scenario >= sources.Length) throw new InputException($"arm '{a.Name}': scenario {a.Scenario} is not in the job");
                var request = new EscalationRequest(WithoutTreaties: a.WithoutTreaties, Overrides: a.Overrides);
                return EscalationService.Arm(ClaimsService.ArmModel(sources[a.Scenario], request, a.Claim is null ? "baseline" : "claim:" + a.Claim), a.Name);
            }).ToArray();
            _options = new EnsembleOptions(e.Runs, e.Seed, e.Replicates);
            _chunks = Ensemble.Chunks(_options);
            var points = e.Points.Select(p => p.ToDesignPoint()).ToArray();
            _fixed = new (int, double)[points.Length * Arms.Length][];
            for (var p = 0; p < points.Length; p++)
                for (var a = 0; a < Arms.Length; a++) _fixed[p * Arms.Length + a] = Ensemble.Fixed(Arms[a], points[p]);
            Units = points.Length * Arms.Length * _chunks;
            RunsOfUnit = new int[Units];
            CostOfUnit = new long[Units];
            for (var u = 0; u < Units; u++)
            {
                var (first, last) = Ensemble.ChunkRuns(u % _chunks, _options);
                var m = Arms[u / _chunks % Arms.Length].Model;
                RunsOfUnit[u] = last - first;
                CostOfUnit[u] = (long)(last - first) * m.Steps * m.ActorCount;
            }
        }
        else if (job.Backtest is { } b)
        {
            _runner = new RunnerOptions(b.Runs, b.Seed, b.Replicates);
            if (b.Runs < 1) throw new InputException($"runs {b.Runs}: must be at least 1");
            _models = BacktestService.Compile(b.Cases, b.Calibration, []);
            _fixed = new (int, double)[b.Cases.Count * b.Points.Count][];
            for (var c = 0; c < b.Cases.Count; c++)
                for (var p = 0; p < b.Points.Count; p++)
                    _fixed[c * b.Points.Count + p] = _models[c] is { } m ? b.Points[p].Resolve(m) : [];
            _chunks = _runner.Chunks;
            Units = b.Cases.Count * b.Points.Count * _chunks;
            RunsOfUnit = new int[Units];
            CostOfUnit = new long[Units];
            for (var u = 0; u < Units; u++)
            {
                var k = u % _chunks;
                var runs = Math.Min(b.Runs, (k + 1) * RunnerOptions.RunsPerChunk) - k * RunnerOptions.RunsPerChunk;
                var m = _models[u / _chunks / b.Points.Count];
                RunsOfUnit[u] = m is null ? 0 : runs;
                CostOfUnit[u] = m is null ? 1 : (long)runs * m.Steps * m.ActorCount;
            }
        }
        else throw new InputException("a sweep job holds exactly one of an ensemble or a backtest");
    }

    /// <summary>The units [first, last) of an item.</summary>
    public (int First, int Last) UnitsOf(int item) => (item * Job.UnitsPerItem, Math.Min(Units, (item + 1) * Job.UnitsPerItem));

    /// <summary>Runs one item. <paramref name="worker"/> holds reusable run states (one per thread; not thread-safe).</summary>
    public SweepItemResult Run(int item, Worker? worker = null)
    {
        if (item < 0 || item >= Items) throw new ArgumentOutOfRangeException(nameof(item), $"item {item} of a job of {Items} items");
        worker ??= new Worker();
        var (first, last) = UnitsOf(item);
        var units = new long[last - first][];
        for (var u = first; u < last; u++) units[u - first] = RunUnit(u, worker);
        return new SweepItemResult(item, units);
    }

    private long[] RunUnit(int u, Worker w)
    {
        var c = u % _chunks;
        var group = u / _chunks;
        if (Arms is not null)
        {
            var arm = Arms[group % Arms.Length];
            var (d0, d1) = Ensemble.ChunkDraws(c, _options!);
            int nD = d1 - d0, nO = arm.Outcomes.Count;
            var hits = new int[nO][]; var trials = new int[nO][];
            for (var o = 0; o < nO; o++) { hits[o] = new int[nD]; trials[o] = new int[nD]; }
            var dec = Ensemble.RunChunk(arm, _fixed![group], _options!, c, w.State(arm.Model), hits, trials, d0);
            var values = new long[2 * nO * nD + 1];
            for (var o = 0; o < nO; o++)
                for (var d = 0; d < nD; d++) { values[(2 * o) * nD + d] = hits[o][d]; values[(2 * o + 1) * nD + d] = trials[o][d]; }
            values[^1] = dec;
            return values;
        }
        var b = Job.Backtest!;
        var caseIndex = group / b.Points.Count;
        var model = _models![caseIndex];
        var counts = model is null ? new CaseCounts(CaseScenarios.Judgements.Steps, Ladder.Default.Levels.Count)
            : BacktestRunner.RunItem(model, b.Cases[caseIndex].Crisno, _fixed![group], c, _runner!, w.State(model));
        return [counts.Runs, counts.Steps, .. counts.Hits, .. counts.EndStep, .. counts.MaxLevel];
    }

    /// <summary>Reusable run states, one per model; use one per thread.</summary>
    public sealed class Worker
    {
        private readonly Dictionary<CompiledModel, RunState> _states = new(ReferenceEqualityComparer.Instance);
        internal RunState State(CompiledModel m) => _states.TryGetValue(m, out var s) ? s : _states[m] = new RunState(m);
    }

    // ---- compiling, with a small cache so that a silo compiles each job once

    private static readonly ConcurrentDictionary<string, Lazy<PreparedSweep>> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> CacheOrder = new();
    private const int CacheSize = 8;

    /// <summary>Compiles a job (once per job hash in this process; the last few jobs are kept).</summary>
    public static PreparedSweep Of(SweepJob job)
    {
        var lazy = Cache.GetOrAdd(job.Hash, _ =>
        {
            CacheOrder.Enqueue(job.Hash);
            while (CacheOrder.Count > CacheSize && CacheOrder.TryDequeue(out var old)) Cache.TryRemove(old, out Lazy<PreparedSweep>? _);
            return new Lazy<PreparedSweep>(() => new PreparedSweep(job), LazyThreadSafetyMode.ExecutionAndPublication);
        });
        try { return lazy.Value; }
        catch { Cache.TryRemove(job.Hash, out Lazy<PreparedSweep>? _); throw; }
    }

    /// <summary>The scenario of a payload: the one loaded here, or its files written to a folder named by their hash and loaded from there.</summary>
    private static ScenarioSource Source(ScenarioPayload p)
    {
        if (p.Loaded is { } loaded) return ScenarioSource.Loaded(p.Name, loaded);
        if (!p.Files.ContainsKey(p.Root)) throw new InputException(p.Name, "the scenario was not sent with the sweep (a scenario the submitting process only holds in memory cannot run on a cluster)");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            p.Files.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => System.Text.Encoding.UTF8.GetBytes(f.Key + "\n").Concat(System.Security.Cryptography.SHA256.HashData(f.Value))).ToArray()));
        var dir = Path.Combine(Path.GetTempPath(), "entangle-sweeps", hash);
        if (!Directory.Exists(dir))
        {
            var staging = dir + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N");
            foreach (var (name, bytes) in p.Files)
            {
                if (ScenarioBundle.Normalise(name, out var why) is null) throw new InputException(p.Name, $"file '{name}' of the sweep: {why}");
                var target = Path.Combine(staging, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }
            try { Directory.Move(staging, dir); }
            catch (IOException) when (Directory.Exists(dir)) { Directory.Delete(staging, true); } // another worker wrote the same files first
        }
        return new NamedFile(p.Name, Path.Combine(dir, p.Root));
    }

    /// <summary>A scenario file loaded from a folder of this machine under the name the submitter gave it.</summary>
    private sealed record NamedFile(string Shown, string Path) : ScenarioSource
    {
        public override string Name => Shown;
        public override Scenario Load() => ScenarioLoader.Load(Path);
    }
}
