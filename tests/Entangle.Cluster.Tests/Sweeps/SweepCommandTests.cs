using System.Text.Json;
using Entangle.Tests.Shared;

namespace Entangle.Cluster.Tests.Sweeps;

/// <summary><c>entangle sweep SPEC</c> without a cluster: the spec's errors, and what each design gives.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("entangle-sweep-test-").FullName;

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Spec(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private EntangleProcess.Outcome Run(params string[] args)
    {
        var r = EntangleProcess.RunGuarded(_dir, Limit, args);
        Assert.False(r.TimedOut, $"entangle {string.Join(' ', args)} timed out");
        return r;
    }

    [Fact]
    public void ABadSpec_IsLocated_ExitsTwo_AndPrintsNoResult()
    {
        var spec = Spec("bad.yaml", $"""
            scenario: {RepoPaths.BundledScenario}
            design:
              kind: saltely
              metric: two_theater_crisis
              trajectories: 4
            runs: 0
            sed: 4
            """);
        var r = Run("sweep", spec, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains($"{spec}:3:9: design: kind 'saltely' (did you mean 'saltelli'?)", r.Stderr);
        Assert.Contains($"{spec}:6:7: sweep spec: 'runs' = 0 is out of range", r.Stderr);
        Assert.Contains($"{spec}:7:1: sweep spec: unknown field 'sed' (did you mean 'seed'?)", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace

        var wrongField = Spec("oat.json", $$"""{"scenario": "{{RepoPaths.BundledScenario}}", "design": {"kind": "oat", "metric": "two_theater_crisis", "n": 8}, "runs": 20}""");
        var j = Run("sweep", wrongField);
        Assert.Equal(2, j.ExitCode);
        Assert.Contains($"{wrongField}:1:", j.Stderr);
        Assert.Contains("design: 'n' does not apply to a oat design; it takes metric, parameters, levels", j.Stderr);

        var missing = Run("sweep", Path.Combine(_dir, "none.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such sweep spec file", missing.Stderr);
    }

    [Fact]
    public void ABadClusterConfig_IsLocated_AndExitsTwo_ForSiloAndSweep()
    {
        var config = Spec("cluster.json", "{\n  \"clustering\": \"localhost\",\n  \"gatways\": [\"127.0.0.1:30000\"]\n}\n");
        var spec = Spec("oat.yaml", $"scenario: {RepoPaths.BundledScenario}\ndesign: {{kind: oat, metric: two_theater_crisis}}\nruns: 20\n");
        foreach (var args in new[] { new[] { "silo", "--cluster", config }, ["sweep", spec, "--cluster", config, "--json"] })
        {
            var r = Run(args);
            Assert.True(r.ExitCode == 2, $"entangle {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Stderr}");
            Assert.Equal("", r.Stdout);
            Assert.Contains($"{config}:3:", r.Stderr);
            Assert.Contains("not a cluster config", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
        }
        var wrongKind = Spec("postgres.json", "{\"clustering\": \"postgres\"}");
        var w = Run("silo", "--cluster", wrongKind);
        Assert.Equal(2, w.ExitCode);
        Assert.Contains("postgres clustering needs a connection_string", w.Stderr);
    }

    [Fact]
    public void AnOatSpec_GivesSensitivitysBytes()
    {
        var spec = Spec("oat.yaml", $$"""
            scenario: {{RepoPaths.BundledScenario}}
            design: {kind: oat, metric: two_theater_crisis, parameters: [global.accident, global.stickiness], levels: 3}
            runs: 20
            seed: 5
            replicates: 5
            """);
        var sweep = Run("sweep", spec, "--json");
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        var sensitivity = Run("sensitivity", RepoPaths.BundledScenario, "--metric", "two_theater_crisis", "--method", "oat", "--levels", "3", "--runs", "20",
            "--seed", "5", "--replicates", "5", "--parameter", "global.accident", "--parameter", "global.stickiness", "--out", Path.Combine(_dir, "out"), "--json");
        Assert.True(sensitivity.ExitCode == 0, sensitivity.Stderr);
        Assert.Equal(sensitivity.Stdout, sweep.Stdout);
    }

    [Fact]
    public void AGridSpec_RunsTheCartesianProduct_LastParameterFastest_TheSameForAnyThreadCount()
    {
        var spec = Spec("grid.yaml", $"""
            scenario: {RepoPaths.BundledScenario}
            design:
              kind: grid
              metric: two_theater_crisis
              grid:
                global.accident: [0.0, 0.2]
                global.stickiness: [0.1, 0.5, 0.9]
            runs: 40
            seed: 3
            """);
        var one = Run("sweep", spec, "--json", "--threads", "1");
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Equal(one.Stdout, Run("sweep", spec, "--json", "--threads", "2").Stdout);
        using var doc = JsonDocument.Parse(one.Stdout);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        double[][] expected = [[0, 0.1], [0, 0.5], [0, 0.9], [0.2, 0.1], [0.2, 0.5], [0.2, 0.9]];
        Assert.Equal(expected, points);
        Assert.Equal(["global.accident", "global.stickiness"], doc.RootElement.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(40, doc.RootElement.GetProperty("runs_per_point").GetInt32());
        foreach (var p in doc.RootElement.GetProperty("points").EnumerateArray())
        {
            var e = p.GetProperty("estimate");
            Assert.InRange(e.GetProperty("estimate").GetDouble(), e.GetProperty("lo").GetDouble(), e.GetProperty("hi").GetDouble());
        }

        var unknown = Run("sweep", Spec("unknown.yaml", $$"""
            scenario: {{RepoPaths.BundledScenario}}
            design: {kind: grid, metric: two_theater_crisis, grid: {global.acident: [0.1]} }
            runs: 20
            """));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("grid: unknown parameter 'global.acident' (did you mean 'global.accident'?)", unknown.Stderr);
    }
}
