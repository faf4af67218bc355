namespace Entangle.Engine.Bargaining;

/// <summary>One stakeholder on one issue: the three inputs of the expected-utility model.</summary>
/// <param name="Name">The name used in moves and output, as given in the input.</param>
/// <param name="Capability">Clout, on any non-negative scale (only ratios matter).</param>
/// <param name="Position">Preferred outcome on the scale.</param>
/// <param name="Salience">How much the actor cares, 0–1; also its probability of resisting a challenge.</param>
public sealed record BargainingActor(string Name, double Capability, double Position, double Salience);

/// <summary>How the risk exponents r_i are updated each round (replication difference 1).</summary>
public enum RiskUpdate
{
    /// <summary>
    /// Scholz-faithful: every r is set to 1, the danger sums of all actors are computed, then every r_i is set at
    /// once from them. Order-independent.
    /// </summary>
    Simultaneous,

    /// <summary>
    /// One actor after another, in input order: each R_i is computed from danger sums evaluated with the current
    /// exponents (those already updated this round take their new value, the others keep last round's; round 1
    /// starts from r = 1). The result depends on the order of the actors.
    /// </summary>
    Sequential,
}

/// <summary>When an actor capitulates (replication difference 2).</summary>
public enum CapitulationRule
{
    /// <summary>
    /// As written in the Scholz-faithful replication: <c>eu_ji &gt; 0 &gt; eu_ij and eu_ji &lt; |eu_ji|</c>,
    /// which can never be true, so nobody ever capitulates.
    /// </summary>
    AsPublished,

    /// <summary>The intended rule: <c>eu_ji &gt; 0 &gt; eu_ij and eu_ji &lt; |eu_ij|</c> → move to x_j.</summary>
    Intended,
}

/// <summary>How a receiver chooses among several compromise offers (replication difference 3).</summary>
public enum CompromiseChoice
{
    /// <summary>
    /// Scholz-faithful: the offer with the smallest value of (|eu_ij| x_i + |eu_ji| x_j) / (|eu_ij| + |eu_ji|),
    /// which favours offers towards low positions.
    /// </summary>
    ByWeightedPosition,

    /// <summary>The offer that moves the receiver least, as the text of Scholz et al. and BDM describe.</summary>
    ByDistanceMoved,
}

/// <summary>The rule for the probability that i prevails over j (replication difference 4).</summary>
public enum ProbabilityRule
{
    /// <summary>
    /// Scholz: votes with each voter's own r over the normalised distance, positive votes for i over j divided by
    /// the sum of all absolute votes over every ordered pair of actors' positions.
    /// </summary>
    Scholz,

    /// <summary>
    /// Bueno de Mesquita (1994): P_ij = max(0, Σ c_k s_k d_k) / Σ c_k s_k |d_k| with
    /// d_k = |x_k − x_j| − |x_k − x_i| (no r, no range).
    /// </summary>
    Bdm1994,
}

/// <summary>Options of the expected-utility model. The defaults are the Scholz-faithful behaviour.</summary>
public sealed record BargainingOptions
{
    /// <summary>Number of bargaining rounds after round 0 (the inputs).</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Replication difference 1.</summary>
    public RiskUpdate RiskUpdate { get; init; } = RiskUpdate.Simultaneous;

    /// <summary>Replication difference 2.</summary>
    public CapitulationRule Capitulation { get; init; } = CapitulationRule.AsPublished;

    /// <summary>Replication difference 3.</summary>
    public CompromiseChoice CompromiseChoice { get; init; } = CompromiseChoice.ByWeightedPosition;

    /// <summary>Replication difference 4.</summary>
    public ProbabilityRule Probability { get; init; } = ProbabilityRule.Scholz;

    /// <summary>Q, the probability that the status quo persists if i does not challenge (1 in Scholz et al.).</summary>
    public double StatusQuoProbability { get; init; } = 1.0;

    /// <summary>Keep each round's intermediates (danger sums, R, r, and the P and EU matrices at r = 1).</summary>
    public bool RecordIntermediates { get; init; }

    /// <summary>The Scholz-faithful defaults.</summary>
    public static BargainingOptions ScholzFaithful { get; } = new();
}

/// <summary>The kind of a move, from the receiver's perspective.</summary>
public enum MoveKind
{
    /// <summary>The receiver expects to lose a confrontation and takes the proposer's position.</summary>
    Confrontation,

