namespace Entangle.Engine.Escalation;

/// <summary>
/// Receives what happens in a run, as data (the step itself builds no strings). Replay's trace is an observer in
/// the application layer; Monte Carlo runs have none.
/// </summary>
public interface IRunObserver
{
    void Observe(Observation o);
}

/// <summary>Something that happened in step <see cref="Step"/> of a run (0: the starting picture).</summary>
public abstract record Observation(int Step);

/// <summary>One action an actor weighed: the posture it aims at, its expected utility and its logit probability.</summary>
/// <param name="Delta">−1 lower, 0 hold, +1 or +2 raise the actor's posture.</param>
/// <param name="Target">The posture the action aims at.</param>
/// <param name="Utility">Expected utility (after the anticipated response and the accident chance).</param>
/// <param name="Probability">Logit probability exp(λU)/Σexp(λU).</param>
public sealed record ActionOption(int Delta, int Target, double Utility, double Probability);

/// <summary>Everything behind one decision, so that a replay explains itself.</summary>
/// <param name="PostureBefore">The actor's posture at the start of the step.</param>
/// <param name="PostureAfter">The posture it chose (one higher after an accident).</param>
/// <param name="LevelBefore">The theater's level at the start of the step (the highest posture there).</param>
/// <param name="OthersTop">The highest posture of the other principals at the start of the step.</param>
/// <param name="Stake">The stake used: base stake plus horizontal-link pressure plus security-dilemma term.</param>
/// <param name="Pi">Chance of prevailing from the local balance of forces (with expected allied help).</param>
/// <param name="Channel">Summed strength of diplomatic channels with the opposing side (damps escalation).</param>
/// <param name="TradeAtStake">Summed trade dependence on the opposing principals.</param>
/// <param name="Responder">The opponent whose quantal response the actor anticipates, or null.</param>
/// <param name="Draw">The uniform draw that picked the action from the probabilities (first with cumulative ≥ draw).</param>
/// <param name="AccidentDraw">The uniform draw compared with the accident chance.</param>
/// <param name="Chosen">The chosen delta.</param>
/// <param name="Accident">True when the action landed one level higher than chosen.</param>
public sealed record DecisionTrace(
    int Step, string Theater, string Actor, string Side, int PostureBefore, int PostureAfter, int LevelBefore, int OthersTop,
    double BaseStake, double LinkStake, double SecurityStake, double Stake, double Resolve, double Pi, double Lambda, double Channel, double TradeAtStake,
    string? Responder, IReadOnlyList<ActionOption> Options, double Draw, double AccidentDraw, int Chosen, bool Accident, string? Link) : Observation(Step);

/// <summary>An effect of an event as applied.</summary>
/// <param name="From">The author's posture, the theater's pressure or the state's value before.</param>
/// <param name="To">After.</param>
/// <param name="StoppedBelow">The threshold at which a rise stopped (a shock never crosses an uncrossed threshold), or null.</param>
public sealed record AppliedEffect(EffectKind Kind, string Target, double Value, double From, double To, string? StoppedBelow);

/// <summary>An event fired.</summary>
public sealed record EventObserved(int Step, string Event, string? Author, IReadOnlyList<AppliedEffect> Effects) : Observation(Step);

/// <summary>A theater slipped out of control one level (loss of control: the risk that leaves something to chance).</summary>
public sealed record SlipObserved(int Step, string Theater, double Probability, double Draw, int FromLevel, int ToLevel, IReadOnlyList<string> Actors) : Observation(Step);

/// <summary>An actor paid a threshold's premium because its posture took the theater across it for the first time.</summary>
/// <param name="Cause">choice, slip.</param>
public sealed record PremiumObserved(int Step, string Theater, string Actor, string Threshold, double Premium, string Cause) : Observation(Step);

/// <summary>An obligation was triggered and decided.</summary>
public sealed record ObligationObserved(int Step, string Treaty, string Article, string Ally, string Partner, string Theater, string Attacker,
    double Probability, double DeltaU, double Credibility, double Strength, double Draw, bool Honoured) : Observation(Step);

