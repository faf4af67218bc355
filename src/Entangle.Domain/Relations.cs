namespace Entangle.Domain;

/// <summary>Kinds of relation between a pair of actors.</summary>
public enum RelationKind { Rivalry, Trade, Sanctions, Channel, ArmsTransfer, TechnologyTransfer, Infrastructure, Support, Labour }

/// <summary>
/// A relation between two actors (states or organizations), e.g. 2023 Russia–DPRK trade of $34.4 million,
/// UN Security Council sanctions on the DPRK, or the China–ROK 2+2 dialogue.
/// </summary>
/// <param name="From">The first actor (the sender, for directed kinds such as sanctions or transfers).</param>
/// <param name="To">The second actor.</param>
/// <param name="Directed">True when the relation runs from <paramref name="From"/> to <paramref name="To"/>.</param>
/// <param name="Value">A magnitude where one applies (trade in current US$, intensity 0–1).</param>
/// <param name="Unit">The unit of <paramref name="Value"/>.</param>
/// <param name="Year">The year <paramref name="Value"/> refers to.</param>
public sealed record Relation(
    string Id,
    RelationKind Kind,
    string From,
    string To,
    bool Directed,
    string Description,
    double? Value,
    string? Unit,
    int? Year,
    DateSpan Span,
    Provenance Basis,
    string? Note = null);
