using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>Small worlds built in C# for the escalation tests.</summary>
internal static class Fx
{
    public static readonly Provenance J = Provenance.Judge("test fixture");
    public static Estimate P(double v) => new Estimate.Point(v, J);

    public static State State(string iso, bool nuclear = false, double forcesBn = 10) => new(new StateId(iso), null, iso, [],
        nuclear ? [new Figure(FigureNames.WarheadsTotal, 100, 2024, J), new Figure(FigureNames.MilexUsd, forcesBn * 1e9, 2023, J)]
                : [new Figure(FigureNames.MilexUsd, forcesBn * 1e9, 2023, J)]);

    public static Theater Theater(string id, params string[] territories) => new(id, id, territories, [], []);

    /// <summary>A mutual-defence treaty: armed attack on any party, anywhere, with the given strength and credibility.</summary>
    public static Treaty Defence(string id, ClauseStrength strength, double credibility, params string[] parties) => new(
        id, id, TreatyKind.Alliance, parties.Select(p => new Membership(new StateId(p), DateSpan.Always)).ToList(),
        new DateOnly(2000, 1, 1), new DateOnly(2000, 1, 1), null, [], null, null, "test",
        [new Clause("1", ClauseKind.Defense, "text", "test", [], new Trigger(TriggerEvent.ArmedAttack, []), Scope.Unlimited, strength, [],
            new Assessed(credibility, J))]);

    public static Scenario World(IEnumerable<State> states, IEnumerable<Theater> theaters, IEnumerable<Treaty>? treaties = null,
        IEnumerable<ScenarioEvent>? events = null) =>
        new(new ScenarioInfo("test", "Test world", new DateOnly(2024, 6, 23), null, []), states.ToList(), [], [], [],
            (treaties ?? []).ToList(), theaters.ToList(), [], [], (events ?? []).ToList(), []);

    public static EscalationActor Actor(string iso, IReadOnlyDictionary<string, double>? ps = null, params (string Theater, double Share)[] deployments) =>
        new(new StateId(iso), (ps ?? new Dictionary<string, double>()).ToDictionary(kv => kv.Key, kv => P(kv.Value)),
            deployments.Select(d => new Deployment(d.Theater, P(d.Share))).ToList());

    public static EscalationTheater Arena(string id, int start, string[] a, string[] b, IReadOnlyDictionary<string, double> stakes,
        IReadOnlyList<Supporter>? supporters = null) =>
        new(id, P(start), a.Select(s => new StateId(s)).ToList(), b.Select(s => new StateId(s)).ToList(), supporters ?? [],
            stakes.ToDictionary(kv => new StateId(kv.Key), kv => P(kv.Value)));

    public static EscalationModel Model(IEnumerable<EscalationActor> actors, IEnumerable<EscalationTheater> theaters,
        IReadOnlyDictionary<string, double>? globals = null, int steps = 24, IEnumerable<HorizontalLink>? links = null) =>
        new(EscalationSettings.Default with { Steps = steps }, (globals ?? new Dictionary<string, double>()).ToDictionary(kv => kv.Key, kv => P(kv.Value)),
            actors.ToList(), theaters.ToList(), [], (links ?? []).ToList(), []);

    /// <summary>Share of runs meeting <paramref name="test"/>.</summary>
    public static double Share(CompiledModel m, int runs, ulong seed, Func<RunState, bool> test, int threads = 1)
    {
        var r = Ensemble.Run([new Arm("baseline", m, [new OutcomeDefinition("x", "x", test)])], [DesignPoint.None], new EnsembleOptions(runs, seed, 1, threads))[0][0];
        return (double)r.Metrics["x"].TotalHits / r.Metrics["x"].TotalTrials;
    }

    /// <summary>Collects a run's observations.</summary>
    public sealed class Collect : IRunObserver
    {
        public readonly List<Observation> All = [];
        public void Observe(Observation o) => All.Add(o);
    }

