using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Query;

/// <summary>
/// One ICB international crisis (crisis level, <c>icb1</c>). Codebook variable names are given on each member;
/// their value labels are in the ICB codebook, and those Entangle relies on are in docs/data.md.
/// </summary>
/// <param name="Crisno">Crisis number (<c>crisno</c>).</param>
/// <param name="Name">Crisis name as ICB writes it (<c>crisname</c>), e.g. <c>CUBAN MISSILES</c>.</param>
/// <param name="Trigger">Trigger date (<c>yrtrig motrig datrig</c>); the day is null where ICB gives a code (66, 77, 88, 99) or nothing.</param>
/// <param name="Termination">Termination date (<c>yrterm moterm daterm</c>); null when the year is missing.</param>
/// <param name="DurationDays">Duration of the international crisis in days, trigger (break) to termination (exit) (<c>brexit</c>).</param>
/// <param name="Violence">Extent of violence (<c>viol</c>): 1 none, 2 minor clashes, 3 serious clashes, 4 full-scale war.</param>
/// <param name="ViolenceTiming">Timing of violence (<c>timvio</c>), 1-4 (1 = no violence).</param>
/// <param name="TriggerType">Type of trigger/breakpoint (<c>break</c>), 1-9.</param>
/// <param name="Gravity">Gravity of threat (<c>gravcr</c>), 0-7.</param>
/// <param name="CrisisActors">Number of crisis actors (<c>cractr</c>, a coded count).</param>
/// <param name="InvolvedActors">Number of involved actors (<c>noactr</c>).</param>
/// <param name="GreatPowerInvolvement">Great-power/superpower involvement (<c>gpinv</c>).</param>
/// <param name="PowerInvolvement">Power involvement (<c>powinv</c>).</param>
/// <param name="IntraWar">Intra-war crisis (<c>iwcmb</c>), 1 = not an intra-war crisis.</param>
/// <param name="Protracted">Protracted-conflict setting (<c>protrac</c>) as ICB codes it (also for a conflict's first crisis).</param>
/// <param name="ProtractedConflictId">Protracted conflict the crisis belongs to (<c>pcid</c>), or null.</param>
/// <param name="Geography">Geographic location (<c>geog</c>).</param>
/// <param name="Period">Period (<c>period</c>), 1-6.</param>
/// <param name="OutcomeTension">Escalation or reduction of tension after the outcome (<c>outesr</c>).</param>
/// <param name="OutcomeForm">Form of outcome (<c>forout</c>).</param>
/// <param name="OutcomeContent">Content of outcome (<c>subout</c>).</param>
/// <param name="Satisfaction">Extent of satisfaction with the outcome (<c>exsat</c>).</param>
/// <param name="Source">File and line of the row.</param>
public sealed record IcbCrisis(
    int Crisno, string Name, PartialDate Trigger, PartialDate? Termination, int? DurationDays, int Violence, int? ViolenceTiming,
    int? TriggerType, int? Gravity, int? CrisisActors, int? InvolvedActors, int? GreatPowerInvolvement, int? PowerInvolvement,
    int? IntraWar, int? Protracted, int? ProtractedConflictId, int? Geography, int? Period,
    int? OutcomeTension, int? OutcomeForm, int? OutcomeContent, int? Satisfaction, RowSource Source)
{
    /// <summary>ICB's label for <see cref="Violence"/>.</summary>
    public string ViolenceName => IcbCodes.Violence(Violence);
}

