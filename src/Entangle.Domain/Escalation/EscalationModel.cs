namespace Entangle.Domain.Escalation;

/// <summary>The length of one simulation step.</summary>
public enum StepUnit { Week, Month }

/// <summary>One of the two sides of a theater's escalation state.</summary>
public enum Side { A, B }

/// <summary>
/// The escalation engine's parameters for a scenario (the <c>escalation:</c> section): how long a step is,
/// the global constants, each actor's dispositions and forces, each theater's sides and starting level, each
/// pair's trade dependence and diplomatic channels, the horizontal-escalation links and the tracked
/// normalisations. Every number is an <see cref="Estimate"/> with its provenance.
/// </summary>
public sealed record EscalationModel(
    EscalationSettings Settings,
    IReadOnlyDictionary<string, Estimate> Globals,
    IReadOnlyList<EscalationActor> Actors,
    IReadOnlyList<EscalationTheater> Theaters,
    IReadOnlyList<PairParameters> Pairs,
    IReadOnlyList<HorizontalLink> Links,
    IReadOnlyList<Normalisation> Normalisations)
{
    /// <summary>The name under which the section is stored in <c>Scenario.Extensions</c>.</summary>
    public const string SectionName = "escalation";

    /// <summary>
    /// A calibration file (<c>escalation: calibration: PATH</c>, resolved against the scenario file; written by
    /// <c>entangle calibrate</c>) whose fitted distributions replace the catalog and ladder defaults the scenario does
    /// not set itself. Null: the defaults stand.
    /// </summary>
    public string? Calibration { get; init; }

    /// <summary>
    /// The calibration file's text when the scenario came from an uploaded bundle: the file is the bundle's (and
    /// <see cref="Calibration"/> its bundle path), never read from disk. Null for a scenario read from disk.
    /// </summary>
    public string? CalibrationText { get; init; }

    /// <summary>Treaty flows, arms spirals and expected entries into force (docs/model.md §11–12).</summary>
    public EscalationMechanisms Mechanisms { get; init; } = EscalationMechanisms.None;
}

/// <summary>Run settings with their defaults.</summary>
/// <param name="Step">Length of a step. Default month.</param>
/// <param name="Steps">Number of steps in a run. Default 24.</param>
/// <param name="Start">The date of step 0 (defaults to the scenario's <c>as_of</c>).</param>
/// <param name="CrisisLevel">The ladder level from which a theater counts as "in crisis". Default 4 (armed clashes).</param>
public sealed record EscalationSettings(StepUnit Step, int Steps, DateOnly? Start, int CrisisLevel)
{
    public static readonly EscalationSettings Default = new(StepUnit.Month, 24, null, 4);
}

/// <summary>An actor's dispositions (<see cref="ParameterCatalog.ActorParameters"/>) and where its forces stand.</summary>
/// <param name="Parameters">Named parameters; missing ones take the catalog default.</param>
/// <param name="Deployments">Initial shares of its forces in each theater; the rest is a reserve that does not move.</param>
public sealed record EscalationActor(StateId State, IReadOnlyDictionary<string, Estimate> Parameters, IReadOnlyList<Deployment> Deployments);

/// <summary>An initial share (0–1) of an actor's forces in a theater.</summary>
public sealed record Deployment(string Theater, Estimate Share);

/// <summary>A theater's escalation state: its two sides, who may join them, and where it starts. Every principal
/// starts with its posture at the start level; all principals move simultaneously each step.</summary>
/// <param name="StartLevel">The ladder level at the start, with its basis.</param>
/// <param name="SideA">Principals on side A: they choose an action every step.</param>
/// <param name="SideB">Principals on side B.</param>
/// <param name="Supporters">Actors who aid a side without fighting, and may intervene.</param>
/// <param name="Stakes">Stakes that override (or add to) the theater's stakeholder list, e.g. as distributions.</param>
/// <param name="MaxLevel">The highest level the theater can reach (default: the top of the ladder).</param>
public sealed record EscalationTheater(
    string Theater,
    Estimate StartLevel,
    IReadOnlyList<StateId> SideA,
    IReadOnlyList<StateId> SideB,
    IReadOnlyList<Supporter> Supporters,
    IReadOnlyDictionary<StateId, Estimate> Stakes,
    int? MaxLevel = null);

/// <summary>An actor aiding one side of a theater.</summary>
/// <param name="Help">The fraction of its local forces its aid is worth to the side (arms, intelligence), 0–1.</param>
/// <param name="MayIntervene">Whether it may enter the fighting of its own accord (not under a treaty).</param>
public sealed record Supporter(StateId State, Side Side, Estimate Help, bool MayIntervene);

/// <summary>Trade dependence and a diplomatic channel between two states.</summary>
/// <param name="TradeDependence">Share of the pair's welfare put at risk by escalation between them, 0–1.</param>
/// <param name="Channel">Strength of a diplomatic channel that damps escalation between them, 0–1.</param>
/// <param name="ChannelName">The channel's name (e.g. "China–ROK 2+2").</param>
public sealed record PairParameters(StateId A, StateId B, Estimate? TradeDependence, Estimate? Channel, string? ChannelName);

/// <summary>
/// Horizontal escalation: <paramref name="Actor"/> may answer pressure on <paramref name="Beneficiary"/> in
/// <paramref name="FromTheater"/> by escalating in <paramref name="ToTheater"/>. The pressure adds
/// <paramref name="Weight"/> × pressure to the actor's stake in the target theater.
/// </summary>
/// <param name="Treaty">The treaty the link rests on; a link with a treaty disappears when the treaty is removed.</param>
public sealed record HorizontalLink(string Id, StateId Actor, StateId Beneficiary, string FromTheater, string ToTheater, Estimate Weight, string? Treaty, string? Description = null);

