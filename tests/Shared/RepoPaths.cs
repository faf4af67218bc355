using Xunit.Sdk;

namespace Entangle.Tests.Shared;

/// <summary>
/// Where tests find the repository and the shared reference folder beside it. One copy, linked into every test
/// project by tests/Directory.Build.props.
/// </summary>
internal static class RepoPaths
{
    /// <summary>Overrides where the shared folder is (the folder itself, holding <c>data/</c>, <c>reference/</c>, …).</summary>
    public const string SharedVariable = "ENTANGLE_SHARED";

    /// <summary>Overrides the datasets folder (<c>shared/data</c>) only.</summary>
    public const string SharedDataVariable = "ENTANGLE_SHARED_DATA";

    /// <summary>When <c>1</c>, a test that needs the shared folder fails if it is absent instead of being skipped (CI sets it).</summary>
    public const string RequireSharedVariable = "ENTANGLE_REQUIRE_SHARED";

    /// <summary>The repository root: the first folder above the test binaries that holds Entangle.slnx.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The bundled scenario's root file.</summary>
    public static string BundledScenario => Path.Combine(RepoRoot, "scenarios", "russia-dprk-2024.yaml");

    /// <summary>
    /// The shared folder: <c>$ENTANGLE_SHARED</c> when set (even if it does not exist), else the nearest ancestor of
    /// the repository root that holds <c>shared/</c> (a git worktree sits one level deeper than a checkout); null
    /// when there is none.
    /// </summary>
    public static string? SharedRoot()
    {
        var env = Environment.GetEnvironmentVariable(SharedVariable);
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var d = new DirectoryInfo(RepoRoot).Parent; d is not null; d = d.Parent)
        {
            var shared = Path.Combine(d.FullName, "shared");
            if (Directory.Exists(shared)) return shared;
        }
        return null;
    }

    /// <summary>
    /// A path under the shared folder (e.g. <c>Shared("data", "atop")</c>), or null when it is absent. For
    /// <c>data/…</c>, <c>$ENTANGLE_SHARED_DATA</c> overrides the datasets folder. Tests that need the path use
    /// <see cref="RequireShared"/>, so that its absence is reported, not passed over.
    /// </summary>
    public static string? Shared(params string[] parts)
    {
        var data = Environment.GetEnvironmentVariable(SharedDataVariable);
        if (parts.Length > 0 && parts[0] == "data" && !string.IsNullOrEmpty(data))
            return Existing(Path.Combine([data, .. parts[1..]]));
        return SharedRoot() is { } root ? Existing(Path.Combine([root, .. parts])) : null;
    }

    /// <summary>
    /// A path under the shared folder that the calling test needs. When it is absent the test is reported as
    /// skipped (it must be a <c>[SkippableFact]</c>), or fails when <c>$ENTANGLE_REQUIRE_SHARED</c> is <c>1</c>.
    /// </summary>
    public static string RequireShared(params string[] parts)
    {
        if (Shared(parts) is { } found) return found;
        var what = string.Join('/', parts);
        var where = Environment.GetEnvironmentVariable(SharedVariable) is { Length: > 0 } env
            ? $"${SharedVariable}={env}"
            : $"no shared/ folder with it above {RepoRoot}";
        var message = $"shared/{what} not found ({where})";
        if (Environment.GetEnvironmentVariable(RequireSharedVariable) == "1")
            throw new XunitException($"{message}, and {RequireSharedVariable}=1 requires it");
        throw new Xunit.SkipException($"{message}; skipped (set {RequireSharedVariable}=1 to make this a failure)");
    }

    private static string? Existing(string path) => File.Exists(path) || Directory.Exists(path) ? path : null;

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        throw new InvalidOperationException("repository root (Entangle.slnx) not found above " + AppContext.BaseDirectory);
    }
}
