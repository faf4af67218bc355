using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Bargaining;

namespace Entangle.Application.Bargaining;

/// <summary>What to forecast and how.</summary>
/// <param name="Path">A scenario YAML or a CSV (<c>Actor,Capability,Position,Salience</c>).</param>
/// <param name="IssueId">The scenario issue (optional when the scenario has one).</param>
/// <param name="Model">Model options; Scholz-faithful by default.</param>
/// <param name="SalienceScale">How CSV salience is read.</param>
/// <param name="Perturb">Noise to add, or null for a single run.</param>
/// <param name="Runs">Perturbed runs.</param>
/// <param name="Seed">Master seed for the perturbed runs.</param>
/// <param name="Intermediates">Keep each round's risk-step intermediates in the report.</param>
public sealed record ForecastRequest(
    string Path,
    string? IssueId = null,
    BargainingOptions? Model = null,
    SalienceScale SalienceScale = SalienceScale.Auto,
    PerturbationSpec? Perturb = null,
    int Runs = 1000,
    ulong Seed = 1,
    bool Intermediates = false);

/// <summary>The <c>entangle forecast</c> use case: read the input, run the model, optionally perturb.</summary>
public static class ForecastService
{
    /// <summary>Reads a CSV (by extension) or a scenario issue.</summary>
    public static ForecastInput Load(string path, string? issueId, SalienceScale scale = SalienceScale.Auto)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            if (issueId is not null) throw new InputException(path, "an issue applies to scenario files, not to a CSV");
            return ForecastInputs.LoadCsv(path, scale);
        }
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        return ForecastInputs.FromScenario(path, ScenarioService.Load(path), issueId);
    }

    /// <summary>Runs the forecast described by <paramref name="request"/>.</summary>
    public static ForecastReport Run(ForecastRequest request)
    {
        var input = Load(request.Path, request.IssueId, request.SalienceScale);
        return Run(input, request);
    }

    /// <summary>Runs the forecast on a scenario issue from any source (the request's path is ignored).</summary>
    public static ForecastReport Run(global::Entangle.Scenarios.ScenarioSource source, ForecastRequest request) =>
        Run(ForecastInputs.FromScenario(source.Name, source.Load(), request.IssueId), request);

    /// <summary>Runs the forecast on an already loaded input.</summary>
    public static ForecastReport Run(ForecastInput input, ForecastRequest request)
    {
        var options = request.Model ?? BargainingOptions.ScholzFaithful;
        var result = BargainingModel.Run(input.Actors(), options with { RecordIntermediates = request.Intermediates });
        var perturbation = request.Perturb is null ? null
            : PerturbationRunner.Run(input, options, request.Perturb, request.Runs, request.Seed);
        return Report(input, result, perturbation);
    }

    /// <summary>Turns a model result into the report, naming actors as in the input.</summary>
    public static ForecastReport Report(ForecastInput input, BargainingResult result, PerturbationReport? perturbation)
    {
        var names = result.Actors;
        Dictionary<string, double> ByName(IReadOnlyList<double> values)
        {
            var d = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++) d[names[i]] = values[i];
            return d;
        }
        var rounds = result.Rounds.Select(r => new RoundReport(
            r.Round, ByName(r.Positions), r.Mean, r.Median,
            r.Moves.Select(m => new MoveReport(names[m.Actor], m.Kind, names[m.Counterpart], m.From, m.To,
                m.EuActorChallenges, m.EuCounterpartChallenges, m.Describe(names))).ToArray(),
            r.RiskExponents is null ? null : ByName(r.RiskExponents),
            r.Intermediates is { } im ? Intermediates(im) : null)).ToArray();
        IntermediatesReport Intermediates(BargainingIntermediates im)
        {
            Dictionary<string, IReadOnlyDictionary<string, double>>? Matrix(IReadOnlyList<IReadOnlyList<double>> m)
            {
                if (m.Count == 0) return null;
                var d = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
                for (var i = 0; i < names.Count; i++) d[names[i]] = ByName(m[i]);
                return d;
            }
            return new IntermediatesReport(double.IsNaN(im.VoteDenominator) ? null : im.VoteDenominator,
                ByName(im.Danger), ByName(im.RiskAcceptance), ByName(im.RiskExponents),
                Matrix(im.WinProbability), Matrix(im.ChallengeUtility));
        }
        var final = result.Final;
        return new ForecastReport(input.Source, input.Issue, input.SalienceScale, input.SalienceNote,
            ModelOptionNames.Describe(result.Options), result.PositionRange, input.Stakeholders, rounds,
            new ForecastSummary(final.Round, final.Median, final.Mean, Cycles.Detect(result) is { } c ? CycleReport.Of(result, c) : null), perturbation);
    }
}

