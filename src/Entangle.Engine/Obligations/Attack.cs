using Entangle.Domain;

namespace Entangle.Engine.Obligations;

/// <summary>
/// Where an attack falls: on a territory (the target's own), or on the target's forces of one kind,
/// either stationed on a territory or at sea / in the air in some areas.
/// </summary>
/// <param name="Territory">The territory struck, or on which the target's forces were struck; null at sea or in the air.</param>
/// <param name="Forces">Null for an attack on the territory itself; otherwise the kind of assets struck.</param>
/// <param name="Areas">The areas the site lies in (the territory's areas, or the areas named).</param>
/// <param name="Description">Human-readable description ("JPN-senkaku (Senkaku Islands)").</param>
public sealed record AttackSite(Territory? Territory, ForceKind? Forces, IReadOnlyList<string> Areas, string Description)
{
    /// <summary>True when the attack is on territory, not on forces.</summary>
    public bool OnTerritory => Forces is null && Territory is not null;
}

/// <summary>An armed attack by one state on another, at one or more sites.</summary>
/// <param name="Theater">The theater it falls in, if any (the cascade keeps the war there).</param>
/// <param name="TargetBeganWar">The target (or the side it fights on) began the war with the attacker, so this attack is a
/// counter-attack on the side that started it. Clauses whose text speaks of an attack or invasion placing a party in a
/// state of war may or may not cover it; the engine shows both readings.</param>
/// <param name="BeganWarBasis">Why the target counts as having begun the war ("RUS began the war against UKR on 2022-02-24").</param>
/// <param name="BeganWarSource">The source or judgement behind <paramref name="BeganWarBasis"/>, where the scenario gives one.</param>
public sealed record Attack(
    StateId Attacker,
    StateId Target,
    IReadOnlyList<AttackSite> Sites,
    string? Theater,
    bool TargetBeganWar,
    string? BeganWarBasis,
    string? BeganWarSource = null)
{
    /// <summary>"X attacks Y at …".</summary>
    public string Describe() => $"{Attacker} attacks {Target} at {string.Join("; ", Sites.Select(s => s.Description))}";
}

/// <summary>A question to the obligations engine: if <paramref name="Attacker"/> attacks <paramref name="Target"/> here, on this date.</summary>
/// <param name="Where">A territory id, a theater id or an area id; null means the target's home territory (id = its ISO3).</param>
/// <param name="Asset">Attack the target's forces of this kind at <paramref name="Where"/> rather than its territory.</param>
/// <param name="On">The date the obligations are evaluated on (treaties in force, parties bound).</param>
/// <param name="ExtraWars">Wars assumed under way besides those the scenario's theaters record.</param>
public sealed record ObligationQuery(
    StateId Attacker,
    StateId Target,
    string? Where,
    ForceKind? Asset,
    DateOnly On,
    IReadOnlyList<War>? ExtraWars = null);
