using System.Globalization;
using System.Security.Cryptography;
using Entangle.Data.Importers;
using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Store;

/// <summary>One imported file: its role in the dataset, name, absolute path, SHA-256 and number of data rows.</summary>
public sealed record SourceFileInfo(string Role, string FileName, string Path, string Sha256, long Rows);

/// <summary>
/// What <c>data sources</c> reports for one imported dataset: what it is, which release, how to cite it, on what
/// terms it may be used, which files it came from, and when it was imported.
/// </summary>
public sealed record ImportRecord(
    string Kind,
    string Dataset,
    string Version,
    string Citation,
    string Licence,
    string SourceFormat,
    string SourcePath,
    string ImportedAt,
    long Rows,
    IReadOnlyList<SourceFileInfo> Files,
    string? Notes);

/// <summary>
/// One all-or-nothing import. Everything happens inside a single SQLite transaction: the previous import of the
/// same kind is deleted, rows are inserted with prepared statements while the files are streamed, and every bad
/// row is collected as a <see cref="Diagnostic"/>. <see cref="Commit"/> commits only if there were no problems;
/// otherwise it rolls back (the database is exactly as before) and throws <see cref="InputException"/>.
/// </summary>
public sealed class ImportSession : IDisposable
{
    /// <summary>At most this many diagnostics are kept (a wrong file can have a problem on every line).</summary>
    public const int MaxProblems = 1000;

    private readonly SqliteConnection _conn;
    private readonly SqliteTransaction _tx;
    private readonly List<SourceFileInfo> _files = [];
    private readonly List<long> _fileIds = [];
    private readonly Dictionary<string, long> _previousRows = new(StringComparer.Ordinal);
    private readonly string? _previous;
    private bool _done;
    private int _dropped;

    /// <summary>Starts an import of <paramref name="kind"/> into <paramref name="store"/>.</summary>
    public ImportSession(DataStore store, string kind)
    {
        Kind = kind;
        _conn = store.OpenForWrite();
        try
        {
            // BEGIN IMMEDIATE: a second import waits here (up to the lock timeout) until the first has finished.
            _tx = _conn.BeginTransaction(deferred: false);
            using (var cmd = Command("SELECT role, SUM(rows) FROM source_file WHERE kind = $k GROUP BY role ORDER BY role"))
            {
                cmd.Parameters.AddWithValue("$k", Kind);
                using var rd = cmd.ExecuteReader();
                while (rd.Read()) _previousRows[rd.GetString(0)] = rd.GetInt64(1);
            }
            using (var cmd = Command("SELECT version, imported_at, source_path FROM import_run WHERE kind = $k"))
            {
                cmd.Parameters.AddWithValue("$k", Kind);
                using var rd = cmd.ExecuteReader();
                if (rd.Read()) _previous = $"{Kind} {rd.GetString(0)}, imported {rd.GetString(1)} from {rd.GetString(2)}";
            }
        }
        catch
        {
            _tx?.Dispose();
            _conn.Dispose();
            throw;
        }
    }

    /// <summary>Accept fewer rows than the release is known to hold, or than the import being replaced.</summary>
    public bool AllowShrink { get; init; }

    /// <summary>The dataset kind being imported.</summary>
    public string Kind { get; }

    /// <summary>Every problem found so far (capped at <see cref="MaxProblems"/>).</summary>
    public List<Diagnostic> Problems { get; } = [];

    /// <summary>True while no problem has been found; importers stop inserting (but keep checking) once false.</summary>
    public bool Clean => Problems.Count == 0 && _dropped == 0;

    /// <summary>Files registered so far.</summary>
    public IReadOnlyList<SourceFileInfo> Files => _files;

    /// <summary>Adds problems, keeping at most <see cref="MaxProblems"/>.</summary>
    public void Report(IEnumerable<Diagnostic> problems)
    {
        foreach (var p in problems)
        {
            if (Problems.Count < MaxProblems) Problems.Add(p);
            else _dropped++;
        }
    }

