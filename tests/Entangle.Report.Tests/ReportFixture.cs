using Entangle.Application.Analysis;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;

namespace Entangle.Report.Tests;

/// <summary>Locates the repository and the scenario the report tests use.</summary>
public static class Files
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Bundled => Path.Combine(RepoRoot, "scenarios", "russia-dprk-2024.yaml");

    public static string FixtureRoot => Path.Combine(RepoRoot, "tests", "Entangle.Report.Tests", "Fixtures", "test-root.yaml");

    /// <summary>
    /// The bundled scenario when it loads and has escalation and claims sections; otherwise the fixture root (the
    /// bundled fragments with a small escalation section), so the tests run while a helper's fragment is missing.
    /// </summary>
    public static string Scenario { get; } = Pick();

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "entangle-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Pick()
    {
        try
        {
            var s = ScenarioService.Load(Bundled);
            if (s.Escalation() is not null && s.Claims().Count > 0) return Bundled;
        }
        catch (InputException) { }
        return FixtureRoot;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Entangle.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Entangle.slnx) not found");
    }
}

/// <summary>Writes the report once (small run counts) for all the report tests.</summary>
public sealed class ReportFixture
{
    public string Dir { get; } = Files.TempDir();
    public ReportResult Result { get; }
    public string Html { get; }

    public ReportFixture()
    {
        Result = ReportService.Write(Files.Scenario, Dir, new ReportRequest(Runs: 1000, Seed: 7,
            Claims: new ClaimsRequest(Runs: 1000, ScreeningRuns: 50, Trajectories: 3, Levels: 3)));
        Html = File.ReadAllText(Result.Html);
    }
}
