using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Scenarios;
using Entangle.Domain;
using Entangle.Application.Analysis;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// <c>claims</c> reports its progress in runs over its phases (the server's claims jobs show it): the estimate's runs
/// in every arm, then the stress test's points × arms × runs; at the end every planned run is done, and listening
/// changes no byte of the result.
/// </summary>
public sealed class ClaimsProgressTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "mechanisms.yaml");

    [Fact]
    public void Progress_counts_every_run_of_the_estimate_and_the_stress_test_and_changes_nothing()
    {
        var request = new ClaimsRequest(Runs: 200, Screen: false, StressRuns: 20, Replicates: 10, Threads: 1);
        var seen = new List<(long Done, long Total)>();
        var with = ClaimsService.Test(ScenarioSource.File(FixturePath), request, null, default, null, (d, t) => seen.Add((d, t)));
        var without = ClaimsService.Test(FixturePath, request);
        Assert.Equal(Json.Serialize(without), Json.Serialize(with));

        Assert.NotEmpty(seen);
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Done >= seen[i - 1].Done, $"done fell at report {i}: {seen[i - 1]} → {seen[i]}");
            Assert.True(seen[i].Total >= seen[i - 1].Total, $"total fell at report {i}: {seen[i - 1]} → {seen[i]}");
        }
        Assert.All(seen, p => Assert.True(p.Done <= p.Total, $"{p}"));
        var (done, total) = seen[^1];
        Assert.Equal(total, done);

        // independent count: the arms are the scenario plus one per distinct counterfactual; the stress points are
        // those the result reports as run at the stress runs (points reused from a screening would say otherwise)
        var claims = ScenarioService.Load(FixturePath).Claims();
        var arms = 1 + claims.Select(c => c.Counterfactual.ToString()).Distinct(StringComparer.Ordinal).Count();
        var stressPoints = with.Claims.Where(c => c.Stress is not null).SelectMany(c => c.Stress!.Points)
            .Where(p => p.Runs == request.StressRuns).Select(p => p.Setting).ToList();
        Assert.NotEmpty(stressPoints);
        Assert.True(total > 200L * arms, $"total {total}: the stress test's runs are missing");
        Assert.Equal(0, (total - 200L * arms) % (arms * (long)request.StressRuns));
    }
}
