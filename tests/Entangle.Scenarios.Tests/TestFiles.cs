namespace Entangle.Scenarios.Tests;

/// <summary>Locates the repository and writes throwaway scenario files for tests.</summary>
public static class TestFiles
{
    /// <summary>The repository root (the folder holding Entangle.slnx).</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "Entangle.Scenarios.Tests", "Fixtures", name);

    public static string BundledScenario => Path.Combine(RepoRoot, "scenarios", "russia-dprk-2024.yaml");

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

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Entangle.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Entangle.slnx) not found above " + AppContext.BaseDirectory);
    }
}
