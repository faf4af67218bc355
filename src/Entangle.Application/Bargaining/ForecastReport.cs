using Entangle.Domain;
using Entangle.Engine.Bargaining;

namespace Entangle.Application.Bargaining;

/// <summary>What <c>entangle forecast</c> produces; serialised as the <c>--json</c> output (docs/bargaining.md).</summary>
/// <param name="Source">The input file.</param>
/// <param name="Issue">The scenario issue, or null for a CSV.</param>
/// <param name="SalienceScale">"0-1" or "0-100": the scale the input's salience was read on.</param>
/// <param name="SalienceNote">Why that scale was assumed.</param>
/// <param name="Model">The model variant used.</param>
/// <param name="PositionRange">max − min of the initial positions (normalises every distance).</param>
/// <param name="Stakeholders">The inputs, with their bases.</param>
/// <param name="Rounds">Round 0 (the inputs), then each bargaining round.</param>
/// <param name="Forecast">The final round's median (the model's forecast) and mean.</param>
/// <param name="Perturbation">The distribution over noisy inputs, when asked for.</param>
public sealed record ForecastReport(
    string Source,
    IssueInfo? Issue,
    string SalienceScale,
    string SalienceNote,
    ModelReport Model,
    double PositionRange,
    IReadOnlyList<ForecastStakeholder> Stakeholders,
    IReadOnlyList<RoundReport> Rounds,
    ForecastSummary Forecast,
    PerturbationReport? Perturbation);

/// <summary>The model variant: the four named replication choices and Q.</summary>
public sealed record ModelReport(
    string RiskUpdate, string Capitulation, string CompromiseChoice, string Probability,
    double StatusQuoProbability, int Rounds, bool ScholzFaithful);

/// <summary>One round: positions by actor name, the weighted mean and median, the accepted offers.</summary>
public sealed record RoundReport(
    int Round,
    IReadOnlyDictionary<string, double> Positions,
    double Mean,
    double Median,
    IReadOnlyList<MoveReport> Moves,
    IReadOnlyDictionary<string, double>? RiskExponents,
    IntermediatesReport? Intermediates = null);

/// <summary>
/// The risk step of a round (with <c>--intermediates</c>): everything that set the round's r_i. Matrices are keyed
/// by the challenger (row), then the challenged (column). Under the sequential risk update only danger, R and r
/// (as left after the last actor's update) are reported.
/// </summary>
/// <param name="VoteDenominator">Σ of all absolute votes at r = 1 (Scholz rule; absent otherwise).</param>
/// <param name="Danger">Σ_{k≠i} EU(k challenges i) at r = 1.</param>
/// <param name="RiskAcceptance">R_i.</param>
/// <param name="RiskExponents">r_i = (1 − R_i/3)/(1 + R_i/3).</param>
/// <param name="WinProbability">P(row prevails over column) at r = 1.</param>
/// <param name="ChallengeUtility">EU(row challenges column) at r = 1.</param>
public sealed record IntermediatesReport(
    double? VoteDenominator,
    IReadOnlyDictionary<string, double> Danger,
    IReadOnlyDictionary<string, double> RiskAcceptance,
    IReadOnlyDictionary<string, double> RiskExponents,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? WinProbability,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? ChallengeUtility);

/// <summary>An accepted offer: <c>actor</c> moves from <c>from</c> to <c>to</c> because of <c>counterpart</c>.</summary>
/// <param name="Actor">The receiver, who moves.</param>
/// <param name="Kind">confrontation (lost it), compromise, or capitulation.</param>
/// <param name="Counterpart">The proposer.</param>
/// <param name="From">Position before the round.</param>
/// <param name="To">Position after the round.</param>
/// <param name="EuActorChallenges">eu_ij, with the receiver's r.</param>
/// <param name="EuCounterpartChallenges">eu_ji as the receiver sees it.</param>
/// <param name="Text">"A loses confrontation to B", "A compromises with B", "A capitulates to B".</param>
public sealed record MoveReport(
    string Actor, MoveKind Kind, string Counterpart, double From, double To,
    double EuActorChallenges, double EuCounterpartChallenges, string Text);

/// <summary>The final round's figures.</summary>
/// <param name="Round">The last round.</param>
/// <param name="Median">The weighted median (Condorcet winner): the model's forecast.</param>
/// <param name="Mean">The capability × salience weighted mean.</param>
/// <param name="Cycle">Present when the run ends in a cycle instead of settling: then the last round is one phase of it.</param>
public sealed record ForecastSummary(int Round, double Median, double Mean, CycleReport? Cycle = null);

