using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Bench;

/// <summary>
/// Escalation Monte Carlo speed: the bundled scenario (24 monthly steps) and synthetic worlds of 10, 50 and 200
/// states with 1, 3 and 5 theaters. Each operation is one run, so BenchmarkDotNet's time per operation inverts to
/// runs per second; <see cref="EscalationSpeed"/> prints runs/s and agent decisions/s directly.
/// </summary>
[MemoryDiagnoser]
public class EscalationBenchmarks
{
    private const int Runs = 256;
    private CompiledModel _model = null!;
    private readonly IReadOnlyList<OutcomeDefinition> _outcomes = [new("war", "any theater at war", s => s.MaxReached.Max() >= 5)];

    [Params(10, 50, 200)] public int States;
    [Params(1, 3, 5)] public int Theaters;

    [GlobalSetup]
    public void Setup() => _model = SyntheticEscalation.Compile(States, Theaters, 24);

    [Benchmark(OperationsPerInvoke = Runs)]
    public long Synthetic() => Ensemble.Run([new Arm("baseline", _model, _outcomes)], [DesignPoint.None], new EnsembleOptions(Runs, 1, 8, 1))[0][0].Metrics["war"].TotalHits;
}

/// <summary>The bundled scenario, one thread and all cores.</summary>
[MemoryDiagnoser]
public class EscalationBundledBenchmarks
{
    private const int Runs = 1000;
    private CompiledModel _model = null!;
    private readonly IReadOnlyList<OutcomeDefinition> _outcomes = [new("war", "any theater at war", s => s.MaxReached.Max() >= 5)];

    [Params(1, 0)] public int Threads;

    [GlobalSetup]
    public void Setup() => _model = SyntheticEscalation.Bundled();

    [Benchmark(OperationsPerInvoke = Runs)]
    public long Bundled() => Ensemble.Run([new Arm("baseline", _model, _outcomes)], [DesignPoint.None], new EnsembleOptions(Runs, 1, 10, Threads))[0][0].Metrics["war"].TotalHits;
}