    /// <summary>Run <paramref name="run"/> of <paramref name="m"/> as every command runs it, with its observations.</summary>
    public static (RunState State, List<Observation> Seen) Replay(CompiledModel m, ulong seed, int run, int replicates)
    {
        var c = new Collect();
        var s = new RunState(m) { Observer = c };
        Ensemble.Prepare(s, seed, run, replicates);
        for (var k = 0; k < m.Steps; k++) Simulator.Step(s);
        return (s, c.All);
    }

    /// <summary>
    /// A small three-theater world with two alliances, supporters, a link and shocks: the bundled scenario's shape
    /// in miniature.
    /// </summary>
    public static (Scenario World, EscalationModel Model) Miniature(bool nuclear = true)
    {
        var states = new[]
        {
            State("AAA", nuclear, 300), State("BBB", false, 60), State("CCC", nuclear, 200), State("DDD", false, 30),
            State("EEE", false, 40), State("FFF", nuclear, 500), State("GGG", false, 20),
        };
        var theaters = new[] { Theater("east", "BBB", "DDD"), Theater("west", "EEE", "GGG"), Theater("south", "DDD") };
        var treaties = new[]
        {
            Defence("pact-ab", ClauseStrength.Automatic, 0.6, "AAA", "BBB"),
            Defence("pact-cd", ClauseStrength.Automatic, 0.8, "CCC", "DDD"),
            Defence("pact-fe", ClauseStrength.Conditional, 0.7, "FFF", "EEE"),
        };
        var events = new[]
        {
            new ScenarioEvent("flare-east", EventKind.Shock, null, "flare", "east", [], new Assessed(0.1, J), [new Effect("east", "tension", 1)], J, By: new StateId("DDD")),
            new ScenarioEvent("push-west", EventKind.Shock, null, "push", "west", [], new Assessed(0.05, J), [new Effect("west", "intervention_pressure", 1.5)], J),
        };
        var world = World(states, theaters, treaties, events);
        var hot = new Dictionary<string, double> { ["resolve"] = 1.6, ["cost_sensitivity"] = 0.6, ["lambda"] = 15 };
        var actors = new[]
        {
            Actor("AAA", hot, ("east", 0.3), ("west", 0.3)),
            Actor("CCC", hot, ("east", 0.4), ("south", 0.4)),
            Actor("FFF", new Dictionary<string, double> { ["entry_cost"] = 0.2 }, ("west", 0.4), ("south", 0.3)),
            Actor("DDD", hot), Actor("BBB", hot), Actor("EEE", hot), Actor("GGG", hot),
        };
        var arenas = new[]
        {
            Arena("east", 3, ["BBB"], ["DDD"], new Dictionary<string, double> { ["BBB"] = 1, ["DDD"] = 1, ["AAA"] = 0.8, ["CCC"] = 0.8 },
                [new Supporter(new StateId("AAA"), Side.A, P(0.3), false), new Supporter(new StateId("CCC"), Side.B, P(0.3), false)]),
            Arena("west", 4, ["EEE"], ["GGG"], new Dictionary<string, double> { ["EEE"] = 1, ["GGG"] = 1, ["FFF"] = 0.9, ["AAA"] = 0.6 },
                [new Supporter(new StateId("AAA"), Side.B, P(0.3), true), new Supporter(new StateId("FFF"), Side.A, P(0.3), true)]),
            Arena("south", 2, ["FFF"], ["DDD"], new Dictionary<string, double> { ["FFF"] = 0.7, ["DDD"] = 0.9, ["CCC"] = 0.7 }),
        };
        var links = new[] { new HorizontalLink("ddd-for-bbb", new StateId("DDD"), new StateId("DDD"), "east", "south", P(0.8), "pact-cd") };
        return (world, Model(actors, arenas, new Dictionary<string, double> { ["accident"] = 0.02 }, links: links));
    }
}
