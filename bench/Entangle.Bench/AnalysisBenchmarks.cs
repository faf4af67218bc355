using BenchmarkDotNet.Attributes;
using Entangle.Application.Analysis;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Bench;

/// <summary>
/// Analysis: the paired-difference estimator on 1,200 clusters (the claims' default), a Saltelli design and its
/// Sobol indices for 15 parameters on a cheap function, and paired Monte Carlo throughput on the bundled scenario
/// (1,000 runs in each of two arms, with and without rus-prk-2024): the unit cost of `entangle claims`.
/// Target: `entangle claims` on the bundled scenario under 2 minutes on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AnalysisBenchmarks
{
    private ClusterCounts _a = null!, _b = null!;
    private Arm[] _arms = null!;
    private SaltelliDesign _design = null!;
    private double[] _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomStream(1);
        var h1 = new double[1200]; var h2 = new double[1200]; var t = new double[1200];
        for (var i = 0; i < 1200; i++) { t[i] = 5; h1[i] = rng.NextInt(6); h2[i] = Math.Min(5, h1[i] + rng.NextInt(2)); }
        _a = new ClusterCounts(h1, t); _b = new ClusterCounts(h2, t);
        _design = Sobol.Design(15, 256, new RandomStream(2));
        _y = _design.Points.Select(x => x.Select((v, i) => v * (i + 1)).Sum()).ToArray();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Entangle.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "scenarios", "russia-dprk-2024.yaml");
        var s = ScenarioService.Load(path);
        _arms = [EscalationService.Arm(EscalationService.Compile(s, new EscalationRequest(), null, path)),
                 EscalationService.Arm(EscalationService.Compile(s, new EscalationRequest(WithoutTreaties: ["rus-prk-2024"]), null, path), "variant")];
    }

    [Benchmark] public PairedResult PairedDifference1200() => PairedDifference.Estimate(_a, _b);

    [Benchmark] public int SobolIndices15x256() => Sobol.Analyse(_design, _y, new RandomStream(3), bootstrap: 100).Count;

    [Benchmark] public int PairedMonteCarlo2x1000() => Ensemble.Run(_arms, [DesignPoint.None], new EnsembleOptions(1000, 1, 5, 1)).Length;
}
