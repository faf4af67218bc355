namespace Entangle.Domain;

/// <summary>What a clause obliges, in ATOP's terms.</summary>
public enum ClauseKind { Defense, Offense, Neutrality, NonAggression, Consultation, Cooperation }

/// <summary>How firmly a clause binds.</summary>
public enum ClauseStrength
{
    /// <summary>"immediately … by all means at its disposal": no further decision is reserved.</summary>
    Automatic,
    /// <summary>"in accordance with its constitutional processes" / "such action as it deems necessary".</summary>
    Conditional,
    /// <summary>The parties only consult.</summary>
    ConsultationOnly,
}

/// <summary>The event that sets a clause off.</summary>
public enum TriggerEvent
{
    /// <summary>An armed attack on a party.</summary>
    ArmedAttack,
    /// <summary>An armed invasion of a party (a narrower reading than any armed attack).</summary>
    ArmedInvasion,
    /// <summary>The party finds itself in a state of war, whatever its cause.</summary>
    StateOfWar,
    /// <summary>A threat of attack or a direct threat to security (consultation clauses).</summary>
    Threat,
}

/// <summary>The condition under which a clause applies.</summary>
/// <param name="Event">What must happen to a party.</param>
/// <param name="By">The attackers the clause names; empty means any state.</param>
/// <param name="RequiresStateOfWar">The attack must leave the party in a state of war ("and thus being involved in a state of war").</param>
/// <param name="ExcludesProvoked">An attack the party provoked is not covered (ATOP <c>defcon</c>-style limitation).</param>
public sealed record Trigger(TriggerEvent Event, IReadOnlyList<StateId> By, bool RequiresStateOfWar = false, bool ExcludesProvoked = false)
{
    public bool AnyAttacker => By.Count == 0;
}

/// <summary>Kinds of assets outside a party's territory that a scope may cover.</summary>
public enum ForceKind { ArmedForces, PublicVessels, Aircraft }

/// <summary>Where an attack must happen for a clause to apply.</summary>
/// <param name="Anywhere">No geographic limit.</param>
/// <param name="Areas">Areas (e.g. <c>pacific-area</c>, <c>europe</c>, <c>north-america</c>) in which a party's territory is covered.</param>
/// <param name="Territories">Named territories covered (e.g. <c>JPN</c>, <c>JPN-senkaku</c>).</param>
/// <param name="AdministeredOnly">Only territories under a party's administration (US–Japan Art. V, US–ROK Art. III).</param>
/// <param name="Forces">Assets covered in those areas (US–Philippines Art. V: "armed forces, public vessels or aircraft in the Pacific").</param>
/// <param name="Description">The scope as the treaty words it.</param>
/// <param name="AdministeredBy">Only territories under the administration of these states, whichever party is attacked
/// there (US–Japan Art. V: "an armed attack against either Party in the territories under the administration of Japan").
/// YAML key <c>administered_by: [JPN]</c>. Null or empty: no such limit.</param>
public sealed record Scope(
    bool Anywhere,
    IReadOnlyList<string> Areas,
    IReadOnlyList<string> Territories,
    bool AdministeredOnly,
    IReadOnlyList<ForceKind> Forces,
    string? Description,
    IReadOnlyList<StateId>? AdministeredBy = null)
{
    public static readonly Scope Unlimited = new(true, [], [], false, [], null);
}

/// <summary>An official rendering of a clause's text, e.g. the KCNA and TASS translations of Russia–DPRK Art. 4.</summary>
/// <param name="Id">Short id (e.g. <c>kcna</c>, <c>tass</c>).</param>
/// <param name="Label">Who published it and when.</param>
/// <param name="Trigger">The trigger as this rendering reads, when it differs from the clause's coding.</param>
public sealed record Rendering(string Id, string Label, string Text, string Source, Trigger? Trigger = null);

/// <summary>An operative clause with its verbatim text and its ATOP-style coding.</summary>
/// <param name="Article">The article as the treaty numbers it ("4", "IV–V").</param>
/// <param name="Text">Verbatim text of the primary rendering.</param>
/// <param name="Source">URL or citation for the text.</param>
/// <param name="Renderings">Further official renderings that differ from <paramref name="Text"/>.</param>
/// <param name="Exceptions">ATOP-style limitation codes (e.g. <c>defcon</c>, <c>specthrt</c>).</param>
/// <param name="Credibility">An analyst's prior that the clause is honoured when triggered, labelled as judgement.</param>
public sealed record Clause(
    string Article,
    ClauseKind Kind,
    string Text,
    string Source,
    IReadOnlyList<Rendering> Renderings,
    Trigger Trigger,
    Scope Scope,
    ClauseStrength Strength,
    IReadOnlyList<string> Exceptions,
    Assessed? Credibility,
    string? Note = null);

/// <summary>What kind of undertaking a treaty is.</summary>
public enum TreatyKind { Alliance, Partnership, Technology, Other }

/// <summary>A treaty with its parties, dates and operative clauses.</summary>
/// <param name="Parties">Parties with the dates they were bound (e.g. Finland in NATO from 4 Apr 2023).</param>
/// <param name="InForce">When it entered into force.</param>
/// <param name="Ended">When it ended, if it has.</param>
/// <param name="Supersedes">Treaties this one replaced.</param>
/// <param name="SupersededBy">The treaty that replaced this one, if any.</param>
/// <param name="AtopId">ATOP alliance id where ATOP codes it.</param>
public sealed record Treaty(
    string Id,
    string Name,
    TreatyKind Kind,
    IReadOnlyList<Membership> Parties,
    DateOnly? Signed,
    DateOnly? InForce,
    DateOnly? Ended,
    IReadOnlyList<string> Supersedes,
    string? SupersededBy,
    int? AtopId,
    string Source,
    IReadOnlyList<Clause> Clauses,
    string? Note = null)
{
    /// <summary>True when the treaty is in force on <paramref name="date"/>.</summary>
    public bool InForceOn(DateOnly date) => InForce is { } f && f <= date && (Ended is null || date < Ended);

    /// <summary>The parties bound on <paramref name="date"/>.</summary>
    public IEnumerable<StateId> PartiesOn(DateOnly date) =>
        InForceOn(date) ? Parties.Where(p => p.Span.Contains(date)).Select(p => p.State) : [];
}
