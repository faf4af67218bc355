using System.Globalization;
using System.Text.RegularExpressions;
using Entangle.Data.Csv;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// SIPRI Military Expenditure Database sheets saved as CSV (one sheet per file, cell values as in the workbook):
/// a few title lines, a header row starting <c>Country</c> with a <c>Notes</c> column and one column per year,
/// region/subregion rows holding only a name, then one row per country. <c>...</c> means data unavailable and
/// <c>xxx</c> that the country did not exist or was not independent. The measure of each file is read from its
/// title line.
/// </summary>
public sealed class SipriMilexImporter : DatasetImporter
{
    public override string Kind => "sipri-milex";
    public override string Dataset => "SIPRI Military Expenditure Database";
    public override string Expects =>
        "a folder holding SIPRI milex sheets saved as CSV (current US$, constant US$, share of GDP, ...), or one such CSV";
    public override string Citation => "SIPRI Military Expenditure Database, Stockholm International Peace Research Institute, https://www.sipri.org/databases/milex";
    public override string Licence =>
        "SIPRI terms: may be used and reproduced with the attribution 'Source: SIPRI Military Expenditure Database'; " +
        "commercial redistribution needs SIPRI's permission.";

    /// <summary>Measures, keyed by the id stored in the database, with the title text that identifies each sheet.</summary>
    public static readonly IReadOnlyList<(string Id, string Unit, Regex Title)> Measures =
    [
        ("constant_usd_m", "million US$ at constant prices and exchange rates (base year in the title)", new Regex(@"constant", RegexOptions.IgnoreCase)),
        ("current_usd_m", "million US$ at current prices and exchange rates", new Regex(@"current prices|current US", RegexOptions.IgnoreCase)),
        ("share_gdp", "fraction of GDP (0.05 = 5%)", new Regex(@"gross domestic product|share of GDP", RegexOptions.IgnoreCase)),
        ("per_capita_usd", "current US$ per person", new Regex(@"per capita", RegexOptions.IgnoreCase)),
        ("share_govt", "fraction of general government expenditure", new Regex(@"government", RegexOptions.IgnoreCase)),
    ];

