using Entangle.Domain;

namespace Entangle.Data.Query;

/// <summary>The five primary ATOP obligations (codebook variables <c>defense offense neutral nonagg consul</c>).</summary>
public sealed record AtopObligations(bool Defense, bool Offense, bool Neutrality, bool NonAggression, bool Consultation)
{
    /// <summary>The obligations present, as the codebook names them (<c>defense</c>, …), in that fixed order.</summary>
    public IReadOnlyList<string> Names =>
        new[] { (Defense, "defense"), (Offense, "offense"), (Neutrality, "neutral"), (NonAggression, "nonagg"), (Consultation, "consul") }
            .Where(x => x.Item1).Select(x => x.Item2).ToList();
}

/// <summary>
/// Conditions on a member's defense obligation (codebook <c>defcon</c> and <c>defco*</c>); null where the file
/// lacks the column or leaves it empty.
/// </summary>
public sealed record AtopDefenseConditions(
    bool? Conditional, bool? SpecificAdversary, bool? Location, bool? SpecificConflict,
    bool? NumberOfAdversaries, bool? DemandsMet, bool? NotProvoked);

/// <summary>
/// One row of the ATOP member-level file: one member's obligations in one phase (or one membership spell) of an
/// alliance. <see cref="Exit"/> is null when the file codes <c>yrexit = 0</c> (still a member at the end of the
/// data).
/// </summary>
public sealed record AtopMembership(
    int AtopId,
    int Member,
    int Phase,
    PartialDate Entry,
    PartialDate? Exit,
    bool InEffectAtEndOfData,
    AtopObligations Obligations,
    bool? Conditional,
    AtopDefenseConditions DefenseConditions,
    int? SpecificThreat,
    bool? Bilateral,
    bool? Asymmetric,
    RowSource Source)
{
    /// <summary>
    /// In effect in <paramref name="year"/>: entered in or before the year and, unless still in effect at the end
    /// of the data (<c>yrexit = 0</c>), left in or after it. A row counts for every year it touches, even in part.
    /// </summary>
    public bool InEffectIn(int year) => Entry.Year <= year && (Exit is null || Exit.Value.Year >= year);
}

/// <summary>One row of the ATOP alliance-level file.</summary>
public sealed record AtopAlliance(
    int AtopId,
    PartialDate Begin,
    PartialDate? End,
    bool InEffectAtEndOfData,
    AtopObligations Obligations,
    bool? Bilateral,
    bool? Asymmetric,
    bool? Conditional,
    int? MaxPhase,
    int? SpecificThreat,
    int? MilitaryContact,
    int? MilitaryAid,
    int? Bases,
    int? Organization,
    RowSource Source)
{
    /// <summary>In effect in <paramref name="year"/>: <c>begyr ≤ year</c> and (<c>endyr = 0</c> or <c>endyr ≥ year</c>).</summary>
    public bool InEffectIn(int year) => Begin.Year <= year && (End is null || End.Value.Year >= year);
}

/// <summary>
/// A directed obligation edge for a year: <see cref="From"/> has, through alliance <see cref="AtopId"/>, taken on
/// <see cref="Obligations"/> toward its co-member <see cref="To"/>. Obligations are those of From's member-level
/// rows in effect in the year (OR-ed when two phases of the same alliance touch the year).
/// </summary>
public sealed record AtopObligationEdge(int From, int To, int AtopId, AtopObligations Obligations, IReadOnlyList<RowSource> Sources);

/// <summary>
/// ATOP queries for the obligations engine. The whole dataset (about 3,300 rows for 5.1) is read once into memory.
/// The definition of "in effect in year Y" is in docs/data.md and on <see cref="AtopMembership.InEffectIn"/>.
/// </summary>
public sealed class AtopRepository
{
    private readonly List<AtopAlliance> _alliances = [];
    private readonly List<AtopMembership> _members = [];