/// <summary>
/// A forecast as a front end receives it (names, not enums), validated into a <see cref="ForecastRequest"/>. The CLI
/// binds its options to this and the server its JSON body, so both accept and refuse the same things.
/// </summary>
/// <param name="Issue">The scenario issue (optional when the scenario has one).</param>
/// <param name="Rounds">Bargaining rounds. <value>Default 10; 0..10,000.</value></param>
/// <param name="SalienceScale">auto, unit or percent. <value>Default auto.</value></param>
/// <param name="RiskUpdate">simultaneous or sequential. <value>Default simultaneous.</value></param>
/// <param name="Capitulation">as-published or intended. <value>Default as-published.</value></param>
/// <param name="CompromiseChoice">weighted-position or distance. <value>Default weighted-position.</value></param>
/// <param name="Probability">scholz or bdm1994. <value>Default scholz.</value></param>
/// <param name="StatusQuoProbability">Q. <value>Default 1; 0..1.</value></param>
/// <param name="Perturb">Noise, e.g. <c>salience=0.1,position=5</c>; null for one run.</param>
/// <param name="Runs">Perturbed runs (only with a perturbation). <value>Default 1,000; 2..1,000,000.</value></param>
/// <param name="Seed">Master seed of the perturbed runs (only with a perturbation). <value>Default 1.</value></param>
/// <param name="Intermediates">Keep each round's risk-step intermediates. <value>Default false.</value></param>
public sealed record ForecastSettings(
    string? Issue = null, int Rounds = 10, string SalienceScale = "auto", string RiskUpdate = "simultaneous",
    string Capitulation = "as-published", string CompromiseChoice = "weighted-position", string Probability = "scholz",
    double StatusQuoProbability = 1.0, string? Perturb = null, int? Runs = null, ulong? Seed = null, bool Intermediates = false)
{
    /// <summary>
    /// The validated request for <paramref name="path"/>; throws <see cref="InputException"/> naming the field at fault,
    /// spelt by <paramref name="name"/> (the front end's name for a field: the CLI's flag, the API's JSON name by default).
    /// </summary>
    public ForecastRequest ToRequest(string path, Func<string, string>? name = null)
    {
        name ??= f => f;
        if (Rounds is < 0 or > 10000) throw new InputException($"{name("rounds")}: {Rounds} is outside 0–10000");
        if (!double.IsFinite(StatusQuoProbability) || StatusQuoProbability is < 0 or > 1)
            throw new InputException($"{name("status_quo_probability")}: {StatusQuoProbability} is outside 0–1");
        var scale = SalienceScale switch
        {
            "auto" => Bargaining.SalienceScale.Auto,
            "unit" => Bargaining.SalienceScale.Unit,
            "percent" => Bargaining.SalienceScale.Percent,
            var other => throw new InputException($"{name("salience_scale")}: unknown value '{other}'; choose auto, unit or percent"),
        };
        var model = new BargainingOptions
        {
            Rounds = Rounds,
            RiskUpdate = ModelOptionNames.Parse(name("risk_update"), RiskUpdate, ModelOptionNames.RiskUpdates),
            Capitulation = ModelOptionNames.Parse(name("capitulation"), Capitulation, ModelOptionNames.Capitulations),
            CompromiseChoice = ModelOptionNames.Parse(name("compromise_choice"), CompromiseChoice, ModelOptionNames.CompromiseChoices),
            Probability = ModelOptionNames.Parse(name("probability"), Probability, ModelOptionNames.Probabilities),
            StatusQuoProbability = StatusQuoProbability,
        };
        var spec = Perturb is { } p ? PerturbationSpec.Parse(p) : null;
        if (spec is null && (Runs is not null || Seed is not null))
            throw new InputException($"{name("runs")} and {name("seed")} apply only with {name("perturb")} (e.g. {name("perturb")} salience=0.1,position=5)");
        var runs = Runs ?? 1000;
        if (spec is not null && runs is < 2 or > 1_000_000) throw new InputException($"{name("runs")}: {runs} is outside 2–1000000");
        return new ForecastRequest(path, Issue, model, scale, spec, runs, Seed ?? 1, Intermediates);
    }
}