/// <summary>Builds the worlds the benchmarks run.</summary>
public static class SyntheticEscalation
{
    /// <summary>The bundled scenario's escalation model (the root file, or the escalation tests' root when the bundled one cannot load).</summary>
    public static CompiledModel Bundled()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Entangle.slnx"))) dir = dir.Parent;
        var root = dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
        Scenario s;
        try { s = ScenarioService.Load(Path.Combine(root, "scenarios", "russia-dprk-2024.yaml")); }
        catch (InputException) { s = ScenarioService.Load(Path.Combine(root, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "bundled-escalation.yaml")); }
        return CompiledModel.Compile(s, s.Escalation() ?? throw new InvalidOperationException("no escalation section"));
    }

    private static string Iso(int i) => "S" + (char)('A' + i / 26) + (char)('A' + i % 26);

    /// <summary>
    /// A synthetic world: <paramref name="states"/> states, the first three nuclear; <paramref name="theaters"/>
    /// theaters with two principals a side; the first four states are great powers deployed in every theater; every
    /// other state supports a side somewhere; defence pacts join blocks of five states.
    /// </summary>
    public static CompiledModel Compile(int states, int theaters, int steps)
    {
        var j = Provenance.Judge("synthetic benchmark world");
        Estimate P(double v) => new Estimate.Point(v, j);
        var ids = Enumerable.Range(0, states).Select(Iso).ToArray();
        var stateList = ids.Select((id, i) => new State(new StateId(id), null, id, [],
            i < 3 ? [new Figure(FigureNames.WarheadsTotal, 100, 2024, j), new Figure(FigureNames.MilexUsd, (50 + i * 7) * 1e9, 2023, j)]
                  : [new Figure(FigureNames.MilexUsd, (5 + i % 17) * 1e9, 2023, j)])).ToList();
        var theaterIds = Enumerable.Range(0, theaters).Select(t => $"t{t}").ToArray();
        var principals = new List<(string Theater, string[] A, string[] B)>();
        for (var t = 0; t < theaters; t++)
        {
            var a0 = 4 + (4 * t) % Math.Max(1, states - 4);
            string Pick(int k) => ids[Math.Min(states - 1, (a0 + k) % states < 4 ? 4 + k : (a0 + k) % states)];
            principals.Add((theaterIds[t], [ids[t % 2 == 0 ? 0 : 1], Pick(0)], [ids[t % 2 == 0 ? 1 : 2], Pick(1)]));
        }
        var theaterList = theaterIds.Select((id, t) => new Theater(id, id, [.. principals[t].A, .. principals[t].B], [], [])).ToList();
        var treaties = new List<Treaty>();
        for (var b = 0; b + 4 < states; b += 5)
            treaties.Add(new Treaty($"pact{b}", $"pact{b}", TreatyKind.Alliance,
                ids.Skip(b).Take(5).Select(x => new Membership(new StateId(x), DateSpan.Always)).ToList(), null, new DateOnly(2000, 1, 1), null, [], null, null, "synthetic",
                [new Clause("1", ClauseKind.Defense, "", "", [], new Trigger(TriggerEvent.ArmedAttack, []), Scope.Unlimited, ClauseStrength.Automatic, [], new Assessed(0.6, j))]));
        var world = new Scenario(new ScenarioInfo("synthetic", "Synthetic", new DateOnly(2024, 6, 23), null, []), stateList, [], [], [], treaties, theaterList, [], [],
            [new ScenarioEvent("shock", EventKind.Shock, null, "shock", null, [], new Assessed(0.05, j), [new Effect("t0", "tension", 1)], j, By: new StateId(principals[0].B[0]))], []);
        var actors = new List<EscalationActor>();
        for (var i = 0; i < states; i++)
        {
            var deps = i < 4 ? theaterIds.Select(t => new Deployment(t, P(0.8 / theaters))).ToList() : new List<Deployment>();
            actors.Add(new EscalationActor(new StateId(ids[i]), new Dictionary<string, Estimate> { ["resolve"] = new Estimate.Uniform(0.8, 1.4, j) }, deps));
        }
        var arenas = new List<EscalationTheater>();
        for (var t = 0; t < theaters; t++)
        {
            var (tid, a, b) = principals[t];
            var taken = new HashSet<string>(a.Concat(b));
            var supporters = new List<Supporter>();
            for (var i = 0; i < states; i++)
                if (!taken.Contains(ids[i]) && i % theaters == t % Math.Max(1, theaters) && i >= 3)
                    supporters.Add(new Supporter(new StateId(ids[i]), i % 2 == 0 ? Side.A : Side.B, P(0.2), i % 7 == 0));
            var stakes = a.Concat(b).Concat(supporters.Select(s => s.State.Iso3)).Distinct().ToDictionary(x => new StateId(x), x => P(0.8));
            arenas.Add(new EscalationTheater(tid, P(2 + t % 3), a.Select(x => new StateId(x)).ToList(), b.Select(x => new StateId(x)).ToList(), supporters, stakes));
        }
        var model = new EscalationModel(EscalationSettings.Default with { Steps = steps }, new Dictionary<string, Estimate>(), actors, arenas, [], [], []);
        return CompiledModel.Compile(world, model);
    }
}

/// <summary>
/// A quick speed table without BenchmarkDotNet: <c>dotnet run -c Release --project bench/Entangle.Bench -- escalation-speed</c>.
/// Each row is the median of five timed repetitions; beside it, the floor: a tight loop doing the same transcendental
/// work as the timed runs (exactly as many Math.Exp, Math.Log and Math.Pow calls as the engine made in them, counted
/// by the engine's own counters), on the same threads, measured in the same run. For continuity it also gives the
/// ratio to the first floor, a fixed 20 Math.Exp per decision.
/// </summary>
public static class EscalationSpeed
{
    /// <summary>The first edition's fixed floor: 20 Math.Exp per decision (4 for the actor's logit, 4 × 4 for the anticipated replies).</summary>
    public const int FixedExpPerDecision = 20;

