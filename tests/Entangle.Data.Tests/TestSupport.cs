using Entangle.Tests.Shared;
namespace Entangle.Data.Tests;

/// <summary>Paths used by the tests: fixtures, the repository root, the shared datasets when present.</summary>
internal static class TestPaths
{
    /// <summary>A fixture folder or file (copied next to the test assembly).</summary>
    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>The repository root (see <see cref="RepoPaths"/>).</summary>
    public static string RepoRoot() => RepoPaths.RepoRoot;

    /// <summary>
    /// A folder of the shared datasets that the calling <c>[SkippableFact]</c> needs: <c>$ENTANGLE_SHARED_DATA/SUB</c>
    /// if that is set, else <c>../shared/data/SUB</c> (see <see cref="RepoPaths.RequireShared"/>: skipped when
    /// absent, a failure under ENTANGLE_REQUIRE_SHARED=1).
    /// </summary>
    public static string RequireSharedData(string sub) => RepoPaths.RequireShared("data", sub);
}

/// <summary>A fresh data directory per test, deleted afterwards.</summary>
internal sealed class TempDataDir : IDisposable
{
    public TempDataDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "entangle-data-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The data directory (holding entangle.db) inside this folder.</summary>
    public string Store => System.IO.Path.Combine(Path, "store");

    /// <summary>Writes a file under this directory and returns its path.</summary>
    public string Write(string name, string content)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, content);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
