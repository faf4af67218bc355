using System.Text.Json;

namespace Entangle.Cli.Tests;

/// <summary><c>entangle run</c> and <c>entangle replay</c> as a user runs them.</summary>
public class EscalationCommandTests
{
    [Fact]
    public void Run_BundledScenario_WritesReportAndPrintsJsonThatDoesNotDependOnThreads()
    {
        var dir = Cli.TempDir();
        var one = Cli.Run("run", Cli.Scenario, "--runs", "300", "--seed", "5", "--threads", "1", "--json", "--out", Path.Combine(dir, "a"));
        var two = Cli.Run("run", Cli.Scenario, "--runs", "300", "--seed", "5", "--threads", "2", "--json", "--out", Path.Combine(dir, "b"));
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Equal(one.Stdout, two.Stdout);
        using var doc = JsonDocument.Parse(one.Stdout);
        Assert.Equal(300, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.True(doc.RootElement.GetProperty("outcomes").GetProperty("two_theater_crisis").TryGetProperty("lo", out _));
        foreach (var f in new[] { "report.html", "summary.json", "outcomes.png", "outcomes.svg", "fan-korea.png", "fan-europe-ukraine.svg" })
            Assert.True(File.Exists(Path.Combine(dir, "a", f)), f);
        Assert.Equal(one.Stdout.TrimEnd(), File.ReadAllText(Path.Combine(dir, "a", "summary.json")).TrimEnd());
    }

    [Fact]
    public void Run_ReadmeSetExample_ChangesTheResult_AndTheHeaderNamesIt()
    {
        // issue 16 item 6: the README's --set example used the scenario's own value, so nothing changed and nothing said so
        var readme = File.ReadAllText(Path.Combine(Cli.RepoRoot, "README.md"));
        var example = System.Text.RegularExpressions.Regex.Match(readme, @"--set (actor\.USA\.resolve=[0-9.]+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(example));
        var dir = Cli.TempDir();
        var plain = Cli.Run("run", Cli.Scenario, "--runs", "200", "--json", "--no-charts", "--out", Path.Combine(dir, "a"));
        var set = Cli.Run("run", Cli.Scenario, "--runs", "200", "--json", "--no-charts", "--set", example, "--out", Path.Combine(dir, "b"));
        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.NotEqual(JsonDocument.Parse(plain.Stdout).RootElement.GetProperty("outcomes").GetRawText(),
            JsonDocument.Parse(set.Stdout).RootElement.GetProperty("outcomes").GetRawText());
        var table = Cli.Run("run", Cli.Scenario, "--runs", "100", "--no-charts", "--set", example, "--out", Path.Combine(dir, "c"));
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains($"overrides: {example}", table.Stdout);
        // item 14: one line of legend for the ladder levels and the epistemic share
        Assert.Contains("Levels: 0 normal", table.Stdout);
        Assert.Contains("'epistemic share' is", table.Stdout);
        Assert.False(File.Exists(Path.Combine(dir, "c", "outcomes.png"))); // --no-charts renders none
        Assert.True(File.Exists(Path.Combine(dir, "c", "summary.json")));
    }

    [Fact]
    public void Run_UnknownParameterPath_ExitsTwoWithSuggestion_AndWritesNothing()
    {
        var dir = Path.Combine(Cli.TempDir(), "out");
        var r = Cli.Run("run", Cli.Scenario, "--runs", "10", "--set", "actor.USA.resolv=0.5", "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'actor.USA.resolve'", r.Stderr);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Replay_PrintsDecisionsWithTheirUtilities()
    {
        var r = Cli.Run("replay", Cli.Scenario, "--seed", "1", "--run", "3", "--steps", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Step 1", r.Stdout);
        Assert.Contains("U=", r.Stdout);
        Assert.Contains("P(prevail)", r.Stdout);
        Assert.Contains("draw", r.Stdout);
    }
}
