namespace Entangle.Data.Store;

/// <summary>
/// The ICB and MID tables, declared once: importers bind them to the files' headers, <see cref="Schema"/> creates
/// them, docs/data.md lists them. Column names are the codebooks' (ICB v15, COW-MID 5.0, GML 2.x); only the columns
/// the backtest and calibration (issue 11) need are kept.
/// </summary>
internal static class ConflictTables
{
    private static readonly int[] IcbDayCodes = [66, 77, 88, 99];

    private static ColumnSpec Year(string name, bool required = false, bool notNull = false) =>
        new(name, Required: required, NotNull: notNull, Min: 1800, Max: 2100);

    private static ColumnSpec Month(string name, bool required = false) => new(name, Required: required, Min: 1, Max: 12);

    /// <summary>
    /// A MID month: at least 1, with no upper bound, because GML 2.2.1 codes dispute 1272 with <c>stmon = 13</c>
    /// (and its directed rows with <c>endmon = 19</c>); kept as in the file (docs/data.md).
    /// </summary>
    private static ColumnSpec MidMonth(string name) => new(name, Min: 1);

    private static ColumnSpec IcbDay(string name, bool required = false) => new(name, Required: required, Min: 1, Max: 31, Codes: IcbDayCodes);

    private static ColumnSpec Scale(string name, int min, int max, bool required = false, bool notNull = false) =>
        new(name, Required: required, NotNull: notNull, Min: min, Max: max);

    private static ColumnSpec Opt(string name) => new(name);

    /// <summary>ICB crisis level (<c>icb1v15.csv</c>): one row per international crisis.</summary>
    public static readonly TableSpec IcbCrisis = new("icb_crisis",
    [
        ColumnSpec.Key("crisno", min: 1),
        new("crisname", ColumnType.Text, Required: true, NotNull: true),
        Opt("break"), Opt("trigent"),
        Year("yrtrig", required: true, notNull: true), Month("motrig", required: true), IcbDay("datrig", required: true),
        Year("yrterm", required: true), Month("moterm", required: true), IcbDay("daterm", required: true),
        new("brexit", Required: true, Min: 0),
        Scale("gravcr", 0, 7), Opt("crismg"), Scale("cenviosy", 1, 4), Scale("sevviosy", 1, 4),
        Scale("viol", 1, 4, required: true, notNull: true), Scale("timvio", 1, 4, required: true),
        Opt("iwcmb"), Opt("noactr"), Opt("cractr"), Opt("gpinv"), Opt("powinv"), Opt("usinv"), Opt("suinv"),
        Opt("outesr"), Opt("forout"), Opt("subout"), Opt("exsat"),
        Opt("geog"), Opt("period"), Opt("syslevsy"), Opt("protrac"), Opt("pcid"), Opt("powdissy"), Opt("ethnic"),
    ], ["crisno"]);

    /// <summary>ICB actor level (<c>icb2v15.csv</c>): one row per crisis actor (a state may have several rows in one crisis).</summary>
    public static readonly TableSpec IcbActor = new("icb_actor",
    [
        ColumnSpec.Key("cracno", min: 1), ColumnSpec.Key("crisno", min: 1), ColumnSpec.Key("cracid", min: 1),
        new("actor", ColumnType.Text, Required: true, NotNull: true),
        Year("systrgyr"), Month("systrgmo"), IcbDay("systrgda"),
        Opt("triggr"),
        Year("yrtrig", required: true, notNull: true), Month("motrig", required: true), IcbDay("datrig", required: true),
        Opt("trigent"), Opt("southv"), Opt("southpow"),
        Scale("majres", 1, 9, required: true), Year("yerres"), Month("monres"), IcbDay("dayres"), new("trgresra", Min: 0),
        Opt("crismg"), Scale("cenvio", 1, 4), Scale("sevvio", 1, 4), Opt("usinv"), Opt("suinv"),
        Scale("outcom", 1, 9, required: true), Opt("outfor"), Opt("outevl"), Opt("outesr"),
        Year("yrterm", required: true), Month("moterm", required: true), IcbDay("daterm", required: true),
        new("trgterra", Required: true, Min: 0), new("resterra", Min: 0),
        Opt("actloc"), Opt("geog"), Opt("cractloc"), Opt("noactr"), Opt("period"), Opt("syslev"),
        Opt("pc"), Opt("pcid"), Scale("viol", 1, 4, required: true, notNull: true), Opt("iwc"), Opt("powdis"),
        Opt("gpinv"), Opt("powinv"), Opt("age"), Opt("territ"), Opt("regime"), Opt("allycap"),
        Scale("nuclear", 1, 4), Opt("powsta"), Opt("issue"), Opt("gravty"),
    ], ["cracno"], [["crisno"], ["cracid"]]);

