using Entangle.Domain;

namespace Entangle.Data.Query;

/// <summary>One period of a state's membership in the COW state system.</summary>
public sealed record CowStatePeriod(int Ccode, string Abbreviation, string Name, PartialDate Start, PartialDate End, RowSource Source)
{
    /// <summary>In the system for at least part of <paramref name="year"/>.</summary>
    public bool InSystemIn(int year) => Start.Year <= year && End.Year >= year;
}

/// <summary>One period of major-power status.</summary>
public sealed record CowMajorPeriod(int Ccode, PartialDate Start, PartialDate End, RowSource Source)
{
    /// <summary>A major power for at least part of <paramref name="year"/>.</summary>
    public bool In(int year) => Start.Year <= year && End.Year >= year;
}

/// <summary>A COW state: code, three-letter abbreviation and name (from its latest membership period).</summary>
public sealed record CowState(int Ccode, string Abbreviation, string Name, RowSource Source);

/// <summary>COW state lookups: ccode ↔ abbreviation/name, system membership and major powers by year.</summary>
public sealed class CowStatesRepository
{
    private readonly List<CowStatePeriod> _periods = [];
    private readonly List<CowMajorPeriod> _majors = [];

    internal CowStatesRepository(ReferenceData data)
    {
        var c = data.Require("cow-states");
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT ccode, stateabb, statenme, styear, stmonth, stday, endyear, endmonth, endday, file_id, line FROM cow_state ORDER BY ccode, styear";
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
                _periods.Add(new CowStatePeriod(rd.GetInt32(0), rd.GetString(1), rd.GetString(2),
                    PartialDate.Of(rd.GetInt32(3), ReferenceData.NullableInt(rd, 4), ReferenceData.NullableInt(rd, 5)),
                    PartialDate.Of(rd.GetInt32(6), ReferenceData.NullableInt(rd, 7), ReferenceData.NullableInt(rd, 8)),
                    data.Source(rd.GetInt64(9), rd.GetInt32(10))));
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT ccode, styear, stmonth, stday, endyear, endmonth, endday, file_id, line FROM cow_major ORDER BY ccode, styear";
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
                _majors.Add(new CowMajorPeriod(rd.GetInt32(0),
                    PartialDate.Of(rd.GetInt32(1), ReferenceData.NullableInt(rd, 2), ReferenceData.NullableInt(rd, 3)),
                    PartialDate.Of(rd.GetInt32(4), ReferenceData.NullableInt(rd, 5), ReferenceData.NullableInt(rd, 6)),
                    data.Source(rd.GetInt64(7), rd.GetInt32(8))));
        }
        CoverageEndYear = _periods.Select(p => p.End.Year).DefaultIfEmpty(0).Max();
    }

    /// <summary>The last year the list covers (2016 for v2016).</summary>
    public int CoverageEndYear { get; }

    /// <summary>Every membership period, by ccode and start.</summary>
    public IReadOnlyList<CowStatePeriod> Periods => _periods;

    /// <summary>Every major-power period, by ccode and start.</summary>
    public IReadOnlyList<CowMajorPeriod> MajorPeriods => _majors;

    /// <summary>The state with this COW code (names from its latest period), or null.</summary>
    public CowState? Lookup(int ccode) =>
        _periods.LastOrDefault(p => p.Ccode == ccode) is { } p ? new CowState(p.Ccode, p.Abbreviation, p.Name, p.Source) : null;

    /// <summary>The membership period of <paramref name="ccode"/> covering (part of) <paramref name="year"/>, or null if it was not in the system.</summary>
    public CowStatePeriod? StateIn(int ccode, int year) => _periods.LastOrDefault(p => p.Ccode == ccode && p.InSystemIn(year));

    /// <summary>The state with this COW abbreviation (e.g. <c>RUS</c>, case-insensitive), or null.</summary>
    public CowState? Lookup(string abbreviation) =>
        _periods.LastOrDefault(p => string.Equals(p.Abbreviation, abbreviation, StringComparison.OrdinalIgnoreCase)) is { } p
            ? new CowState(p.Ccode, p.Abbreviation, p.Name, p.Source) : null;

    /// <summary>Like <see cref="Lookup(string)"/> but bad input (with a suggestion) when unknown.</summary>
    public CowState Require(string abbreviation) =>
        Lookup(abbreviation) ?? throw new InputException(
            $"no COW state with abbreviation '{abbreviation}'{Suggest.DidYouMean(abbreviation, _periods.Select(p => p.Abbreviation).Distinct())}");

    /// <summary>COW codes of the states in the system for at least part of <paramref name="year"/>, ascending.</summary>
    public IReadOnlyList<int> SystemMembers(int year) =>
        _periods.Where(p => p.InSystemIn(year)).Select(p => p.Ccode).Distinct().Order().ToList();

    /// <summary>True if <paramref name="ccode"/> was in the system for at least part of <paramref name="year"/>.</summary>
    public bool InSystem(int ccode, int year) => _periods.Any(p => p.Ccode == ccode && p.InSystemIn(year));

    /// <summary>COW codes of the major powers for at least part of <paramref name="year"/>, ascending.</summary>
    public IReadOnlyList<int> MajorPowers(int year) =>
        _majors.Where(m => m.In(year)).Select(m => m.Ccode).Distinct().Order().ToList();

    /// <summary>True if <paramref name="ccode"/> was a major power for at least part of <paramref name="year"/>.</summary>
    public bool IsMajorPower(int ccode, int year) => _majors.Any(m => m.Ccode == ccode && m.In(year));
}

