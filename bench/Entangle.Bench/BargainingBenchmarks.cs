using BenchmarkDotNet.Attributes;
using Entangle.Engine.Bargaining;
using Entangle.Engine.Randomness;

namespace Entangle.Bench;

/// <summary>
/// The expected-utility model (Scholz-faithful defaults), 10 rounds. <c>Synthetic</c>: n actors generated from a
/// fixed seed (capability 0.05–1, position 0–100, salience 0.1–1). <c>EuCarEmissions</c>: the 10-actor reference
/// example (Bueno de Mesquita 1994, p. 78; Scholz, Calbert &amp; Smith 2011, Table 1). Targets: the example under
/// 1 ms, 100 actors under 1 s. See bench/README.md.
/// </summary>
[MemoryDiagnoser]
public class BargainingBenchmarks
{
    private static readonly BargainingOptions TenRounds = new() { Rounds = 10 };
    private BargainingActor[] _actors = [];

    /// <summary>Number of synthetic actors.</summary>
    [Params(10, 17, 50, 100, 200)]
    public int N { get; set; }

    /// <summary>Builds the actors from seed 20110401 (the same for every run).</summary>
    [GlobalSetup]
    public void Setup() => _actors = Synthetic(N, 20110401);

    /// <summary>n actors from a fixed seed; positions on a 0–100 grid of 1, so some actors share positions.</summary>
    public static BargainingActor[] Synthetic(int n, ulong seed)
    {
        var rng = new RandomStream(seed);
        return Enumerable.Range(0, n).Select(i => new BargainingActor(
            $"A{i:D3}", 0.05 + 0.95 * rng.NextDouble(), rng.NextInt(101), 0.1 + 0.9 * rng.NextDouble())).ToArray();
    }

    /// <summary>Ten rounds on n synthetic actors.</summary>
    [Benchmark]
    public BargainingResult Synthetic() => BargainingModel.Run(_actors, TenRounds);

}

/// <summary>Ten rounds on the EU car-emissions example (target: under 1 ms).</summary>
[MemoryDiagnoser]
public class BargainingExampleBenchmark
{
    private static readonly BargainingOptions TenRounds = new() { Rounds = 10 };

    private static readonly BargainingActor[] Eu =
    [
        new("Netherlands", 0.08, 4, 0.8), new("Belgium", 0.08, 7, 0.4), new("Luxembourg", 0.03, 4, 0.2),
        new("Germany", 0.16, 4, 0.8), new("France", 0.16, 10, 0.6), new("Italy", 0.16, 10, 0.6),
        new("UK", 0.16, 10, 0.9), new("Ireland", 0.05, 7, 0.1), new("Denmark", 0.05, 4, 1.0), new("Greece", 0.08, 7, 0.7),
    ];

    /// <summary>Ten rounds on the EU car-emissions example.</summary>
    [Benchmark]
    public BargainingResult EuCarEmissions() => BargainingModel.Run(Eu, TenRounds);
}
