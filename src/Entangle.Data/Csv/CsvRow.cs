using System.Globalization;
using Entangle.Domain;

namespace Entangle.Data.Csv;

/// <summary>
/// The header of a CSV file: column names (case-insensitive) to positions, with checks that report missing
/// columns as diagnostics with "did you mean" suggestions.
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds a header from the first record of a file.</summary>
    public CsvHeader(string file, int line, IReadOnlyList<CsvField> fields)
    {
        File = file;
        Line = line;
        Names = fields.Select(f => f.Value.Trim()).ToList();
        for (var i = 0; i < Names.Count; i++) _index.TryAdd(Names[i], i);
    }

    /// <summary>The file name used in diagnostics.</summary>
    public string File { get; }

    /// <summary>The line of the header record.</summary>
    public int Line { get; }

    /// <summary>The column names, trimmed, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True if the header has a column of this name.</summary>
    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The position of the first column present among <paramref name="names"/> (aliases), or -1.</summary>
    public int IndexOfAny(params string[] names)
    {
        foreach (var n in names) if (_index.TryGetValue(n, out var i)) return i;
        return -1;
    }

    /// <summary>
    /// Positions of required columns; adds one diagnostic per missing column and returns null if any is missing.
    /// Each entry may list aliases separated by <c>|</c> (e.g. <c>"ccode|ccode1"</c>).
    /// </summary>
    public int[]? Require(List<Diagnostic> problems, params string[] columns)
    {
        var result = new int[columns.Length];
        var ok = true;
        for (var k = 0; k < columns.Length; k++)
        {
            var aliases = columns[k].Split('|');
            result[k] = IndexOfAny(aliases);
            if (result[k] >= 0) continue;
            ok = false;
            problems.Add(new Diagnostic(File, Line, 1,
                $"missing column '{aliases[0]}'{Suggest.DidYouMean(aliases[0], Names)}; the header has: {string.Join(", ", Names)}"));
        }
        return ok ? result : null;
    }
}

/// <summary>
/// Typed access to one record, collecting a diagnostic (with the field's line and column) for every value that
/// does not parse. Missing values are the empty string and, where an importer says so, extra codes such as
/// <c>NA</c> or <c>-9</c>.
/// </summary>
public sealed class CsvRow(string file, List<Diagnostic> problems)
{
    private IReadOnlyList<CsvField> _fields = [];
    private int _line;

    /// <summary>Codes other than the empty string that mean "missing" (e.g. <c>NA</c>).</summary>
    public IReadOnlySet<string> MissingCodes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "NA" };

    /// <summary>Number of problems recorded for the current row.</summary>
    public int RowProblems { get; private set; }

    /// <summary>The line where the current record starts.</summary>
    public int Line => _line;

    /// <summary>The number of fields of the current record.</summary>
    public int Count => _fields.Count;

    /// <summary>The file name used in diagnostics.</summary>
    public string File => file;

    /// <summary>Points this accessor at a new record.</summary>
    public void Reset(IReadOnlyList<CsvField> fields, int line)
    {
        _fields = fields;
        _line = line;
        RowProblems = 0;
    }

    /// <summary>The raw text of column <paramref name="i"/> (empty if the row is short).</summary>
    public string Text(int i) => i >= 0 && i < _fields.Count ? _fields[i].Value.Trim() : "";

    /// <summary>Records a problem at column <paramref name="i"/> of the current row.</summary>
    public void Problem(int i, string message)
    {
        RowProblems++;
        if (i >= 0 && i < _fields.Count) problems.Add(new Diagnostic(file, _fields[i].Line, _fields[i].Column, message));
        else problems.Add(new Diagnostic(file, _line, 1, message));
    }

    /// <summary>True if the text of column <paramref name="i"/> is a missing-value code.</summary>
    public bool IsMissing(int i)
    {
        var t = Text(i);
        return t.Length == 0 || MissingCodes.Contains(t);
    }

    /// <summary>An integer, or a diagnostic and 0. <paramref name="name"/> is the column name for messages.</summary>
    public int Int(int i, string name)
    {
        if (i >= _fields.Count) { Problem(i, $"row has {_fields.Count} fields; column '{name}' is missing"); return 0; }
        var t = Text(i);
        if (TryInt(t, out var v)) return v;
        Problem(i, t.Length == 0 ? $"'{name}' is empty; a whole number is required" : $"'{name}' must be a whole number, not '{t}'");
        return 0;
    }

    /// <summary>An integer or null when missing; a diagnostic when present but not a whole number.</summary>
    public int? OptInt(int i, string name)
    {
        if (i < 0 || IsMissing(i)) return null;
        var t = Text(i);
        if (TryInt(t, out var v)) return v;
        Problem(i, $"'{name}' must be a whole number or empty, not '{t}'");
        return null;
    }

    /// <summary>A number or null when missing; a diagnostic when present but not a number.</summary>
    public double? OptDouble(int i, string name)
    {
        if (i < 0 || IsMissing(i)) return null;
        var t = Text(i);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Problem(i, $"'{name}' must be a number or empty, not '{t}'");
        return null;
    }

    /// <summary>Whole numbers, also written as <c>5.0</c> (R and Stata exports sometimes do).</summary>
    private static bool TryInt(string t, out int v)
    {
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)) return true;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            v = (int)d;
            return true;
        }
        return false;
    }
}