/// <summary>One ICB crisis actor (actor level, <c>icb2</c>): a state's part in one crisis.</summary>
/// <param name="Cracno">Crisis-actor number (<c>cracno</c>).</param>
/// <param name="Crisno">Crisis number (<c>crisno</c>).</param>
/// <param name="Ccode">The state's numeric code (<c>cracid</c>; ICB's list follows COW's, with few exceptions).</param>
/// <param name="Actor">ICB's three-letter actor code (<c>actor</c>), e.g. <c>USA</c>, <c>RUS</c>.</param>
/// <param name="Trigger">When this actor's crisis was triggered (<c>yrtrig motrig datrig</c>).</param>
/// <param name="Termination">When it ended for this actor (<c>yrterm moterm daterm</c>).</param>
/// <param name="DurationDays">Trigger to termination for this actor, in days (<c>trgterra</c>).</param>
/// <param name="MajorResponse">Specific major response (<c>majres</c>), ICB's scale 1 (no response) to 9.</param>
/// <param name="MajorResponseDate">Date of the major response (<c>yerres monres dayres</c>).</param>
/// <param name="Violence">Violence in this actor's crisis management (<c>viol</c>), 1-4 as at crisis level.</param>
/// <param name="SeverityOfViolence">Severity of violence (<c>sevvio</c>), 1-4.</param>
/// <param name="Outcome">Outcome for this actor (<c>outcom</c>): 1 victory, 2 compromise, 3 stalemate, 4 defeat, 5 other.</param>
/// <param name="OutcomeForm">Form of outcome (<c>outfor</c>).</param>
/// <param name="Nuclear">Nuclear capability (<c>nuclear</c>): 1 none, 2 foreseeable, 3 possession, 4 second-strike capability.</param>
/// <param name="TriggerType">Type of trigger (<c>triggr</c>), 1-9.</param>
/// <param name="TriggeringEntity">Triggering entity (<c>trigent</c>; a state code, or 99x for non-state).</param>
/// <param name="ProtractedConflict">Protracted-conflict setting for this actor (<c>pc</c>).</param>
/// <param name="ProtractedConflictId">Protracted conflict id for this actor (<c>pcid</c>; 0 or null = none).</param>
/// <param name="GreatPowerInvolvement">Great-power involvement (<c>gpinv</c>).</param>
/// <param name="PowerInvolvement">Power involvement (<c>powinv</c>).</param>
/// <param name="IntraWar">Intra-war crisis (<c>iwc</c>).</param>
/// <param name="Gravity">Gravity of threat (<c>gravty</c>), 0-7.</param>
/// <param name="Source">File and line of the row.</param>
public sealed record IcbActor(
    int Cracno, int Crisno, int Ccode, string Actor, PartialDate Trigger, PartialDate? Termination, int? DurationDays,
    int? MajorResponse, PartialDate? MajorResponseDate, int Violence, int? SeverityOfViolence, int? Outcome, int? OutcomeForm,
    int? Nuclear, int? TriggerType, int? TriggeringEntity, int? ProtractedConflict, int? ProtractedConflictId,
    int? GreatPowerInvolvement, int? PowerInvolvement, int? IntraWar, int? Gravity, RowSource Source)
{
    /// <summary>ICB's label for <see cref="Outcome"/>.</summary>
    public string? OutcomeName => Outcome is { } o ? IcbCodes.Outcome(o) : null;

    /// <summary>True when ICB codes the actor as holding nuclear weapons (<c>nuclear</c> 3 or 4); null when not coded.</summary>
    public bool? HoldsNuclearWeapons => Nuclear is { } n ? n >= 3 : null;
}

/// <summary>
/// One row of the ICB dyadic file: a pair of states (<c>statea</c> &lt; <c>stateb</c>) in one crisis in one year.
/// <see cref="ActorNumberA"/> is the state's <c>cracno</c> in the actor-level file, or null when the file codes
/// 9999 (the state is in the dyad but not a crisis actor).
/// </summary>
public sealed record IcbDyadYear(
    int CrisisDyad, int Year, int Crisno, int StateA, string NameA, int? ActorNumberA, int StateB, string NameB, int? ActorNumberB,
    PartialDate Trigger, PartialDate Termination, bool Ongoing, RowSource Source);

/// <summary>A crisis dyad (<c>crdynum</c>) with all its years.</summary>
public sealed record IcbDyad(
    int CrisisDyad, int Crisno, int StateA, string NameA, int? ActorNumberA, int StateB, string NameB, int? ActorNumberB,
    PartialDate Trigger, PartialDate Termination, IReadOnlyList<int> Years, IReadOnlyList<RowSource> Sources);