/// <summary>A supporter weighed a voluntary intervention in a theater at war (logged when it intervenes).</summary>
public sealed record InterventionObserved(int Step, string Theater, string Actor, string Side, double Probability, double DeltaU, double Pressure) : Observation(Step);

/// <summary>A great power's force shares after this step's shift.</summary>
public sealed record ForcesObserved(int Step, string Actor, IReadOnlyList<string> Theaters, IReadOnlyList<double> Shares, IReadOnlyList<double> StartShares, double Moved) : Observation(Step);

/// <summary>A tracked normalisation happened.</summary>
public sealed record NormalisationObserved(int Step, string Id, double Rate, double Escalation, double Pivot) : Observation(Step);

/// <summary>A theater's crisis began (its level reached the crisis floor) or ended.</summary>
/// <param name="Hazard">For a settlement: the step's settlement probability.</param>
public sealed record CrisisObserved(int Step, string Theater, bool Began, Termination Ending, int Level, double Hazard) : Observation(Step);

/// <summary>The state at the end of a step: each theater's level, and each principal's posture.</summary>
public sealed record StateObserved(int Step, IReadOnlyList<int> Levels, IReadOnlyList<(string Actor, string Theater, int Posture)> Postures) : Observation(Step);

/// <summary>A treaty flow acted: its author delivered one act of it (docs/model.md §11).</summary>
/// <param name="Hazard">The flow's chance per step in this run.</param>
/// <param name="Draw">The uniform draw compared with it.</param>
/// <param name="Amount">Capability added to the recipient's pipeline in the theater.</param>
public sealed record FlowObserved(int Step, string Flow, string Kind, string Treaty, string By, string To, string Theater, double Hazard, double Draw, double Amount) : Observation(Step);

/// <summary>
/// A fault line held back its patron's act for the client: the draw fell below the act's chance without the line but
/// not below the bounded chance (chance × (1 − restraint)); the limiter had not joined the client's side.
/// </summary>
public sealed record FaultLineObserved(int Step, string FaultLine, string Patron, string Limiter, string Client, string Theater, string Act,
    double Restraint, double Chance, double Bounded, double Draw) : Observation(Step);

/// <summary>Part of an actor's delivered capability in a theater became usable (absorption).</summary>
public sealed record CapabilityObserved(int Step, string Actor, string Theater, double Absorbed, double Pipeline, double Stock) : Observation(Step);

/// <summary>A Richardson spiral's state after this step's update (docs/model.md §12).</summary>
/// <param name="BuildUpA">A's build-up in the spiral's theaters (local forces now minus at the start), read at the start of the step.</param>
/// <param name="StockA">A's spiral stock after the update.</param>
/// <param name="Stable">True when fatigue_A·fatigue_B &gt; reaction_A·reaction_B (the stability condition).</param>
public sealed record SpiralObserved(int Step, string Spiral, string A, string B, double BuildUpA, double BuildUpB, double StockA, double StockB,
    double ReactionA, double ReactionB, double FatigueA, double FatigueB, bool Stable) : Observation(Step);

/// <summary>A great power's allocation read its opponents' capability growth from treaty flows (the pivot term per theater).</summary>
public sealed record PivotObserved(int Step, string Actor, IReadOnlyList<string> Theaters, IReadOnlyList<double> Pull) : Observation(Step);

/// <summary>
/// An actor's external resources after this step's update (docs/model.md §14): the index R = 1 + Σ (x − x₀) over its
/// economic channels, and the factor R^(−elasticity) on its ladder costs.
/// </summary>
/// <param name="Channels">The actor's channels in the model, in id order.</param>
/// <param name="StartShares">Each channel's starting share x₀ (a trade relation's share of the actor's recorded trade; 0 otherwise).</param>
/// <param name="Values">Each channel's contribution x after the update.</param>
public sealed record EconomyObserved(int Step, string Actor, double Resources, double Elasticity, double CostScale,
    IReadOnlyList<string> Channels, IReadOnlyList<double> StartShares, IReadOnlyList<double> Values) : Observation(Step);