    private static double Median(IEnumerable<double> xs) { var a = xs.OrderBy(x => x).ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }

    /// <summary>The transcendental calls the engine makes in <paramref name="runs"/> runs (seed 1, 10 replicates), counted by a single-threaded pass over the same runs.</summary>
    public static (long Decisions, long Exps, long Logs, long Pows) Count(CompiledModel m, int runs)
    {
        var s = new RunState(m);
        long d = 0, e = 0, l = 0, p = 0;
        for (var run = 0; run < runs; run++)
        {
            Ensemble.Prepare(s, 1, run, 10);
            for (var k = 1; k <= m.Steps; k++) Simulator.Step(s);
            d += s.Decisions; e += s.Exps; l += s.Logs; p += s.Pows;
        }
        return (d, e, l, p);
    }

    /// <summary>
    /// ns per decision (of one core) of a loop making <paramref name="exps"/> Math.Exp, <paramref name="logs"/> Math.Log
    /// and <paramref name="pows"/> Math.Pow calls in all, split over <paramref name="threads"/> threads.
    /// </summary>
    public static double FloorNs(long decisions, long exps, long logs, long pows, int threads)
    {
        var sinks = new double[threads];
        var w = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            long share(long n) => n / threads + (k < n % threads ? 1 : 0);
            sinks[k] = FloorLoop(share(exps), share(logs), share(pows), 0.001 * (k + 1));
        });
        w.Stop();
        if (sinks.Sum() == 42) Console.Write(""); // keep the loop
        return w.Elapsed.TotalNanoseconds * threads / decisions;
    }

    /// <summary>
    /// The floor's loop on one thread: <paramref name="exps"/> Math.Exp, <paramref name="logs"/> Math.Log and
    /// <paramref name="pows"/> Math.Pow calls on varying arguments. Compiled fully optimised at once, so every table
    /// times the same code: <c>escalation-speed</c> calls it only ten times per row, with long loops, and without this
    /// it ran as on-stack-replacement code (Tier1-OSR, seen with DOTNET_JitDisasmSummary=1) while
    /// <c>escalation-work</c>, calling it once per batch, ran its Tier1 code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FloorLoop(long exps, long logs, long pows, double x)
    {
        double acc = 0;
        for (var e = exps; e > 0; e--) { x = x * 0.999 + 1e-7; acc += Math.Exp(-30 * x); }
        for (var e = logs; e > 0; e--) { x = x * 0.999 + 1e-7; acc += Math.Log(0.5 + x); }
        for (var e = pows; e > 0; e--) { x = x * 0.999 + 1e-7; acc += Math.Pow(2 + x, 1.5); }
        return acc;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    /// <param name="bundledOnly">Only the bundled scenario's rows (<c>escalation-speed bundled</c>), for quick iterations.</param>
    public static void Run(bool bundledOnly = false)
    {
        var outcomes = new List<OutcomeDefinition> { new("war", "war", s => s.MaxReached.Max() >= 5) };
        void Measure(string name, CompiledModel m, int runs, int threads)
        {
            var arm = new Arm("baseline", m, outcomes);
            var th = threads > 0 ? threads : Environment.ProcessorCount;
            Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(Math.Min(runs, 200), 99, 10, th)); // warm up
            var (countedDecisions, exps, logs, pows) = Count(m, runs);
            var times = new List<double>(); long decisions = 0;
            for (var rep = 0; rep < 5; rep++)
            {
                var w = Stopwatch.StartNew();
                var r = Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(runs, 1, 10, th))[0][0];
                w.Stop();
                times.Add(w.Elapsed.TotalSeconds); decisions = r.Decisions;
            }
            if (decisions != countedDecisions) throw new InvalidOperationException($"the counting pass saw {countedDecisions} decisions, the timed runs {decisions}");
            var sec = Median(times);
            var ns = sec * 1e9 * th / decisions; // ns of one core per decision
            var floor = Median(Enumerable.Range(0, 5).Select(_ => FloorNs(decisions, exps, logs, pows, th)));
            var fixedFloor = Median(Enumerable.Range(0, 5).Select(_ => FloorNs(decisions, decisions * FixedExpPerDecision, 0, 0, th)));
            var per = (exps + logs + pows) / (double)decisions;
            Console.WriteLine($"| {name} | {m.ActorCount} | {m.TheaterCount} | {th} | {runs} | {sec:0.000} | {runs / sec:N0} | {decisions / sec:N0} | {ns:0.0} | {exps / (double)decisions:0.00} + {logs / (double)decisions:0.00} + {pows / (double)decisions:0.00} | {floor:0.0} | {ns / floor:0.00} | {fixedFloor:0.0} | {ns / fixedFloor:0.00} |");
        }
        Console.WriteLine($"load average at start: {Load()}; {Environment.ProcessorCount} cores");
        Console.WriteLine("| world | actors | theaters | threads | runs | seconds | runs/s | decisions/s | ns per decision (one core) | exp + log + pow per decision | floor ns | ratio | 20-exp floor ns | ratio to it |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var bundled = SyntheticEscalation.Bundled();
        Measure("bundled russia-dprk-2024 (24 months)", bundled, 10_000, 0);
        Measure("bundled russia-dprk-2024 (24 months)", bundled, 10_000, 1);
        if (!bundledOnly)
            foreach (var n in new[] { 10, 50, 200 })
                foreach (var t in new[] { 1, 3, 5 })
                    Measure($"synthetic {n} states, {t} theaters", SyntheticEscalation.Compile(n, t, 24), 2000, 0);
        Console.WriteLine($"load average at end: {Load()}");
    }
}

