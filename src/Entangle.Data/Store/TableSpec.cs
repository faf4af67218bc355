using System.Text;

namespace Entangle.Data.Store;

/// <summary>How a stored column is typed in SQLite and parsed from a CSV field.</summary>
internal enum ColumnType { Integer, Real, Text }

/// <summary>
/// One stored column of a table whose layout is declared as data: the importer binds it to the CSV header,
/// parses and checks each value with it, and <see cref="Schema"/> creates the column from it. docs/data.md
/// documents the same columns.
/// </summary>
/// <param name="Name">The stored name, which is also the codebook's (and the file's) column name.</param>
/// <param name="Type">Storage and parse type.</param>
/// <param name="Required">The header must have the column; otherwise it is stored as NULL when the file lacks it.</param>
/// <param name="NotNull">Every row must give a value (not empty, not a missing-value code).</param>
/// <param name="Min">Smallest value allowed (integers), when stated.</param>
/// <param name="Max">Largest value allowed (integers), when stated.</param>
/// <param name="Codes">Values allowed besides <see cref="Min"/>..<see cref="Max"/> (e.g. ICB's day codes 66, 77, 88).</param>
/// <param name="Aliases">Other header names accepted for this column (e.g. <c>midonset</c> for <c>onset</c>).</param>
/// <param name="NullCodes">Values stored as NULL besides the file's missing-value codes (e.g. ICB's <c>9999</c> actor number).</param>
internal sealed record ColumnSpec(
    string Name,
    ColumnType Type = ColumnType.Integer,
    bool Required = false,
    bool NotNull = false,
    int? Min = null,
    int? Max = null,
    int[]? Codes = null,
    string[]? Aliases = null,
    int[]? NullCodes = null)
{
    /// <summary>The header names accepted, the stored name first.</summary>
    public string[] HeaderNames => [Name, .. Aliases ?? []];

    /// <summary>A required, never-empty integer column.</summary>
    public static ColumnSpec Key(string name, int? min = null, int? max = null) => new(name, Required: true, NotNull: true, Min: min, Max: max);
}

/// <summary>
/// A data table declared as data: its columns (each stored row also gets <c>file_id</c> and <c>line</c>), the
/// columns that identify a row uniquely (checked on import, and the primary key), and extra indexes.
/// </summary>
internal sealed record TableSpec(string Table, IReadOnlyList<ColumnSpec> Columns, string[] Key, string[][]? Indexes = null)
{
    /// <summary>The column called <paramref name="name"/>.</summary>
    public ColumnSpec this[string name] => Columns.First(c => c.Name == name);

    /// <summary>The position of column <paramref name="name"/> in <see cref="Columns"/>.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++) if (Columns[i].Name == name) return i;
        throw new ArgumentException($"table {Table} has no column {name}", nameof(name));
    }

    /// <summary>The CREATE TABLE and CREATE INDEX statements.</summary>
    public string Ddl()
    {
        var sb = new StringBuilder();
        sb.Append("CREATE TABLE IF NOT EXISTS ").Append(Table).Append('(');
        foreach (var c in Columns)
        {
            sb.Append(c.Name).Append(' ').Append(c.Type switch { ColumnType.Integer => "INTEGER", ColumnType.Real => "REAL", _ => "TEXT" });
            if (c.NotNull) sb.Append(" NOT NULL");
            sb.Append(", ");
        }
        sb.Append("file_id INTEGER NOT NULL, line INTEGER NOT NULL");
        if (Key.Length > 0) sb.Append(", PRIMARY KEY(").Append(string.Join(", ", Key)).Append(')');
        sb.Append(");\n");
        var i = 0;
        foreach (var ix in Indexes ?? [])
            sb.Append($"CREATE INDEX IF NOT EXISTS {Table}_ix{i++} ON {Table}({string.Join(", ", ix)});\n");
        return sb.ToString();
    }
}
