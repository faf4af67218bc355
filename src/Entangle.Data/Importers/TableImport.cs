using System.Globalization;
using Entangle.Data.Csv;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>
/// A <see cref="TableSpec"/> bound to one file's header: reads each row into typed values (in the spec's column
/// order), reporting every value that does not parse or is out of range at its line and column, and every
/// repeated key.
/// </summary>
internal sealed class BoundTable
{
    private readonly int[] _idx;
    private readonly int[] _key;
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    private BoundTable(TableSpec spec, int[] idx)
    {
        Spec = spec;
        _idx = idx;
        _key = spec.Key.Select(spec.IndexOf).ToArray();
    }

    /// <summary>The table.</summary>
    public TableSpec Spec { get; }

    /// <summary>Binds <paramref name="spec"/> to a header; null (with one diagnostic per missing column) if a required column is missing.</summary>
    public static BoundTable? Bind(TableSpec spec, CsvHeader header, List<Diagnostic> problems)
    {
        var required = spec.Columns.Where(c => c.Required).Select(c => string.Join('|', c.HeaderNames)).ToArray();
        if (header.Require(problems, required) is null) return null;
        return new BoundTable(spec, spec.Columns.Select(c => header.IndexOfAny(c.HeaderNames)).ToArray());
    }

    /// <summary>The file column holding <paramref name="name"/> (-1 if the file lacks it), for diagnostics.</summary>
    public int FileColumn(string name) => _idx[Spec.IndexOf(name)];

    /// <summary>Reads the current row; values the file lacks or leaves missing are null.</summary>
    public object?[] Read(CsvRow row)
    {
        var values = new object?[Spec.Columns.Count];
        for (var k = 0; k < values.Length; k++)
        {
            var c = Spec.Columns[k];
            var i = _idx[k];
            if (i < 0) continue;
            if (row.IsMissing(i))
            {
                if (c.NotNull)
                    row.Problem(i, row.Text(i).Length == 0
                        ? $"'{c.Name}' is empty; a value is required"
                        : $"'{c.Name}' is missing ('{row.Text(i)}'); a value is required");
                continue;
            }
            switch (c.Type)
            {
                case ColumnType.Text:
                    values[k] = row.Text(i);
                    break;
                case ColumnType.Real:
                    values[k] = CsvImport.Box(row.OptDouble(i, c.Name));
                    break;
                default:
                    var before = row.RowProblems;
                    var v = row.OptInt(i, c.Name);
                    if (v is not { } n || row.RowProblems != before) break;
                    if (c.NullCodes?.Contains(n) == true) break;
                    if ((c.Min is { } min && n < min || c.Max is { } max && n > max) && c.Codes?.Contains(n) != true)
                    {
                        row.Problem(i, $"'{c.Name}' must be {Range(c)}, not {n}");
                        break;
                    }
                    values[k] = n;
                    break;
            }
        }
        if (row.RowProblems == 0 && _key.Length > 0)
        {
            var key = string.Join(", ", _key.Select(k => $"{Spec.Columns[k].Name} {Convert.ToString(values[k], CultureInfo.InvariantCulture)}"));
            if (!_seen.TryAdd(key, row.Line))
                row.Problem(_idx[_key[0]], $"{key} appears twice (first on line {_seen[key]})");
        }
        return values;
    }

    private static string Range(ColumnSpec c)
    {
        var range = (c.Min, c.Max) switch
        {
            ({ } a, { } b) => $"between {a} and {b}",
            ({ } a, null) => $"at least {a}",
            (null, { } b) => $"at most {b}",
            _ => "a whole number",
        };
        return c.Codes is { Length: > 0 } codes ? $"{range} (or one of the codes {string.Join(", ", codes)})" : range;
    }
}

/// <summary>Streams one CSV file into one <see cref="TableSpec"/> table.</summary>
internal static class TableImport
{
    /// <summary>
    /// Registers <paramref name="file"/> under <paramref name="role"/>, reads every row into
    /// <paramref name="spec"/>'s table, runs <paramref name="check"/> on each row that parsed (cross-field and
    /// cross-file checks; it may report problems on the row) and inserts the rows while the session is clean.
    /// Returns the rows read, each row's values as stored, and its line.
    /// </summary>
    public static List<(object?[] Values, int Line)> Run(ImportSession session, TableSpec spec, string file, string role,
        IReadOnlySet<string> missingCodes, Action<CsvRow, BoundTable, object?[]>? check = null)
    {
        var id = session.AddFile(role, file);
        var kept = new List<(object?[], int)>();
        using var ins = session.Prepare(spec.Table, [.. spec.Columns.Select(c => c.Name), "file_id", "line"]);
        var rows = CsvImport.Stream(session, file, (h, problems) =>
        {
            var bound = BoundTable.Bind(spec, h, problems);
            if (bound is null) return null;
            return row =>
            {
                var values = bound.Read(row);
                if (row.RowProblems == 0) check?.Invoke(row, bound, values);
                if (row.RowProblems != 0) return;
                kept.Add((values, row.Line));
                if (session.Clean) ins.Insert([.. values, id, row.Line]);
            };
        }, missingCodes);
        ins.Flush();
        session.SetRows(id, rows);
        return kept;
    }

    /// <summary>The integer in column <paramref name="name"/> of a row read with <paramref name="spec"/>, or null.</summary>
    public static int? Int(this TableSpec spec, object?[] values, string name) => values[spec.IndexOf(name)] as int?;
}
