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
