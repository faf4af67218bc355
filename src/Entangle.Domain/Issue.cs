namespace Entangle.Domain;

/// <summary>A contested question for the bargaining engine, on a 0–100 scale.</summary>
/// <param name="Low">What position 0 means ("keep all sanctions").</param>
/// <param name="High">What position 100 means ("lift all sanctions").</param>
public sealed record Issue(
    string Id,
    string Title,
    string Low,
    string High,
    IReadOnlyList<IssueStake> Stakeholders,
    string? Description = null);

/// <summary>An actor's position on an issue, its capability and its salience, each with its basis.</summary>
/// <param name="Actor">A state ISO3 or organization id.</param>
/// <param name="Position">0–100 on the issue's scale.</param>
/// <param name="Capability">Relative clout, ≥ 0.</param>
/// <param name="Salience">How much the actor cares, 0–1.</param>
public sealed record IssueStake(string Actor, Assessed Position, Assessed Capability, Assessed Salience);
