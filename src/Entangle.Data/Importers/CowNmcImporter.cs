using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// COW National Material Capabilities, state-year: the abridged file from correlatesofwar.org
/// (<c>NMC-60-abridged.csv</c>, missing = -9) or the peacesciencer export (<c>cow_nmc*.csv</c>, missing = NA/empty).
/// </summary>
public sealed class CowNmcImporter : DatasetImporter
{
    public override string Kind => "cow-nmc";
    public override string Dataset => "Correlates of War National Material Capabilities (NMC)";
    public override string Expects =>
        "the NMC state-year CSV (NMC-60-abridged.csv or NMC-70-abridged.csv, or a peacesciencer cow_nmc export), or a folder holding one";
    public override string Citation =>
        "Singer, J. David, Stuart Bremer, and John Stuckey. 1972. \"Capability Distribution, Uncertainty, and Major Power War, " +
        "1820-1965.\" In Bruce Russett (ed.), Peace, War, and Numbers, 19-48. Beverly Hills: Sage; " +
        "and the NMC documentation of the release imported (correlatesofwar.org).";
    public override string Licence => "COW data are free to use with citation (correlatesofwar.org terms of use).";

    internal static readonly string[] Measures = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"];

    private static readonly string[] Patterns = [@"NMC-\d+-abridged\.csv", @"NMC.*\.csv", @"cow_nmc.*\.csv"];

    /// <inheritdoc/>
    public override bool Finds(string dir) => CsvImport.FindFile(dir, Patterns) is not null;

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        var file = Directory.Exists(path)
            ? CsvImport.FindFile(path, Patterns)
              ?? throw new InputException(path, "no NMC file here: expected NMC-60-abridged.csv, NMC-70-abridged.csv or cow_nmc*.csv")
            : path;

        session.ClearPrevious("cow_nmc");
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<long, int>();
        var id = session.AddFile("state-year", file);
        var peacesciencer = false;
        using var ins = session.Prepare("cow_nmc", ["ccode", "year", .. Measures, "file_id", "line"]);
        var rows = CsvImport.Stream(session, file, (h, problems) =>
        {
            var req = h.Require(problems, ["ccode", "year", .. Measures]);
            if (req is null) return null;
            peacesciencer = !h.Has("stateabb");
            return row =>
            {
                var ccode = row.Int(req[0], "ccode");
                var year = row.Int(req[1], "year");
                var values = new object?[Measures.Length + 4];
                values[0] = ccode;
                values[1] = year;
                for (var k = 0; k < Measures.Length; k++)
                {
                    var before = row.RowProblems;
                    var v = row.OptDouble(req[2 + k], Measures[k]);
                    if (row.RowProblems == before && v < 0)
                        row.Problem(req[2 + k], $"'{Measures[k]}' is negative ({v}); only -9 (missing) is allowed");
                    values[2 + k] = CsvImport.Box(v);
                }
                values[^2] = id;
                values[^1] = row.Line;
                if (row.RowProblems == 0 && !seen.TryAdd(((long)ccode << 32) | (uint)year, row.Line))
                    row.Problem(req[0], $"ccode {ccode} year {year} appears twice (first on line {seen[((long)ccode << 32) | (uint)year]})");
                if (session.Clean && row.RowProblems == 0) ins.Insert(values);
            };
        }, CsvImport.CowMissing);
        ins.Flush();
        session.SetRows(id, rows);

        // The abridged file's own 'version' column holds a release year rather than the NMC version number, so the
        // version comes from the file name (NMC-60 = 6.0, cow_nmc_v7.0 = 7.0) or --dataset-version.
        var version = ResolveVersion(session, versions, options, path, name =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(name, @"NMC-(\d)(\d)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : null;
        });
        var format = peacesciencer
            ? "peacesciencer export of NMC (no stateabb/version columns; missing = NA or empty)"
            : "COW NMC abridged CSV (correlatesofwar.org layout; missing = -9)";
        return session.Commit(Dataset, version, Citation, Licence, format, path,
            "milex: thousands (current GBP before 1914, current US$ from 1914); milper thousands; irst thousand tons; " +
            "pec thousand coal-ton equivalents; tpop, upop thousands; cinc share of system total");
    }
}
