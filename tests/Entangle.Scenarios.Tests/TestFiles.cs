using Entangle.Tests.Shared;
namespace Entangle.Scenarios.Tests;

/// <summary>Locates the repository and writes throwaway scenario files for tests.</summary>
public static class TestFiles
{
    /// <summary>The repository root (the folder holding Entangle.slnx).</summary>
    public static string RepoRoot => RepoPaths.RepoRoot;

    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "Entangle.Scenarios.Tests", "Fixtures", name);

    public static string BundledScenario => RepoPaths.BundledScenario;

    /// <summary>A fresh temporary folder.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "entangle-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes <paramref name="files"/> (name → content) into a new temp folder; returns the folder.</summary>
    public static string Write(params (string Name, string Content)[] files)
    {
        var dir = TempDir();
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(dir, name), content);
        return dir;
    }

}
