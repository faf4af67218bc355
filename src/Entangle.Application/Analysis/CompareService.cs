using Entangle.Scenarios;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Application.Sweeps;
using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Analysis;

/// <summary>An estimate with its 95% interval, rounded for output.</summary>
public sealed record Est(double Estimate, double Lo, double Hi)
{
    /// <summary>From an engine estimate, rounded to 6 decimals.</summary>
    public static Est Of(IntervalEstimate e) => new(R(e.Estimate), R(e.Lo), R(e.Hi));
    internal static double R(double x) => Math.Round(x, 6, MidpointRounding.AwayFromZero);
}

/// <summary>What to compare: the counterfactual and the Monte Carlo settings.</summary>
/// <param name="Without">Treaties to remove in the variant.</param>
/// <param name="Set">Parameter overrides <c>PATH=VALUE</c> in the variant.</param>
/// <param name="VariantFile">Another scenario file to use as the variant.</param>
/// <param name="Runs">Runs per arm.</param>
/// <param name="Replicates">Runs per parameter draw; the draw is the unit of the paired interval.</param>
public sealed record CompareRequest(
    IReadOnlyList<string>? Without = null, IReadOnlyList<string>? Set = null, string? VariantFile = null,
    int Runs = 4000, ulong Seed = 1, int Replicates = 5, int Threads = 0);

/// <summary>One metric in both arms and their paired difference.</summary>
/// <param name="VarianceReduction">Var(unpaired) / Var(paired) for the difference; null when the paired variance is 0.</param>
/// <param name="Note">E.g. that the metric does not exist in one arm and counts as never happening there.</param>
public sealed record MetricComparison(string Metric, string Description, Est With, Est Without, Est Difference, double? VarianceReduction, string? Note);

/// <summary>The result of <c>entangle compare</c>.</summary>
public sealed record CompareResult(string Scenario, string Title, string Variant, int Runs, int Replicates, int Draws, ulong Seed, int Steps,
    IReadOnlyList<MetricComparison> Metrics);

/// <summary>
/// <c>entangle compare</c>: baseline and variant as paired runs with common random numbers (<see cref="Ensemble"/>),
/// every outcome metric with both estimates, the difference with its 95% interval and the variance reduction.
/// </summary>
public static class CompareService
{
    /// <summary>Builds the variant's compiled model from a request; the description says what changed.</summary>
    public static (CompiledModel Model, string Description) Variant(Scenario scenario, string scenarioPath, CompareRequest request)
    {
        var without = request.Without ?? [];
        var set = request.Set ?? [];
        if (request.VariantFile is null && without.Count == 0 && set.Count == 0)
            throw new InputException("say what the variant is: --without TREATY-ID, --set PATH=VALUE or --variant FILE");
        if (request.VariantFile is not null && (without.Count > 0 || set.Count > 0))
            throw new InputException("a variant file cannot be combined with removed treaties or overrides; put the changes in the file");
        if (request.VariantFile is { } file)
            return (EscalationService.Compile(ScenarioService.Load(file), new EscalationRequest(), null, file), $"variant {file}");
        var model = EscalationService.Compile(scenario, new EscalationRequest(WithoutTreaties: without, Overrides: set), null, scenarioPath);
        var parts = without.Select(t => $"without {t}").Concat(set.Select(s => $"set {s}"));
        return (model, string.Join("; ", parts));
    }

    /// <summary>Runs the comparison.</summary>
    public static CompareResult Compare(string scenarioPath, CompareRequest request, Action<int, int>? progress = null) =>
        Compare(ScenarioSource.File(scenarioPath), request, progress is null ? null : new Reporter<int>(d => progress(d, 2 * (request.Runs / Math.Max(1, request.Replicates)) * request.Replicates)), default);

