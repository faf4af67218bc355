namespace Entangle.Domain;

/// <summary>Whether an event happened, is scheduled, or may happen.</summary>
public enum EventKind { Fact, Scheduled, Shock }

/// <summary>A change an event makes to a model parameter, for the engines to apply.</summary>
/// <param name="Target">What it applies to: a theater, state or relation id.</param>
/// <param name="Parameter">The parameter changed.</param>
/// <param name="Value">The change (added to the parameter, or the new level, as the engine documents).</param>
public sealed record Effect(string Target, string Parameter, double Value);

/// <summary>A dated fact, or a scheduled or probabilistic shock.</summary>
/// <param name="Probability">For shocks: the chance per step that it fires.</param>
/// <param name="By">The state whose act the event is (its author): a change of level or tension moves that state's
/// posture, and a state's own act never triggers its own allies' obligations.</param>
public sealed record ScenarioEvent(
    string Id,
    EventKind Kind,
    DateOnly? Date,
    string Title,
    string? Theater,
    IReadOnlyList<string> Actors,
    Assessed? Probability,
    IReadOnlyList<Effect> Effects,
    Provenance Basis,
    string? Note = null,
    StateId? By = null);

/// <summary>
/// A place where the source article is wrong and the scenario uses the sourced fact instead.
/// </summary>
public sealed record Correction(string Id, string ArticleSays, string Fact, string Source);