    /// <summary>The receiver moves part-way towards the proposer, by |eu_ij / eu_ji| of the distance.</summary>
    Compromise,

    /// <summary>The receiver gives in and takes the proposer's position.</summary>
    Capitulation,
}

/// <summary>One actor's accepted offer in a round.</summary>
/// <param name="Actor">Index of the receiver, who moves.</param>
/// <param name="Counterpart">Index of the proposer, whose offer was accepted.</param>
/// <param name="Kind">The offer's type.</param>
/// <param name="From">The receiver's position before the round.</param>
/// <param name="To">The receiver's position after the round.</param>
/// <param name="EuActorChallenges">eu_ij: the receiver's expected utility of challenging the proposer (receiver's r).</param>
/// <param name="EuCounterpartChallenges">eu_ji: the proposer's expected utility of challenging the receiver, as the receiver sees it.</param>
public sealed record BargainingMove(
    int Actor, int Counterpart, MoveKind Kind, double From, double To,
    double EuActorChallenges, double EuCounterpartChallenges)
{
    /// <summary>"A loses confrontation to B", "A compromises with B" or "A capitulates to B".</summary>
    public string Describe(IReadOnlyList<string> names) => Kind switch
    {
        MoveKind.Confrontation => $"{names[Actor]} loses confrontation to {names[Counterpart]}",
        MoveKind.Compromise => $"{names[Actor]} compromises with {names[Counterpart]}",
        _ => $"{names[Actor]} capitulates to {names[Counterpart]}",
    };
}

/// <summary>What the risk step of a round computed (kept when <see cref="BargainingOptions.RecordIntermediates"/>).</summary>
/// <param name="VoteDenominator">The sum of all absolute votes at r = 1 (Scholz rule) that divides every P.</param>
/// <param name="Danger">Σ_{k≠i} EU(k challenges i) at r = 1, per actor.</param>
/// <param name="RiskAcceptance">R_i = (2 danger_i − max − min) / (max − min).</param>
/// <param name="RiskExponents">r_i = (1 − R_i/3) / (1 + R_i/3).</param>
/// <param name="WinProbability">P(i prevails over j) at r = 1, rows i, columns j.</param>
/// <param name="ChallengeUtility">EU(i challenges j) at r = 1, rows i, columns j.</param>
public sealed record BargainingIntermediates(
    double VoteDenominator,
    IReadOnlyList<double> Danger,
    IReadOnlyList<double> RiskAcceptance,
    IReadOnlyList<double> RiskExponents,
    IReadOnlyList<IReadOnlyList<double>> WinProbability,
    IReadOnlyList<IReadOnlyList<double>> ChallengeUtility);

/// <summary>The state after one round (round 0 = the inputs).</summary>
/// <param name="Round">0 for the inputs, then 1, 2, ….</param>
/// <param name="Positions">Each actor's position after the round, in input order.</param>
/// <param name="RiskExponents">The r_i used for the round's offers (null for round 0).</param>
/// <param name="Moves">Accepted offers, in input order of the receivers; applied simultaneously.</param>
/// <param name="Mean">Σ c s x / Σ c s.</param>
/// <param name="Median">The capability × salience weighted median of the held positions (the Condorcet winner).</param>
/// <param name="Intermediates">The risk step's intermediates, if recorded.</param>
public sealed record BargainingRound(
    int Round,
    IReadOnlyList<double> Positions,
    IReadOnlyList<double>? RiskExponents,
    IReadOnlyList<BargainingMove> Moves,
    double Mean,
    double Median,
    BargainingIntermediates? Intermediates = null);

/// <summary>A complete run of the model.</summary>
/// <param name="Actors">Actor names in input order.</param>
/// <param name="PositionRange">max − min of the initial positions, the scale that normalises distances.</param>
/// <param name="Rounds">Round 0 (the inputs) followed by each bargaining round.</param>
/// <param name="Options">The options the run used.</param>
public sealed record BargainingResult(
    IReadOnlyList<string> Actors,
    double PositionRange,
    IReadOnlyList<BargainingRound> Rounds,
    BargainingOptions Options)
{
    /// <summary>The last round.</summary>
    public BargainingRound Final => Rounds[^1];
}
