using System.Text.RegularExpressions;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// Militarized Interstate Dispute files, for the two codings that share the MID layout: COW-MID (kind <c>mid</c>)
/// and Gibler–Miller–Little (kind <c>gml</c>). Each may have a dispute-level file, a participant-level file and a
/// directed dispute-year file; COW-MID may also have peacesciencer's directed dyad-year file (one dispute per
/// dyad-year). Missing values are empty, <c>NA</c> or <c>-9</c>.
/// </summary>
public abstract class MidFamilyImporter : DatasetImporter
{
    /// <summary>One file role: its name in provenance, its table, the file names that play it.</summary>
    private protected sealed record Part(string Role, TableSpec Spec, string[] Patterns);

    private protected abstract Part DisputePart { get; }
    private protected abstract Part ParticipantPart { get; }
    private protected abstract Part DirectedPart { get; }
    private protected abstract Part? DyadYearPart { get; }

    private IEnumerable<Part> Parts => new[] { DisputePart, ParticipantPart, DirectedPart, DyadYearPart }.OfType<Part>();

    /// <inheritdoc/>
    public override bool Finds(string dir) => Parts.Any(p => CsvImport.FindFile(dir, p.Patterns) is not null);

    /// <summary>The version to record when the files state none, or null; <paramref name="lastStartYear"/> is the last dispute start year read.</summary>
    private protected abstract string? VersionFromCoverage(IReadOnlyList<string> fileNames, int? lastStartYear);

    /// <summary>A value of a <c>version</c> column as the release number (GML writes <c>gml-2.2.1</c>).</summary>
    private protected virtual string NormaliseVersion(string raw) => VersionText(raw);

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        var files = new Dictionary<Part, string>();
        if (Directory.Exists(path))
        {
            foreach (var p in Parts)
                if (CsvImport.FindFile(path, p.Patterns) is { } f) files[p] = f;
            if (files.Count == 0)
                throw new InputException(path, $"no {Dataset} files here: expected {string.Join(", ", Parts.Select(p => p.Patterns[0].Replace(@"\.", ".")))}");
        }
        else files[RoleOf(path)] = path;

        session.ClearPrevious(Parts.Select(p => p.Spec.Table).ToArray());
        var missing = CsvImport.CowMissing;
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        void Version(TableSpec spec, object?[] v)
        {
            if (v[spec.IndexOf("version")] is string s && s.Length > 0) versions.Add(NormaliseVersion(s));
        }

        var disputes = new HashSet<int>();
        int? lastStart = null;
        var disputeFile = files.GetValueOrDefault(DisputePart);
        if (disputeFile is not null)
        {
            var d = DisputePart.Spec;
            foreach (var (v, _) in TableImport.Run(session, d, disputeFile, DisputePart.Role, missing, (row, t, v) =>
                     {
                         if (d.Int(v, "endyear") is { } end && end < d.Int(v, "styear"))
                             row.Problem(t.FileColumn("endyear"), $"endyear {end} is before styear {d.Int(v, "styear")}");
                         if (d.Int(v, "mindur") is { } lo && d.Int(v, "maxdur") is { } hi && lo > hi)
                             row.Problem(t.FileColumn("mindur"), $"mindur {lo} is greater than maxdur {hi}");
                     }))
            {
                disputes.Add(d.Int(v, "dispnum")!.Value);
                lastStart = Math.Max(lastStart ?? int.MinValue, d.Int(v, "styear")!.Value);
                Version(d, v);
            }
        }

        void KnownDispute(Csv.CsvRow row, BoundTable t, int dispnum)
        {
            if (disputeFile is not null && !disputes.Contains(dispnum))
                row.Problem(t.FileColumn("dispnum"), $"dispnum {dispnum} is not in the dispute-level file {Path.GetFileName(disputeFile)}");
        }

        if (files.GetValueOrDefault(ParticipantPart) is { } participantFile)
        {
            var p = ParticipantPart.Spec;
            foreach (var (v, _) in TableImport.Run(session, p, participantFile, ParticipantPart.Role, missing, (row, t, v) =>
                     {
                         KnownDispute(row, t, p.Int(v, "dispnum")!.Value);
                         if (p.Int(v, "endyear") is { } end && end < p.Int(v, "styear"))
                             row.Problem(t.FileColumn("endyear"), $"endyear {end} is before styear {p.Int(v, "styear")}");
                     }))
                Version(p, v);
        }

