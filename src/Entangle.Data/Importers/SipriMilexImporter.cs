using System.Globalization;
using System.Text.RegularExpressions;
using Entangle.Data.Csv;
using Entangle.Data.Store;
using Entangle.Data.Xlsx;
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
        "the SIPRI workbook (SIPRI-Milex-data-1949-2024.xlsx), or a folder of its sheets saved as CSV, or one such CSV";
    public override string Citation => "SIPRI Military Expenditure Database, Stockholm International Peace Research Institute, https://www.sipri.org/databases/milex";
    public override string Licence =>
        "SIPRI terms: may be used and reproduced with the attribution 'Source: SIPRI Military Expenditure Database'; " +
        "commercial redistribution needs SIPRI's permission.";

    /// <summary>Measures, keyed by the id stored in the database, with the title text that identifies each sheet.</summary>
    public static readonly IReadOnlyList<(string Id, string Unit, Regex Title)> Measures =
    [
        ("per_capita_usd", "current US$ per person", new Regex(@"per capita", RegexOptions.IgnoreCase)),
        ("share_govt", "fraction of general government expenditure", new Regex(@"government", RegexOptions.IgnoreCase)),
        ("share_gdp", "fraction of GDP (0.05 = 5%)", new Regex(@"gross domestic product|share of GDP", RegexOptions.IgnoreCase)),
        ("constant_usd_m", "million US$ at constant prices and exchange rates (base year in the title)", new Regex(@"constant", RegexOptions.IgnoreCase)),
        ("current_usd_m", "million US$ at current prices and exchange rates", new Regex(@"current prices|current US", RegexOptions.IgnoreCase)),
    ];

    private static readonly HashSet<string> TopRegions = new(StringComparer.OrdinalIgnoreCase)
        { "Africa", "Americas", "Asia & Oceania", "Asia and Oceania", "Europe", "Middle East" };

    protected override ImportRecord Run(ImportSession session, string path, ImportOptions options)
    {
        // Each source is (file path, display name, rows); an .xlsx gives one source per data sheet.
        var sources = new List<(string File, string Name, Func<List<Diagnostic>, IEnumerable<IReadOnlyList<CsvField>>> Rows)>();
        var skipped = new List<string>();
        void AddWorkbook(string xlsx)
        {
            foreach (var sheet in XlsxWorkbook.Read(xlsx))
            {
                var title = sheet.Rows.Count > 0 && sheet.Rows[0].Count > 0 ? sheet.Rows[0][0].Value : "";
                var hasHeader = sheet.Rows.Any(r => r.Count > 0 && r[0].Value.Trim().Equals("Country", StringComparison.OrdinalIgnoreCase));
                if (IsDataTitle(title) && hasHeader)
                    sources.Add((xlsx, $"{Path.GetFileName(xlsx)}[{sheet.Name}]", _ => sheet.Rows));
                else skipped.Add(sheet.Name);
            }
        }
        if (Directory.Exists(path))
        {
            var (csvs, workbooks) = Locate(path);
            foreach (var f in csvs) sources.Add((f, Path.GetFileName(f), problems => CsvRows(f, problems)));
            if (csvs.Count == 0)
                foreach (var x in workbooks) AddWorkbook(x);
            if (sources.Count == 0)
                throw new InputException(path, "no SIPRI milex data here: expected sheets saved as CSV whose first line reads " +
                                               "'Military expenditure by country ...', or the SIPRI .xlsx workbook");
        }
        else if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            AddWorkbook(path);
            if (sources.Count == 0) throw new InputException(path, "no sheet of this workbook is a SIPRI milex country table (title 'Military expenditure by country ...' and a 'Country' header row)");
        }
        else sources.Add((path, Path.GetFileName(path), problems => CsvRows(path, problems)));

        session.ClearPrevious("sipri_milex");
        var ranges = new SortedSet<string>(StringComparer.Ordinal);
        var measuresSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var fileIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var xlsxRows = new Dictionary<long, long>();
        foreach (var (file, name, rows) in sources)
        {
            var isXlsx = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
            if (!fileIds.TryGetValue(file, out var id)) fileIds[file] = id = session.AddFile(isXlsx ? "workbook" : "sheet", file);
            var n = ImportSheet(session, name, rows, id, measuresSeen, ranges, notes);
            xlsxRows[id] = xlsxRows.GetValueOrDefault(id) + n;
        }
        foreach (var (id, n) in xlsxRows) session.SetRows(id, n);
        if (skipped.Count > 0) notes.Add("workbook sheets not read (not country tables): " + string.Join(", ", skipped));
        var ends = ranges.Select(r => r[^4..]).Distinct().ToList();
        if (ends.Count > 1)
            session.Report([new Diagnostic(path, null, null, $"the sheets end in different years ({string.Join(", ", ranges)}); import one release at a time")]);
        var version = options.Version ?? (ends.Count == 1 ? $"data to {ends[0]}" : "unknown");
        var format = sources.Any(s => s.File.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            ? "SIPRI milex workbook (.xlsx)" : "SIPRI milex workbook sheets saved as CSV";
        return session.Commit(Dataset, version, Citation, Licence, format, path, string.Join("; ", notes));
    }

    /// <summary>
    /// The sheet CSVs of the first folder (PATH, then its subfolders) that has any, else the workbooks of the first
    /// folder that has any.
    /// </summary>
    private static (List<string> Csvs, List<string> Workbooks) Locate(string dir)
    {
        foreach (var folder in CsvImport.SearchFolders(dir))
        {
            var csvs = Directory.GetFiles(folder, "*.csv").OrderBy(f => f, StringComparer.Ordinal).Where(f => IsDataTitle(TitleOf(f))).ToList();
            if (csvs.Count > 0) return (csvs, []);
        }
        foreach (var folder in CsvImport.SearchFolders(dir))
        {
            var xs = Directory.GetFiles(folder, "*.xlsx").OrderBy(f => f, StringComparer.Ordinal)
                .Where(f => Path.GetFileName(f).Contains("milex", StringComparison.OrdinalIgnoreCase)
                            || Path.GetFileName(f).Contains("SIPRI", StringComparison.OrdinalIgnoreCase)).ToList();
            if (xs.Count > 0) return ([], xs);
        }
        return ([], []);
    }

    /// <inheritdoc/>
    public override bool Finds(string dir) => Locate(dir) is var (c, w) && (c.Count > 0 || w.Count > 0);

    /// <summary>A data sheet's title: "Military expenditure by country ..." or "... per capita ..." (not regional totals).</summary>
    private static bool IsDataTitle(string? title) =>
        title is not null
        && title.Contains("Military expenditure", StringComparison.OrdinalIgnoreCase)
        && !title.Contains("by region", StringComparison.OrdinalIgnoreCase);

    private static string? TitleOf(string file)
    {
        using var r = CsvReader.Open(file);
        return r.Read() is { Count: > 0 } f ? f[0].Value : null;
    }

    /// <summary>The records of a CSV file (copied, since the reader reuses its list); quoting problems go to <paramref name="problems"/>.</summary>
    private static IEnumerable<IReadOnlyList<CsvField>> CsvRows(string file, List<Diagnostic> problems)
    {
        using var reader = CsvReader.Open(file);
        while (reader.Read() is { } r)
        {
            yield return r.ToArray();
            problems.AddRange(reader.Problems);
            reader.Problems.Clear();
        }
    }

    private static long ImportSheet(ImportSession session, string name,
        Func<List<Diagnostic>, IEnumerable<IReadOnlyList<CsvField>>> source, long fileId,
        Dictionary<string, string> measuresSeen, SortedSet<string> ranges, List<string> notes)
    {
        var problems = new List<Diagnostic>();
        using var rows = source(problems).GetEnumerator();
        var title = rows.MoveNext() && rows.Current.Count > 0 ? rows.Current[0].Value : "";
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
        IReadOnlyList<CsvField>? fields = null;
        while (rows.MoveNext())
            if (rows.Current.Count > 0 && rows.Current[0].Value.Trim().Equals("Country", StringComparison.OrdinalIgnoreCase)) { fields = rows.Current; break; }
        if (fields is null)
        {
            session.Report([new Diagnostic(name, null, null, "no header row starting with 'Country' was found")]);
            return 0;
        }
        var headerLine = fields[0].Line;
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
        while (rows.MoveNext())
        {
            fields = rows.Current;
            if (fields.Count == 0) continue;
            var line = fields[0].Line;
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
        }
        session.Report(problems);
        ins.Flush();
        return n;
    }
}
