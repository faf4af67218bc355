using Entangle.Application.Analysis;
using Entangle.Application.Backtest;
using Entangle.Application.Escalation;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Scenarios;

namespace Entangle.Application.Sweeps;

/// <summary>One point of a grid sweep: the parameters' values (in the spec's order) and the metric there.</summary>
public sealed record GridPoint(IReadOnlyList<double> Values, Est Estimate);

/// <summary>The result of a grid sweep: the metric at every point of the cartesian product of the values given.</summary>
public sealed record GridResult(string Scenario, string Title, string Metric, string MetricDescription, int RunsPerPoint, ulong Seed,
    IReadOnlyList<string> Parameters, IReadOnlyList<GridPoint> Points);

/// <summary>What <c>entangle sweep</c> ran: the design and its result (a <see cref="SensitivityResult"/>, <see cref="BacktestResult"/> or <see cref="GridResult"/>).</summary>
public sealed record SweepOutcome(string Design, object Result);

/// <summary>
/// <c>entangle sweep SPEC</c>: runs a <see cref="SweepSpec"/> on an executor. One-at-a-time, Morris and Saltelli designs
/// are <c>sensitivity</c>'s (the same result, byte for byte, as <c>entangle sensitivity --json</c> with the same settings),
/// a backtest design is <c>backtest</c>'s, and a grid runs the scenario at every point of a cartesian product.
/// </summary>
public static class SweepService
{
    /// <param name="data">Opens the reference data (a backtest design only).</param>
    public static SweepOutcome Run(SweepSpec spec, Func<ReferenceData> data, ISweepExecutor? executor, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        switch (spec.Design)
        {
            case "oat" or "morris" or "saltelli":
                var request = new SensitivityRequest(spec.Metric!, spec.Design == "saltelli" ? "sobol" : spec.Design, spec.Runs, spec.Trajectories, spec.Levels, spec.SobolN,
                    spec.Seed, spec.Replicates, 0, spec.Parameters);
                return new(spec.Design, SensitivityService.Run(ScenarioSource.File(spec.Scenario!), request, cancel, executor));
            case "backtest":
                using (var store = data())
                    return new(spec.Design, BacktestService.Run(store, new BacktestRequest(spec.Split, spec.Targets, spec.Runs, spec.Seed, 0, null, spec.LastYear, spec.OnTraining),
                        progress, cancel, executor));
            case "grid":
                return new(spec.Design, Grid(spec, executor, progress, cancel));
            default:
                throw new InputException($"design '{spec.Design}': use one of {string.Join(", ", SweepSpec.Designs)}");
        }
    }

    private static GridResult Grid(SweepSpec spec, ISweepExecutor? executor, Action<int, int>? progress, CancellationToken cancel)
    {
        CompareService.Check(spec.Runs, spec.Replicates);
        var source = ScenarioSource.File(spec.Scenario!);
        var scenario = source.Load();
        var arm = EscalationService.Arm(EscalationService.Compile(scenario, new EscalationRequest(), null, source.Name));
        var names = arm.Outcomes.Select(o => o.Name).ToList();
        if (!names.Contains(spec.Metric!, StringComparer.Ordinal))
            throw new InputException($"metric '{spec.Metric}': no such metric{Suggest.DidYouMean(spec.Metric!, names)}; `entangle run --json` lists them");
        var unknown = spec.Grid.Where(g => !arm.HasParameter(g.Key))
            .Select(g => new Diagnostic(null, null, null, $"grid: unknown parameter '{g.Key}'{Suggest.DidYouMean(g.Key, arm.Model.ParameterPaths)}")).ToList();
        if (unknown.Count > 0) throw new InputException(unknown);
        // the cartesian product, the last parameter varying fastest
        var values = new List<double[]> { Array.Empty<double>() };
        foreach (var (_, vs) in spec.Grid) values = values.SelectMany(v => vs.Select(x => (double[])[.. v, x])).ToList();
        var points = values.Select(v => new DesignPoint(spec.Grid.Select((g, i) => (g.Key, v[i])).ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal))).ToList();
        var draws = spec.Runs / spec.Replicates;
        var counts = Cancellable.Run(cancel, () => Sweep.Ensemble([Sweep.Payload(source, scenario)], [(arm, new ArmSpec("baseline", 0, [], []))], points,
            new EnsembleOptions(draws * spec.Replicates, spec.Seed, spec.Replicates), executor, progress, cancel));
        var result = values.Select((v, p) => new GridPoint(v, Est.Of(PairedDifference.Proportion(Metrics.Clusters(counts[p][0].Metrics[spec.Metric!]))))).ToList();
        return new GridResult(scenario.Info.Id, scenario.Info.Title, spec.Metric!, arm.Outcomes.First(o => o.Name == spec.Metric).Description,
            draws * spec.Replicates, spec.Seed, spec.Grid.Select(g => g.Key).ToList(), result);
    }
}
