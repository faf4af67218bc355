using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Entangle.Application.Escalation;
using Entangle.Application.Sweeps;
using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Hosting;
using Entangle.Engine.Escalation;
using Entangle.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Entangle.Bench;

/// <summary>
/// <c>cluster-scaling [REPEATS] [ITEM-COST] [RUNS]</c>: simulated decisions per second of one escalation sweep (the bundled
/// scenario, 30 design points × RUNS runs, default 2,000) on the local executor and on clusters of 1, 2 and 3 <c>entangle silo</c>
/// processes on this machine, and the coordination overhead per item: (1-silo time − local time) / local time, both
/// with one worker per core. Medians of REPEATS (default 3) after a warm-up; each repeat has its own seed, so no silo
/// answers from an item it kept, and every cluster result is checked against the local one.
/// </summary>
public static class ClusterScaling
{
    public static void Run(string[] args)
    {
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var itemCost = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var root = BenchHost.RepositoryRoot();
        var source = ScenarioSource.File(Path.Combine(root, "scenarios", "russia-dprk-2024.yaml"));
        var scenario = source.Load();
        var arm = EscalationService.Arm(EscalationService.Compile(scenario, new EscalationRequest(), null, source.Name));
        var points = Enumerable.Range(0, 30).Select(i => new DesignPoint(new Dictionary<string, double> { ["global.accident"] = 0.002 * i })).ToList();
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
        var payload = Sweep.Payload(source, scenario);

        (double Seconds, long Decisions, string Fingerprint) One(ISweepExecutor executor, ulong seed)
        {
            var watch = Stopwatch.StartNew();
            var r = Sweep.Ensemble([payload], [(arm, new ArmSpec("baseline", 0, [], []))], points, new EnsembleOptions(runs, seed, 5), executor, null);
            var seconds = watch.Elapsed.TotalSeconds;
            var decisions = r.Sum(p => p.Sum(a => a.Decisions));
            var fingerprint = string.Join(";", r.Select(p => p[0].Decisions + ":" + string.Join(",", p[0].Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Hits.Sum()))));
            return (seconds, decisions, fingerprint);
        }

        Console.WriteLine($"cluster-scaling: {points.Count} points × {runs} runs of the bundled scenario, item cost {itemCost:N0}, {repeats} repeats (+1 warm-up), {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var local = new LocalSweepExecutor(0);
        var localRuns = new List<(double Seconds, long Decisions, string Fingerprint)>();
        _ = One(local, 999);
        for (var r = 0; r < repeats; r++) localRuns.Add(One(local, (ulong)(1 + r)));
        var rows = new List<(string Setup, double Median, double DecisionsPerSecond, int Items, double Min, double Max)>
        {
            ("local executor, " + Environment.ProcessorCount + " threads", Median(localRuns.Select(x => x.Seconds)), Median(localRuns.Select(x => x.Decisions / x.Seconds)), 0,
                localRuns.Min(x => x.Seconds), localRuns.Max(x => x.Seconds)),
        };
        var dir = Directory.CreateTempSubdirectory("entangle-cluster-bench-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "entangle.dll");
        double oneSilo = double.NaN;
        var itemsOfRun = 0;
        foreach (var count in new[] { 1, 2, 3 })
        {
            var ports = Enumerable.Range(0, count).Select(_ => (Silo: BenchHost.FreePort(), Gateway: BenchHost.FreePort())).ToList();
            var config = Path.Combine(dir, $"cluster-{count}.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["clustering"] = "localhost", ["cluster_id"] = $"bench{count}", ["silo_port"] = ports[0].Silo, ["gateway_port"] = ports[0].Gateway,
                ["primary_silo_port"] = ports[0].Silo, ["gateways"] = ports.Select(p => $"127.0.0.1:{p.Gateway}").ToArray(), ["item_cost"] = itemCost,
            }));
            var silos = new List<Process>();
            try
            {
                foreach (var p in ports) silos.Add(StartSilo(dll, config, p.Silo, p.Gateway));
                var cfg = ClusterConfig.Read(config);
                using var client = ClusterHost.ConnectAsync(cfg).GetAwaiter().GetResult();
                var executor = new ClusterSweepExecutor(client.Services.GetRequiredService<IClusterClient>(), new ClusterExecutorOptions(itemCost, MaxInFlight: 4 * count * Environment.ProcessorCount));
                _ = One(executor, 999);
                var times = new List<double>();
                var rates = new List<double>();
                for (var r = 0; r < repeats; r++)
                {
                    var x = One(executor, (ulong)(1 + r));
                    if (x.Fingerprint != localRuns[r].Fingerprint) throw new InvalidOperationException($"{count} silos, repeat {r}: the counts differ from the local executor's");
                    times.Add(x.Seconds);
                    rates.Add(x.Decisions / x.Seconds);
                }
                itemsOfRun = executor.LastReport!.Items;
                var median = Median(times);
                if (count == 1) oneSilo = median;
                rows.Add(($"{count} silo process{(count > 1 ? "es" : "")}", median, Median(rates), itemsOfRun, times.Min(), times.Max()));
                Console.WriteLine($"  {count} silos: {executor.LastReport}");
                client.StopAsync().GetAwaiter().GetResult();
            }
            finally
            {
                foreach (var s in silos) { try { if (!s.HasExited) s.Kill(true); s.WaitForExit(10_000); } catch (InvalidOperationException) { } s.Dispose(); }
            }
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| setup | items | median s | min s | max s | decisions/s (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Setup} | {(r.Items > 0 ? r.Items.ToString(CultureInfo.InvariantCulture) : "—")} | {r.Median:0.00} | {r.Min:0.00} | {r.Max:0.00} | {r.DecisionsPerSecond:N0} |"));
        var ratio = oneSilo / rows[0].Median - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\ncoordination overhead per item (1 silo vs local, same cores): {(oneSilo - rows[0].Median) / itemsOfRun * 1000:0.0} ms of {rows[0].Median * Environment.ProcessorCount / itemsOfRun * 1000:0} ms of compute per item = ratio {ratio:0.000} ({ratio * 100:0.0}%)"));
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private static Process StartSilo(string dll, string config, int siloPort, int gatewayPort)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "silo", "--cluster", config, "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--status-every", "3600" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var up = new TaskCompletionSource();
        p.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("entangle silo:", StringComparison.Ordinal) == true && e.Data.Contains(" up ")) up.TrySetResult(); };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!up.Task.Wait(TimeSpan.FromSeconds(120))) { p.Kill(true); throw new TimeoutException($"silo on port {siloPort} not up after 120 s"); }
        return p;
    }

    private static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

}