/// <summary>
/// Base rates over the ICB crises triggered in <see cref="FromYear"/>..<see cref="ToYear"/> (inclusive, by
/// <c>yrtrig</c>): the climatology a forecast must beat.
/// </summary>
/// <param name="Crises">Crises in the range.</param>
/// <param name="FullScaleWar">Crises with <c>viol</c> = 4.</param>
/// <param name="SeriousClashesOrWar">Crises with <c>viol</c> ≥ 3.</param>
/// <param name="MedianDurationDays">Median <c>brexit</c> (days) over the crises that code it; the mean of the two middle values when their number is even. Null when none.</param>
/// <param name="DurationsCounted">Crises with a <c>brexit</c>.</param>
/// <param name="MedianActorDurationDays">Median <c>trgterra</c> (days) over the actor rows of those crises that code it; null when none.</param>
/// <param name="ActorDurationsCounted">Actor rows with a <c>trgterra</c>.</param>
public sealed record IcbBaseRates(
    int FromYear, int ToYear, int Crises, int FullScaleWar, int SeriousClashesOrWar,
    double? MedianDurationDays, int DurationsCounted, double? MedianActorDurationDays, int ActorDurationsCounted)
{
    /// <summary>Share of crises with <c>viol</c> = 4; null when there are no crises.</summary>
    public double? FullScaleWarShare => Crises == 0 ? null : (double)FullScaleWar / Crises;

    /// <summary>Share of crises with <c>viol</c> ≥ 3; null when there are no crises.</summary>
    public double? SeriousClashesOrWarShare => Crises == 0 ? null : (double)SeriousClashesOrWar / Crises;
}

/// <summary>The ICB value labels Entangle prints (ICB codebook).</summary>
public static class IcbCodes
{
    /// <summary><c>viol</c>: 1 no violence, 2 minor clashes, 3 serious clashes, 4 full-scale war.</summary>
    public static string Violence(int code) => code switch
    {
        1 => "no violence",
        2 => "minor clashes",
        3 => "serious clashes",
        4 => "full-scale war",
        _ => $"code {code}",
    };

    /// <summary><c>outcom</c>: 1 victory, 2 compromise, 3 stalemate, 4 defeat, 5 other.</summary>
    public static string Outcome(int code) => code switch
    {
        1 => "victory",
        2 => "compromise",
        3 => "stalemate",
        4 => "defeat",
        5 => "other",
        _ => $"code {code}",
    };
}

/// <summary>
/// ICB queries: crises, the actors and dyads of a crisis, base rates. The three levels (about 3,000 rows for v15)
/// are read once into memory; a level that was not imported is empty.
/// </summary>
public sealed class IcbRepository
{
    private readonly List<IcbCrisis> _crises = [];
    private readonly List<IcbActor> _actors = [];
    private readonly List<IcbDyadYear> _dyadYears = [];

