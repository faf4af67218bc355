using System.Text.RegularExpressions;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// International Crisis Behavior (ICB): crisis level (<c>icb1v15.csv</c>), actor level (<c>icb2v15.csv</c>) and
/// dyadic level (<c>icbdy_v15.csv</c>), in the CSV layout distributed by the ICB Project. Columns kept:
/// <see cref="ConflictTables.IcbCrisis"/>, <see cref="ConflictTables.IcbActor"/>, <see cref="ConflictTables.IcbDyadYear"/>
/// (docs/data.md).
/// </summary>
public sealed class IcbImporter : DatasetImporter
{
    public override string Kind => "icb";
    public override string Dataset => "International Crisis Behavior (ICB)";
    public override string Expects =>
        "the folder holding icb1v15.csv (crisis level), icb2v15.csv (actor level) and icbdy_v15.csv (dyadic level), or one of them";
    public override string Citation =>
        "Brecher, Michael, Jonathan Wilkenfeld, Kyle Beardsley, Patrick James, and David Quinn. " +
        "International Crisis Behavior Data Codebook, Version 15. https://sites.duke.edu/icbdata/; " +
        "Brecher, Michael, and Jonathan Wilkenfeld. 2000. A Study of Crisis. Ann Arbor: University of Michigan Press; " +
        "dyadic level: Hewitt, J. Joseph. 2003. \"Dyadic Processes and International Crises.\" Journal of Conflict Resolution 47(5): 669-692.";
    public override string Licence =>
        "Free for academic use with citation of the ICB Project (sites.duke.edu/icbdata); redistribution terms are the ICB Project's.";

    private static readonly string[] CrisisPatterns = [@"icb1v\d+\.csv", @"icb1.*\.csv"];
    private static readonly string[] ActorPatterns = [@"icb2v\d+\.csv", @"icb2.*\.csv"];
    private static readonly string[] DyadPatterns = [@"icbdy_?v\d+\.csv", @"icbdy.*\.csv"];

    /// <inheritdoc/>
    public override bool Finds(string dir) =>
        CsvImport.FindFile(dir, CrisisPatterns) is not null || CsvImport.FindFile(dir, ActorPatterns) is not null ||
        CsvImport.FindFile(dir, DyadPatterns) is not null;

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        string? crisisFile = null, actorFile = null, dyadFile = null;
        if (Directory.Exists(path))
        {
            crisisFile = CsvImport.FindFile(path, CrisisPatterns);
            actorFile = CsvImport.FindFile(path, ActorPatterns);
            dyadFile = CsvImport.FindFile(path, DyadPatterns);
            if (crisisFile is null && actorFile is null && dyadFile is null)
                throw new InputException(path, "no ICB files here: expected icb1v15.csv, icb2v15.csv and/or icbdy_v15.csv");
        }
        else
        {
            var header = CsvImport.PeekHeader(path) ?? throw new InputException(path, "the file is empty");
            bool Has(string c) => header.Contains(c, StringComparer.OrdinalIgnoreCase);
            if (Has("crdynum")) dyadFile = path;
            else if (Has("cracno")) actorFile = path;
            else if (Has("crisno") && Has("brexit")) crisisFile = path;
            else throw new InputException(path,
                "not an ICB file: a crisis-level file has 'crisno' and 'brexit', an actor-level file 'cracno', a dyadic file 'crdynum'");
        }

        var c = ConflictTables.IcbCrisis;
        var a = ConflictTables.IcbActor;
        var d = ConflictTables.IcbDyadYear;
        session.ClearPrevious(c.Table, a.Table, d.Table);
        var missing = CsvImport.DefaultMissing;

        var crises = new HashSet<int>();
        if (crisisFile is not null)
            foreach (var (v, _) in TableImport.Run(session, c, crisisFile, "crisis-level", missing,
                         (row, t, v) => TerminationNotBeforeTrigger(row, t, c, v, "yrtrig", "motrig", "yrterm", "moterm")))
                crises.Add(c.Int(v, "crisno")!.Value);