/// <summary>
/// One state-year of COW National Material Capabilities; null fields are missing in the source. Units: milex
/// thousands (current £ before 1914, current US$ from 1914), milper thousands, irst thousand tons, pec thousand
/// coal-ton equivalents, tpop/upop thousands, cinc share of the system total.
/// </summary>
public sealed record NmcRecord(int Ccode, int Year, double? Milex, double? Milper, double? Irst, double? Pec,
    double? Tpop, double? Upop, double? Cinc, RowSource Source);

/// <summary>NMC lookups.</summary>
public sealed class NmcRepository
{
    private readonly ReferenceData _data;

    internal NmcRepository(ReferenceData data) => _data = data;

    /// <summary>The NMC row for a state-year, or null if the file has none.</summary>
    public NmcRecord? Get(int ccode, int year)
    {
        var c = _data.Require("cow-nmc");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT milex, milper, irst, pec, tpop, upop, cinc, file_id, line FROM cow_nmc WHERE ccode = $c AND year = $y";
        cmd.Parameters.AddWithValue("$c", ccode);
        cmd.Parameters.AddWithValue("$y", year);
        using var rd = cmd.ExecuteReader();
        if (!rd.Read()) return null;
        double? D(int i) => ReferenceData.NullableDouble(rd, i);
        return new NmcRecord(ccode, year, D(0), D(1), D(2), D(3), D(4), D(5), D(6), _data.Source(rd.GetInt64(7), rd.GetInt32(8)));
    }

    /// <summary>The last year with any NMC row.</summary>
    public int CoverageEndYear()
    {
        using var cmd = _data.Require("cow-nmc").CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(year), 0) FROM cow_nmc";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One SIPRI cell: <see cref="Value"/> is null when SIPRI marks the cell unavailable (<c>...</c>) or the country
/// as not independent (<c>xxx</c>); <see cref="Status"/> says which (<c>value</c>, <c>unavailable</c>,
/// <c>not_independent</c>).
/// </summary>
public sealed record SipriValue(string Country, string Measure, int Year, double? Value, string Status, string? Notes, RowSource Source);

/// <summary>SIPRI military expenditure lookups by SIPRI country name (e.g. <c>Russia</c>, <c>Korea, North</c>).</summary>
public sealed class SipriRepository
{
    private readonly ReferenceData _data;

    internal SipriRepository(ReferenceData data) => _data = data;

