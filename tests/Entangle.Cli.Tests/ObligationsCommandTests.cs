using System.Text.Json;

namespace Entangle.Cli.Tests;

/// <summary><c>entangle obligations</c> and <c>entangle obligations cascade</c>, run as a process.</summary>
public sealed class ObligationsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "entangle-cli-obligations-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly string Scenario =
        Path.Combine(Cli.RepoRoot, "tests", "Entangle.Engine.Tests", "Obligations", "Fixtures", "test-root.yaml");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = Cli.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    [Fact]
    public void Query_Json_HasTheDocumentedShape()
    {
        var r = Run("obligations", Scenario, "--attacker", "UKR", "--target", "RUS", "--where", "RUS-european", "--on", "2025-01-10", "--json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var ob = doc.RootElement.GetProperty("obliged")[0];
        foreach (var k in new[] { "state", "treaty", "clause", "strength", "reading" }) Assert.True(ob.TryGetProperty(k, out _), k);
        Assert.Equal("PRK", ob.GetProperty("state").GetString());
        var no = doc.RootElement.GetProperty("not_obliged");
        Assert.Contains(no.EnumerateArray(), n => n.GetProperty("state").GetString() == "PRK" && n.TryGetProperty("reason", out _)
                                                  && n.GetProperty("treaty").GetString() == "rus-prk-2024");
        Assert.Equal("depends_on_reading", doc.RootElement.GetProperty("status")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void Query_UnknownPlace_Exit2WithSuggestion()
    {
        var r = Run("obligations", Scenario, "--attacker", "CHN", "--target", "JPN", "--where", "JPN-senkakus");
        Assert.Equal(2, r.Code);
        Assert.Contains("did you mean 'JPN-senkaku'", r.Err);
    }

    [Fact]
    public void Cascade_WritesDotAndSvg_AndPrintsTheWaves()
    {
        Directory.CreateDirectory(_dir);
        var dot = Path.Combine(_dir, "c.dot");
        var svg = Path.Combine(_dir, "c.svg");
        var r = Run("obligations", "cascade", Scenario, "--attacker", "USA", "--target", "PRK", "--on", "2025-01-10", "--dot", dot, "--svg", svg);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("chn-prk-1961", r.Out);
        Assert.StartsWith("digraph cascade", File.ReadAllText(dot));
        Assert.StartsWith("<svg", File.ReadAllText(svg));
    }

    [Fact]
    public void Cascade_Json_HasWavesAndEdges()
    {
        var r = Run("obligations", "cascade", Scenario, "--attacker", "PRK", "--target", "KOR", "--on", "2025-01-10", "--json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(3, doc.RootElement.GetProperty("waves").GetArrayLength());
        Assert.Equal("USA", doc.RootElement.GetProperty("edges")[0].GetProperty("state").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("edges")[0].GetProperty("wave").GetInt32());
    }
}
