namespace Entangle.Engine.Escalation;

/// <summary>One action an actor weighed: the level it aims at, its expected utility and its logit probability.</summary>
/// <param name="Delta">−1 de-escalate, 0 hold, +1 or +2 escalate.</param>
/// <param name="Target">The level the action aims at.</param>
/// <param name="Utility">Expected utility (after the anticipated response and the accident chance).</param>
/// <param name="Probability">Logit probability exp(λU)/Σexp(λU).</param>
public sealed record ActionOption(int Delta, int Target, double Utility, double Probability);

/// <summary>Everything behind one decision, so that a replay explains itself.</summary>
/// <param name="Stake">The stake used: base stake plus horizontal-link pressure plus security-dilemma term.</param>
/// <param name="Pi">Chance of prevailing from the local balance of forces (with expected allied help).</param>
/// <param name="Channel">Summed strength of diplomatic channels with the opposing principals (damps escalation).</param>
/// <param name="TradeAtStake">Summed trade dependence on the opposing principals.</param>
/// <param name="Responder">The opponent whose quantal response the actor anticipates, or null.</param>
/// <param name="Draw">The uniform draw that picked the action from the probabilities (first with cumulative ≥ draw).</param>
/// <param name="Chosen">The chosen delta.</param>
/// <param name="Accident">True when the action landed one level higher than chosen.</param>
public sealed record DecisionTrace(
    int Step, string Theater, string Actor, string Side, int LevelBefore, int LevelAfter,
    double BaseStake, double LinkStake, double SecurityStake, double Stake, double Resolve, double Pi, double Lambda, double Channel, double TradeAtStake,
    string? Responder, IReadOnlyList<ActionOption> Options, double Draw, int Chosen, bool Accident, string? Link);

/// <summary>A line of a replay: a decision, an event, an entry, a force shift.</summary>
/// <param name="Kind">decision, event, obligation, intervention, normalisation, forces, state.</param>
public sealed record TraceEntry(int Step, string Kind, string? Theater, string? Actor, string Text, DecisionTrace? Decision = null);
