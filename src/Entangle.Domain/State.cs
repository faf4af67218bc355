namespace Entangle.Domain;

/// <summary>A sovereign state with its capability figures.</summary>
/// <param name="Id">ISO3 code.</param>
/// <param name="CowCode">Correlates of War country code (e.g. 365 for Russia), if it has one.</param>
/// <param name="Name">Common English name.</param>
/// <param name="Figures">Capability figures, each with year and source.</param>
public sealed record State(
    StateId Id,
    int? CowCode,
    string Name,
    IReadOnlyList<string> OtherNames,
    IReadOnlyList<Figure> Figures)
{
    /// <summary>The figure of that name for the latest year not after <paramref name="year"/> (or the latest at all).</summary>
    public Figure? Figure(string name, int? year = null) =>
        Figures.Where(f => f.Name == name && (year is null || f.Year <= year))
               .OrderByDescending(f => f.Year).FirstOrDefault();

    /// <summary>True when the state holds nuclear warheads according to its latest figure.</summary>
    public bool IsNuclear(int? year = null) => (Figure(FigureNames.WarheadsTotal, year)?.Value ?? 0) > 0;
}

/// <summary>An international organization (NATO, UN Security Council, EU) and its membership over time.</summary>
public sealed record Organization(
    string Id,
    string Name,
    string Kind,
    IReadOnlyList<Membership> Members,
    Provenance Basis,
    string? Description = null)
{
    public IEnumerable<StateId> MembersOn(DateOnly date) =>
        Members.Where(m => m.Span.Contains(date)).Select(m => m.State);
}

/// <summary>A state's membership of an organization or a treaty.</summary>
/// <param name="Role">e.g. <c>permanent</c> for a permanent UNSC member.</param>
/// <param name="Veto">True for members with a veto (UNSC permanent five).</param>
public sealed record Membership(StateId State, DateSpan Span, string? Role = null, bool Veto = false, Provenance? Basis = null);