/// <summary>
/// A normalisation between two states (e.g. China–DPRK) whose chance per step falls as the listed theaters
/// escalate above their start and as <paramref name="PivotActor"/> moves forces into them.
/// </summary>
public sealed record Normalisation(
    string Id,
    StateId A,
    StateId B,
    Estimate BaseRate,
    Estimate Sensitivity,
    IReadOnlyList<string> Theaters,
    StateId? PivotActor,
    Estimate PivotSensitivity,
    string? Description = null);

/// <summary>Typed access to the <c>escalation:</c> section of a scenario.</summary>
public static class EscalationScenario
{
    /// <summary>The scenario's escalation model, or null when it has no <c>escalation:</c> section.</summary>
    public static EscalationModel? Escalation(this Scenario scenario) =>
        scenario.Extensions.TryGetValue(EscalationModel.SectionName, out var v) ? v as EscalationModel : null;

    /// <summary>A copy of the scenario carrying <paramref name="model"/> as its escalation section.</summary>
    public static Scenario WithEscalation(this Scenario scenario, EscalationModel model)
    {
        var ext = new Dictionary<string, object>(scenario.Extensions, StringComparer.Ordinal) { [EscalationModel.SectionName] = model };
        return scenario with { Extensions = ext };
    }
}

/// <summary>
/// The escalation model's expectation that a signed treaty enters into force on a date (a judgement, not a legal
/// fact): its obligations bind in the model from then, while the obligations engine still answers that it is not in
/// force. Ignored once the scenario gives the treaty an <c>in_force</c> date of its own.
/// </summary>
public sealed record TreatyExpectation(string Treaty, DateOnly InForce, Provenance Basis);

/// <summary>What a treaty flow carries (docs/model.md §11).</summary>
public enum FlowKind { Transfer, Exercise, Munitions, Deployment, Economic }

/// <summary>
/// A flow that a treaty enables and that exists only while the treaty is in the model: dated acts by
/// <paramref name="By"/>, each adding <paramref name="Amount"/> force units to <paramref name="To"/>'s capability in
/// <paramref name="Theater"/>, with chance <paramref name="Hazard"/> per step (docs/model.md §11).
/// </summary>
public sealed record TreatyFlow(string Id, FlowKind Kind, StateId By, StateId To, string Theater, string Treaty, Estimate Hazard, Estimate Amount, string? Description = null);

/// <summary>
/// A Richardson arms spiral between two great powers over a set of theaters (docs/model.md §12): each builds up in
/// response to the other's build-up there and tires of its own (<c>actor.X.arms_reaction</c>, <c>arms_fatigue</c>).
/// </summary>
public sealed record Spiral(string Id, StateId A, StateId B, IReadOnlyList<string> Theaters, string? Description = null);

/// <summary>
/// A fault line between a patron and a limiter over a client in one theater (docs/model.md §13): the patron's support
/// for the client there is bounded by the limiter's core interests. While the limiter is not itself a principal on the
/// client's side in <paramref name="Theater"/> (the patron would act there without it, so against it), each act of a
/// treaty flow from the patron to the client there, and the patron's honouring of an obligation to the client there,
/// happens with its chance scaled by 1 − <c>fault_line.ID.restraint</c>.
/// </summary>
public sealed record FaultLine(string Id, StateId Patron, StateId Limiter, StateId Client, string Theater, Estimate Restraint, string? Description = null);

/// <summary>
/// One channel of an actor's external resources (docs/model.md §14), read from a relation of the scenario (and, when
/// given, the dated event that starts it): its share of the actor's recorded trade at the start (a trade relation's
/// value over the actor's recorded trade that year; 0 for other kinds), growing by <paramref name="Growth"/> per step,
/// plus <paramref name="Inflow"/> per step (a share of that recorded trade), from the step of the relation's or event's
/// date plus <paramref name="Delay"/> steps. A channel with a <paramref name="Treaty"/> exists only while that treaty is in the model.
/// </summary>
public sealed record EconomicChannel(string Id, string Relation, string? Event, string? Treaty, Estimate? Growth, Estimate? Inflow, Estimate? Delay, string? Description = null);

/// <summary>
/// A (sanctioned) actor's external resources as a slow variable (docs/model.md §14): an index R, 1 at the start,
/// moved by its channels; the actor's ladder costs are scaled by R^(−elasticity).
/// </summary>
public sealed record Economy(StateId Actor, Estimate Elasticity, IReadOnlyList<EconomicChannel> Channels, string? Description = null);

/// <summary>The escalation section's mechanisms beyond the core (docs/model.md §11–14); empty lists when absent.</summary>
public sealed record EscalationMechanisms(IReadOnlyList<TreatyFlow> Flows, IReadOnlyList<Spiral> Spirals, IReadOnlyList<TreatyExpectation> Expectations,
    IReadOnlyList<FaultLine>? FaultLines = null, IReadOnlyList<Economy>? Economies = null)
{
    public static readonly EscalationMechanisms None = new([], [], []);
    /// <summary>The fault lines (empty when none).</summary>
    public IReadOnlyList<FaultLine> Lines => FaultLines ?? [];
    /// <summary>The economies (empty when none).</summary>
    public IReadOnlyList<Economy> Economics => Economies ?? [];
}
