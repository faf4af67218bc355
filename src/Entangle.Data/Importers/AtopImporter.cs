using Entangle.Data.Csv;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// ATOP (Alliance Treaty Obligations and Provisions) alliance-level (<c>atop5_1a.csv</c>) and member-level
/// (<c>atop5_1m.csv</c>) files, in the CSV layout distributed at atopdata.org.
/// </summary>
public sealed class AtopImporter : DatasetImporter
{
    public override string Kind => "atop";
    public override string Dataset => "Alliance Treaty Obligations and Provisions (ATOP)";
    public override string Expects =>
        "the folder holding atop5_1a.csv (alliance level) and atop5_1m.csv (member level), or either file";
    public override string Citation =>
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. " +
        "\"Alliance Treaty Obligations and Provisions, 1815-1944.\" International Interactions 28: 237-260; " +
        "and the ATOP Codebook for the release imported (atopdata.org).";
    public override string Licence =>
        "Free to download and use from atopdata.org; users are asked to cite Leeds et al. 2002 and the codebook of the release.";

    private static readonly string[] AllianceColumns =
        ["atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect", "bilat", "maxphase",
         "defense", "offense", "neutral", "nonagg", "consul", "active", "conditio", "asymm", "specthrt",
         "milcon", "milaid", "base", "organ1"];

    private static readonly string[] MemberColumns =
        ["atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "ineffect", "bilat",
         "defense", "offense", "neutral", "nonagg", "consul", "active", "conditio", "defcon", "offcon", "neucon",
         "concon", "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr", "asymm", "specthrt"];

    /// <summary>Columns that must be present; the others are stored as NULL when a file lacks them.</summary>
    private static readonly HashSet<string> Required = new(StringComparer.Ordinal)
        { "atopid", "member", "phase", "begyr", "endyr", "yrent", "yrexit", "ineffect", "defense", "offense", "neutral", "nonagg", "consul" };

    /// <summary>Obligation flags, which must be 0 or 1.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
        { "ineffect", "defense", "offense", "neutral", "nonagg", "consul" };

    private static readonly string[] AlliancePatterns = [@"atop5_1a\.csv", @"atop\d+_\d+a\.csv"];
    private static readonly string[] MemberPatterns = [@"atop5_1m\.csv", @"atop\d+_\d+m\.csv"];

    /// <inheritdoc/>
    public override bool Finds(string dir) =>
        CsvImport.FindFile(dir, AlliancePatterns) is not null || CsvImport.FindFile(dir, MemberPatterns) is not null;

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        string? allianceFile = null, memberFile = null;
        if (Directory.Exists(path))
        {
            allianceFile = CsvImport.FindFile(path, AlliancePatterns);
            memberFile = CsvImport.FindFile(path, MemberPatterns);
            if (allianceFile is null && memberFile is null)
                throw new InputException(path, "no ATOP files here: expected atop5_1a.csv and/or atop5_1m.csv (or atopN_Na.csv / atopN_Nm.csv)");
        }
        else
        {
            var header = CsvImport.PeekHeader(path) ?? throw new InputException(path, "the file is empty");
            if (header.Contains("member", StringComparer.OrdinalIgnoreCase)) memberFile = path;
            else if (header.Contains("begyr", StringComparer.OrdinalIgnoreCase)) allianceFile = path;
            else throw new InputException(path,
                "not an ATOP alliance-level file (no 'begyr' column) nor a member-level file (no 'member' column)");
        }

        session.ClearPrevious("atop_alliance", "atop_member");
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var allianceIds = new HashSet<int>();
        var allianceLines = new Dictionary<int, int>();

        if (allianceFile is not null)
        {
            var id = session.AddFile("alliance-level", allianceFile);
            using var ins = session.Prepare("atop_alliance", [.. AllianceColumns, "version", "file_id", "line"]);
            var rows = CsvImport.Stream(session, allianceFile, (h, problems) =>
            {
                var idx = Bind(h, problems, AllianceColumns);
                if (idx is null) return null;
                var vcol = h.IndexOf("version");
                return row =>
                {
                    var values = Values(row, AllianceColumns, idx, out var atopid);
                    var v = vcol >= 0 ? row.Text(vcol) : "";
                    if (v.Length > 0) versions.Add(VersionText(v));
                    if (row.RowProblems == 0 && !allianceLines.TryAdd(atopid, row.Line))
                        row.Problem(idx[0], $"atopid {atopid} appears twice (first on line {allianceLines[atopid]})");
                    var beg = (int)values[1]!;
                    var end = (int)values[4]!;
                    if (row.RowProblems == 0 && end != 0 && end < beg)
                        row.Problem(idx[4], $"endyr {end} is before begyr {beg}");
                    allianceIds.Add(atopid);
                    if (session.Clean && row.RowProblems == 0)
                        ins.Insert([.. values, v.Length > 0 ? v : null, id, row.Line]);
                };
            });
            ins.Flush();
            session.SetRows(id, rows);
        }

        if (memberFile is not null)
        {
            var id = session.AddFile("member-level", memberFile);
            using var ins = session.Prepare("atop_member", [.. MemberColumns, "version", "file_id", "line"]);
            var rows = CsvImport.Stream(session, memberFile, (h, problems) =>
            {
                var idx = Bind(h, problems, MemberColumns);
                if (idx is null) return null;
                var vcol = h.IndexOf("version");
                return row =>
                {
                    var values = Values(row, MemberColumns, idx, out var atopid);
                    var v = vcol >= 0 ? row.Text(vcol) : "";
                    if (v.Length > 0) versions.Add(VersionText(v));
                    var ent = (int)values[3]!;
                    var exit = (int)values[6]!;
                    if (row.RowProblems == 0 && exit != 0 && exit < ent)
                        row.Problem(idx[6], $"yrexit {exit} is before yrent {ent}");
                    if (row.RowProblems == 0 && allianceFile is not null && !allianceIds.Contains(atopid))
                        row.Problem(idx[0], $"atopid {atopid} is not in the alliance-level file {Path.GetFileName(allianceFile)}");
                    if (session.Clean && row.RowProblems == 0)
                        ins.Insert([.. values, v.Length > 0 ? v : null, id, row.Line]);
                };
            });
            ins.Flush();
            session.SetRows(id, rows);
        }

        var version = ResolveVersion(session, versions, options, path, name =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(name, @"^atop(\d+)_(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : null;
        });
        var levels = (allianceFile, memberFile) switch
        {
            (not null, not null) => "alliance and member level",
            (not null, null) => "alliance level only",
            _ => "member level only",
        };
        return session.Commit(Dataset, version, Citation, Licence, "ATOP CSV (atopdata.org layout)", path,
            $"{levels}; coverage 1815 to the last year coded in the release (2018 for 5.1)");
    }

    private static int[]? Bind(CsvHeader h, List<Diagnostic> problems, string[] columns)
    {
        var req = columns.Where(Required.Contains).ToArray();
        if (h.Require(problems, req) is null) return null;
        return columns.Select(h.IndexOf).ToArray();
    }

    private static object?[] Values(CsvRow row, string[] columns, int[] idx, out int atopid)
    {
        var values = new object?[columns.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            var name = columns[k];
            if (Required.Contains(name))
            {
                var before = row.RowProblems;
                var v = row.Int(idx[k], name);
                if (Flags.Contains(name) && v is not (0 or 1) && row.RowProblems == before)
                    row.Problem(idx[k], $"'{name}' must be 0 or 1, not {v}");
                values[k] = v;
            }
            else values[k] = CsvImport.Box(row.OptInt(idx[k], name));
        }
        atopid = (int)values[0]!;
        return values;
    }
}
