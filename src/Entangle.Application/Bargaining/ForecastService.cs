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
            if (issueId is not null) throw new InputException(path, "--issue applies to scenario files, not to a CSV");
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
