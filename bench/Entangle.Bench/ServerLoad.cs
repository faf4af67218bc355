using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Entangle.Bench;

/// <summary>
/// Load on <c>entangle serve</c>: N closed-loop clients (each waits for its answer before the next request, so at most
/// N requests are in flight) for S seconds on loopback, mixing validate, show and small runs, plus a floor request
/// (a 404 for an unknown job: routing, auth and problem details, no work) measured in the same run.
/// Reports p50/p99 latency per kind, throughput, failures by status, and the server's resident memory over time.
/// <c>dotnet run -c Release --project bench/Entangle.Bench -- server-load [CLIENTS] [SECONDS]</c>
/// </summary>
public static class ServerLoad
{
    public static void Run(string[] args)
    {
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var root = BenchHost.RepositoryRoot();
        var data = Directory.CreateTempSubdirectory("entangle-load-").FullName;
        var port = BenchHost.FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "entangle.dll"), "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", data,
                     "--jobs-per-client", "64", "--queue", "128" })
            psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        using var server = Process.Start(psi)!;
        try
        {
            while (server.StandardOutput.ReadLine() is { } line && !line.Contains("listening on")) { }
            // the server's standard error (its log with ENTANGLE_SERVER_LOG=Debug) goes to a file, so a full pipe never stalls it
            var logPath = Path.Combine(Path.GetTempPath(), $"entangle-server-load-{server.Id}.log");
            var drain = Task.Run(() => { using var log = File.CreateText(logPath); server.StandardError.BaseStream.CopyTo(log.BaseStream); });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 4 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
            var bundle = Bundle(root);
            var up = http.PostAsync("/api/v1/scenarios", new StringContent(bundle, Encoding.UTF8, "application/json")).Result;
            if (!up.IsSuccessStatusCode) throw new InvalidOperationException("upload failed: " + up.Content.ReadAsStringAsync().Result);

            var samples = new List<(string Kind, double Ms, int Status)>();
            var memory = new List<(double At, long Rss)>();
            var inside = new List<(double At, JsonElement View)>();
            var watch = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            var seeds = 0L;
            var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
            var sampler = Task.Run(async () =>
            {
                while (watch.Elapsed < end) { memory.Add((watch.Elapsed.TotalSeconds, Rss(server.Id))); await Task.Delay(1000); }
            });
            // what the server says it holds (GC heap, SQLite's caches, cache sizes), every 5 s on a connection of its own
            using var probe = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var prober = Task.Run(async () =>
            {
                while (watch.Elapsed < end)
                {
                    try
                    {
                        var at = watch.Elapsed.TotalSeconds;
                        var doc = JsonDocument.Parse(await probe.GetStringAsync("/api/v1/server/memory"));
                        lock (inside) inside.Add((at, doc.RootElement.Clone()));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                    await Task.Delay(5000);
                }
            });
            var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var rng = new Random(c);
                var mine = new List<(string, double, int)>();
                while (watch.Elapsed < end)
                {
                    var pick = rng.Next(100);
                    var kind = pick < 40 ? "validate" : pick < 80 ? "show" : pick < 95 ? "run" : "floor";
                    var t0 = watch.Elapsed.TotalMilliseconds;
                    int status;
                    try
                    {
                        status = kind switch
                        {
                            "validate" => (int)(await http.PostAsync("/api/v1/scenarios/validate", new StringContent(bundle, Encoding.UTF8, "application/json"))).StatusCode,
                            "show" => (int)(await http.GetAsync("/api/v1/scenarios/russia-dprk-2024/show")).StatusCode,
                            "floor" => (int)(await http.GetAsync("/api/v1/jobs/none")).StatusCode == 404 ? 200 : 500,
                            _ => await SmallRun(http, Interlocked.Increment(ref seeds)),
                        };
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        status = -1;
                        errors.Add($"{e.GetType().Name}: {e.InnerException?.Message ?? e.Message}");
                    }
                    mine.Add((kind, watch.Elapsed.TotalMilliseconds - t0, status));
                }
                lock (samples) samples.AddRange(mine);
            })).ToArray();
            Task.WaitAll(tasks);
            sampler.Wait();
            prober.Wait();
            var elapsed = watch.Elapsed.TotalSeconds;
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"server-load: {clients} clients, {seconds} s, loopback, {Environment.ProcessorCount} cores; {samples.Count:N0} requests in {elapsed:0.0} s = {(samples.Count / elapsed).ToString("0.0", inv)} requests/s");
            Console.WriteLine("| kind | requests | p50 ms | p99 ms | failed (status: count) |");
            Console.WriteLine("|---|---:|---:|---:|---|");
            foreach (var g in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key).Append(samples.GroupBy(_ => "all").Single()))
            {
                var ms = g.Select(s => s.Ms).Order().ToArray();
                var failed = g.Where(s => s.Status is < 200 or >= 300).GroupBy(s => s.Status).Select(x => $"{x.Key}: {x.Count()}");
                Console.WriteLine($"| {g.Key} | {ms.Length:N0} | {Q(ms, 0.5).ToString("0.0", inv)} | {Q(ms, 0.99).ToString("0.0", inv)} | {string.Join(", ", failed) switch { "" => "none", var f => f }} |");
            }
            foreach (var g in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(3)) Console.WriteLine($"status -1 (no HTTP answer) ×{g.Count()}: {g.Key}");
            var floor = Q(samples.Where(s => s.Kind == "floor").Select(s => s.Ms).Order().ToArray(), 0.5);
            var show = Q(samples.Where(s => s.Kind == "show").Select(s => s.Ms).Order().ToArray(), 0.5);
            Console.WriteLine($"show p50 / floor p50 = {(show / Math.Max(1e-9, floor)).ToString("0.0", inv)} (floor: a 404 for an unknown job, same run)");
            if (Environment.GetEnvironmentVariable("ENTANGLE_SERVER_LOG") is { Length: > 0 }) Console.WriteLine($"server log: {logPath}");
            var rss = memory.Where(m => m.Rss > 0).ToList();
            if (rss.Count > 0) MemoryReport(rss, inside, seconds, Hwm(server.Id));
        }
        finally
        {
            try { server.Kill(true); } catch (InvalidOperationException) { }
            server.WaitForExit();
            Directory.Delete(data, true);
        }
    }

    /// <summary>
    /// Memory over the run: per 10 s slice the server's RSS (the most sampled each second, from /proc) and what the
    /// server reports holding (GC heap, SQLite's caches, cached scenarios); then the statement "bounded" rests on:
    /// the median RSS of the last third against the middle third, and the least-squares slope over the last half.
    /// </summary>
    private static void MemoryReport(List<(double At, long Rss)> rss, List<(double At, JsonElement View)> inside, int seconds, long hwm)
    {
        const double MiB = 1048576.0;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| slice s | RSS max MiB | GC heap MiB | GC committed MiB | SQLite MiB | JIT IL KiB | threads (pool) | scenarios cached | live jobs | gen2 GCs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var from = 0; from < seconds; from += 10)
        {
            var r = rss.Where(m => m.At >= from && m.At < from + 10).ToList();
            if (r.Count == 0) continue;
            var v = inside.Where(m => m.At >= from && m.At < from + 10).Select(m => m.View).LastOrDefault();
            string F(string name) => v.ValueKind == JsonValueKind.Object ? (v.GetProperty(name).GetInt64() / MiB).ToString("0.0", inv) : "–";
            string N(string name) => v.ValueKind == JsonValueKind.Object ? v.GetProperty(name).GetInt64().ToString(inv) : "–";
            var gen2 = v.ValueKind == JsonValueKind.Object ? v.GetProperty("gc_collections")[2].GetInt32().ToString(inv) : "–";
            var jit = v.ValueKind == JsonValueKind.Object ? (v.GetProperty("jit_bytes").GetInt64() / 1024).ToString(inv) : "–";
            Console.WriteLine($"| {from}–{from + 10} | {(r.Max(m => m.Rss) / MiB).ToString("0", inv)} | {F("gc_heap")} | {F("gc_committed")} | {F("sqlite_bytes")} | {jit} | {N("threads")} ({N("pool_threads")}) | {N("scenarios_cached")} | {N("live_jobs")} | {gen2} |");
        }
        double Median(IEnumerable<long> xs) { var a = xs.Order().ToArray(); return a.Length == 0 ? double.NaN : a[a.Length / 2] / MiB; }
        var t = seconds / 3.0;
        var middle = Median(rss.Where(m => m.At >= t && m.At < 2 * t).Select(m => m.Rss));
        var last = Median(rss.Where(m => m.At >= 2 * t).Select(m => m.Rss));
        var half = rss.Where(m => m.At >= seconds / 2.0).ToList();
        var slope = double.NaN;
        if (half.Count > 2)
        {
            var mx = half.Average(m => m.At);
            var my = half.Average(m => m.Rss / MiB);
            slope = 60 * half.Sum(m => (m.At - mx) * (m.Rss / MiB - my)) / half.Sum(m => (m.At - mx) * (m.At - mx));
        }
        Console.WriteLine($"server RSS MiB: first {(rss[0].Rss / MiB).ToString("0", inv)} · median middle third {middle.ToString("0", inv)} · median last third {last.ToString("0", inv)} " +
                          $"({((last / middle - 1) * 100).ToString("+0.0;-0.0", inv)} %) · slope over the last half {slope.ToString("+0.0;-0.0", inv)} MiB/min · peak (VmHWM) {(hwm / MiB).ToString("0", inv)}");
    }

    /// <summary>A small run: submit, then poll until it is done; the latency is the whole round trip.</summary>
    private static async Task<int> SmallRun(HttpClient http, long seed)
    {
        var r = await http.PostAsync("/api/v1/scenarios/russia-dprk-2024/run", new StringContent($"{{\"runs\": 100, \"seed\": {seed}, \"steps\": 6, \"threads\": 1}}", Encoding.UTF8, "application/json"));
        if ((int)r.StatusCode is not (200 or 202)) return (int)r.StatusCode;
        var id = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        while (true)
        {
            var j = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/jobs/{id}")).RootElement.GetProperty("status").GetString();
            if (j == "succeeded") return (int)(await http.GetAsync($"/api/v1/jobs/{id}/result")).StatusCode;
            if (j is "failed" or "cancelled" or "interrupted") return 500;
            await Task.Delay(20);
        }
    }

    private static double Q(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static long Rss(int pid) => Status(pid, "VmRSS:");
    private static long Hwm(int pid) => Status(pid, "VmHWM:");

    private static long Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return 0; }
    }

    private static string Bundle(string root)
    {
        var dir = Path.Combine(root, "scenarios");
        var files = Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Where(f => f.Contains("russia-dprk-2024") && !f.Contains("hindsight"))
            .Append(Path.Combine(dir, "calibration", "icb-before-2000.json")).OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => "scenarios/" + Path.GetRelativePath(dir, f), File.ReadAllText);
        return JsonSerializer.Serialize(new { root = "scenarios/russia-dprk-2024.yaml", files });
    }

}
