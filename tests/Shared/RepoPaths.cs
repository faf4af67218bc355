namespace Entangle.Tests.Shared;

/// <summary>
/// Where tests find the repository and the shared reference folder beside it. One copy, linked into every test
/// project by tests/Directory.Build.props.
/// </summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds Entangle.slnx.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The bundled scenario's root file.</summary>
    public static string BundledScenario => Path.Combine(RepoRoot, "scenarios", "russia-dprk-2024.yaml");

    /// <summary>
    /// A path under <c>../shared</c> (e.g. <c>Shared("data", "atop")</c>), or null when it is absent. The nearest
    /// ancestor of the repository root that holds <c>shared/</c> is used (a git worktree sits one level deeper than
    /// a checkout). For <c>data/…</c>, <c>$ENTANGLE_SHARED_DATA</c> overrides the datasets folder.
    /// </summary>
    public static string? Shared(params string[] parts)
    {
        var env = Environment.GetEnvironmentVariable("ENTANGLE_SHARED_DATA");
        if (parts.Length > 0 && parts[0] == "data" && !string.IsNullOrEmpty(env))
            return Existing(Path.Combine([env, .. parts[1..]]));
        for (var d = new DirectoryInfo(RepoRoot).Parent; d is not null; d = d.Parent)
        {
            var shared = Path.Combine(d.FullName, "shared");
            if (Directory.Exists(shared)) return Existing(Path.Combine([shared, .. parts]));
        }
        return null;
    }

    private static string? Existing(string path) => File.Exists(path) || Directory.Exists(path) ? path : null;

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        throw new InvalidOperationException("repository root (Entangle.slnx) not found above " + AppContext.BaseDirectory);
    }
}