/// <summary>
/// A bit-level fingerprint of the dynamics, to check that an optimisation of the step changes nothing:
/// <c>dotnet run -c Release --project bench/Entangle.Bench -- escalation-fingerprint</c>. For the bundled scenario and
/// three synthetic worlds it hashes (FNV-1a) every posture, level, force share, premium paid, crossed mask and crisis
/// state after every step of the first runs, and prints one hash per world; equal hashes before and after a change
/// mean the same trajectories to the last bit.
/// </summary>
public static class EscalationFingerprint
{
    /// <summary>
    /// Runs <paramref name="runs"/> runs of the bundled scenario on one thread and prints the counts (for <c>perf stat</c>),
    /// then times <paramref name="batches"/> batches of <paramref name="runsPerBatch"/> runs and prints the fastest and the
    /// median batch (the fastest is the figure least disturbed by other processes on a shared machine).
    /// </summary>
    /// <remarks>
    /// With <paramref name="threads"/> above 1 it then times the same batches on that many threads at once: thread k
    /// runs runs k·RUNS … (k+1)·RUNS − 1 on its own <see cref="RunState"/>, all threads start each batch together
    /// (a barrier), and a batch's time is from the first start to the last finish. It prints the fastest such batch as
    /// decisions per second of the machine and ns per decision per core, its floor batch (the same counted exp, log
    /// and pow calls, split the same way, run the same way), and the scaling against the one-thread fastest batch.
    /// </remarks>
    public static void Work(int runs, int runsPerBatch = 50, int batches = 150, int threads = 1)
    {
        var m = World is null ? SyntheticEscalation.Bundled() : Synthetic(World);
        if (Environment.GetEnvironmentVariable("ENTANGLE_SHOW_OBLIGATIONS") is not null)
            foreach (var o in m.Obligations) Console.WriteLine($"{o.Treaty} {o.Article} ally {o.Ally} partner {o.Partner} {o.Theater} trigger {o.TriggerLevel}");
        var s = new RunState(m);
        long decisions = 0, exps = 0, logs = 0, pows = 0;
        for (var run = 0; run < runs; run++)
        {
            Ensemble.Prepare(s, 1, run, 10);
            for (var k = 1; k <= m.Steps; k++) Simulator.Step(s);
            decisions += s.Decisions; exps += s.Exps; logs += s.Logs; pows += s.Pows;
        }
        Console.WriteLine($"runs {runs} decisions {decisions} exp {exps} log {logs} pow {pows} per decision: exp {exps / (double)decisions:0.00} log {logs / (double)decisions:0.00} pow {pows / (double)decisions:0.00}");
        long batch = 0, bExps = 0, bLogs = 0, bPows = 0; // decisions and calls in the first runsPerBatch runs
        for (var run = 0; run < runsPerBatch; run++)
        {
            Ensemble.Prepare(s, 1, run, 10);
            for (var k = 1; k <= m.Steps; k++) Simulator.Step(s);
            batch += s.Decisions; bExps += s.Exps; bLogs += s.Logs; bPows += s.Pows;
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var run = 0; run < runs; run++)
        {
            Ensemble.Prepare(s, 1, run, 10);
            for (var k = 1; k <= m.Steps; k++) Simulator.Step(s);
        }
        Console.WriteLine($"allocated {GC.GetAllocatedBytesForCurrentThread() - before} bytes in {runs} runs");
        // the fastest of many short timed batches (robust to other processes on a shared machine), each followed by a
        // batch of the floor: the same number of exp, log and pow calls as the engine made in the batch's runs
        var times = new double[batches];
        var floors = new double[batches];
        double sink = 0;
        for (var rep = 0; rep < batches; rep++)
        {
            var w = Stopwatch.StartNew();
            for (var run = 0; run < runsPerBatch; run++) // the same runs in every batch
            {
                Ensemble.Prepare(s, 1, run, 10);
                for (var k = 1; k <= m.Steps; k++) Simulator.Step(s);
            }
            w.Stop();
            times[rep] = w.Elapsed.TotalNanoseconds / batch;
            w.Restart();
            sink += EscalationSpeed.FloorLoop(bExps, bLogs, bPows, 0.001 * (rep + 1));
            w.Stop();
            floors[rep] = w.Elapsed.TotalNanoseconds / batch;
        }
        if (sink == 42) Console.Write(""); // keep the loop
        Array.Sort(times); Array.Sort(floors);
        Console.WriteLine($"fastest batch: {times[0]:0.0} ns per decision (one thread; median batch {times[batches / 2]:0.0}; {batches} batches of {runsPerBatch} runs)");
        Console.WriteLine($"fastest floor batch: {floors[0]:0.0} ns per decision (median {floors[batches / 2]:0.0}); ratio of the fastest batches {times[0] / floors[0]:0.00}");
        if (threads > 1) Concurrent(m, runsPerBatch, batches, threads, times[0]);
    }