        // cracno -> (crisno, cracid), to check the dyadic file's actor numbers.
        var actors = new Dictionary<int, (int Crisno, int Cracid)>();
        if (actorFile is not null)
            foreach (var (v, _) in TableImport.Run(session, a, actorFile, "actor-level", missing, (row, t, v) =>
                     {
                         TerminationNotBeforeTrigger(row, t, a, v, "yrtrig", "motrig", "yrterm", "moterm");
                         var crisno = a.Int(v, "crisno")!.Value;
                         if (crisisFile is not null && !crises.Contains(crisno))
                             row.Problem(t.FileColumn("crisno"), $"crisno {crisno} is not in the crisis-level file {Path.GetFileName(crisisFile)}");
                     }))
                actors[a.Int(v, "cracno")!.Value] = (a.Int(v, "crisno")!.Value, a.Int(v, "cracid")!.Value);

        if (dyadFile is not null)
            TableImport.Run(session, d, dyadFile, "dyad-year", missing, (row, t, v) =>
            {
                TerminationNotBeforeTrigger(row, t, d, v, "trgyrdy", "trgmody", "trmyrdy", "trmmody");
                var crisno = d.Int(v, "crisno")!.Value;
                if (crisisFile is not null && !crises.Contains(crisno))
                    row.Problem(t.FileColumn("crisno"), $"crisno {crisno} is not in the crisis-level file {Path.GetFileName(crisisFile)}");
                if (d.Int(v, "statea") == d.Int(v, "stateb"))
                    row.Problem(t.FileColumn("stateb"), $"statea and stateb are both {d.Int(v, "statea")}");
                if (actorFile is null) return;
                foreach (var (state, num) in new[] { ("statea", "actnuma"), ("stateb", "actnumb") })
                {
                    if (d.Int(v, num) is not { } cracno) continue; // 9999: not a crisis actor
                    var code = d.Int(v, state)!.Value;
                    if (!actors.TryGetValue(cracno, out var actor))
                        row.Problem(t.FileColumn(num), $"{num} {cracno} is not a cracno of the actor-level file {Path.GetFileName(actorFile)}");
                    else if (actor.Crisno != crisno || actor.Cracid != code)
                        row.Problem(t.FileColumn(num),
                            $"{num} {cracno} is actor {actor.Cracid} of crisis {actor.Crisno} in {Path.GetFileName(actorFile)}, not {state} {code} of crisis {crisno}");
                }
            });

        var version = ResolveVersion(session, [], options, path, name =>
        {
            var m = Regex.Match(name, @"^icb(?:1|2|dy_?)v(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        });
        var levels = string.Join(", ", new[] { (crisisFile, "crisis"), (actorFile, "actor"), (dyadFile, "dyadic") }
            .Where(x => x.Item1 is not null).Select(x => x.Item2));
        return session.Commit(Dataset, version, Citation, Licence, "ICB CSV (ICB Project layout; missing = empty)", path,
            $"levels: {levels}; durations (brexit, trgterra) in days; days 66/77/88/99 are ICB codes, not days of the month; " +
            "actnuma/actnumb 9999 (not a crisis actor) stored as NULL");
    }

    /// <summary>Reports a termination year (or year and month) before the trigger's.</summary>
    private static void TerminationNotBeforeTrigger(Csv.CsvRow row, BoundTable t, TableSpec spec, object?[] v,
        string yrTrig, string moTrig, string yrTerm, string moTerm)
    {
        if (spec.Int(v, yrTerm) is not { } ey || spec.Int(v, yrTrig) is not { } sy) return;
        var before = ey < sy || (ey == sy && spec.Int(v, moTerm) is { } em && spec.Int(v, moTrig) is { } sm && em < sm);
        if (before)
            row.Problem(t.FileColumn(yrTerm),
                $"termination {YearMonth(ey, spec.Int(v, moTerm))} is before the trigger {YearMonth(sy, spec.Int(v, moTrig))}");
    }

    private static string YearMonth(int year, int? month) => month is { } m ? $"{year}-{m:D2}" : $"{year}";
}