        foreach (var part in new[] { DirectedPart, DyadYearPart }.OfType<Part>())
        {
            if (files.GetValueOrDefault(part) is not { } file) continue;
            var s = part.Spec;
            foreach (var (v, _) in TableImport.Run(session, s, file, part.Role, missing, (row, t, v) =>
                     {
                         KnownDispute(row, t, s.Int(v, "dispnum")!.Value);
                         if (s.Int(v, "ccode1") == s.Int(v, "ccode2"))
                             row.Problem(t.FileColumn("ccode2"), $"ccode1 and ccode2 are both {s.Int(v, "ccode1")}");
                         else if (s.Int(v, "sidea1") == s.Int(v, "sidea2"))
                             row.Problem(t.FileColumn("sidea2"),
                                 $"ccode1 {s.Int(v, "ccode1")} and ccode2 {s.Int(v, "ccode2")} are on the same side (sidea1 = sidea2 = {s.Int(v, "sidea1")}); a directed dyad joins opposite sides");
                     }))
                Version(s, v);
        }

        var names = session.Files.Select(f => f.FileName).ToList();
        var inferred = versions.Count == 0 && options.Version is null ? VersionFromCoverage(names, lastStart) : null;
        var version = inferred ?? ResolveVersion(session, versions, options, path, name =>
            Regex.Match(name, @"mid[ab][_-](\d+(?:\.\d+)+)", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : null);
        var roles = string.Join(", ", Parts.Where(files.ContainsKey).Select(p => p.Role));
        var notes = $"files: {roles}; -9 (missing) stored as NULL" +
                    (inferred is not null ? $"; version {inferred} inferred from coverage (disputes to {lastStart}); the files carry no version column" : "");
        return session.Commit(Dataset, version, Citation, Licence, SourceFormat(names), path, notes);
    }

    /// <summary>The source format recorded for the files imported.</summary>
    private protected abstract string SourceFormat(IReadOnlyList<string> fileNames);

    private Part RoleOf(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var p in Parts)
            if (p.Patterns.Any(rx => Regex.IsMatch(name, "^" + rx + "$", RegexOptions.IgnoreCase))) return p;
        var header = CsvImport.PeekHeader(file) ?? throw new InputException(file, "the file is empty");
        bool Has(string c) => header.Contains(c, StringComparer.OrdinalIgnoreCase);
        if (Has("ccode1") && Has("ccode2")) return DirectedPart;
        if (Has("ccode") && Has("sidea")) return ParticipantPart;
        if (Has("dispnum") && Has("hostlev")) return DisputePart;
        throw new InputException(file,
            "not a MID file: a dispute-level file has 'dispnum' and 'hostlev', a participant file 'ccode' and 'sidea', a directed file 'ccode1' and 'ccode2'");
    }
}

/// <summary>
/// Correlates of War Militarized Interstate Disputes, v5.0: the COW files (<c>MIDA_5.0.csv</c>, <c>MIDB_5.0.csv</c>)
/// or peacesciencer's exports (<c>cow_mid_disps.csv</c>, <c>cow_mid_dirdisps.csv</c>, <c>cow_mid_ddydisps.csv</c>).
/// </summary>
public sealed class CowMidImporter : MidFamilyImporter
{
    public override string Kind => "mid";
    public override string Dataset => "Correlates of War Militarized Interstate Disputes (COW-MID)";
    public override string Expects =>
        "the folder holding cow_mid_disps.csv, cow_mid_dirdisps.csv and cow_mid_ddydisps.csv (peacesciencer) or MIDA_5.0.csv and MIDB_5.0.csv (COW), or one of them";
    public override string Citation =>
        "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela Karstens, Chase Bloch, Nick Dietrich, " +
        "Kayla Kahn, Kellan Ritter, and Michael J. Soules. 2022. \"The MID5 Dataset, 2011-2014: Procedures, Coding Rules, and " +
        "Description.\" Conflict Management and Peace Science 39(4): 470-482; directed dispute-year files: Miller, Steven V. 2022. " +
        "\"peacesciencer: An R Package for Quantitative Peace Science Research.\" Conflict Management and Peace Science 39(6): 755-779.";
    public override string Licence => "COW data are free to use with citation (correlatesofwar.org terms of use).";

