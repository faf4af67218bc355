using System.Globalization;
using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Store;

/// <summary>
/// The embedded reference-data store: one SQLite file, <c>entangle.db</c>, in a data directory. Every imported
/// row keeps its provenance: a <c>file_id</c> pointing at <c>source_file</c> (dataset, version, file name,
/// SHA-256) and the <c>line</c> in that file.
/// </summary>
/// <remarks>
/// The store uses SQLite's rollback journal (<c>entangle.db-journal</c>). An import killed part-way leaves a "hot"
/// journal; the next connection that can write rolls it back before reading. Read connections are therefore opened
/// read-write with <c>PRAGMA query_only</c> (SQLite refuses to roll a hot journal back on a read-only connection and
/// fails every read with "attempt to write a readonly database"), and they hold one read transaction for their
/// whole life, so that a query sees one import or the other, never half of each, and can only wait for a lock when
/// it opens. Waiting for a lock is bounded by <see cref="LockTimeoutSeconds"/>; a lock that is not freed in time, and
/// the other SQLite failures a user can cause or fix, become an <see cref="InputException"/> with one clear line.
/// </remarks>
public sealed class DataStore
{
    /// <summary>The database file name inside a data directory.</summary>
    public const string FileName = "entangle.db";

    /// <summary>Bumped whenever the schema changes; older databases are rebuilt table by table on import.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The environment variable that sets how long to wait for another process's lock, in seconds.</summary>
    public const string LockTimeoutVariable = "ENTANGLE_DATA_LOCK_TIMEOUT";

    /// <summary>The default wait for a lock held by another process, in seconds.</summary>
    public const int DefaultLockTimeoutSeconds = 30;

    /// <summary>A store in <paramref name="dataDirectory"/> (created on first write).</summary>
    /// <param name="lockTimeoutSeconds">How long to wait for a lock; null: <c>$ENTANGLE_DATA_LOCK_TIMEOUT</c>, else 30.</param>
    public DataStore(string dataDirectory, int? lockTimeoutSeconds = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, FileName);
        LockTimeoutSeconds = lockTimeoutSeconds ?? LockTimeoutFromEnvironment();
        if (LockTimeoutSeconds < 1) throw new InputException($"the lock timeout must be at least 1 second, not {LockTimeoutSeconds}");
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The database file, <c>entangle.db</c> in <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>The rollback journal SQLite keeps beside the database while a write is under way.</summary>
    public string JournalPath => DatabasePath + "-journal";

    /// <summary>How long a command waits for a lock held by another process before giving up, in seconds.</summary>
    public int LockTimeoutSeconds { get; }

    /// <summary>True if the database file exists (something was imported at some point).</summary>
    public bool Exists => File.Exists(DatabasePath);

    /// <summary>Opens a connection, creating the directory, the file and the schema if needed.</summary>
    public SqliteConnection OpenForWrite()
    {
        Directory.CreateDirectory(DataDirectory);
        var c = Open(SqliteOpenMode.ReadWriteCreate);
        try
        {
            Schema.Exec(c, null, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            Schema.Ensure(c);
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a connection for queries, inside one read transaction that lasts until it is disposed (rolling back an
    /// import that was killed part-way, if there is one). Null if nothing was ever imported (no file, or a file that
    /// an interrupted first import left without tables).
    /// </summary>
    public SqliteConnection? OpenForRead()
    {
        if (!Exists) return null;
        var c = Open(SqliteOpenMode.ReadWrite);
        try
        {
            // BEGIN is sent as SQL, not through BeginTransaction, so the query code can use plain commands; the
            // first SELECT takes the shared lock (after rolling back a hot journal) and keeps it to the end.
            Schema.Exec(c, null, "PRAGMA query_only=ON; BEGIN DEFERRED;");
            string? version;
            using (var q = c.CreateCommand())
            {
                q.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
                if ((long)q.ExecuteScalar()! == 0) { c.Dispose(); return null; }
                q.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
                version = q.ExecuteScalar() as string;
            }
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
                throw new InputException(DatabasePath,
                    $"the data store was written by another version of Entangle (schema {version ?? "unknown"}, this one reads {SchemaVersion}); import the datasets again");
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The clear message for a SQLite failure a user can cause or fix (a lock held too long, a store that cannot be
    /// written or is not a database), or null for any other failure (a defect: let it surface).
    /// </summary>
    public InputException? Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => new InputException(DatabasePath,
            $"the data store is locked by another process (an import?) that did not release it within {LockTimeoutSeconds} s; " +
            $"try again when it has finished, or wait longer with {LockTimeoutVariable}=SECONDS"),
        8 when File.Exists(JournalPath) => new InputException(DatabasePath,
            $"an import was interrupted and SQLite must roll it back (from {Path.GetFileName(JournalPath)}) before the store can be read, " +
            $"which needs write access to {DataDirectory}; run any entangle data command once as a user who can write there"),
        8 => new InputException(DatabasePath, $"the data store cannot be written (no write access to {DataDirectory}?)"),
        11 or 26 => new InputException(DatabasePath,
            "this file is not a readable Entangle data store (it is damaged or not a SQLite database); move it away and import the datasets again"),
        13 => new InputException(DatabasePath, "the disk is full; free some space and import again"),
        14 => new InputException(DatabasePath, $"the data store cannot be opened (check that {DataDirectory} is a folder you can read and write)"),
        _ => null,
    };

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = LockTimeoutSeconds,
        }.ToString();
        var c = new SqliteConnection(cs);
        try
        {
            c.Open();
        }
        catch
        {
            c.Dispose();
            throw;
        }
        return c;
    }

    private static int LockTimeoutFromEnvironment()
    {
        var raw = Environment.GetEnvironmentVariable(LockTimeoutVariable);
        if (string.IsNullOrWhiteSpace(raw)) return DefaultLockTimeoutSeconds;
        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 1) return s;
        throw new InputException($"{LockTimeoutVariable}='{raw}' is not a whole number of seconds (1 or more)");
    }
}