    private static readonly HashSet<string> TopRegions = new(StringComparer.OrdinalIgnoreCase)
        { "Africa", "Americas", "Asia & Oceania", "Asia and Oceania", "Europe", "Middle East" };

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        List<string> files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.csv").OrderBy(f => f, StringComparer.Ordinal)
                .Where(f => TitleOf(f) is { } t && t.Contains("Military expenditure", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (files.Count == 0)
                throw new InputException(path, "no SIPRI milex CSV here: expected sheets whose first line reads 'Military expenditure by country ...'");
        }
        else files = [path];

        session.ClearPrevious("sipri_milex");
        var ranges = new SortedSet<string>(StringComparer.Ordinal);
        var measuresSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var file in files)
        {
            var id = session.AddFile("sheet", file);
            var rows = ImportSheet(session, file, id, measuresSeen, ranges, notes);
            session.SetRows(id, rows);
        }
        var version = options.Version ?? (ranges.Count == 1 ? $"data {ranges.First()}" : "unknown");
        if (ranges.Count > 1)
            session.Report([new Diagnostic(path, null, null, $"the sheets cover different year ranges ({string.Join(", ", ranges)}); import one release at a time")]);
        return session.Commit(Dataset, version, Citation, Licence, "SIPRI milex workbook sheets saved as CSV", path,
            string.Join("; ", notes));
    }

    private static string? TitleOf(string file)
    {
        using var r = CsvReader.Open(file);
        return r.Read() is { Count: > 0 } f ? f[0].Value : null;
    }

    private static long ImportSheet(ImportSession session, string file, long fileId, Dictionary<string, string> measuresSeen,
        SortedSet<string> ranges, List<string> notes)
    {
        using var reader = CsvReader.Open(file);
        var problems = new List<Diagnostic>();
        var name = reader.File;
        var title = reader.Read() is { Count: > 0 } t ? t[0].Value : "";
        var measure = Measures.FirstOrDefault(m => m.Title.IsMatch(title));
        if (measure.Id is null)
        {
            session.Report([new Diagnostic(name, 1, 1,
                $"cannot tell which SIPRI measure this sheet holds from its title '{title}'; expected a title such as " +
                "'Military expenditure by country, in millions of US$ at current prices ...'")]);
            return 0;
        }
        if (!measuresSeen.TryAdd(measure.Id, name))
        {
            session.Report([new Diagnostic(name, 1, 1, $"a second sheet with measure {measure.Id} (the first is {measuresSeen[measure.Id]})")]);
            return 0;
        }
        var range = Regex.Match(title, @"(\d{4})\s*[-–]\s*(\d{4})");
        if (range.Success) ranges.Add($"{range.Groups[1].Value}-{range.Groups[2].Value}");
        var baseYear = Regex.Match(title, @"constant \((\d{4})\)", RegexOptions.IgnoreCase);
        notes.Add(measure.Id + ": " + measure.Unit + (baseYear.Success ? $" (constant {baseYear.Groups[1].Value} prices)" : ""));

        // Find the header row: first cell "Country".
        IReadOnlyList<CsvField>? fields;
        while ((fields = reader.Read()) is not null && !(fields.Count > 0 && fields[0].Value.Trim().Equals("Country", StringComparison.OrdinalIgnoreCase))) { }
        if (fields is null)
        {
            session.Report([new Diagnostic(name, null, null, "no header row starting with 'Country' was found")]);
            return 0;
        }
        var headerLine = reader.RecordLine;
        var notesCol = -1;
        var years = new List<(int Index, int Year)>();
        for (var i = 1; i < fields.Count; i++)
        {
            var h = fields[i].Value.Trim();
            if (h.Equals("Notes", StringComparison.OrdinalIgnoreCase)) notesCol = i;
            else if (int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100) years.Add((i, y));
            else if (h.Length > 0 && h != "..." )
                problems.Add(new Diagnostic(name, fields[i].Line, fields[i].Column, $"unexpected header '{h}': expected 'Notes' or a year"));
        }
        if (years.Count == 0) problems.Add(new Diagnostic(name, headerLine, 1, "the header row has no year columns"));
        session.Report(problems);
        problems.Clear();
        if (years.Count == 0) return 0;
        var width = fields.Count;

        using var ins = session.Prepare("sipri_milex",
            "country", "measure", "year", "value", "status", "region", "subregion", "notes", "file_id", "line", "col");
        string? region = null, subregion = null;
        var countries = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        long n = 0;
        var row = new CsvRow(name, problems) { MissingCodes = new HashSet<string>(StringComparer.Ordinal) };
        while ((fields = reader.Read()) is not null)
        {
            var line = reader.RecordLine;
            var first = fields[0].Value.Trim();
            var rest = fields.Skip(1).Any(f => f.Value.Trim().Length > 0);
            if (!rest)
            {
                if (first.Length == 0) continue;
                // A region or subregion heading.
                if (TopRegions.Contains(first)) { region = first; subregion = null; }
                else subregion = first;
                continue;
            }
            n++;
            row.Reset(fields, line);
            if (first.Length == 0) { row.Problem(0, "country name is empty"); }
            else if (!countries.TryAdd(first, line)) row.Problem(0, $"country '{first}' appears twice (first on line {countries[first]})");
            if (fields.Count > width) row.Problem(width, $"row has {fields.Count} fields but the header has {width}");
            var note = notesCol >= 0 ? row.Text(notesCol) : "";
            foreach (var (index, year) in years)
            {
                if (index >= fields.Count) continue;
                var text = fields[index].Value.Trim();
                if (text.Length == 0) continue;
                double? value = null;
                string status;
                if (text is "..." or ". ." or "..") status = "unavailable";
                else if (text.Equals("xxx", StringComparison.OrdinalIgnoreCase)) status = "not_independent";
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
                {
                    value = v;
                    status = "value";
                }
                else
                {
                    row.Problem(index, $"{year}: '{text}' is not a number, '...' (unavailable) or 'xxx' (not independent)");
                    continue;
                }
                if (session.Clean && row.RowProblems == 0)
                    ins.Insert(first, measure.Id, year, CsvImport.Box(value), status, region, subregion,
                        note.Length > 0 ? note : null, fileId, fields[index].Line, fields[index].Column);
            }
            session.Report(problems);
            problems.Clear();
            session.Report(reader.Problems);
            reader.Problems.Clear();
        }
        session.Report(reader.Problems);
        return n;
    }
}
