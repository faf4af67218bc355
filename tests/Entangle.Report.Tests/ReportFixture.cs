using Entangle.Tests.Shared;
using Entangle.Application.Analysis;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;

namespace Entangle.Report.Tests;

/// <summary>Locates the repository and the scenario the report tests use.</summary>
public static class Files
{
    public static string RepoRoot => RepoPaths.RepoRoot;

    /// <summary>Fixture files of these tests.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "Entangle.Report.Tests", "Fixtures");

    /// <summary>The scenario the report tests use: the bundled one.</summary>
    public static string Scenario => RepoPaths.BundledScenario;

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "entangle-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
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
