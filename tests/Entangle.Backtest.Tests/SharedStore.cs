using Entangle.Application.Data;
using Entangle.Data.Query;
using Entangle.Tests.Shared;

namespace Entangle.Backtest.Tests;

/// <summary>
/// One store per test run with ICB, COW NMC, COW states, ATOP and COW-MID imported from ../shared/data (imported once,
/// on first use; the tests that need it skip visibly without the shared data, or fail under ENTANGLE_REQUIRE_SHARED=1).
/// </summary>
internal static class SharedStore
{
    private static readonly object Lock = new();
    private static string? _dir;

    public static ReferenceData Open()
    {
        var icb = RepoPaths.RequireShared("data", "icb");
        lock (Lock)
        {
            if (_dir is null)
            {
                var dir = Path.Combine(Path.GetTempPath(), "entangle-backtest-tests", Guid.NewGuid().ToString("N"));
                DataService.Import("icb", icb, dir);
                DataService.Import("cow-nmc", RepoPaths.RequireShared("data", "cow_nmc"), dir);
                DataService.Import("cow-states", RepoPaths.RequireShared("data", "cow_misc"), dir);
                DataService.Import("atop", RepoPaths.RequireShared("data", "atop"), dir);
                DataService.Import("mid", RepoPaths.RequireShared("data", "cow_mid"), dir);
                _dir = dir;
            }
            return DataService.Open(_dir);
        }
    }
}