    internal AtopRepository(ReferenceData data)
    {
        var c = data.Require("atop");
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                SELECT atopid, begyr, begmo, begday, endyr, endmo, endday, ineffect, defense, offense, neutral, nonagg, consul,
                       bilat, asymm, conditio, maxphase, specthrt, milcon, milaid, base, organ1, file_id, line
                FROM atop_alliance ORDER BY atopid
                """;
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
            {
                int? I(int i) => ReferenceData.NullableInt(rd, i);
                bool? B(int i) => I(i) is { } v ? v != 0 : null;
                var endyr = rd.GetInt32(4);
                _alliances.Add(new AtopAlliance(
                    rd.GetInt32(0),
                    PartialDate.Of(rd.GetInt32(1), I(2), I(3)),
                    endyr == 0 ? null : PartialDate.Of(endyr, I(5), I(6)),
                    rd.GetInt32(7) == 1,
                    new AtopObligations(rd.GetInt32(8) == 1, rd.GetInt32(9) == 1, rd.GetInt32(10) == 1, rd.GetInt32(11) == 1, rd.GetInt32(12) == 1),
                    B(13), B(14), B(15), I(16), I(17), I(18), I(19), I(20), I(21),
                    data.Source(rd.GetInt64(22), rd.GetInt32(23))));
            }
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                SELECT atopid, member, phase, yrent, moent, dayent, yrexit, moexit, dayexit, ineffect,
                       defense, offense, neutral, nonagg, consul, conditio,
                       defcon, defcoadv, defcoloc, defcocon, defconum, defcodem, defconpr,
                       specthrt, bilat, asymm, file_id, line
                FROM atop_member ORDER BY atopid, member, yrent, phase, line
                """;
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
            {
                int? I(int i) => ReferenceData.NullableInt(rd, i);
                bool? B(int i) => I(i) is { } v ? v != 0 : null;
                var yrexit = rd.GetInt32(6);
                _members.Add(new AtopMembership(
                    rd.GetInt32(0), rd.GetInt32(1), rd.GetInt32(2),
                    PartialDate.Of(rd.GetInt32(3), I(4), I(5)),
                    yrexit == 0 ? null : PartialDate.Of(yrexit, I(7), I(8)),
                    rd.GetInt32(9) == 1,
                    new AtopObligations(rd.GetInt32(10) == 1, rd.GetInt32(11) == 1, rd.GetInt32(12) == 1, rd.GetInt32(13) == 1, rd.GetInt32(14) == 1),
                    B(15),
                    new AtopDefenseConditions(B(16), B(17), B(18), B(19), B(20), B(21), B(22)),
                    I(23), B(24), B(25),
                    data.Source(rd.GetInt64(26), rd.GetInt32(27))));
            }
        }
        var years = _alliances.SelectMany(a => new[] { a.Begin.Year, a.End?.Year ?? 0 })
            .Concat(_members.SelectMany(m => new[] { m.Entry.Year, m.Exit?.Year ?? 0 }));
        var observed = years.DefaultIfEmpty(0).Max();
        Version = data.VersionOf("atop") ?? "unknown";
        CoverageEndYear = KnownCoverageEnd.TryGetValue(Version, out var end) ? Math.Max(end, observed) : observed;
        CoverageStartYear = _alliances.Select(a => a.Begin.Year).Concat(_members.Select(m => m.Entry.Year)).DefaultIfEmpty(0).Min();
    }

    /// <summary>
    /// The last year each known release codes (ATOP codebooks: 5.0 and 5.1 cover 1815-2018). For other releases
    /// the last year appearing in any date field is used.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> KnownCoverageEnd =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["5.0"] = 2018, ["5.1"] = 2018 };

    /// <summary>The release imported, e.g. <c>5.1</c>.</summary>
    public string Version { get; }

    /// <summary>The first year coded (1815 for ATOP 5.1).</summary>
    public int CoverageStartYear { get; }

    /// <summary>The end of the data: the release's last year (2018 for ATOP 5.1), see <see cref="KnownCoverageEnd"/>.</summary>
    public int CoverageEndYear { get; }

    /// <summary>Every alliance-level row, by atopid.</summary>
    public IReadOnlyList<AtopAlliance> Alliances => _alliances;

    /// <summary>Every member-level row, by atopid, member, entry year, phase.</summary>
    public IReadOnlyList<AtopMembership> Memberships => _members;

    /// <summary>The alliance-level row of <paramref name="atopId"/>, or null.</summary>
    public AtopAlliance? Alliance(int atopId) => _alliances.FirstOrDefault(a => a.AtopId == atopId);

    /// <summary>Every member-level row of one alliance (all phases and spells).</summary>
    public IReadOnlyList<AtopMembership> Members(int atopId) => _members.Where(m => m.AtopId == atopId).ToList();

    /// <summary>The distinct member states (COW codes) of one alliance over its whole life, ascending.</summary>
    public IReadOnlyList<int> MemberStates(int atopId) =>
        _members.Where(m => m.AtopId == atopId).Select(m => m.Member).Distinct().Order().ToList();

    /// <summary>
    /// Member-level rows in effect in <paramref name="year"/> (see <see cref="AtopMembership.InEffectIn"/>), by
    /// atopid, member, entry, phase. A member whose alliance changed phase during the year has two rows.
    /// A year after <see cref="CoverageEndYear"/> is refused unless <paramref name="carryForward"/> is set, in which
    /// case rows still in effect at the end of the data are assumed to continue (a judgement the caller must label).
    /// </summary>
    public IReadOnlyList<AtopMembership> MemberObligations(int year, bool carryForward = false)
    {
        CheckYear(year, carryForward);
        return _members.Where(m => m.InEffectIn(year)).ToList();
    }

    /// <summary>Alliance-level rows in effect in <paramref name="year"/> (same rules as <see cref="MemberObligations"/>).</summary>
    public IReadOnlyList<AtopAlliance> AlliancesInEffect(int year, bool carryForward = false)
    {
        CheckYear(year, carryForward);
        return _alliances.Where(a => a.InEffectIn(year)).ToList();
    }

    /// <summary>
    /// Directed obligation edges in <paramref name="year"/>: for every alliance and every ordered pair of distinct
    /// members A, B that both have a member-level row in effect in the year, an edge A→B carrying A's obligations
    /// (OR over A's rows in effect that year). Edges with no obligation at all are omitted. Ordered by from, to, atopid.
    /// </summary>
    public IReadOnlyList<AtopObligationEdge> ObligationEdges(int year, bool carryForward = false)
    {
        var edges = new List<AtopObligationEdge>();
        foreach (var alliance in MemberObligations(year, carryForward).GroupBy(m => m.AtopId))
        {
            var byMember = alliance.GroupBy(m => m.Member).OrderBy(g => g.Key).ToList();
            foreach (var a in byMember)
            {
                var o = new AtopObligations(
                    a.Any(r => r.Obligations.Defense), a.Any(r => r.Obligations.Offense), a.Any(r => r.Obligations.Neutrality),
                    a.Any(r => r.Obligations.NonAggression), a.Any(r => r.Obligations.Consultation));
                if (o.Names.Count == 0) continue;
                var sources = a.Select(r => r.Source).ToList();
                foreach (var b in byMember)
                    if (b.Key != a.Key) edges.Add(new AtopObligationEdge(a.Key, b.Key, alliance.Key, o, sources));
            }
        }
        return edges.OrderBy(e => e.From).ThenBy(e => e.To).ThenBy(e => e.AtopId).ToList();
    }

    /// <summary>
    /// Defense partners in <paramref name="year"/>: for each state A, the distinct states B ≠ A such that some
    /// alliance has member-level rows for both A and B in effect in the year and one of A's rows has
    /// <c>defense = 1</c> (A has promised to defend its allies in that alliance). States without any partner are
    /// absent. Keys and partner lists ascending. This is the count docs/data.md defines.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> DefensePartners(int year, bool carryForward = false)
    {
        var result = new SortedDictionary<int, IReadOnlyList<int>>();
        foreach (var g in ObligationEdges(year, carryForward).Where(e => e.Obligations.Defense).GroupBy(e => e.From))
            result[g.Key] = g.Select(e => e.To).Distinct().Order().ToList();
        return result;
    }

    private void CheckYear(int year, bool carryForward)
    {
        if (year > CoverageEndYear && !carryForward)
            throw new InputException(
                $"ATOP as imported ends in {CoverageEndYear}; {year} is outside its coverage. Obligations after {CoverageEndYear} " +
                "must come from a scenario, or be carried forward explicitly (an assumption: alliances in effect at the end of the data continue).");
    }
}
