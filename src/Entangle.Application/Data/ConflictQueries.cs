using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Application.Data;

/// <summary>One ICB crisis actor, as <c>data icb --crisis N --json</c> prints it (docs/data.md).</summary>
public sealed record IcbActorView(
    int Cracno, int Ccode, string Actor, string Trigger, string? Termination, int? DurationDays, int? MajorResponse,
    int Violence, string ViolenceName, int? Outcome, string? OutcomeName, int? Nuclear, bool? HoldsNuclearWeapons,
    int? ProtractedConflictId, string Source);

/// <summary>One ICB crisis dyad with its years.</summary>
public sealed record IcbDyadView(
    int CrisisDyad, int StateA, string NameA, int? ActorA, int StateB, string NameB, int? ActorB, string Trigger, string Termination,
    IReadOnlyList<int> Years, IReadOnlyList<string> Sources);

/// <summary>An ICB crisis with its actors and dyads.</summary>
public sealed record IcbCrisisView(
    string Dataset, int Crisno, string Name, string Trigger, string? Termination, int? DurationDays, int Violence, string ViolenceName,
    int? ViolenceTiming, int? Gravity, int? CrisisActors, int? InvolvedActors, int? Protracted, int? ProtractedConflictId,
    int? GreatPowerInvolvement, int? PowerInvolvement, int? IntraWar, string Source,
    IReadOnlyList<IcbActorView> Actors, IReadOnlyList<IcbDyadView> Dyads);

/// <summary>ICB base rates for a range of trigger years (see <see cref="IcbRepository.BaseRates"/>).</summary>
public sealed record IcbBaseRatesView(
    string Dataset, int FromYear, int ToYear, int Crises, int FullScaleWar, double? FullScaleWarShare, int SeriousClashesOrWar,
    double? SeriousClashesOrWarShare, double? MedianDurationDays, int DurationsCounted, double? MedianActorDurationDays,
    int ActorDurationsCounted, string Definition);

/// <summary>One directed dispute-year of a MID dispute or dyad.</summary>
public sealed record MidDyadYearView(
    int Dispnum, int Year, int Ccode1, int Ccode2, bool SideA1, int Hostlev1, int Hostlev2, int Hihost, bool MutualForce, bool MutualWar,
    string Source);

/// <summary>A MID dispute with its sides (from the directed dispute-year file) and dyad-years.</summary>
public sealed record MidDisputeView(
    string Dataset, int Dispnum, int StartYear, int? StartMonth, int? EndYear, int? EndMonth, int? Outcome, int? Settlement,
    int? Fatality, int? MinDurationDays, int? MaxDurationDays, int HighestAction, int HostilityLevel, bool? Reciprocated,
    int? NumA, int? NumB, IReadOnlyList<int> SideA, IReadOnlyList<int> SideB, string Source, IReadOnlyList<MidDyadYearView> DyadYears);

/// <summary>One dispute of a dyad: its years and the two states' hostility levels in it.</summary>
public sealed record MidDyadDisputeView(
    int Dispnum, IReadOnlyList<int> Years, int HostlevA, int HostlevB, int Hihost, bool MutualForce, bool MutualWar, int? DisputeHostilityLevel);

/// <summary>The disputes between two states (<c>data mid --dyad A,B</c>).</summary>
public sealed record MidDyadView(
    string Dataset, int A, int B, int? FromYear, int? ToYear, int Disputes, int UseOfForce, int MutualForce, int MutualWar, int DyadYears,
    IReadOnlyList<MidDyadDisputeView> DisputeList, string Definition);

/// <summary>Queries behind <c>entangle data icb</c> and <c>entangle data mid</c>; shapes in docs/data.md.</summary>
public static class ConflictQueries
{
    /// <summary>The definitions printed with base rates.</summary>
    public const string BaseRateDefinition =
        "crises with yrtrig in the range; full-scale war = viol 4; serious clashes or war = viol >= 3; " +
        "median duration = median brexit (days), actor median = median trgterra over the crises' actors (docs/data.md)";

    /// <summary>The definitions printed with a dyad's disputes.</summary>
    public const string DyadDefinition =
        "disputes with a directed dispute-year row A->B in the years; hihost = max(hostlev1, hostlev2); use of force = hihost >= 4; " +
        "mutual force = both >= 4; " +
        "mutual war = both = 5; dyad-years = distinct years with at least one dispute (docs/data.md)";

