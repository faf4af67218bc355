using Entangle.Application.Escalation;
using Entangle.Application.Sweeps;
using Entangle.Engine.Escalation;
using Entangle.Scenarios;
using Entangle.Tests.Shared;

namespace Entangle.Cluster.Tests.Sweeps;

/// <summary>The sweep seam and the local executor, without a cluster.</summary>
public sealed class LocalSweepTests
{
    private static (SweepJob Job, Arm Arm, DesignPoint[] Points, EnsembleOptions Options) Small()
    {
        var source = ScenarioSource.File(RepoPaths.BundledScenario);
        var scenario = source.Load();
        var arm = EscalationService.Arm(EscalationService.Compile(scenario, new EscalationRequest(), null, source.Name));
        DesignPoint[] points = [DesignPoint.None, new(new Dictionary<string, double> { ["global.accident"] = 0.02 })];
        var options = new EnsembleOptions(90, 11, 5);
        var job = new SweepJob(new EnsembleSweep([Sweep.Payload(source, scenario)], [new ArmSpec("baseline", 0, [], [])],
            points.Select(PointSpec.Of).ToList(), options.Runs, options.Seed, options.Replicates), null);
        return (job, arm, points, options);
    }

    private static string Flat(ArmResult[][] r) => string.Join("|", r.SelectMany(p => p.Select(a =>
        a.Decisions + ":" + string.Join(";", a.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + string.Join(",", kv.Value.Hits) + "/" + string.Join(",", kv.Value.Trials))))));

    [Fact]
    public async Task LocalSweep_EqualsTheEnsembleRunner_WhateverTheItemSizeAndThreads()
    {
        var (job, arm, points, options) = Small();
        var direct = Flat(Ensemble.Run([arm], points, options));
        foreach (var (units, threads) in new[] { (1, 1), (2, 2), (3, 1), (1000, 2) })
        {
            var j = job with { UnitsPerItem = units };
            var results = await new LocalSweepExecutor(threads).RunAsync(j, null, default);
            Assert.Equal(direct, Flat(SweepMerge.Ensemble(PreparedSweep.Of(j), [arm], results)));
        }
    }

    [Fact]
    public async Task Job_RoundTripsThroughItsBytes_AndTheHashFollowsTheContent()
    {
        var (job, _, _, _) = Small();
        var back = SweepJob.FromBytes(job.ToBytes());
        Assert.Equal(job.Hash, back.Hash);
        Assert.Equal(64, job.Hash.Length);
        Assert.NotEqual(job.Hash, (job with { UnitsPerItem = 2 }).Hash);
        Assert.NotEqual(job.Hash, (job with { Ensemble = job.Ensemble! with { Seed = 12 } }).Hash);
        // a job read back has no loaded scenario: it compiles from the files it carries, and gives the same counts
        var (_, arm, _, _) = Small();
        var here = SweepMerge.Ensemble(PreparedSweep.Of(job), [arm], await new LocalSweepExecutor(1).RunAsync(job, null, default));
        var there = SweepMerge.Ensemble(PreparedSweep.Of(back), [arm], await new LocalSweepExecutor(1).RunAsync(back, null, default));
        Assert.Equal(Flat(here), Flat(there));
        Assert.Null(back.Ensemble!.Scenarios[0].Loaded);
        Assert.Contains("calibration/icb-before-2000.json", back.Ensemble.Scenarios[0].Files.Keys);
    }

    [Fact]
    public async Task Merge_RefusesAMissingOrMisplacedItem()
    {
        var (job, arm, _, _) = Small();
        var prepared = PreparedSweep.Of(job);
        var results = await new LocalSweepExecutor(1).RunAsync(job, null, default);
        Assert.Throws<InvalidOperationException>(() => SweepMerge.Ensemble(prepared, [arm], results[..^1]));
        var swapped = results.ToArray();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.Throws<InvalidOperationException>(() => SweepMerge.Ensemble(prepared, [arm], swapped));
    }

    [Fact]
    public void NotAJob_IsAnInputError()
    {
        var e = Assert.Throws<Domain.InputException>(() => SweepJob.FromBytes("{\"format\":\"other\"}"u8));
        Assert.Contains("entangle-sweep/1", e.Message);
    }
}