    /// <summary><c>--world SxT</c> of <c>escalation-work</c>: time the synthetic world of S states and T theaters (24 steps) instead of the bundled scenario.</summary>
    public static string? World;

    private static CompiledModel Synthetic(string world)
    {
        var parts = world.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var states) || !int.TryParse(parts[1], out var theaters) || states < 2 || theaters < 1)
            throw new ArgumentException($"--world {world}: expected SxT, S states (2 or more) and T theaters (1 or more), e.g. 200x1");
        Console.WriteLine($"synthetic {states} states, {theaters} theaters (24 steps)");
        return SyntheticEscalation.Compile(states, theaters, 24);
    }

    /// <summary>The timed batches of <see cref="Work"/> on <paramref name="threads"/> threads at once (see its remarks).</summary>
    private static void Concurrent(CompiledModel m, int runsPerBatch, int batches, int threads, double oneThreadNs)
    {
        var dec = new long[threads]; var ex = new long[threads]; var lg = new long[threads]; var pw = new long[threads];
        long decisions = 0;
        var starts = new long[threads]; var ends = new long[threads];
        var engine = new double[batches]; var floor = new double[batches];
        var sinks = new double[threads];
        using var barrier = new Barrier(threads);
        var workers = new Thread[threads];
        for (var k = 0; k < threads; k++)
        {
            var me = k;
            workers[k] = new Thread(() =>
            {
                var s = new RunState(m); // allocated by its own thread, as the ensemble's workers do
                for (var run = me * runsPerBatch; run < (me + 1) * runsPerBatch; run++) // count this thread's runs, and warm up
                {
                    Ensemble.Prepare(s, 1, run, 10);
                    for (var step = 1; step <= m.Steps; step++) Simulator.Step(s);
                    dec[me] += s.Decisions; ex[me] += s.Exps; lg[me] += s.Logs; pw[me] += s.Pows;
                }
                barrier.SignalAndWait();
                if (me == 0) decisions = dec.Sum();
                for (var rep = 0; rep < batches; rep++)
                {
                    barrier.SignalAndWait();
                    starts[me] = Stopwatch.GetTimestamp();
                    for (var run = me * runsPerBatch; run < (me + 1) * runsPerBatch; run++)
                    {
                        Ensemble.Prepare(s, 1, run, 10);
                        for (var step = 1; step <= m.Steps; step++) Simulator.Step(s);
                    }
                    ends[me] = Stopwatch.GetTimestamp();
                    barrier.SignalAndWait();
                    if (me == 0) engine[rep] = Stopwatch.GetElapsedTime(starts.Min(), ends.Max()).TotalNanoseconds / decisions;
                    barrier.SignalAndWait();
                    starts[me] = Stopwatch.GetTimestamp();
                    sinks[me] += EscalationSpeed.FloorLoop(ex[me], lg[me], pw[me], 0.001 * (rep + 1));
                    ends[me] = Stopwatch.GetTimestamp();
                    barrier.SignalAndWait();
                    if (me == 0) floor[rep] = Stopwatch.GetElapsedTime(starts.Min(), ends.Max()).TotalNanoseconds / decisions;
                }
            });
            workers[k].Start();
        }
        foreach (var w in workers) w.Join();
        if (sinks.Sum() == 42) Console.Write(""); // keep the loop
        Array.Sort(engine); Array.Sort(floor);
        double wall = engine[0], perCore = wall * threads;
        Console.WriteLine($"{threads} threads at once: fastest batch {1e9 / wall:N0} decisions/s ({wall:0.0} ns wall, {perCore:0.0} ns per decision per core; median batch {1e9 / engine[batches / 2]:N0} decisions/s; {batches} batches of {runsPerBatch} runs per thread)");
        Console.WriteLine($"{threads} threads at once: fastest floor batch {floor[0] * threads:0.0} ns per decision per core; ratio of the fastest batches {engine[0] / floor[0]:0.00}; scaling against one thread {oneThreadNs * threads / perCore:0.00} of {threads}");
    }

    public static void Run()
    {
        void World(string name, CompiledModel m, int runs)
        {
            var s = new RunState(m);
            ulong h = 14695981039346656037UL;
            void Mix(long v) { for (var b = 0; b < 8; b++) { h ^= (byte)(v >> (8 * b)); h *= 1099511628211UL; } }
            long decisions = 0;
            for (var run = 0; run < runs; run++)
            {
                Ensemble.Prepare(s, 1, run, 10);
                for (var k = 1; k <= m.Steps; k++)
                {
                    Simulator.Step(s);
                    foreach (var x in s.Posture) Mix(x);
                    foreach (var x in s.Level) Mix(x);
                    foreach (var x in s.Crossed) Mix(x);
                    foreach (var x in s.Share) Mix(BitConverter.DoubleToInt64Bits(x));
                    foreach (var x in s.PremiumPaid) Mix(BitConverter.DoubleToInt64Bits(x));
                    foreach (var x in s.InCrisis) Mix(x ? 1 : 0);
                    foreach (var x in s.ObligationHonoured) Mix(x ? 1 : 0);
                    foreach (var x in s.Intervened) Mix(x ? 1 : 0);
                }
                decisions += s.Decisions;
            }
            Console.WriteLine($"{name,-34} runs {runs,6} decisions {decisions,10} hash {h:x16}");
        }
        World("bundled russia-dprk-2024", SyntheticEscalation.Bundled(), 2000);
        foreach (var (n, t) in new[] { (10, 1), (10, 3), (50, 5), (200, 3) })
            World($"synthetic {n} states, {t} theaters", SyntheticEscalation.Compile(n, t, 24), 300);
    }
}
