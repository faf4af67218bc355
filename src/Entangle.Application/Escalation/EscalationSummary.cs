namespace Entangle.Application.Escalation;

/// <summary>
/// The one summary object of an escalation Monte Carlo. The <c>--json</c> output, the CSV files, the charts and
/// the HTML report all read it. Contains no timings or paths, so the same scenario, seed and runs give the same bytes.
/// </summary>
public sealed record EscalationSummary(
    string Scenario,
    string Title,
    int Runs,
    ulong Seed,
    int Replicates,
    int Draws,
    int Steps,
    string StepUnit,
    DateOnly Start,
    IReadOnlyDictionary<string, OutcomeStat> Outcomes,
    TimeToWar TimeToFirstWar,
    IReadOnlyList<TheaterSummary> Theaters,
    IReadOnlyList<ShareSeries> ForceShares,
    IReadOnlyList<LadderRow> Ladder,
    IReadOnlyList<ParameterRow> Parameters,
    IReadOnlyList<ObligationSummaryRow> Obligations,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<string> RemovedTreaties,
    IReadOnlyList<string> Warnings,
    long Decisions,
    RunIdentity Identity,
    IReadOnlyList<CrisisSummary> Crises);

/// <summary>
/// How every run of this result is identified and replayed: run r is parameter draw r / replicates, replicate
/// r % replicates, of the named arm, at the master seed; <see cref="Replay"/> is the command that repeats it.
/// </summary>
public sealed record RunIdentity(ulong Seed, string Arm, int Replicates, string RunNumber, string Replay);

/// <summary>
/// How the crisis in one theater ended, over the runs in which it was on: the share that ended within the horizon,
/// by settlement, freeze or return to normal relations (each with its cluster-aware 95% interval), and the median time to
/// the end among the runs where it ended (comparable with ICB's duration, trgterra).
/// </summary>
public sealed record CrisisSummary(string Theater, long RunsInCrisis, OutcomeStat Ended, OutcomeStat Settlement, OutcomeStat Freeze, OutcomeStat Normal,
    double? MedianSteps, double? MedianDays, IReadOnlyList<double> EndedByStep);

/// <summary>A probability with its 95% interval and how it splits into epistemic and aleatory parts.</summary>
/// <param name="P">Share of runs (meeting the condition, if any) in which the outcome happened.</param>
/// <param name="Lo">Lower end of the 95% interval: Wilson's score interval at the cluster design's effective sample
/// size, the parameter draws (with their replicates) being the independent units.</param>
/// <param name="Hi">Upper end of the 95% interval.</param>
/// <param name="Reading">What state the metric reads (docs/escalation.md).</param>
/// <param name="N">Runs counted (for conditional outcomes, the runs meeting the condition).</param>
/// <param name="Epistemic">Spread of the outcome's probability across parameter draws; null with one replicate per draw.</param>
public sealed record OutcomeStat(double P, double Lo, double Hi, long N, string Description, EpistemicSplit? Epistemic, string Reading = "");

/// <summary>
/// Parameter (epistemic) against dynamics (aleatory) uncertainty for one outcome: the 5th and 95th percentiles of
/// the per-draw probability, and the share of the outcome's variance due to the parameter draws (law of total
/// variance, corrected for the finite replicates per draw).
/// </summary>
public sealed record EpistemicSplit(double DrawP05, double DrawP95, double EpistemicShare);

/// <summary>When the first new war begins (a theater not at war at the start reaching war).</summary>
public sealed record TimeToWar(long RunsWithWar, double P, double? MedianStep, double? MeanStep, IReadOnlyList<double> CumulativeByStep);

/// <summary>One theater: its start, the distribution of the highest level reached, and the fan of levels over time.</summary>
public sealed record TheaterSummary(string Id, string Name, int StartLevel, string StartBasis, IReadOnlyList<LevelShare> MaxLevel, IReadOnlyList<FanPoint> Fan);

/// <summary>Share of runs at (or, for the highest level, reaching at most) a ladder level, with its cluster-aware 95% interval.</summary>
public sealed record LevelShare(int Level, string Name, double P, double Lo, double Hi);

/// <summary>Level quantiles over runs at one step.</summary>
public sealed record FanPoint(int Step, DateOnly Date, double Mean, int Q05, int Q25, int Q50, int Q75, int Q95);

/// <summary>An actor's share of forces in a theater over time: mean and 95% band over runs.</summary>
public sealed record ShareSeries(string Actor, string Theater, IReadOnlyList<SharePoint> Points);

/// <summary>Mean and 2.5–97.5 percentiles of a force share at one step.</summary>
public sealed record SharePoint(int Step, double Mean, double Lo, double Hi);

/// <summary>One level of the condensed ladder and its mapping.</summary>
public sealed record LadderRow(int Level, string Id, string Name, string KahnRungs, int MidHostility);

/// <summary>A model parameter as used: its path, its value or distribution, and its provenance.</summary>
/// <param name="Unit">The catalog's unit, for catalog parameters.</param>
/// <param name="Min">The smallest value allowed.</param>
/// <param name="Max">The largest value allowed.</param>
public sealed record ParameterRow(string Path, string Value, string Basis, string Text, string? Unit = null, double? Min = null, double? Max = null);

/// <summary>An obligation the run used, from the obligations table.</summary>
/// <param name="Credibility">The clause's credibility prior; null when it gives none (global.default_credibility applies).</param>
public sealed record ObligationSummaryRow(string Treaty, string Article, string Ally, string Partner, string Theater, int TriggerLevel, string Strength, double? Credibility);