    /// <summary>Runs the comparison on a scenario from any source; <paramref name="progress"/> receives the runs done (both arms).</summary>
    public static CompareResult Compare(ScenarioSource source, CompareRequest request, IProgress<int>? progress, CancellationToken cancel,
        ISweepExecutor? executor = null)
    {
        Check(request.Runs, request.Replicates);
        var scenarioPath = source.Name;
        var scenario = source.Load();
        var baseModel = EscalationService.Compile(scenario, new EscalationRequest(), null, scenarioPath);
        var (variantModel, description) = Variant(scenario, scenarioPath, request);
        var arms = new[] { EscalationService.Arm(baseModel), EscalationService.Arm(variantModel, "variant") };
        var draws = request.Runs / request.Replicates;
        var options = new EnsembleOptions(draws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        var payloads = new List<ScenarioPayload> { Sweep.Payload(source, scenario) };
        if (request.VariantFile is { } vf) payloads.Add(Sweep.Payload(ScenarioSource.File(vf), variantModel.Scenario));
        var specs = new[] { new ArmSpec("baseline", 0, [], []),
            request.VariantFile is null ? new ArmSpec("variant", 0, request.Without ?? [], request.Set ?? []) : new ArmSpec("variant", 1, [], []) };
        var counts = Cancellable.Run(cancel, () => Sweep.Ensemble(payloads, [(arms[0], specs[0]), (arms[1], specs[1])], [DesignPoint.None], options, executor,
            Cancellable.Progress(progress, cancel), cancel))[0];
        var names = arms[0].Outcomes.Select(o => o.Name).ToList();
        var have = new HashSet<string>(names, StringComparer.Ordinal);
        names.AddRange(arms[1].Outcomes.Select(o => o.Name).Where(n => !have.Contains(n)));
        var descriptions = arms[0].Outcomes.Concat(arms[1].Outcomes).GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Description, StringComparer.Ordinal);
        var rows = new List<MetricComparison>();
        foreach (var name in names)
        {
            var inBase = counts[0].Metrics.ContainsKey(name);
            var inVariant = counts[1].Metrics.ContainsKey(name);
            var a = Metrics.Clusters(Ensemble.Counts(counts[0], name, options));
            var b = Metrics.Clusters(Ensemble.Counts(counts[1], name, options));
            var conditional = arms[0].Outcomes.Concat(arms[1].Outcomes).First(o => o.Name == name).Condition is not null;
            if (conditional && (!inBase || !inVariant)) continue; // a conditional metric needs its condition in both arms
            rows.Add(Row(name, descriptions[name], a, b,
                !inVariant ? "not in the variant: counted as never happening there" : !inBase ? "not in the baseline: counted as never happening there" : null));
        }
        return new CompareResult(scenario.Info.Id, scenario.Info.Title, description, draws * request.Replicates, request.Replicates, draws, request.Seed,
            baseModel.Steps, rows);
    }

    /// <summary>One metric's row from the two arms' counts.</summary>
    public static MetricComparison Row(string name, string description, ClusterCounts with, ClusterCounts without, string? note)
    {
        if (with.Trials.Sum() == 0 || without.Trials.Sum() == 0)
            return new MetricComparison(name, description, new Est(0, 0, 1), new Est(0, 0, 1), new Est(0, -1, 1), null,
                (note is null ? "" : note + "; ") + "its condition never held in one arm: no estimate");
        var r = PairedDifference.Estimate(with, without);
        return new MetricComparison(name, description, Est.Of(PairedDifference.Proportion(with)), Est.Of(PairedDifference.Proportion(without)),
            Est.Of(r.Difference), r.VarianceReduction is { } v ? Est.R(v) : null, note);
    }

    internal static void Check(int runs, int replicates)
    {
        if (replicates < 1) throw new InputException($"replicates {replicates}: must be at least 1");
        if (runs < 2 * replicates) throw new InputException($"runs {runs}: must be at least twice replicates ({replicates}), so that there are two parameter draws to pair");
    }
}
