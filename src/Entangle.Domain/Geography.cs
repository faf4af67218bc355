namespace Entangle.Domain;

/// <summary>A named region that clauses refer to ("the Pacific area", "Europe", "North America").</summary>
/// <param name="Within">Larger areas this one lies in (the South China Sea lies in the Pacific area).</param>
public sealed record Area(string Id, string Name, IReadOnlyList<string> Within, string? Description = null);

/// <summary>A piece of land (or a state's whole territory) with who administers it and which areas it lies in.</summary>
/// <param name="AdministeredBy">The state that administers it (Senkaku Islands: Japan).</param>
/// <param name="ClaimedBy">Other states that claim it.</param>
/// <param name="Areas">The areas it lies in.</param>
public sealed record Territory(
    string Id,
    string Name,
    StateId AdministeredBy,
    IReadOnlyList<StateId> ClaimedBy,
    IReadOnlyList<string> Areas,
    string? Note = null);

/// <summary>A state's stake in a theater.</summary>
/// <param name="Stake">How much is at stake for it, 0–1, with its basis.</param>
/// <param name="Role">e.g. <c>belligerent</c>, <c>supporter</c>, <c>guarantor</c>, <c>bystander</c>.</param>
public sealed record Stakeholder(StateId State, Assessed Stake, string Role);

/// <summary>A region where crises unfold, with the territories it covers and who has stakes there.</summary>
/// <param name="Wars">Wars under way in the theater, with who began them (YAML key <c>wars:</c>); the obligations engine
/// needs to know which side began a war, because a counter-attack on the side that began it may not trigger a clause.</param>
public sealed record Theater(
    string Id,
    string Name,
    IReadOnlyList<string> Territories,
    IReadOnlyList<string> Areas,
    IReadOnlyList<Stakeholder> Stakeholders,
    string? Description = null,
    IReadOnlyList<War>? Wars = null);

/// <summary>
/// An armed conflict under way between two states, with the one that began it
/// (YAML: <c>{ initiator: RUS, defender: UKR, since: 2022-02-24, until: null, source: "…" }</c>).
/// </summary>
/// <param name="Initiator">The state that began the war (attacked first).</param>
/// <param name="Defender">The state it attacked.</param>
/// <param name="Since">When the war began.</param>
/// <param name="Until">When it ended, if it has (inclusive).</param>
public sealed record War(StateId Initiator, StateId Defender, DateOnly? Since, DateOnly? Until, Provenance Basis)
{
    /// <summary>True when the war is under way on <paramref name="date"/>.</summary>
    public bool OngoingOn(DateOnly date) => new DateSpan(Since, Until).Contains(date);
}
