using BenchmarkDotNet.Attributes;
using Entangle.Application.Data;
using Entangle.Application.Obligations;
using Entangle.Application.Scenarios;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Engine.Obligations;
using Entangle.Engine.Randomness;

namespace Entangle.Bench;

/// <summary>
/// Treaty obligations: the all-pairs defence matrix for one year (target: under 100 ms for about 200 states), and the
/// query and cascade on the bundled scenario's treaties.
/// ATOP 5.1 is read from ../shared/data/atop (or $ENTANGLE_SHARED_DATA/atop) when present; otherwise a synthetic
/// 200-state network with a fixed seed stands in, and the run says so.
/// </summary>
[MemoryDiagnoser]
public class ObligationBenchmarks
{
    private ReferenceData? _data;
    private NetworkService.Input _input = null!;
    private Scenario _scenario = null!;
    private ObligationQuery _usPrk = null!;
    private ObligationQuery _rusPol = null!;

    /// <summary>Imports ATOP into a temporary store (or builds the synthetic network) and loads the scenario.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        var atop = SharedAtop(root);
        if (atop is not null)
        {
            var store = Path.Combine(Path.GetTempPath(), "entangle-bench", Guid.NewGuid().ToString("N"));
            DataService.Import("atop", atop, store);
            _data = DataService.Open(store);
            _input = NetworkService.Collect(_data, 2018, null);
            Console.WriteLine($"// ATOP 5.1 from {atop}: {_input.Nodes.Count} states, {_input.Pledges.Count} directed pledges in 2018");
        }
        else
        {
            // Synthetic stand-in: 200 states, 120 alliances of 2–30 members, fixed seed.
            var rng = new RandomStream(20180101UL);
            var pledges = new List<DefensePledge>();
            for (var a = 0; a < 120; a++)
            {
                var size = 2 + rng.NextInt(29);
                var members = Enumerable.Range(0, size).Select(_ => rng.NextInt(200)).Distinct().ToList();
                foreach (var x in members) foreach (var y in members) if (x != y) pledges.Add(new DefensePledge(x, y, $"synthetic {a}"));
            }
            _input = new NetworkService.Input(Enumerable.Range(0, 200).Select(i => ($"S{i:000}", (int?)null, (string?)null)).ToList(),
                pledges, "synthetic", false, []);
            Console.WriteLine($"// ../shared/data/atop absent: synthetic network of 200 states, {pledges.Count} pledges");
        }
        var scenarioPath = File.Exists(Path.Combine(root, "scenarios", "russia-dprk-2024", "states.yaml"))
            ? Path.Combine(root, "scenarios", "russia-dprk-2024.yaml")
            : Path.Combine(root, "tests", "Entangle.Engine.Tests", "Obligations", "Fixtures", "test-root.yaml");
        try { _scenario = ScenarioService.Load(scenarioPath); }
        catch (InputException) { _scenario = ScenarioService.Load(Path.Combine(root, "tests", "Entangle.Engine.Tests", "Obligations", "Fixtures", "test-root.yaml")); }
        _usPrk = new ObligationQuery(new StateId("USA"), new StateId("PRK"), null, null, new DateOnly(2025, 1, 10));
        _rusPol = new ObligationQuery(new StateId("RUS"), new StateId("POL"), null, null, new DateOnly(2025, 1, 10));
    }

    /// <summary>Releases the data store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _data?.Dispose();

    /// <summary>The all-pairs defence matrix for one year from its pledges, with degrees and blocs.</summary>
    [Benchmark]
    public int AllPairsMatrix2018()
    {
        var net = DefenseNetwork.Build(_input.Nodes.Count, _input.Pledges);
        return net.Defends.Sum() + net.Blocs.Count;
    }

    /// <summary>End to end from the imported store: collect pledges for 2018, build the matrix and the report.</summary>
    [Benchmark]
    public int NetworkReport2018FromStore() => _data is null ? AllPairsMatrix2018() : NetworkService.Build(_data, 2018, null).Pledges;

    /// <summary>One query: the US attacks the DPRK.</summary>
    [Benchmark]
    public int QueryUsAttacksDprk() => ObligationEngine.Answer(_scenario, _usPrk).Obliged.Count;

    /// <summary>A cascade: Russia attacks Poland (NATO wave, DPRK reading, stop).</summary>
    [Benchmark]
    public int CascadeRussiaAttacksPoland() => CascadeEngine.Run(_scenario, _rusPol).Edges.Count;

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        throw new InvalidOperationException("Entangle.slnx not found; run from the repository");
    }

    private static string? SharedAtop(string root)
    {
        var env = Environment.GetEnvironmentVariable("ENTANGLE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return File.Exists(Path.Combine(env, "atop", "atop5_1m.csv")) ? Path.Combine(env, "atop") : null;
        for (var d = new DirectoryInfo(root).Parent; d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "shared", "data", "atop", "atop5_1m.csv"))) return Path.Combine(d.FullName, "shared", "data", "atop");
        return null;
    }
}