/// <summary>
/// Positions that repeat every <c>period</c> rounds from <c>from_round</c> on: the model does not settle, so the
/// forecast depends on the round at which it is read. <c>exact</c>: they repeat within 1e-6 of the position range;
/// otherwise they oscillate, changing by at most <c>drift</c> from one cycle to the next.
/// </summary>
/// <param name="Period">Rounds per cycle (2 or more).</param>
/// <param name="FromRound">The first round of the repeating pattern.</param>
/// <param name="Actors">The actors whose position changes within the cycle.</param>
/// <param name="Phases">Each of those actors' positions over one period, the last period of the run.</param>
/// <param name="MedianMin">The lowest weighted median over one period.</param>
/// <param name="MedianMax">The highest weighted median over one period.</param>
/// <param name="MeanMin">The lowest weighted mean over one period.</param>
/// <param name="MeanMax">The highest weighted mean over one period.</param>
/// <param name="Exact">True when the positions repeat exactly (within the tolerance).</param>
/// <param name="Drift">The largest change of a position from one cycle to the next (0 when exact).</param>
/// <param name="Note">The warning in words.</param>
public sealed record CycleReport(
    int Period, int FromRound, bool Exact, double Drift, IReadOnlyList<string> Actors, IReadOnlyDictionary<string, IReadOnlyList<double>> Phases,
    double MedianMin, double MedianMax, double MeanMin, double MeanMax, string Note)
{
    /// <summary>Describes <paramref name="cycle"/> of <paramref name="result"/>.</summary>
    public static CycleReport Of(BargainingResult result, BargainingCycle cycle)
    {
        var last = result.Rounds.Skip(result.Rounds.Count - cycle.Period).ToList();
        var names = cycle.Actors.Select(i => result.Actors[i]).ToList();
        var phases = cycle.Actors.ToDictionary(i => result.Actors[i], i => (IReadOnlyList<double>)last.Select(r => r.Positions[i]).ToList(), StringComparer.Ordinal);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.###", inv);
        string Range(double lo, double hi) => lo == hi ? F(lo) : $"{F(lo)}–{F(hi)}";
        double medLo = last.Min(r => r.Median), medHi = last.Max(r => r.Median), meanLo = last.Min(r => r.Mean), meanHi = last.Max(r => r.Mean);
        var moving = string.Join(", ", names.Select(n => $"{n} {string.Join(" ↔ ", phases[n].Select(F))}"));
        var pattern = cycle.Exact
            ? $"positions repeat every {cycle.Period} rounds from round {cycle.FromRound}"
            : $"positions oscillate with a period of {cycle.Period} rounds from round {cycle.FromRound}, drifting by at most {F(cycle.Drift)} per cycle";
        var note = $"no settlement: {pattern} ({moving}); " +
                   $"the last round is one phase of the cycle, so the forecast depends on where the rounds stop " +
                   $"(median {Range(medLo, medHi)}, mean {Range(meanLo, meanHi)} over the cycle)";
        return new CycleReport(cycle.Period, cycle.FromRound, cycle.Exact, cycle.Exact ? 0 : cycle.Drift, names, phases, medLo, medHi, meanLo, meanHi, note);
    }
}

/// <summary>Named values of the model options, as the CLI spells them.</summary>
public static class ModelOptionNames
{
    public static readonly IReadOnlyDictionary<string, RiskUpdate> RiskUpdates =
        new Dictionary<string, RiskUpdate>(StringComparer.Ordinal) { ["simultaneous"] = RiskUpdate.Simultaneous, ["sequential"] = RiskUpdate.Sequential };

    public static readonly IReadOnlyDictionary<string, CapitulationRule> Capitulations =
        new Dictionary<string, CapitulationRule>(StringComparer.Ordinal) { ["as-published"] = CapitulationRule.AsPublished, ["intended"] = CapitulationRule.Intended };

    public static readonly IReadOnlyDictionary<string, CompromiseChoice> CompromiseChoices =
        new Dictionary<string, CompromiseChoice>(StringComparer.Ordinal) { ["weighted-position"] = CompromiseChoice.ByWeightedPosition, ["distance"] = CompromiseChoice.ByDistanceMoved };

    public static readonly IReadOnlyDictionary<string, ProbabilityRule> Probabilities =
        new Dictionary<string, ProbabilityRule>(StringComparer.Ordinal) { ["scholz"] = ProbabilityRule.Scholz, ["bdm1994"] = ProbabilityRule.Bdm1994 };

    /// <summary>Looks up <paramref name="value"/>; throws <see cref="InputException"/> naming the choices.</summary>
    public static T Parse<T>(string option, string value, IReadOnlyDictionary<string, T> names)
    {
        if (names.TryGetValue(value, out var v)) return v;
        throw new InputException($"{option}: unknown value '{value}'{Suggest.DidYouMean(value, names.Keys)}; choose one of {string.Join(", ", names.Keys)}");
    }

    /// <summary>The CLI name of an enum value.</summary>
    public static string Name<T>(T value, IReadOnlyDictionary<string, T> names) where T : struct, Enum =>
        names.First(kv => kv.Value.Equals(value)).Key;

    /// <summary>The report of a set of options.</summary>
    public static ModelReport Describe(BargainingOptions o) => new(
        Name(o.RiskUpdate, RiskUpdates), Name(o.Capitulation, Capitulations), Name(o.CompromiseChoice, CompromiseChoices),
        Name(o.Probability, Probabilities), o.StatusQuoProbability, o.Rounds,
        o with { Rounds = BargainingOptions.ScholzFaithful.Rounds, RecordIntermediates = false } == BargainingOptions.ScholzFaithful);
}