    /// <summary>ICB dyadic level (<c>icbdy_v15.csv</c>): one row per crisis dyad and year (<c>crdynum</c> numbers the dyad).</summary>
    public static readonly TableSpec IcbDyadYear = new("icb_dyad_year",
    [
        ColumnSpec.Key("crdynum", min: 1), Year("year", required: true, notNull: true), ColumnSpec.Key("crisno", min: 1),
        ColumnSpec.Key("statea", min: 1), new("namea", ColumnType.Text, Required: true), new("actnuma", Required: true, Min: 1, NullCodes: [9999]),
        ColumnSpec.Key("stateb", min: 1), new("nameb", ColumnType.Text, Required: true), new("actnumb", Required: true, Min: 1, NullCodes: [9999]),
        Year("trgyrdy", required: true), Month("trgmody", required: true), IcbDay("trgdady", required: true),
        Year("trmyrdy", required: true), Month("trmmody", required: true), IcbDay("trmdady", required: true),
        Scale("ongoing", 0, 1),
    ], ["crdynum", "year"], [["crisno"], ["statea", "stateb"]]);

    /// <summary>MID dispute level (COW <c>MIDA</c> or its peacesciencer abridgement <c>cow_mid_disps</c>; GML likewise).</summary>
    public static TableSpec Dispute(string prefix) => new($"{prefix}_dispute",
    [
        ColumnSpec.Key("dispnum", min: 1),
        Year("styear", required: true, notNull: true), MidMonth("stmon"), Scale("stday", 1, 31),
        Year("endyear"), MidMonth("endmon"), Scale("endday", 1, 31),
        Scale("outcome", 1, 9, required: true), Scale("settle", 1, 4, required: true), Scale("fatality", 0, 6, required: true),
        new("fatalpre", Min: 0), new("mindur", Min: 0), new("maxdur", Min: 0),
        Scale("hiact", 0, 21, required: true, notNull: true), Scale("hostlev", 1, 5, required: true, notNull: true),
        Scale("recip", 0, 1), new("numa", Min: 1), new("numb", Min: 1), new("version", ColumnType.Text),
    ], ["dispnum"]);

    /// <summary>MID participant level (COW <c>MIDB</c>; GML likewise): one row per state and dispute (per spell).</summary>
    public static TableSpec Participant(string prefix) => new($"{prefix}_participant",
    [
        ColumnSpec.Key("dispnum", min: 1), ColumnSpec.Key("ccode", min: 1), new("stabb", ColumnType.Text),
        Year("styear", required: true, notNull: true), MidMonth("stmon"), Year("endyear"), MidMonth("endmon"),
        Scale("sidea", 0, 1, required: true, notNull: true), Scale("revstate", 0, 1), Scale("fatality", 0, 6), new("fatalpre", Min: 0),
        Scale("hiact", 0, 21, required: true), Scale("hostlev", 1, 5, required: true, notNull: true), Scale("orig", 0, 1),
        new("version", ColumnType.Text),
    ], [], [["dispnum"], ["ccode"]]);

    /// <summary>
    /// MID directed dispute-year: one row per dispute, ordered pair of states on opposite sides, and year
    /// (peacesciencer <c>cow_mid_dirdisps</c>, <c>gml_dirdisp</c>). <paramref name="table"/> names the table, so the
    /// same layout serves <c>cow_mid_ddydisps</c> (one dispute per dyad-year).
    /// </summary>
    public static TableSpec DirectedDisputeYear(string table) => new(table,
    [
        ColumnSpec.Key("dispnum", min: 1), ColumnSpec.Key("ccode1", min: 1), ColumnSpec.Key("ccode2", min: 1),
        Year("year", required: true, notNull: true),
        new("onset", Min: 0, Max: 1, Aliases: ["disponset", "midonset", "cowmidonset"]),
        Scale("sidea1", 0, 1, required: true, notNull: true), Scale("sidea2", 0, 1, required: true, notNull: true),
        Scale("revstate1", 0, 1), Scale("revstate2", 0, 1),
        Scale("fatality1", 0, 6), Scale("fatality2", 0, 6), new("fatalpre1", Min: 0), new("fatalpre2", Min: 0),
        Scale("hiact1", 0, 21, required: true), Scale("hiact2", 0, 21, required: true),
        Scale("hostlev1", 1, 5, required: true, notNull: true), Scale("hostlev2", 1, 5, required: true, notNull: true),
        Scale("orig1", 0, 1), Scale("orig2", 0, 1),
        new("numa", Min: 1), new("numb", Min: 1), new("version", ColumnType.Text),
    ], ["dispnum", "ccode1", "ccode2", "year"], [["ccode1", "ccode2", "year"]]);

    /// <summary>COW-MID 5.0 tables (kind <c>mid</c>).</summary>
    public static readonly TableSpec MidDispute = Dispute("mid"), MidParticipant = Participant("mid"),
        MidDirected = DirectedDisputeYear("mid_dir_dispute_year"), MidDyadYear = DirectedDisputeYear("mid_dyad_year");

    /// <summary>Gibler–Miller–Little MID tables (kind <c>gml</c>).</summary>
    public static readonly TableSpec GmlDispute = Dispute("gml"), GmlParticipant = Participant("gml"),
        GmlDirected = DirectedDisputeYear("gml_dir_dispute_year");

    /// <summary>Every table declared here, for <see cref="Schema"/>.</summary>
    public static readonly IReadOnlyList<TableSpec> All =
        [IcbCrisis, IcbActor, IcbDyadYear, MidDispute, MidParticipant, MidDirected, MidDyadYear, GmlDispute, GmlParticipant, GmlDirected];
}
