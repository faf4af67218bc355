using System.Globalization;
using System.Text.Json.Serialization;
using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Application.Data;

/// <summary>One ATOP member-level row, as <c>data atop --json</c> prints it.</summary>
public sealed record AtopMembershipView(
    [property: JsonPropertyName("atopid")] int AtopId, int Member, string? MemberAbbreviation, int Phase, string Entry, string? Exit,
    IReadOnlyList<string> Obligations, bool? Conditional, string Source);

/// <summary>An alliance with all its member-level rows.</summary>
public sealed record AtopAllianceView(
    [property: JsonPropertyName("atopid")] int AtopId, string Begin, string? End, bool InEffectAtEndOfData, IReadOnlyList<string> Obligations,
    IReadOnlyList<int> MemberStates, IReadOnlyList<AtopMembershipView> Members, string Source);

/// <summary>One alliance a state is in during a year: its obligations (OR over its rows that year) and co-members.</summary>
public sealed record AtopStateAllianceView([property: JsonPropertyName("atopid")] int AtopId, IReadOnlyList<string> Obligations, IReadOnlyList<int> CoMembers, IReadOnlyList<string> Sources);

/// <summary>A state's ATOP obligations in one year.</summary>
public sealed record AtopStateYearView(
    int Year, int Ccode, string? Abbreviation, string Dataset, bool CarriedForward,
    IReadOnlyList<AtopStateAllianceView> Alliances, IReadOnlyList<int> DefensePartners);

/// <summary>Defense-partner count of one state in a year.</summary>
public sealed record AtopPartnerCountView(int Ccode, string? Abbreviation, int DefensePartners);

/// <summary>ATOP in one year: alliances and member rows in effect, and each state's defense-partner count.</summary>
public sealed record AtopYearView(
    int Year, string Dataset, bool CarriedForward, int AlliancesInEffect, int MemberRowsInEffect,
    IReadOnlyList<AtopPartnerCountView> DefensePartnerCounts, string Definition);

/// <summary>Queries behind <c>entangle data atop</c>; definitions in docs/data.md.</summary>
public static class AtopQueries
{
    /// <summary>The definition of a defense partner, printed with every year view.</summary>
    public const string Definition =
        "B is a defense partner of A in year Y if some alliance has member-level rows for A and B in effect in Y " +
        "(yrent <= Y and (yrexit = 0 or yrexit >= Y)) and one of A's rows has defense = 1 (docs/data.md)";

    /// <summary>An alliance and all its member rows; unknown ids are bad input.</summary>
    public static AtopAllianceView Alliance(ReferenceData data, int atopId)
    {
        var atop = data.Atop;
        var a = atop.Alliance(atopId);
        var members = atop.Members(atopId);
        if (a is null && members.Count == 0) throw new InputException($"no ATOP alliance with atopid {atopId}");
        var names = Abbreviations(data);
        return new AtopAllianceView(atopId, a?.Begin.ToString() ?? "", a?.End?.ToString(), a?.InEffectAtEndOfData ?? false,
            a?.Obligations.Names ?? [], atop.MemberStates(atopId),
            members.Select(m => View(m, names)).ToList(), a?.Source.ToString() ?? "");
    }

    /// <summary>A state's alliances and defense partners in a year.</summary>
    public static AtopStateYearView StateYear(ReferenceData data, string state, int year, bool carryForward)
    {
        var ccode = ResolveState(data, state);
        var atop = data.Atop;
        var memberships = atop.MemberObligations(year, carryForward).Where(m => m.Member == ccode).ToList();
        var alliances = memberships.GroupBy(m => m.AtopId).OrderBy(g => g.Key).Select(g =>
        {
            var rows = g.ToList();
            var obligations = new AtopObligations(rows.Any(r => r.Obligations.Defense), rows.Any(r => r.Obligations.Offense),
                rows.Any(r => r.Obligations.Neutrality), rows.Any(r => r.Obligations.NonAggression), rows.Any(r => r.Obligations.Consultation));
            var co = atop.MemberObligations(year, carryForward).Where(m => m.AtopId == g.Key && m.Member != ccode)
                .Select(m => m.Member).Distinct().Order().ToList();
            return new AtopStateAllianceView(g.Key, obligations.Names, co, rows.Select(r => r.Source.ToString()).ToList());
        }).ToList();
        var partners = atop.DefensePartners(year, carryForward).TryGetValue(ccode, out var p) ? p : [];
        return new AtopStateYearView(year, ccode, Abbreviations(data)?.GetValueOrDefault(ccode), $"ATOP {atop.Version}",
            year > atop.CoverageEndYear, alliances, partners);
    }

    /// <summary>The year summary: counts and defense-partner counts per state (descending count, then ccode).</summary>
    public static AtopYearView Year(ReferenceData data, int year, bool carryForward)
    {
        var atop = data.Atop;
        var names = Abbreviations(data);
        var counts = atop.DefensePartners(year, carryForward)
            .Select(kv => new AtopPartnerCountView(kv.Key, names?.GetValueOrDefault(kv.Key), kv.Value.Count))
            .OrderByDescending(c => c.DefensePartners).ThenBy(c => c.Ccode).ToList();
        return new AtopYearView(year, $"ATOP {atop.Version}", year > atop.CoverageEndYear,
            atop.AlliancesInEffect(year, carryForward).Count, atop.MemberObligations(year, carryForward).Count, counts, Definition);
    }

    /// <summary>A COW code, or a COW abbreviation when cow-states is imported.</summary>
    public static int ResolveState(ReferenceData data, string state)
    {
        if (int.TryParse(state, NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return code;
        if (!data.Has("cow-states"))
            throw new InputException($"'{state}' is not a COW code; to use abbreviations such as RUS, run: entangle data import cow-states PATH");
        return data.CowStates.Require(state).Ccode;
    }

    private static Dictionary<int, string>? Abbreviations(ReferenceData data) =>
        data.Has("cow-states")
            ? data.CowStates.Periods.GroupBy(p => p.Ccode).ToDictionary(g => g.Key, g => g.Last().Abbreviation)
            : null;

    private static AtopMembershipView View(AtopMembership m, Dictionary<int, string>? names) =>
        new(m.AtopId, m.Member, names?.GetValueOrDefault(m.Member), m.Phase, m.Entry.ToString(), m.Exit?.ToString(),
            m.Obligations.Names, m.Conditional, m.Source.ToString());
}
