namespace Entangle.Domain;

/// <summary>A state, identified by its ISO 3166-1 alpha-3 code (e.g. <c>PRK</c>).</summary>
public readonly record struct StateId(string Iso3) : IComparable<StateId>
{
    public int CompareTo(StateId other) => string.CompareOrdinal(Iso3, other.Iso3);
    public override string ToString() => Iso3;
}

/// <summary>Inclusive date interval; a null end means open-ended.</summary>
public readonly record struct DateSpan(DateOnly? From, DateOnly? To)
{
    public static readonly DateSpan Always = new(null, null);

    /// <summary>True when <paramref name="date"/> lies in the interval (both ends inclusive).</summary>
    public bool Contains(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);

    /// <summary>True when the interval overlaps any day of <paramref name="year"/>.</summary>
    public bool OverlapsYear(int year) =>
        (From is null || From.Value.Year <= year) && (To is null || To.Value.Year >= year);
}
