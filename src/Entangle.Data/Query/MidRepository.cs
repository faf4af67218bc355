using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Query;

/// <summary>
/// One militarized interstate dispute (dispute level). Null fields are missing in the source (<c>-9</c>) or absent
/// from the file imported (peacesciencer's abridged dispute files have no end dates, <c>numa</c> or <c>numb</c>).
/// </summary>
/// <param name="Dispnum">Dispute number (<c>dispnum</c>).</param>
/// <param name="StartYear">Start year (<c>styear</c>).</param>
/// <param name="StartMonth">Start month (<c>stmon</c>), as in the file (GML 2.2.1 has 13 for dispute 1272).</param>
/// <param name="EndYear">End year (<c>endyear</c>).</param>
/// <param name="EndMonth">End month (<c>endmon</c>).</param>
/// <param name="Outcome">Outcome (<c>outcome</c>): 1 victory A, 2 victory B, 3 yield A, 4 yield B, 5 stalemate, 6 compromise, 7 released, 8 unclear, 9 joins ongoing war.</param>
/// <param name="Settlement">Settlement (<c>settle</c>): 1 negotiated, 2 imposed, 3 none, 4 unclear.</param>
/// <param name="Fatality">Fatality level (<c>fatality</c>): 0 none, 1 1-25, 2 26-100, 3 101-250, 4 251-500, 5 501-999, 6 over 999 deaths.</param>
/// <param name="MinDurationDays">Minimum duration in days (<c>mindur</c>).</param>
/// <param name="MaxDurationDays">Maximum duration in days (<c>maxdur</c>).</param>
/// <param name="HighestAction">Highest action in the dispute (<c>hiact</c>), 0-21.</param>
/// <param name="HostilityLevel">Highest hostility level (<c>hostlev</c>): 2 threat, 3 display, 4 use of force, 5 war.</param>
/// <param name="Reciprocated">Whether a side B state took a militarized action (<c>recip</c>).</param>
/// <param name="NumA">States on side A (<c>numa</c>) as the file codes it; null when the dispute file lacks it.</param>
/// <param name="NumB">States on side B (<c>numb</c>).</param>
/// <param name="Source">File and line of the row.</param>
public sealed record MidDispute(
    int Dispnum, int StartYear, int? StartMonth, int? EndYear, int? EndMonth, int? Outcome, int? Settlement, int? Fatality,
    int? MinDurationDays, int? MaxDurationDays, int HighestAction, int HostilityLevel, bool? Reciprocated, int? NumA, int? NumB,
    RowSource Source);

/// <summary>
/// One directed dispute-year: <see cref="State1"/> and <see cref="State2"/> on opposite sides of dispute
/// <see cref="Dispnum"/> in <see cref="Year"/>. The <c>…1</c> fields are State1's participation in the whole
/// dispute, the <c>…2</c> fields State2's.
/// </summary>
/// <param name="Onset">First year of the dispute for this dyad (<c>disponset</c>/<c>midonset</c>/<c>cowmidonset</c>).</param>
/// <param name="SideA1">State1 is on side A (<c>sidea1</c>), the side that took the first militarized action.</param>
/// <param name="Hostlev1">State1's highest hostility level (<c>hostlev1</c>): 1 none, 2 threat, 3 display, 4 use of force, 5 war.</param>
/// <param name="Hiact1">State1's highest action (<c>hiact1</c>).</param>
/// <param name="Fatality1">State1's fatality level (<c>fatality1</c>).</param>
/// <param name="Orig1">State1 was an originator of the dispute (<c>orig1</c>).</param>
/// <param name="NumA">GML's side-A count repeated on each row (<c>numa</c>); null for COW-MID.</param>
public sealed record MidDirectedYear(
    int Dispnum, int State1, int State2, int Year, bool? Onset, bool SideA1, bool SideA2, int Hostlev1, int Hostlev2,
    int? Hiact1, int? Hiact2, int? Fatality1, int? Fatality2, bool? Orig1, bool? Orig2, int? NumA, int? NumB, RowSource Source)
{
    /// <summary>The dyad's highest hostility level: the larger of the two states' (<c>hihost</c> in dyadic MID terms).</summary>
    public int Hihost => Math.Max(Hostlev1, Hostlev2);

    /// <summary>Both states reached use of force (hostility level 4 or 5) in the dispute.</summary>
    public bool MutualForce => Math.Min(Hostlev1, Hostlev2) >= 4;

    /// <summary>Both states reached war (hostility level 5) in the dispute.</summary>
    public bool MutualWar => Math.Min(Hostlev1, Hostlev2) == 5;
}

/// <summary>One participant row (participant-level file, when imported): a state's part in a dispute.</summary>
public sealed record MidParticipant(
    int Dispnum, int Ccode, string? Abbreviation, int StartYear, int? EndYear, bool SideA, int? HighestAction, int HostilityLevel,
    int? Fatality, bool? Originator, RowSource Source);

/// <summary>
/// MID queries on one coding: COW-MID (kind <c>mid</c>) or Gibler–Miller–Little (kind <c>gml</c>). Reads the store
/// on each call (the directed files have about 11,000 rows).
/// </summary>
public sealed class MidRepository
{
    private readonly ReferenceData _data;
    private readonly string _kind;
    private readonly string _prefix;

    internal MidRepository(ReferenceData data, string kind)
    {
        _data = data;
        _kind = kind;
        _prefix = kind == "gml" ? "gml" : "mid";
    }

    /// <summary>The kind: <c>mid</c> or <c>gml</c>.</summary>
    public string Kind => _kind;

