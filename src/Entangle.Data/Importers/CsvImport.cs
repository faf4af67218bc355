using Entangle.Data.Csv;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>Streams a header-first CSV file through a row handler, reporting every problem to the session.</summary>
internal static class CsvImport
{
    /// <summary>
    /// Reads <paramref name="path"/>: the first record is the header, given to <paramref name="bind"/>, which
    /// returns the row handler (or null if required columns are missing, already reported). Rows whose field count
    /// differs from the header's are reported and skipped; blank lines are skipped. Returns the number of data rows.
    /// </summary>
    public static long Stream(ImportSession session, string path, Func<CsvHeader, List<Diagnostic>, Action<CsvRow>?> bind,
        IReadOnlySet<string>? missingCodes = null)
    {
        using var reader = CsvReader.Open(path);
        var problems = new List<Diagnostic>();
        var first = reader.Read();
        if (first is null)
        {
            session.Report([new Diagnostic(reader.File, 1, 1, "the file is empty; a header row is expected")]);
            return 0;
        }
        var header = new CsvHeader(reader.File, reader.RecordLine, first);
        var handler = bind(header, problems);
        session.Report(problems);
        problems.Clear();
        if (handler is null) return 0;
        var row = new CsvRow(reader.File, problems) { MissingCodes = missingCodes ?? DefaultMissing };
        long n = 0;
        while (reader.Read() is { } fields)
        {
            if (fields.Count == 1 && fields[0].Value.Length == 0) continue;
            n++;
            row.Reset(fields, reader.RecordLine);
            if (reader.Problems.Count > 0)
            {
                // Malformed quoting: the record is cut short; report that alone, not its consequences.
                session.Report(reader.Problems);
                reader.Problems.Clear();
                continue;
            }
            if (fields.Count != header.Names.Count)
                row.Problem(-1, $"row has {fields.Count} fields but the header has {header.Names.Count}");
            else
                handler(row);
            if (problems.Count > 0)
            {
                session.Report(problems);
                problems.Clear();
            }
            if (reader.Problems.Count > 0)
            {
                session.Report(reader.Problems);
                reader.Problems.Clear();
            }
        }
        session.Report(reader.Problems);
        return n;
    }

    /// <summary>The missing-value codes every importer accepts besides the empty field: <c>NA</c> (R exports).</summary>
    public static readonly IReadOnlySet<string> DefaultMissing = new HashSet<string>(StringComparer.Ordinal) { "NA" };

    /// <summary><see cref="DefaultMissing"/> plus COW's <c>-9</c>.</summary>
    public static readonly IReadOnlySet<string> CowMissing = new HashSet<string>(StringComparer.Ordinal) { "NA", "-9", "-9.0" };

    /// <summary>Boxes a nullable value for an <see cref="Inserter"/>.</summary>
    public static object? Box(int? v) => v.HasValue ? v.Value : null;

    /// <summary>Boxes a nullable value for an <see cref="Inserter"/>.</summary>
    public static object? Box(double? v) => v.HasValue ? v.Value : null;

    /// <summary>
    /// The first file whose name matches one of the patterns (whole name, case-insensitive), looking in
    /// <paramref name="dir"/> first and then in its immediate subfolders (ordinal order), so that a folder of
    /// downloads such as <c>data/atop</c>, <c>data/cow_nmc</c>, … can be given for every kind.
    /// </summary>
    public static string? FindFile(string dir, params string[] patterns)
    {
        foreach (var folder in SearchFolders(dir))
        {
            var files = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).ToList();
            foreach (var p in patterns)
            {
                var rx = new System.Text.RegularExpressions.Regex("^" + p + "$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                var hit = files.FirstOrDefault(f => rx.IsMatch(Path.GetFileName(f)));
                if (hit is not null) return hit;
            }
        }
        return null;
    }

    /// <summary><paramref name="dir"/>, then its immediate subfolders in ordinal order.</summary>
    public static IEnumerable<string> SearchFolders(string dir) =>
        new[] { dir }.Concat(Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal));

    /// <summary>The header names of a CSV file (its first record), or null if the file is empty.</summary>
    public static IReadOnlyList<string>? PeekHeader(string path)
    {
        using var reader = CsvReader.Open(path);
        return reader.Read()?.Select(f => f.Value.Trim()).ToList();
    }
}
