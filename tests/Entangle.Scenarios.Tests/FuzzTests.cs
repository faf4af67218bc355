using Entangle.Domain;
using Entangle.Tests.Shared;
using Xunit.Abstractions;

namespace Entangle.Scenarios.Tests;

/// <summary>
/// Seeded mutations of the bundled scenario through the loader's validate path, in process (issue 16, "Done
/// means"): every one loads or fails with located messages, never with another exception, a hang or a memory
/// blow-up. <c>ENTANGLE_FUZZ_CASES</c> (default 2,000) and <c>ENTANGLE_FUZZ_SEED</c> (default 1) set the run;
/// <c>scripts/fuzz</c> runs 20,000 (docs/scenario-format.md, "Fuzzing").
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Most bytes one load may allocate; a billion-laughs file used to take 9.2 GB.</summary>
    private const long MaxAllocatedBytes = 2L * 1024 * 1024 * 1024;

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("ENTANGLE_FUZZ_CASES"), out var n) && n > 0 ? n : 2_000;

    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("ENTANGLE_FUZZ_SEED"), out var s) ? s : 1;


    [Fact]
    public void Validate_SeededMutationsOfTheBundledScenario_EndInOkOrLocatedMessages()
    {
        // Cases are shared round-robin among a few workers, each with its own copy of the scenario.
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var results = new Worker[workers];
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() => results[w] = Run(w, workers))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        int ok = results.Sum(r => r.Ok), rejected = results.Sum(r => r.Rejected);
        var failures = results.SelectMany(r => r.Failures).Take(10).ToList();
        output.WriteLine($"{Cases} cases, seed {Seed}, {workers} workers: {ok} valid, {rejected} rejected with located messages; " +
                         $"slowest {results.Max(r => r.Slowest).TotalMilliseconds:0} ms, most allocated by one load {results.Max(r => r.MaxAllocated) / 1048576.0:0} MB");
        var firstWords = results.SelectMany(r => r.FirstWords).GroupBy(x => x.Key).Select(g => (g.Key, N: g.Sum(x => x.Value)));
        foreach (var (k, n) in firstWords.OrderByDescending(x => x.N).ThenBy(x => x.Key, StringComparer.Ordinal).Take(15)) output.WriteLine($"  {n,6}  {k} …");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(ok > 0 && rejected > 0, $"{ok} valid, {rejected} rejected: the mutations do not exercise both paths");
    }

    private sealed class Worker
    {
        public int Ok, Rejected;
        public long MaxAllocated;
        public TimeSpan Slowest;
        public readonly Dictionary<string, int> FirstWords = new(StringComparer.Ordinal);
        public readonly List<string> Failures = [];
    }

    private static Worker Run(int worker, int workers)
    {
        var r = new Worker();
        var dir = TestFiles.TempDir();
        var root = ScenarioMutator.Copy(TestFiles.BundledScenario, dir);
        var files = ScenarioMutator.Files(TestFiles.BundledScenario).Select(f => (f, File.ReadAllBytes(Path.Combine(dir, f)))).ToList();
        for (var i = worker; i < Cases && r.Failures.Count < 10; i += workers)
        {
            var m = ScenarioMutator.Make(Seed, i, files);
            var target = Path.Combine(dir, m.File);
            File.WriteAllBytes(target, m.Bytes);
            var outcome = LoadGuarded(root, out var allocated, out var elapsed);
            if (outcome is null) { r.Failures.Add($"{m.Description}: no answer within 10 s"); break; } // the load still runs: stop here
            File.WriteAllBytes(target, files.First(f => f.Item1 == m.File).Item2);
            r.MaxAllocated = Math.Max(r.MaxAllocated, allocated);
            if (elapsed > r.Slowest) r.Slowest = elapsed;
            switch (outcome)
            {
                case Scenario: r.Ok++; break;
                case InputException e:
                {
                    r.Rejected++;
                    var problem = e.Diagnostics.FirstOrDefault(d => !IsAcceptable(d));
                    if (problem is not null) r.Failures.Add($"{m.Description}: {Short(problem.ToString())}");
                    var key = string.Join(' ', e.Diagnostics[0].Message.Split(' ').Take(3));
                    r.FirstWords[key] = r.FirstWords.GetValueOrDefault(key) + 1;
                    break;
                }
                case Exception x: r.Failures.Add($"{m.Description}: {x.GetType().Name}: {Short(x.Message)}"); break;
            }
            if (allocated > MaxAllocatedBytes) r.Failures.Add($"{m.Description}: allocated {allocated:N0} bytes");
        }
        return r;
    }

    /// <summary>A message the user can act on: at file:line:col (or the closing "… and N more"), with no trace of code.</summary>
    private static bool IsAcceptable(Diagnostic d) =>
        d.File is not null
        && (d.Line is not null || d.Message.StartsWith("… and ", StringComparison.Ordinal))
        && !d.Message.Contains("internal error", StringComparison.Ordinal)
        && !d.Message.Contains(" at Entangle.", StringComparison.Ordinal) && !d.Message.Contains("Exception", StringComparison.Ordinal)
        && d.Message.Length < 2_000;

    private static string Short(string s) => s.Length <= 300 ? s : s[..300] + $"… ({s.Length:N0} characters)";

    /// <summary>Loads on its own thread: the scenario, the exception, or null when it runs past 10 s.</summary>
    private static object? LoadGuarded(string root, out long allocated, out TimeSpan elapsed)
    {
        object? result = null;
        long bytes = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var t = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try { result = ScenarioLoader.Load(root); }
            catch (Exception e) { result = e; }
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        t.Start();
        var finished = t.Join(TimeSpan.FromSeconds(10));
        elapsed = clock.Elapsed;
        allocated = bytes;
        return finished ? result : null;
    }
}