    /// <summary>The release imported (e.g. <c>5.0</c>, <c>2.2.1</c>).</summary>
    public string Version => _data.VersionOf(_kind) ?? "unknown";

    /// <summary>Every dispute, by dispnum.</summary>
    public IReadOnlyList<MidDispute> Disputes() => Disputes("");

    /// <summary>The dispute numbered <paramref name="dispnum"/>, or null.</summary>
    public MidDispute? Dispute(int dispnum) => Disputes("WHERE dispnum = $n", ("$n", dispnum)).FirstOrDefault();

    /// <summary>Disputes that started in <paramref name="fromYear"/>..<paramref name="toYear"/>, inclusive, by dispnum.</summary>
    public IReadOnlyList<MidDispute> DisputesStartedIn(int fromYear, int toYear) =>
        Disputes("WHERE styear BETWEEN $a AND $b", ("$a", fromYear), ("$b", toYear));

    /// <summary>Every directed dispute-year row of one dispute, by year, ccode1, ccode2.</summary>
    public IReadOnlyList<MidDirectedYear> DirectedYears(int dispnum) =>
        Directed($"{_prefix}_dir_dispute_year", "WHERE dispnum = $n ORDER BY year, ccode1, ccode2", ("$n", dispnum));

    /// <summary>
    /// The dispute-years of the pair <paramref name="a"/>, <paramref name="b"/>, oriented a → b (State1 = a), by year
    /// then dispnum: every dispute they were on opposite sides of, one row per year. With
    /// <paramref name="oneDisputePerYear"/>, COW-MID's directed dyad-year file is read instead (peacesciencer's
    /// selection of one dispute per dyad-year); GML has no such file.
    /// </summary>
    public IReadOnlyList<MidDirectedYear> DyadYears(int a, int b, bool oneDisputePerYear = false)
    {
        if (oneDisputePerYear && _kind == "gml")
            throw new InputException("GML MID has no dyad-year file with one dispute per dyad-year; use the directed dispute-years");
        var table = oneDisputePerYear ? "mid_dyad_year" : $"{_prefix}_dir_dispute_year";
        return Directed(table, "WHERE ccode1 = $a AND ccode2 = $b ORDER BY year, dispnum", ("$a", a), ("$b", b));
    }

    /// <summary>The participant rows of one dispute (participant-level file), by side A first, then ccode; empty when that file was not imported.</summary>
    public IReadOnlyList<MidParticipant> Participants(int dispnum)
    {
        using var cmd = _data.Require(_kind).CreateCommand();
        cmd.CommandText = $"""
            SELECT dispnum, ccode, stabb, styear, endyear, sidea, hiact, hostlev, fatality, orig, file_id, line
            FROM {_prefix}_participant WHERE dispnum = $n ORDER BY sidea DESC, ccode, styear
            """;
        cmd.Parameters.AddWithValue("$n", dispnum);
        using var rd = cmd.ExecuteReader();
        var list = new List<MidParticipant>();
        while (rd.Read())
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            list.Add(new MidParticipant(rd.GetInt32(0), rd.GetInt32(1), rd.IsDBNull(2) ? null : rd.GetString(2), rd.GetInt32(3), I(4),
                rd.GetInt32(5) == 1, I(6), rd.GetInt32(7), I(8), I(9) is { } o ? o == 1 : null, _data.Source(rd.GetInt64(10), rd.GetInt32(11))));
        }
        return list;
    }

    private List<MidDispute> Disputes(string where, params (string Name, int Value)[] ps)
    {
        using var cmd = _data.Require(_kind).CreateCommand();
        cmd.CommandText = $"""
            SELECT dispnum, styear, stmon, endyear, endmon, outcome, settle, fatality, mindur, maxdur, hiact, hostlev, recip,
                   numa, numb, file_id, line
            FROM {_prefix}_dispute {where} ORDER BY dispnum
            """;
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v);
        using var rd = cmd.ExecuteReader();
        var list = new List<MidDispute>();
        while (rd.Read())
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            list.Add(new MidDispute(rd.GetInt32(0), rd.GetInt32(1), I(2), I(3), I(4), I(5), I(6), I(7), I(8), I(9), rd.GetInt32(10),
                rd.GetInt32(11), I(12) is { } r ? r == 1 : null, I(13), I(14), _data.Source(rd.GetInt64(15), rd.GetInt32(16))));
        }
        return list;
    }

    private List<MidDirectedYear> Directed(string table, string whereOrder, params (string Name, int Value)[] ps)
    {
        using var cmd = _data.Require(_kind).CreateCommand();
        cmd.CommandText = $"""
            SELECT dispnum, ccode1, ccode2, year, onset, sidea1, sidea2, hostlev1, hostlev2, hiact1, hiact2,
                   fatality1, fatality2, orig1, orig2, numa, numb, file_id, line
            FROM {table} {whereOrder}
            """;
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v);
        using var rd = cmd.ExecuteReader();
        var list = new List<MidDirectedYear>();
        while (rd.Read())
        {
            int? I(int i) => ReferenceData.NullableInt(rd, i);
            bool? B(int i) => I(i) is { } v ? v == 1 : null;
            list.Add(new MidDirectedYear(rd.GetInt32(0), rd.GetInt32(1), rd.GetInt32(2), rd.GetInt32(3), B(4), rd.GetInt32(5) == 1,
                rd.GetInt32(6) == 1, rd.GetInt32(7), rd.GetInt32(8), I(9), I(10), I(11), I(12), B(13), B(14), I(15), I(16),
                _data.Source(rd.GetInt64(17), rd.GetInt32(18))));
        }
        return list;
    }
}
