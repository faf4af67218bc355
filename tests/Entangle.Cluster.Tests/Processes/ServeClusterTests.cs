using System.Text.Json;
using Entangle.Cluster.Tests.Sweeps;
using Entangle.Server.Tests;
using Entangle.Tests.Shared;

namespace Entangle.Cluster.Tests.Processes;

/// <summary>
/// <c>entangle serve --cluster CONFIG</c> as processes: two silos and the server; a sensitivity job submitted through
/// the API runs on the silos, shows its progress, and stores the bytes <c>entangle sensitivity --json</c> prints locally.
/// </summary>
public sealed class ServeClusterTests : IDisposable
{
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(120), JobLimit = TimeSpan.FromMinutes(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("entangle-serve-cluster-test-").FullName;
    private readonly List<SiloProcess> _silos = [];

    public void Dispose()
    {
        foreach (var s in _silos) s.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task ASensitivityJob_OnServeCluster_RunsOnTheSilos_ShowsProgress_AndGivesTheLocalCliBytes()
    {
        var a = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var b = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var config = ProcessClusterTests.Config(_dir, a, [a.Item2, b.Item2], itemCost: 150_000);
        _silos.Add(await SiloProcess.StartAsync(config, a.Item1, a.Item2, SiloStart));
        _silos.Add(await SiloProcess.StartAsync(config, b.Item1, b.Item2, SiloStart));

        using var server = ServerProcess.Start(Path.Combine(_dir, "server"), null, extra: ["--cluster", config]);
        Assert.Contains("jobs run on the cluster", server.FirstLines);
        await server.UploadBundled();
        // Saltelli for eight parameters (Workloads.Eight), N = 4: 41 design points × 200 runs
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["metric"] = "two_theater_crisis", ["method"] = "sobol", ["runs"] = 200, ["sobol_n"] = 4, ["seed"] = 7, ["replicates"] = 5, ["parameters"] = Workloads.Eight,
        });
        var id = (await server.Submit("sensitivity", request)).GetProperty("id").GetString()!;
        var events = await server.WaitViaEvents(id).WaitAsync(JobLimit);
        Assert.True(events[^1].Contains("\"succeeded\""), $"job {id}: {events[^1]}\nserver:\n{server.Stderr}\nsilo A:\n{_silos[0].Stderr}\nsilo B:\n{_silos[1].Stderr}");
        // progress, as the job's events stream it: runs done of the 41 × 200 in all, rising
        var progress = events.Where(e => e.StartsWith("progress ", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e["progress ".Length..]).RootElement)
            .Where(e => e.GetProperty("total").ValueKind == JsonValueKind.Number && e.GetProperty("total").GetInt64() > 0).ToList();
        Assert.True(progress.Count > 0, "no progress event with a total: " + string.Join("\n", events));
        Assert.All(progress, p => Assert.Equal(41 * 200, p.GetProperty("total").GetInt64()));
        Assert.Contains(progress, p => p.GetProperty("done").GetInt64() > 0);
        var done = progress.Select(p => p.GetProperty("done").GetInt64()).ToList();
        Assert.Equal(done.Order(), done);

        var result = await server.Result(id);
        string[] args = ["sensitivity", "scenarios/russia-dprk-2024.yaml", "--metric", "two_theater_crisis", "--method", "sobol", "--runs", "200", "--sobol-n", "4",
            "--seed", "7", "--replicates", "5", .. Workloads.Eight.SelectMany(p => new[] { "--parameter", p }), "--out", Path.Combine(_dir, "out"), "--json"];
        var local = Server.Tests.Cli.Json(args);
        Assert.Equal(local, result);
        // the silos computed it, both of them
        Assert.True(SpinWait.SpinUntil(() => _silos.All(s => s.Done > 0), TimeSpan.FromSeconds(10)),
            $"items done by the silos: {string.Join(", ", _silos.Select(s => s.Done))}");
    }
}