    private protected override Part DisputePart { get; } = new("dispute-level", ConflictTables.MidDispute, [@"cow_mid_disps\.csv", @"MIDA_[\d.]+\.csv", @"MIDA.*\.csv"]);
    private protected override Part ParticipantPart { get; } = new("participant-level", ConflictTables.MidParticipant, [@"MIDB_[\d.]+\.csv", @"MIDB.*\.csv"]);
    private protected override Part DirectedPart { get; } = new("directed dispute-year", ConflictTables.MidDirected, [@"cow_mid_dirdisps\.csv"]);
    private protected override Part? DyadYearPart { get; } = new("directed dyad-year", ConflictTables.MidDyadYear, [@"cow_mid_ddydisps\.csv"]);

    /// <summary>
    /// peacesciencer's exports have no version column. MID 5.0 is the release that codes disputes through 2014
    /// (MID 4.x ends in 2010), so an export whose last dispute starts in 2014 is recorded as 5.0.
    /// </summary>
    private protected override string? VersionFromCoverage(IReadOnlyList<string> fileNames, int? lastStartYear) =>
        lastStartYear == 2014 && fileNames.All(n => n.StartsWith("cow_mid_", StringComparison.OrdinalIgnoreCase)) ? "5.0" : null;

    private protected override string SourceFormat(IReadOnlyList<string> fileNames) =>
        fileNames.Any(n => n.StartsWith("cow_mid_", StringComparison.OrdinalIgnoreCase))
            ? "peacesciencer exports of COW-MID (missing = -9)"
            : "COW-MID CSV (correlatesofwar.org layout; missing = -9)";
}

/// <summary>
/// Gibler–Miller–Little MID data (a re-coding of COW-MID, 1816-2010): peacesciencer's exports
/// (<c>gml_mid_disps.csv</c>, <c>gml_dirdisp.csv</c>) or the GML files (<c>gml-mida-2.2.1.csv</c>, <c>gml-midb-2.2.1.csv</c>).
/// </summary>
public sealed class GmlMidImporter : MidFamilyImporter
{
    public override string Kind => "gml";
    public override string Dataset => "Gibler-Miller-Little Militarized Interstate Disputes (GML MID)";
    public override string Expects =>
        "the folder holding gml_mid_disps.csv and gml_dirdisp.csv (peacesciencer) or gml-mida-*.csv and gml-midb-*.csv, or one of them";
    public override string Citation =>
        "Gibler, Douglas M., Steven V. Miller, and Erin K. Little. 2016. \"An Analysis of the Militarized Interstate Dispute (MID) " +
        "Dataset, 1816-2001.\" International Studies Quarterly 60(4): 719-730; and Gibler, Douglas M. 2018. International Conflicts, " +
        "1816-2010: Militarized Interstate Dispute Narratives. Lanham: Rowman & Littlefield.";
    public override string Licence => "Free to use with citation of Gibler, Miller & Little (2016) (correlatesofwar.org / the authors' terms).";

    private protected override Part DisputePart { get; } = new("dispute-level", ConflictTables.GmlDispute, [@"gml_mid_disps\.csv", @"gml-mida-[\d.]+\.csv", @"gml-mida.*\.csv"]);
    private protected override Part ParticipantPart { get; } = new("participant-level", ConflictTables.GmlParticipant, [@"gml-midb-[\d.]+\.csv", @"gml-midb.*\.csv"]);
    private protected override Part DirectedPart { get; } = new("directed dispute-year", ConflictTables.GmlDirected, [@"gml_dirdisps?\.csv"]);
    private protected override Part? DyadYearPart => null;

    private protected override string? VersionFromCoverage(IReadOnlyList<string> fileNames, int? lastStartYear) => null;

    private protected override string NormaliseVersion(string raw) =>
        VersionText(Regex.Replace(raw.Trim(), "^gml-", "", RegexOptions.IgnoreCase));

    private protected override string SourceFormat(IReadOnlyList<string> fileNames) =>
        fileNames.Any(n => n.StartsWith("gml_", StringComparison.OrdinalIgnoreCase))
            ? "peacesciencer exports of GML MID (missing = -9)"
            : "GML MID CSV (missing = -9)";
}