    /// <summary>One crisis with its actors and dyads; an unknown crisno is bad input.</summary>
    public static IcbCrisisView Crisis(ReferenceData data, int crisno)
    {
        var icb = data.Icb;
        var c = icb.Crisis(crisno) ?? throw new InputException(
            $"no ICB crisis {crisno}" + (icb.Crises.Count > 0 ? $"; ICB {icb.Version} numbers its crises {icb.Crises[0].Crisno}-{icb.Crises[^1].Crisno}" : ""));
        var actors = icb.Actors(crisno).Select(a => new IcbActorView(a.Cracno, a.Ccode, a.Actor, a.Trigger.ToString(), a.Termination?.ToString(),
            a.DurationDays, a.MajorResponse, a.Violence, IcbCodes.Violence(a.Violence), a.Outcome, a.OutcomeName, a.Nuclear,
            a.HoldsNuclearWeapons, a.ProtractedConflictId, a.Source.ToString())).ToList();
        var dyads = icb.Dyads(crisno).Select(d => new IcbDyadView(d.CrisisDyad, d.StateA, d.NameA, d.ActorNumberA, d.StateB, d.NameB,
            d.ActorNumberB, d.Trigger.ToString(), d.Termination.ToString(), d.Years, d.Sources.Select(s => s.ToString()).ToList())).ToList();
        return new IcbCrisisView($"ICB {icb.Version}", c.Crisno, c.Name, c.Trigger.ToString(), c.Termination?.ToString(), c.DurationDays,
            c.Violence, c.ViolenceName, c.ViolenceTiming, c.Gravity, c.CrisisActors, c.InvolvedActors, c.Protracted, c.ProtractedConflictId,
            c.GreatPowerInvolvement, c.PowerInvolvement, c.IntraWar, c.Source.ToString(), actors, dyads);
    }

    /// <summary>Base rates of the crises triggered in a range of years.</summary>
    public static IcbBaseRatesView BaseRates(ReferenceData data, int fromYear, int toYear)
    {
        var icb = data.Icb;
        var r = icb.BaseRates(fromYear, toYear);
        return new IcbBaseRatesView($"ICB {icb.Version}", r.FromYear, r.ToYear, r.Crises, r.FullScaleWar, r.FullScaleWarShare,
            r.SeriousClashesOrWar, r.SeriousClashesOrWarShare, r.MedianDurationDays, r.DurationsCounted, r.MedianActorDurationDays,
            r.ActorDurationsCounted, BaseRateDefinition);
    }

    /// <summary>One dispute of COW-MID (<paramref name="gml"/> false) or GML; an unknown dispnum is bad input.</summary>
    public static MidDisputeView Dispute(ReferenceData data, int dispnum, bool gml)
    {
        var mid = gml ? data.Gml : data.Mid;
        var d = mid.Dispute(dispnum) ?? throw new InputException($"no dispute {dispnum} in {Name(mid)}");
        var rows = mid.DirectedYears(dispnum);
        var sideA = rows.Where(r => r.SideA1).Select(r => r.State1).Distinct().Order().ToList();
        var sideB = rows.Where(r => !r.SideA1).Select(r => r.State1).Distinct().Order().ToList();
        var years = rows.Where(r => r.SideA1).Select(View).ToList();
        return new MidDisputeView(Name(mid), d.Dispnum, d.StartYear, d.StartMonth, d.EndYear, d.EndMonth, d.Outcome, d.Settlement,
            d.Fatality, d.MinDurationDays, d.MaxDurationDays, d.HighestAction, d.HostilityLevel, d.Reciprocated,
            d.NumA ?? rows.FirstOrDefault()?.NumA, d.NumB ?? rows.FirstOrDefault()?.NumB, sideA, sideB, d.Source.ToString(), years);
    }

    /// <summary>The disputes between <paramref name="a"/> and <paramref name="b"/> (COW codes or abbreviations), optionally within years.</summary>
    public static MidDyadView Dyad(ReferenceData data, string a, string b, int? fromYear, int? toYear, bool gml)
    {
        var mid = gml ? data.Gml : data.Mid;
        int ca = AtopQueries.ResolveState(data, a), cb = AtopQueries.ResolveState(data, b);
        if (ca == cb) throw new InputException($"the dyad needs two different states, not {a} twice");
        var rows = mid.DyadYears(ca, cb).Where(r => (fromYear is null || r.Year >= fromYear) && (toYear is null || r.Year <= toYear)).ToList();
        var levels = mid.Disputes().ToDictionary(d => d.Dispnum, d => d.HostilityLevel);
        var disputes = rows.GroupBy(r => r.Dispnum).OrderBy(g => g.Min(r => r.Year)).ThenBy(g => g.Key).Select(g =>
        {
            var f = g.First();
            return new MidDyadDisputeView(g.Key, g.Select(r => r.Year).Distinct().Order().ToList(), f.Hostlev1, f.Hostlev2, f.Hihost,
                f.MutualForce, f.MutualWar, levels.TryGetValue(g.Key, out var l) ? l : null);
        }).ToList();
        return new MidDyadView(Name(mid), ca, cb, fromYear, toYear, disputes.Count, disputes.Count(d => d.Hihost >= 4), disputes.Count(d => d.MutualForce),
            disputes.Count(d => d.MutualWar), rows.Select(r => r.Year).Distinct().Count(), disputes, DyadDefinition);
    }

    private static string Name(MidRepository mid) => (mid.Kind == "gml" ? "GML MID " : "COW-MID ") + mid.Version;

    private static MidDyadYearView View(MidDirectedYear r) =>
        new(r.Dispnum, r.Year, r.State1, r.State2, r.SideA1, r.Hostlev1, r.Hostlev2, r.Hihost, r.MutualForce, r.MutualWar, r.Source.ToString());
}
