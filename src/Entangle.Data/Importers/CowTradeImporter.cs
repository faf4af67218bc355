using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// COW Trade dyadic file: <c>Dyadic_COW_4.0.csv</c> from correlatesofwar.org (missing = -9) or the peacesciencer
/// export <c>cow_trade_ndy.csv</c> (missing = NA/empty). <c>flow1</c> is imports of ccode1 from ccode2 and
/// <c>flow2</c> imports of ccode2 from ccode1, in current million US$.
/// </summary>
public sealed class CowTradeImporter : DatasetImporter
{
    public override string Kind => "cow-trade";
    public override string Dataset => "Correlates of War Trade, dyadic";
    public override string Expects =>
        "the dyadic trade CSV (Dyadic_COW_4.0.csv, or a peacesciencer cow_trade_ndy export), or a folder holding one";
    public override string Citation =>
        "Barbieri, Katherine, Omar M. G. Keshk, and Brian Pollins. 2009. \"Trading Data: Evaluating our Assumptions and " +
        "Coding Rules.\" Conflict Management and Peace Science 26(5): 471-491; and Barbieri, Katherine, and Omar M. G. Keshk. " +
        "Correlates of War Project Trade Data Set Codebook, Version 4.0 (correlatesofwar.org).";
    public override string Licence => "COW data are free to use with citation (correlatesofwar.org terms of use).";

    private static readonly string[] Patterns = [@"Dyadic_COW_[\d.]+\.csv", @"Dyadic.*\.csv", @"cow_trade_n?dy.*\.csv"];

    /// <inheritdoc/>
    public override bool Finds(string dir) => CsvImport.FindFile(dir, Patterns) is not null;

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        var file = Directory.Exists(path)
            ? CsvImport.FindFile(path, Patterns)
              ?? throw new InputException(path, "no dyadic trade file here: expected Dyadic_COW_4.0.csv or cow_trade_ndy.csv")
            : path;

        session.ClearPrevious("cow_trade_dyad");
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<long, int>();
        var id = session.AddFile("dyad-year", file);
        var original = false;
        using var ins = session.Prepare("cow_trade_dyad",
            "ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2", "file_id", "line");
        var rows = CsvImport.Stream(session, file, (h, problems) =>
        {
            var req = h.Require(problems, "ccode1", "ccode2", "year", "flow1", "flow2");
            if (req is null) return null;
            original = h.Has("importer1");
            int s1 = h.IndexOf("smoothflow1"), s2 = h.IndexOf("smoothflow2"), vc = h.IndexOf("version");
            return row =>
            {
                var a = row.Int(req[0], "ccode1");
                var b = row.Int(req[1], "ccode2");
                var year = row.Int(req[2], "year");
                var f1 = Flow(row, req[3], "flow1");
                var f2 = Flow(row, req[4], "flow2");
                var sf1 = Flow(row, s1, "smoothflow1");
                var sf2 = Flow(row, s2, "smoothflow2");
                if (vc >= 0 && row.Text(vc).Length > 0) versions.Add(VersionText(row.Text(vc)));
                if (row.RowProblems == 0)
                {
                    if (a == b) row.Problem(req[1], $"ccode1 and ccode2 are both {a}");
                    var key = (Math.Min(a, b) * 10_000L + Math.Max(a, b)) * 10_000L + year;
                    if (!seen.TryAdd(key, row.Line))
                        row.Problem(req[0], $"dyad {a}-{b} year {year} appears twice (first on line {seen[key]})");
                }
                if (session.Clean && row.RowProblems == 0)
                    ins.Insert(a, b, year, CsvImport.Box(f1), CsvImport.Box(f2), CsvImport.Box(sf1), CsvImport.Box(sf2), id, row.Line);
            };
        }, CsvImport.CowMissing);
        ins.Flush();
        session.SetRows(id, rows);

        var version = ResolveVersion(session, versions, options, path, name =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(name, @"COW_(\d+(?:\.\d+)?)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        });
        var format = original
            ? "COW dyadic trade CSV (correlatesofwar.org layout; missing = -9)"
            : "peacesciencer export of COW dyadic trade (missing = NA or empty)";
        return session.Commit(Dataset, version, Citation, Licence, format, path,
            "current million US$; flow1 = imports of ccode1 from ccode2, flow2 = imports of ccode2 from ccode1");
    }

    private static double? Flow(Csv.CsvRow row, int i, string name)
    {
        var before = row.RowProblems;
        var v = row.OptDouble(i, name);
        if (row.RowProblems == before && v < 0) row.Problem(i, $"'{name}' is negative ({v}); only -9 (missing) is allowed");
        return v;
    }
}
