using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// COW State System Membership (<c>states2016.csv</c>) and Major Powers (<c>majors2016.csv</c>) lists, in the
/// correlatesofwar.org layout or the peacesciencer export (<c>cow_states.csv</c>, <c>cow_majors.csv</c>).
/// </summary>
public sealed class CowStatesImporter : DatasetImporter
{
    public override string Kind => "cow-states";
    public override string Dataset => "Correlates of War State System Membership and Major Powers";
    public override string Expects =>
        "the folder holding states2016.csv and majors2016.csv (or cow_states.csv and cow_majors.csv), or either file";
    public override string Citation =>
        "Correlates of War Project. 2017. \"State System Membership List, v2016.\" Online, https://correlatesofwar.org " +
        "(the major-powers list is part of the same release).";
    public override string Licence => "COW data are free to use with citation (correlatesofwar.org terms of use).";

    private static readonly string[] StatesPatterns = [@"states\d{4}\.csv", @"cow_states\.csv", @"system\d{4}\.csv"];
    private static readonly string[] MajorsPatterns = [@"majors\d{4}\.csv", @"cow_majors\.csv"];

    /// <inheritdoc/>
    public override bool Finds(string dir) =>
        CsvImport.FindFile(dir, StatesPatterns) is not null || CsvImport.FindFile(dir, MajorsPatterns) is not null;

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        string? statesFile = null, majorsFile = null;
        if (Directory.Exists(path))
        {
            statesFile = CsvImport.FindFile(path, StatesPatterns);
            majorsFile = CsvImport.FindFile(path, MajorsPatterns);
            if (statesFile is null && majorsFile is null)
                throw new InputException(path, "no COW state files here: expected states2016.csv / majors2016.csv (or cow_states.csv / cow_majors.csv)");
        }
        else
        {
            var header = CsvImport.PeekHeader(path) ?? throw new InputException(path, "the file is empty");
            bool Has(string c) => header.Contains(c, StringComparer.OrdinalIgnoreCase);
            if (Has("statenme")) statesFile = path;
            else if (Has("ccode") && Has("styear")) majorsFile = path;
            else throw new InputException(path, "not a COW states file (no 'statenme' column) nor a major-powers file (no 'ccode'/'styear' columns)");
        }

        session.ClearPrevious("cow_state", "cow_major");
        var versions = new SortedSet<string>(StringComparer.Ordinal);

        if (statesFile is not null)
        {
            var id = session.AddFile("states", statesFile);
            using var ins = session.Prepare("cow_state",
                "ccode", "stateabb", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version", "file_id", "line");
            var rows = CsvImport.Stream(session, statesFile, (h, problems) =>
            {
                var req = h.Require(problems, "ccode", "stateabb", "statenme", "styear", "endyear");
                if (req is null) return null;
                int sm = h.IndexOf("stmonth"), sd = h.IndexOf("stday"), em = h.IndexOf("endmonth"), ed = h.IndexOf("endday"), vc = h.IndexOf("version");
                return row =>
                {
                    var ccode = row.Int(req[0], "ccode");
                    var abb = row.Text(req[1]);
                    var name = row.Text(req[2]);
                    if (abb.Length == 0) row.Problem(req[1], "'stateabb' is empty");
                    if (name.Length == 0) row.Problem(req[2], "'statenme' is empty");
                    var sy = row.Int(req[3], "styear");
                    var ey = row.Int(req[4], "endyear");
                    if (row.RowProblems == 0 && ey < sy) row.Problem(req[4], $"endyear {ey} is before styear {sy}");
                    var v = vc >= 0 ? row.Text(vc) : "";
                    if (v.Length > 0) versions.Add(v);
                    var values = new object?[]
                    {
                        ccode, abb, name, sy, CsvImport.Box(row.OptInt(sm, "stmonth")), CsvImport.Box(row.OptInt(sd, "stday")),
                        ey, CsvImport.Box(row.OptInt(em, "endmonth")), CsvImport.Box(row.OptInt(ed, "endday")),
                        v.Length > 0 ? v : null, id, row.Line,
                    };
                    if (session.Clean && row.RowProblems == 0) ins.Insert(values);
                };
            }, CsvImport.CowMissing);
            ins.Flush();
            session.SetRows(id, rows);
        }

        if (majorsFile is not null)
        {
            var id = session.AddFile("majors", majorsFile);
            using var ins = session.Prepare("cow_major",
                "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version", "file_id", "line");
            var rows = CsvImport.Stream(session, majorsFile, (h, problems) =>
            {
                var req = h.Require(problems, "ccode", "styear", "endyear");
                if (req is null) return null;
                int sm = h.IndexOf("stmonth"), sd = h.IndexOf("stday"), em = h.IndexOf("endmonth"), ed = h.IndexOf("endday"), vc = h.IndexOf("version");
                return row =>
                {
                    var ccode = row.Int(req[0], "ccode");
                    var sy = row.Int(req[1], "styear");
                    var ey = row.Int(req[2], "endyear");
                    if (row.RowProblems == 0 && ey < sy) row.Problem(req[2], $"endyear {ey} is before styear {sy}");
                    var v = vc >= 0 ? row.Text(vc) : "";
                    if (v.Length > 0) versions.Add(v);
                    var values = new object?[]
                    {
                        ccode, sy, CsvImport.Box(row.OptInt(sm, "stmonth")), CsvImport.Box(row.OptInt(sd, "stday")),
                        ey, CsvImport.Box(row.OptInt(em, "endmonth")), CsvImport.Box(row.OptInt(ed, "endday")),
                        v.Length > 0 ? v : null, id, row.Line,
                    };
                    if (session.Clean && row.RowProblems == 0) ins.Insert(values);
                };
            }, CsvImport.CowMissing);
            ins.Flush();
            session.SetRows(id, rows);
        }

        var version = ResolveVersion(session, versions, options, path, name =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(name, @"(?:states|majors|system)(\d{4})", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        });
        var format = Path.GetFileName(statesFile ?? majorsFile)!.StartsWith("cow_", StringComparison.OrdinalIgnoreCase)
            ? "peacesciencer export of the COW lists" : "COW CSV (correlatesofwar.org layout)";
        var parts = (statesFile, majorsFile) switch
        {
            (not null, not null) => "states and major powers",
            (not null, null) => "states only",
            _ => "major powers only",
        };
        return session.Commit(Dataset, version, Citation, Licence, format, path, parts);
    }
}