    internal IcbRepository(ReferenceData data)
    {
        var c = data.Require("icb");
        Version = data.VersionOf("icb") ?? "unknown";
        Read(c, """
            SELECT crisno, crisname, yrtrig, motrig, datrig, yrterm, moterm, daterm, brexit, viol, timvio, break, gravcr,
                   cractr, noactr, gpinv, powinv, iwcmb, protrac, pcid, geog, period, outesr, forout, subout, exsat, file_id, line
            FROM icb_crisis ORDER BY crisno
            """, rd =>
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            _crises.Add(new IcbCrisis(rd.GetInt32(0), rd.GetString(1), Date(rd.GetInt32(2), I(3), I(4)),
                I(5) is { } ty ? Date(ty, I(6), I(7)) : null, I(8), rd.GetInt32(9), I(10), I(11), I(12), I(13), I(14), I(15), I(16),
                I(17), I(18), I(19), I(20), I(21), I(22), I(23), I(24), I(25), data.Source(rd.GetInt64(26), rd.GetInt32(27))));
        });
        Read(c, """
            SELECT cracno, crisno, cracid, actor, yrtrig, motrig, datrig, yrterm, moterm, daterm, trgterra, majres,
                   yerres, monres, dayres, viol, sevvio, outcom, outfor, nuclear, triggr, trigent, pc, pcid, gpinv, powinv,
                   iwc, gravty, file_id, line
            FROM icb_actor ORDER BY crisno, cracno
            """, rd =>
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            _actors.Add(new IcbActor(rd.GetInt32(0), rd.GetInt32(1), rd.GetInt32(2), rd.GetString(3), Date(rd.GetInt32(4), I(5), I(6)),
                I(7) is { } ty ? Date(ty, I(8), I(9)) : null, I(10), I(11), I(12) is { } ry ? Date(ry, I(13), I(14)) : null,
                rd.GetInt32(15), I(16), I(17), I(18), I(19), I(20), I(21), I(22), I(23), I(24), I(25), I(26), I(27),
                data.Source(rd.GetInt64(28), rd.GetInt32(29))));
        });
        Read(c, """
            SELECT crdynum, year, crisno, statea, namea, actnuma, stateb, nameb, actnumb,
                   trgyrdy, trgmody, trgdady, trmyrdy, trmmody, trmdady, ongoing, file_id, line
            FROM icb_dyad_year ORDER BY crisno, crdynum, year
            """, rd =>
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            string S(int i) => rd.IsDBNull(i) ? "" : rd.GetString(i);
            _dyadYears.Add(new IcbDyadYear(rd.GetInt32(0), rd.GetInt32(1), rd.GetInt32(2), rd.GetInt32(3), S(4), I(5),
                rd.GetInt32(6), S(7), I(8), Date(I(9) ?? 0, I(10), I(11)), Date(I(12) ?? 0, I(13), I(14)), I(15) == 1,
                data.Source(rd.GetInt64(16), rd.GetInt32(17))));
        });
    }

    /// <summary>The release imported, e.g. <c>15</c>.</summary>
    public string Version { get; }

    /// <summary>Every crisis, by crisno.</summary>
    public IReadOnlyList<IcbCrisis> Crises => _crises;

    /// <summary>Every actor row, by crisno then cracno.</summary>
    public IReadOnlyList<IcbActor> AllActors => _actors;

    /// <summary>Every dyad-year row, by crisno, crdynum, year.</summary>
    public IReadOnlyList<IcbDyadYear> DyadYears => _dyadYears;

    /// <summary>The crisis numbered <paramref name="crisno"/>, or null.</summary>
    public IcbCrisis? Crisis(int crisno) => _crises.FirstOrDefault(c => c.Crisno == crisno);

    /// <summary>The crisis actors of one crisis, by cracno.</summary>
    public IReadOnlyList<IcbActor> Actors(int crisno) => _actors.Where(a => a.Crisno == crisno).ToList();

    /// <summary>The dyads of one crisis, by crdynum, each with its years.</summary>
    public IReadOnlyList<IcbDyad> Dyads(int crisno) =>
        _dyadYears.Where(d => d.Crisno == crisno).GroupBy(d => d.CrisisDyad).OrderBy(g => g.Key).Select(g =>
        {
            var first = g.First();
            return new IcbDyad(g.Key, crisno, first.StateA, first.NameA, first.ActorNumberA, first.StateB, first.NameB,
                first.ActorNumberB, first.Trigger, first.Termination, g.Select(d => d.Year).ToList(), g.Select(d => d.Source).ToList());
        }).ToList();

    /// <summary>Crises triggered (<c>yrtrig</c>) in <paramref name="fromYear"/>..<paramref name="toYear"/>, inclusive, by crisno.</summary>
    public IReadOnlyList<IcbCrisis> TriggeredIn(int fromYear, int toYear) =>
        _crises.Where(c => c.Trigger.Year >= fromYear && c.Trigger.Year <= toYear).ToList();

    /// <summary>
    /// Base rates for the crises triggered in <paramref name="fromYear"/>..<paramref name="toYear"/> (inclusive):
    /// the share that reached full-scale war (<c>viol</c> = 4), serious clashes or war (<c>viol</c> ≥ 3), and the
    /// median duration (<c>brexit</c>; actor level <c>trgterra</c>). A range with no crisis gives zero counts and
    /// null shares and medians. <paramref name="fromYear"/> after <paramref name="toYear"/> is bad input.
    /// </summary>
    public IcbBaseRates BaseRates(int fromYear, int toYear)
    {
        if (fromYear > toYear) throw new InputException($"the first year ({fromYear}) is after the last ({toYear})");
        var crises = TriggeredIn(fromYear, toYear);
        var ids = crises.Select(c => c.Crisno).ToHashSet();
        var durations = crises.Where(c => c.DurationDays is not null).Select(c => (double)c.DurationDays!.Value).ToList();
        var actorDurations = _actors.Where(a => ids.Contains(a.Crisno) && a.DurationDays is not null)
            .Select(a => (double)a.DurationDays!.Value).ToList();
        return new IcbBaseRates(fromYear, toYear, crises.Count, crises.Count(c => c.Violence == 4), crises.Count(c => c.Violence >= 3),
            Median(durations), durations.Count, Median(actorDurations), actorDurations.Count);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>An ICB date: the day only when it is a day of the month (ICB's codes 66, 77, 88, 99 are not).</summary>
    private static PartialDate Date(int year, int? month, int? day) => PartialDate.Of(year, month, day is >= 1 and <= 31 ? day : null);

    private static void Read(SqliteConnection c, string sql, Action<SqliteDataReader> row)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var rd = cmd.ExecuteReader();
        while (rd.Read()) row(rd);
    }
}
