namespace Entangle.Engine.Tests.Bargaining;

/// <summary>Locates the repository root and the shared reference folder beside it.</summary>
internal static class ReferenceFiles
{
    /// <summary>The folder holding Entangle.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Entangle.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>A fixture committed beside these tests (copied from ../shared/reference/bdm).</summary>
    public static string Fixture(string name) =>
        Path.Combine(RepoRoot, "tests", "Entangle.Engine.Tests", "Bargaining", "Fixtures", name);

    /// <summary>../shared/reference/bdm/NAME, or null when the shared folder is absent.</summary>
    public static string? Shared(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "bdm", name));
        return File.Exists(path) ? path : null;
    }
}