    /// <summary>The SIPRI country names, ordinal order.</summary>
    public IReadOnlyList<string> Countries()
    {
        using var cmd = _data.Require("sipri-milex").CreateCommand();
        cmd.CommandText = "SELECT DISTINCT country FROM sipri_milex";
        using var rd = cmd.ExecuteReader();
        var list = new List<string>();
        while (rd.Read()) list.Add(rd.GetString(0));
        return list.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>The measures imported (<c>current_usd_m</c>, <c>constant_usd_m</c>, <c>share_gdp</c>, …), ordinal order.</summary>
    public IReadOnlyList<string> Measures()
    {
        using var cmd = _data.Require("sipri-milex").CreateCommand();
        cmd.CommandText = "SELECT DISTINCT measure FROM sipri_milex";
        using var rd = cmd.ExecuteReader();
        var list = new List<string>();
        while (rd.Read()) list.Add(rd.GetString(0));
        return list.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The cell for a country, measure and year; null when the sheet has no cell there. An unknown country or
    /// measure is bad input, with a suggestion.
    /// </summary>
    public SipriValue? Get(string country, int year, string measure = "current_usd_m")
    {
        var c = _data.Require("sipri-milex");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT country, value, status, notes, file_id, line, col FROM sipri_milex WHERE country = $c COLLATE NOCASE AND measure = $m AND year = $y";
        cmd.Parameters.AddWithValue("$c", country);
        cmd.Parameters.AddWithValue("$m", measure);
        cmd.Parameters.AddWithValue("$y", year);
        using (var rd = cmd.ExecuteReader())
            if (rd.Read())
                return new SipriValue(rd.GetString(0), measure, year, ReferenceData.NullableDouble(rd, 1), rd.GetString(2),
                    rd.IsDBNull(3) ? null : rd.GetString(3), _data.Source(rd.GetInt64(4), rd.GetInt32(5), rd.GetInt32(6)));
        var measures = Measures();
        if (!measures.Contains(measure, StringComparer.Ordinal))
            throw new InputException($"SIPRI measure '{measure}' was not imported{Suggest.DidYouMean(measure, measures)}; imported: {string.Join(", ", measures)}");
        var countries = Countries();
        if (!countries.Contains(country, StringComparer.OrdinalIgnoreCase))
            throw new InputException($"no SIPRI country '{country}'{Suggest.DidYouMean(country, countries)}");
        return null;
    }
}

/// <summary>
/// Trade between two states in a year, oriented as asked: <see cref="ImportsOfAFromB"/> is A's imports from B, in
/// current million US$; null where COW codes the flow as missing.
/// </summary>
public sealed record TradeFlows(int A, int B, int Year, double? ImportsOfAFromB, double? ImportsOfBFromA,
    double? SmoothedImportsOfAFromB, double? SmoothedImportsOfBFromA, RowSource Source);

/// <summary>COW dyadic trade lookups.</summary>
public sealed class TradeRepository
{
    private readonly ReferenceData _data;

    internal TradeRepository(ReferenceData data) => _data = data;

    /// <summary>The flows between <paramref name="a"/> and <paramref name="b"/> in <paramref name="year"/>, or null if the file has no such dyad-year.</summary>
    public TradeFlows? Flows(int a, int b, int year)
    {
        using var cmd = _data.Require("cow-trade").CreateCommand();
        cmd.CommandText = """
            SELECT ccode1, flow1, flow2, smoothflow1, smoothflow2, file_id, line FROM cow_trade_dyad
            WHERE year = $y AND ((ccode1 = $a AND ccode2 = $b) OR (ccode1 = $b AND ccode2 = $a))
            ORDER BY ccode1 = $a DESC LIMIT 1
            """;
        cmd.Parameters.AddWithValue("$a", a);
        cmd.Parameters.AddWithValue("$b", b);
        cmd.Parameters.AddWithValue("$y", year);
        using var rd = cmd.ExecuteReader();
        if (!rd.Read()) return null;
        double? D(int i) => ReferenceData.NullableDouble(rd, i);
        var src = _data.Source(rd.GetInt64(5), rd.GetInt32(6));
        return rd.GetInt32(0) == a
            ? new TradeFlows(a, b, year, D(1), D(2), D(3), D(4), src)
            : new TradeFlows(a, b, year, D(2), D(1), D(4), D(3), src);
    }
}
