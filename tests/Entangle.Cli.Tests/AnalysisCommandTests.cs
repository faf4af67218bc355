using System.Text.RegularExpressions;
using System.Text.Json;

namespace Entangle.Cli.Tests;

/// <summary>compare, claims, sensitivity and report as a user runs them (small run counts).</summary>
public class AnalysisCommandTests
{
    // the bundled fragments with a small escalation fixture (tests/Entangle.Report.Tests/Fixtures)
    private static readonly string Fixture = Path.Combine(Cli.RepoRoot, "tests", "Entangle.Report.Tests", "Fixtures", "test-root.yaml");

    [Fact]
    public void Help_lists_the_analysis_commands()
    {
        var r = Cli.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var c in new[] { "compare", "claims", "sensitivity", "report" }) Assert.Contains(c, r.Stdout);
        foreach (var c in new[] { "compare", "claims", "sensitivity", "report" })
        {
            var h = Cli.Run(c, "--help");
            Assert.Equal(0, h.ExitCode);
            Assert.Contains("--json", h.Stdout);
        }
    }

    [Fact]
    public void Claims_json_gives_each_claim_a_verdict_estimates_and_what_it_hinges_on()
    {
        var r = Cli.Run("claims", Fixture, "--runs", "200", "--screening-runs", "20", "--trajectories", "2", "--levels", "2", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var claims = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("claims");
        Assert.True(claims.GetArrayLength() >= 4);
        foreach (var c in claims.EnumerateArray())
        {
            Assert.Equal(Entangle.Tests.Shared.VerdictCheck.Expected(c), c.GetProperty("verdict").GetString()); // the verdict follows from the printed interval
            foreach (var k in new[] { "estimate", "lo", "hi" }) Assert.Equal(JsonValueKind.Number, c.GetProperty("difference").GetProperty(k).ValueKind);
            Assert.Equal(JsonValueKind.Number, c.GetProperty("with").GetProperty("estimate").ValueKind);
            Assert.Equal(JsonValueKind.Number, c.GetProperty("without").GetProperty("estimate").ValueKind);
            Assert.Equal(JsonValueKind.Array, c.GetProperty("hinges_on").ValueKind);
        }
    }

    [Fact]
    public void Claims_prints_a_table_with_verdicts()
    {
        var r = Cli.Run("claims", Fixture, "--runs", "200", "--no-screening");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("1-horizontal-escalation", r.Stdout);
        Assert.Contains("verdict", r.Stdout);
        var json = Cli.Run("claims", Fixture, "--runs", "200", "--no-screening", "--json");
        foreach (var c in JsonDocument.Parse(json.Stdout).RootElement.GetProperty("claims").EnumerateArray())
            Assert.Matches($"{Regex.Escape(c.GetProperty("id").GetString()!)}.*{c.GetProperty("verdict").GetString()}", r.Stdout); // the table prints each claim's JSON verdict
    }

    [Fact]
    public void Compare_without_the_treaty_reports_its_metrics_as_absent_in_the_variant()
    {
        var r = Cli.Run("compare", Fixture, "--without", "rus-prk-2024", "--runs", "200", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var metrics = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("metrics").EnumerateArray().ToList();
        var link = metrics.Single(m => m.GetProperty("metric").GetString() == "horizontal_escalation.prk-second-front-for-rus");
        Assert.Equal(0, link.GetProperty("without").GetProperty("estimate").GetDouble());
        Assert.Contains("never happening", link.GetProperty("note").GetString());
    }

    [Fact]
    public void Compare_needs_a_variant_and_says_so()
    {
        var r = Cli.Run("compare", Fixture);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--without", r.Stderr);
        var bad = Cli.Run("compare", Fixture, "--without", "rus-prk-2042");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("did you mean 'rus-prk-2024'", bad.Stderr);
    }

    [Fact]
    public void Sensitivity_rejects_an_unknown_metric_with_a_suggestion_and_writes_nothing()
    {
        var dir = Cli.TempDir();
        var r = Cli.Run("sensitivity", Fixture, "--metric", "normalisation.chn-prkk", "--out", Path.Combine(dir, "s"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'normalisation.chn-prk'", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "s")));
    }

    [Fact]
    public void Sensitivity_oat_writes_a_tornado_chart_and_a_table()
    {
        var dir = Path.Combine(Cli.TempDir(), "s");
        var r = Cli.Run("sensitivity", Fixture, "--metric", "normalisation.chn-prk", "--method", "oat", "--runs", "20", "--levels", "2", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("swing", r.Stdout);
        foreach (var f in new[] { "oat-normalisation-chn-prk.png", "oat-normalisation-chn-prk.svg", "effects.csv", "sensitivity.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
    }
}