    /// <summary>Deletes the previous import of this kind: its rows in <paramref name="tables"/> and its records.</summary>
    public void ClearPrevious(params string[] tables)
    {
        foreach (var t in tables) Schema.Exec(_conn, _tx, $"DELETE FROM {t};");
        using var cmd = Command("DELETE FROM source_file WHERE kind = $k; DELETE FROM import_run WHERE kind = $k;");
        cmd.Parameters.AddWithValue("$k", Kind);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Registers a source file (hashing it) and returns its id for the rows' <c>file_id</c>.</summary>
    public long AddFile(string role, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string sha;
        using (var s = File.OpenRead(full)) sha = Convert.ToHexStringLower(SHA256.HashData(s));
        using var cmd = Command(
            "INSERT INTO source_file(kind, role, file_name, path, sha256, rows) VALUES($k, $r, $n, $p, $s, 0); SELECT last_insert_rowid();");
        cmd.Parameters.AddWithValue("$k", Kind);
        cmd.Parameters.AddWithValue("$r", role);
        cmd.Parameters.AddWithValue("$n", System.IO.Path.GetFileName(full));
        cmd.Parameters.AddWithValue("$p", full);
        cmd.Parameters.AddWithValue("$s", sha);
        var id = (long)cmd.ExecuteScalar()!;
        _files.Add(new SourceFileInfo(role, System.IO.Path.GetFileName(full), full, sha, 0));
        _fileIds.Add(id);
        return id;
    }

    /// <summary>Sets the number of data rows read from a registered file.</summary>
    public void SetRows(long fileId, long rows)
    {
        var i = _fileIds.IndexOf(fileId);
        _files[i] = _files[i] with { Rows = rows };
        using var cmd = Command("UPDATE source_file SET rows = $n WHERE id = $id");
        cmd.Parameters.AddWithValue("$n", rows);
        cmd.Parameters.AddWithValue("$id", fileId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A prepared INSERT into <paramref name="table"/> for <paramref name="columns"/>.</summary>
    public Inserter Prepare(string table, params string[] columns)
    {
        var cmd = Command($"INSERT INTO {table}({string.Join(", ", columns)}) VALUES({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})");
        var ps = new SqliteParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            ps[i] = cmd.CreateParameter();
            ps[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            cmd.Parameters.Add(ps[i]);
        }
        cmd.Prepare();
        return new Inserter(cmd, ps);
    }

    /// <summary>
    /// Commits the import if no problem was found; otherwise rolls back and throws <see cref="InputException"/>
    /// with every problem (in file, line, column order).
    /// </summary>
    public ImportRecord Commit(string dataset, string version, string citation, string licence, string sourceFormat,
        string sourcePath, string? notes)
    {
        if (Clean) notes = CheckRowCounts(version, sourceFormat, sourcePath, notes);
        if (!Clean)
        {
            _tx.Rollback();
            _done = true;
            var list = Problems
                .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0).ThenBy(p => p.Column ?? 0)
                .ToList();
            if (_dropped > 0) list.Add(new Diagnostic(null, null, null, $"... and {_dropped} more problems not shown"));
            throw new InputException(list);
        }
        var rows = _files.Sum(f => f.Rows);
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using (var cmd = Command("""
            INSERT INTO import_run(kind, dataset, version, citation, licence, source_format, source_path, imported_at, rows, notes)
            VALUES($k, $d, $v, $c, $l, $f, $p, $t, $n, $o)
            """))
        {
            cmd.Parameters.AddWithValue("$k", Kind);
            cmd.Parameters.AddWithValue("$d", dataset);
            cmd.Parameters.AddWithValue("$v", version);
            cmd.Parameters.AddWithValue("$c", citation);
            cmd.Parameters.AddWithValue("$l", licence);
            cmd.Parameters.AddWithValue("$f", sourceFormat);
            cmd.Parameters.AddWithValue("$p", System.IO.Path.GetFullPath(sourcePath));
            cmd.Parameters.AddWithValue("$t", at);
            cmd.Parameters.AddWithValue("$n", rows);
            cmd.Parameters.AddWithValue("$o", (object?)notes ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
        _tx.Commit();
        _done = true;
        return new ImportRecord(Kind, dataset, version, citation, licence, sourceFormat,
            System.IO.Path.GetFullPath(sourcePath), at, rows, _files.ToList(), notes);
    }

    /// <summary>
    /// Refuses what looks like a truncated download: a file with no data rows, a file with fewer rows than its
    /// release is known to hold, an import with fewer rows (for any file role) than the import it replaces. The last
    /// two are allowed with <see cref="AllowShrink"/>. Returns the notes, with a line added for a file that holds
    /// more rows than its release is known to.
    /// </summary>
    private string? CheckRowCounts(string version, string sourceFormat, string sourcePath, string? notes)
    {
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        const string hint = "pass --allow-shrink if it is complete as it is";
        var problems = new List<Diagnostic>();
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _files)
        {
            if (f.Rows == 0)
            {
                problems.Add(new Diagnostic(f.Path, null, null, $"no data rows in this {f.Role} file (only a header, or nothing); is the download complete?"));
                flagged.Add(f.Role);
                continue;
            }
            if (KnownRowCounts.For(Kind, version, f.Role, sourceFormat) is not { } known) continue;
            if (f.Rows < known.Rows && !AllowShrink)
            {
                problems.Add(new Diagnostic(f.Path, null, null,
                    $"{N(f.Rows)} data rows, but the {f.Role} file of {Kind} {version} holds {N(known.Rows)} ({known.Source}); " +
                    $"the file looks truncated: download it again, or {hint}"));
                flagged.Add(f.Role);
            }
            else if (f.Rows > known.Rows)
                notes = (notes is null ? "" : notes + "; ") +
                        $"{f.FileName} has {N(f.Rows)} rows, more than the {N(known.Rows)} of {Kind} {version} as released";
        }
        if (!AllowShrink)
            foreach (var (role, before) in _previousRows)
            {
                var now = _files.Where(f => f.Role == role).Sum(f => f.Rows);
                if (now < before && !flagged.Contains(role))
                    problems.Add(new Diagnostic(sourcePath, null, null,
                        $"{N(now)} {role} rows would replace the {N(before)} now in the store ({_previous}); " +
                        $"refused as a likely truncated file: {hint}"));
            }
        Report(problems);
        return notes;
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Rolls back if neither committed nor rolled back yet, and closes the connection.</summary>
    public void Dispose()
    {
        if (!_done) _tx.Rollback();
        _tx.Dispose();
        _conn.Dispose();
    }
}

/// <summary>
/// A prepared INSERT statement reused for every row of an import. (Multi-row INSERTs were measured slower here:
/// Microsoft.Data.Sqlite binds parameters by name, which grows quadratically with the parameters per statement.)
/// </summary>
public sealed class Inserter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    internal Inserter(SqliteCommand command, SqliteParameter[] parameters)
    {
        _command = command;
        _parameters = parameters;
    }

    /// <summary>Inserts one row; values are in the column order given to <see cref="ImportSession.Prepare"/>.</summary>
    public void Insert(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        _command.ExecuteNonQuery();
    }

    /// <summary>Writes anything still pending before the session commits (rows are currently written at once).</summary>
    public void Flush() { }

    public void Dispose() => _command.Dispose();
}
