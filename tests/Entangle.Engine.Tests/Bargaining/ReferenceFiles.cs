using Entangle.Tests.Shared;
namespace Entangle.Engine.Tests.Bargaining;

/// <summary>Locates the repository root and the shared reference folder beside it.</summary>
internal static class ReferenceFiles
{
    /// <summary>The folder holding Entangle.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot => RepoPaths.RepoRoot;

    /// <summary>A fixture committed beside these tests (copied from ../shared/reference/bdm).</summary>
    public static string Fixture(string name) =>
        Path.Combine(RepoRoot, "tests", "Entangle.Engine.Tests", "Bargaining", "Fixtures", name);

    /// <summary>../shared/reference/bdm/NAME, which the calling <c>[SkippableFact]</c> needs (see <see cref="RepoPaths.RequireShared"/>).</summary>
    public static string Shared(string name) => RepoPaths.RequireShared("reference", "bdm", name);
}
