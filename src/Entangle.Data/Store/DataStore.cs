using Microsoft.Data.Sqlite;

namespace Entangle.Data.Store;

/// <summary>
/// The embedded reference-data store: one SQLite file, <c>entangle.db</c>, in a data directory. Every imported
/// row keeps its provenance: a <c>file_id</c> pointing at <c>source_file</c> (dataset, version, file name,
/// SHA-256) and the <c>line</c> in that file.
/// </summary>
public sealed class DataStore
{
    /// <summary>The database file name inside a data directory.</summary>
    public const string FileName = "entangle.db";

    /// <summary>Bumped whenever the schema changes; older databases are rebuilt table by table on import.</summary>
    public const int SchemaVersion = 1;

    /// <summary>A store in <paramref name="dataDirectory"/> (created on first write).</summary>
    public DataStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, FileName);
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The database file, <c>entangle.db</c> in <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>True if the database file exists (something was imported at some point).</summary>
    public bool Exists => File.Exists(DatabasePath);

    /// <summary>Opens a connection, creating the directory, the file and the schema if needed.</summary>
    public SqliteConnection OpenForWrite()
    {
        Directory.CreateDirectory(DataDirectory);
        var c = Open(SqliteOpenMode.ReadWriteCreate);
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            cmd.ExecuteNonQuery();
        }
        Schema.Ensure(c);
        return c;
    }

    /// <summary>Opens a read-only connection; null if nothing was ever imported.</summary>
    public SqliteConnection? OpenForRead()
    {
        if (!Exists) return null;
        var c = Open(SqliteOpenMode.ReadOnly);
        return c;
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = mode,
            Pooling = false,
        }.ToString();
        var c = new SqliteConnection(cs);
        c.Open();
        return c;
    }
}
