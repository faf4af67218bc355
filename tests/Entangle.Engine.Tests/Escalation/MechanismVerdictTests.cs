using Entangle.Application.Analysis;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// The mechanism map and the verdict kinds on a world whose answers are known in closed form
/// (Fixtures/mechanisms.yaml): a flow with hazard h per step acts at least once in T = 24 steps with probability
/// 1 − (1 − h)^T under its treaty, and never without it, so the effect of removing the treaty is exactly that.
/// </summary>
public sealed class MechanismVerdictTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Fixtures", "mechanisms.yaml");
    private static readonly Lazy<ClaimsResult> Result = new(() =>
        ClaimsService.Test(FixturePath, new ClaimsRequest(Runs: 2000, Screen: false, StressRuns: 1000, Threads: 2)));

    private static ClaimResult Claim(string id) => Result.Value.Claims.Single(c => c.Id == id);

    private static MechanismMap Map()
    {
        var m = EscalationService.Load(FixturePath, new EscalationRequest());
        return MechanismMap.Build(m, Metrics.For(m));
    }

    // hand-drawn: t-flows enables f-big, f-zero and f-tiny (a hazard judged 0 is a value, not a missing mechanism).
    // flow.f-big reads only the flow: one path. AAA's share in west moves only through its allocation, which reads
    // BBB's capability in east (the pivot) and the levels; the shortest paths run through the three flows.
    [Fact]
    public void Map_FindsTheHandDrawnPathsAndNoOther()
    {
        var map = Map();
        var big = Assert.Single(map.Paths("treaty:t-flows", "metric:flow.f-big", slack: 0));
        Assert.Equal(["treaty:t-flows", "flow:f-big", "metric:flow.f-big"], big.Nodes);
        Assert.Single(map.Paths("treaty:t-flows", "metric:flow.f-zero", slack: 0));
        Assert.Empty(map.Paths("treaty:t-flows", "metric:flow.f-other"));
        var share = map.Paths("treaty:t-flows", "metric:forces_moved_out.AAA.west", slack: 0).Select(p => p.ToString()).ToList();
        Assert.Equal([
            "treaty:t-flows → flow:f-big → capability:BBB@east → allocation:AAA → share:AAA@west → metric:forces_moved_out.AAA.west",
            "treaty:t-flows → flow:f-tiny → capability:BBB@east → allocation:AAA → share:AAA@west → metric:forces_moved_out.AAA.west",
            "treaty:t-flows → flow:f-zero → capability:BBB@east → allocation:AAA → share:AAA@west → metric:forces_moved_out.AAA.west",
        ], share);
        // the other treaty reaches its own flow and nothing of t-flows'
        Assert.Single(map.Paths("treaty:t-other", "metric:flow.f-other", slack: 0));
        Assert.Empty(map.Paths("treaty:t-other", "metric:flow.f-big"));
    }

    [Fact]
    public void Verdict_Supported_WhereTheEffectIsAboveTheMinimum()
    {
        var c = Claim("supported");
        Assert.Equal("supported", c.Verdict);
        var exact = 1 - Math.Pow(1 - 0.2, 24); // 0.99528…
        Assert.InRange(exact, c.Difference.Lo, c.Difference.Hi);
        Assert.Equal(0, c.Without.Estimate);
        Assert.NotEmpty(c.Paths!);
    }

    [Fact]
    public void Verdict_Contradicted_WhereTheEffectIsZeroAndTheIntervalTight_ButARangeEndReachesTheMinimum()
    {
        var c = Claim("contradicted");
        // f-zero's hazard is judged 0: it never acts in either arm, so the difference is exactly 0 with a zero-width
        // interval; at the top of its screening range (0 → [0, 0.1]) the exact effect is 1 − 0.9^24 ≈ 0.92, so the
        // mechanism could carry the claim and only the scenario's value rules it out.
        Assert.Equal("contradicted", c.Verdict);
        Assert.Equal((0.0, 0.0, 0.0), (c.Difference.Estimate, c.Difference.Lo, c.Difference.Hi));
        var s = Assert.IsType<StressTest>(c.Stress);
        Assert.True(s.Hi > 0.8, $"largest stress effect {s.Hi}; exact {1 - Math.Pow(0.9, 24)}");
    }

    [Fact]
    public void Verdict_Bounded_WhereAPathExistsButItsRangeCapsTheEffect()
    {
        var c = Claim("bounded");
        Assert.Equal("contradicted", c.VerdictAtScenario);
        Assert.Equal("bounded", c.Verdict);
        var s = Assert.IsType<StressTest>(c.Stress);
        Assert.Contains(s.Parameters, p => p.Path == "flow.f-tiny.hazard");
        // at the top of the range the exact effect is 1 − (1 − 0.0002)^24 ≈ 0.0048, far below 0.02
        Assert.True(s.HiUpper < 0.02, $"largest upper end {s.HiUpper}");
        Assert.True(1 - Math.Pow(1 - 0.0002, 24) < 0.005);
    }

    [Fact]
    public void Verdict_Untestable_WhereNoPathExists_NamingWhatTheMetricReads()
    {
        var c = Claim("untestable");
        Assert.Equal("untestable", c.Verdict);
        Assert.Empty(c.Paths!);
        Assert.Contains("flow:f-other", c.Mechanism);
        Assert.Contains("cannot test", c.Mechanism);
    }
}
