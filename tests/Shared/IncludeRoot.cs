using System.Runtime.CompilerServices;

namespace Entangle.Tests.Shared;

/// <summary>
/// Test fixtures (e.g. tests/Entangle.Engine.Tests/Obligations/Fixtures/test-root.yaml) include the bundled
/// scenario's parts from outside their own folder. Includes resolve only under the including file's folder or a
/// root the user names in ENTANGLE_INCLUDE_ROOT (docs/scenario-format.md), so every test process names the
/// repository; the CLI processes the tests start inherit it.
/// </summary>
internal static class IncludeRoot
{
#pragma warning disable CA2255 // a module initializer in a test assembly, on purpose
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void NameTheRepository()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ENTANGLE_INCLUDE_ROOT")))
            Environment.SetEnvironmentVariable("ENTANGLE_INCLUDE_ROOT", RepoPaths.RepoRoot);
    }
}
