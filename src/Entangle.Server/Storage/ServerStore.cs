using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Entangle.Server.Storage;

/// <summary>A stored version of a scenario: its files (a bundle), content hash, who stored it and when.</summary>
public sealed class ScenarioRow
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public string Hash { get; set; } = "";
    public string Root { get; set; } = "";
    public string Title { get; set; } = "";
    public string Files { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
}

/// <summary>A job: what was asked (kind, scenario version, request, seed), with which code, its status and timings.</summary>
public sealed class JobRow
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>The scenario the job ran on; null for a job over the reference data (backtest).</summary>
    public string? ScenarioId { get; set; }
    public long? ScenarioVersion { get; set; }
    public string ScenarioHash { get; set; } = "";
    public string Request { get; set; } = "";
    public string Seed { get; set; } = "";
    public string CodeVersion { get; set; } = "";
    public string CacheKey { get; set; } = "";
    public string Status { get; set; } = "";
    public string Client { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public string? Error { get; set; }
    public long Attempts { get; set; }
}

/// <summary>A job's result: its bytes and media type, written in the same transaction that marks the job done.</summary>
public sealed class ResultRow
{
    public string JobId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Body { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

/// <summary>
/// A sweep run by <c>entangle sweep SPEC --store</c>: its spec (the file's text and SHA-256), the executor it ran on,
/// the cluster's report (null when it ran locally), and its result: the bytes <c>entangle sweep --json</c> printed,
/// less the final newline. Written in one statement once the sweep has finished, so a failed sweep leaves no row.
/// </summary>
public sealed class SweepRow
{
    public string Id { get; set; } = "";
    public string Design { get; set; } = "";
    public string SpecName { get; set; } = "";
    public string Spec { get; set; } = "";
    public string SpecSha256 { get; set; } = "";
    public string Executor { get; set; } = "";
    public string? SiloReport { get; set; }
    public string CodeVersion { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public string FinishedAt { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Body { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

/// <summary>
/// Stored scenario versions loaded once and kept (a version never changes, and a loaded <see cref="Domain.Scenario"/> is
/// immutable), so that show, obligations and every job on the same version skip parsing.
/// </summary>
public sealed class ScenarioCache(ServerStore store, int capacity = 64)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long), Lazy<(Scenarios.ScenarioBundle Bundle, Domain.Scenario Scenario)>> _loaded = new();

    /// <summary>Loaded versions kept now.</summary>
    public int Count => _loaded.Count;

    /// <summary>The most loaded versions kept; past it the cache starts again empty.</summary>
    public int Capacity => capacity;

    /// <summary>The source of a stored version: its bundle, loaded at most once while cached.</summary>
    public Scenarios.ScenarioSource Source(ScenarioRow row)
    {
        if (_loaded.Count > capacity) _loaded.Clear();
        var lazy = _loaded.GetOrAdd((row.Id, row.Version), _ => new Lazy<(Scenarios.ScenarioBundle, Domain.Scenario)>(() =>
        {
            var bundle = new Scenarios.ScenarioBundle(row.Root, ServerStore.FilesOf(row));
            return (bundle, Scenarios.ScenarioSource.Bundle(bundle).Load());
        }));
        try
        {
            // the loaded scenario and its files: a job sent to a cluster (serve --cluster) carries the files to the silos
            var (bundle, scenario) = lazy.Value;
            return Scenarios.ScenarioSource.Loaded(bundle, scenario);
        }
        catch
        {
            _loaded.TryRemove((row.Id, row.Version), out _);
            throw;
        }
    }

    /// <summary>The source of scenario <paramref name="id"/> at <paramref name="version"/>, or null when not stored.</summary>
    public Scenarios.ScenarioSource? Source(string id, long version) => store.Scenario(id, version) is { } row ? Source(row) : null;
}

/// <summary>Job statuses.</summary>
public static class JobStatus
{
    public const string Queued = "queued", Running = "running", Succeeded = "succeeded", Failed = "failed",
        Cancelled = "cancelled", Interrupted = "interrupted";

    public static bool IsFinal(string s) => s is Succeeded or Failed or Cancelled or Interrupted;
}

/// <summary>
/// The server's storage of scenarios, jobs and results: SQLite in the data directory by default, PostgreSQL when a
/// connection string is given. Versioned migrations run on open. A result and its job's final status are written
/// in one transaction, so a result is stored whole or not at all.
/// </summary>
public sealed class ServerStore
{
    /// <summary>The SQLite file in the data directory.</summary>
    public const string FileName = "entangle-server.db";

    private readonly string _connection;

    /// <summary>Whether this store is PostgreSQL (else SQLite).</summary>
    public bool IsPostgres { get; }

    /// <summary>Where the store is, for messages (never the password).</summary>
    public string Description { get; }

    /// <param name="dataDir">Folder of the SQLite file (created if missing).</param>
    /// <param name="connection">A PostgreSQL connection string (<c>Host=…;Database=…</c>) or null for SQLite.</param>
    public ServerStore(string dataDir, string? connection) : this(dataDir, connection, SchemaVersion) { }

    /// <summary>
    /// The store a command names with <c>--store</c>: a PostgreSQL connection string (what <c>entangle serve --db</c>
    /// takes: it has <c>=</c>, e.g. <c>Host=…;Database=…</c>), else the server's SQLite store: a data directory (what
    /// <c>serve --data-dir</c> takes; its <see cref="FileName"/>) or that SQLite file itself.
    /// </summary>
    public static ServerStore At(string store)
    {
        if (store.Contains('='))
        {
            try { _ = new NpgsqlConnectionStringBuilder(store); }
            catch (ArgumentException e) { throw new Domain.InputException($"--store: not a PostgreSQL connection string ({e.Message}); give Host=…;Database=… or a data directory"); }
            return new ServerStore("", store);
        }
        var full = Path.GetFullPath(store);
        if (Directory.Exists(full) || !Path.GetFileName(full).EndsWith(".db", StringComparison.OrdinalIgnoreCase)) return new ServerStore(full, null);
        return new ServerStore(Path.GetDirectoryName(full)!, null, SchemaVersion, Path.GetFileName(full));
    }

    /// <summary>A store migrated only up to schema <paramref name="schemaVersion"/>: for the tests that migrate a populated older database.</summary>
    public ServerStore(string dataDir, string? connection, int schemaVersion) : this(dataDir, connection, schemaVersion, FileName) { }

    private ServerStore(string dataDir, string? connection, int schemaVersion, string fileName)
    {
        if (connection is { Length: > 0 })
        {
            IsPostgres = true;
            var b = new NpgsqlConnectionStringBuilder(connection);
            _connection = b.ConnectionString;
            Description = $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        }
        else
        {
            Directory.CreateDirectory(dataDir);
            var path = Path.Combine(Path.GetFullPath(dataDir), fileName);
            _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
            Description = $"SQLite {path}";
        }
        Migrate(schemaVersion);
    }

    /// <summary>Opens a connection (SQLite: WAL journal, foreign keys on).</summary>
    public DbConnection Open()
    {
        DbConnection c = IsPostgres ? new NpgsqlConnection(_connection) : new SqliteConnection(_connection);
        c.Open();
        if (!IsPostgres) c.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return c;
    }

    /// <summary>
    /// The schema, one entry per version; never edit an applied one, add the next. An entry's SQL is for both
    /// databases unless it has a PostgreSQL form of its own (the second string). SQLite runs them with foreign keys
    /// off, as its table rebuilds need, and checks every key before it commits.
    /// </summary>
    private static readonly (int Version, string Sql, string? Postgres)[] Migrations =
    [
        (1, """
            CREATE TABLE scenarios (
              id TEXT NOT NULL, version BIGINT NOT NULL, hash TEXT NOT NULL, root TEXT NOT NULL, title TEXT NOT NULL,
              files TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
              PRIMARY KEY (id, version));
            CREATE TABLE jobs (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_version BIGINT NOT NULL,
              scenario_hash TEXT NOT NULL, request TEXT NOT NULL, seed TEXT NOT NULL, code_version TEXT NOT NULL,
              cache_key TEXT NOT NULL, status TEXT NOT NULL, client TEXT NOT NULL, created_at TEXT NOT NULL,
              started_at TEXT, finished_at TEXT, error TEXT, attempts BIGINT NOT NULL DEFAULT 0,
              FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenarios (id, version));
            CREATE INDEX jobs_cache ON jobs (cache_key, status);
            CREATE INDEX jobs_status ON jobs (status);
            CREATE TABLE results (
              job_id TEXT PRIMARY KEY REFERENCES jobs (id), content_type TEXT NOT NULL, body TEXT NOT NULL, sha256 TEXT NOT NULL);
            """, null),
        // 2: jobs over the reference data rather than a scenario (backtest) have no scenario: its columns may be null.
        // scenario_hash then holds the hash of the reference data's imported files.
        (2, """
            CREATE TABLE jobs_v2 (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT, scenario_version BIGINT,
              scenario_hash TEXT NOT NULL, request TEXT NOT NULL, seed TEXT NOT NULL, code_version TEXT NOT NULL,
              cache_key TEXT NOT NULL, status TEXT NOT NULL, client TEXT NOT NULL, created_at TEXT NOT NULL,
              started_at TEXT, finished_at TEXT, error TEXT, attempts BIGINT NOT NULL DEFAULT 0,
              FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenarios (id, version));
            INSERT INTO jobs_v2 SELECT id, kind, scenario_id, scenario_version, scenario_hash, request, seed, code_version, cache_key, status,
              client, created_at, started_at, finished_at, error, attempts FROM jobs;
            DROP TABLE jobs;
            ALTER TABLE jobs_v2 RENAME TO jobs;
            CREATE INDEX jobs_cache ON jobs (cache_key, status);
            CREATE INDEX jobs_status ON jobs (status)
            """, """
            ALTER TABLE jobs ALTER COLUMN scenario_id DROP NOT NULL;
            ALTER TABLE jobs ALTER COLUMN scenario_version DROP NOT NULL
            """),
        // 3: sweeps run by `entangle sweep SPEC --store` (locally or on a cluster), with their results
        (3, """
            CREATE TABLE sweeps (
              id TEXT PRIMARY KEY, design TEXT NOT NULL, spec_name TEXT NOT NULL, spec TEXT NOT NULL, spec_sha256 TEXT NOT NULL,
              executor TEXT NOT NULL, silo_report TEXT, code_version TEXT NOT NULL, created_by TEXT NOT NULL,
              started_at TEXT NOT NULL, finished_at TEXT NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL, sha256 TEXT NOT NULL);
            CREATE INDEX sweeps_spec ON sweeps (spec_sha256);
            CREATE INDEX sweeps_finished ON sweeps (finished_at)
            """, null),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int SchemaVersion => Migrations[^1].Version;

    private void Migrate(int upTo)
    {
        using var c = Open();
        c.Execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        if (IsPostgres) c.Execute("SELECT pg_advisory_lock(7262201)"); // two servers starting on one database migrate one after the other
        try
        {
            var current = c.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0;
            if (current > SchemaVersion)
                throw new InvalidOperationException($"the database's schema is version {current}, newer than this entangle knows ({SchemaVersion}); upgrade entangle");
            if (!IsPostgres) c.Execute("PRAGMA foreign_keys=OFF"); // outside a transaction, or SQLite ignores it
            foreach (var (version, sqlite, postgres) in Migrations.Where(m => m.Version > current && m.Version <= upTo))
            {
                using var tx = c.BeginTransaction();
                foreach (var statement in (IsPostgres ? postgres ?? sqlite : sqlite).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    c.Execute(statement, transaction: tx);
                if (!IsPostgres && c.Query("PRAGMA foreign_key_check", transaction: tx).Any())
                    throw new InvalidOperationException($"schema migration {version} would break a foreign key; nothing was changed");
                c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@version, @at)", new { version = (long)version, at = Now() }, tx);
                tx.Commit();
            }
            if (!IsPostgres) c.Execute("PRAGMA foreign_keys=ON");
        }
        finally
        {
            if (IsPostgres) c.Execute("SELECT pg_advisory_unlock(7262201)");
        }
    }

    /// <summary>The current UTC time as stored (ISO 8601, milliseconds).</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    private const string ScenarioColumns = "id, version, hash, root, title, files, created_by AS CreatedBy, created_at AS CreatedAt";
    private const string JobColumns = "id, kind, scenario_id AS ScenarioId, scenario_version AS ScenarioVersion, scenario_hash AS ScenarioHash, request, seed, " +
        "code_version AS CodeVersion, cache_key AS CacheKey, status, client, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, error, attempts";

    /// <summary>The content hash of a bundle: SHA-256 over the root name and every file (path, length, bytes) in path order.</summary>
    public static string Hash(string root, IReadOnlyDictionary<string, byte[]> files)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) { var b = Encoding.UTF8.GetBytes(s); h.AppendData(BitConverter.GetBytes(b.Length)); h.AppendData(b); }
        Add(root);
        foreach (var (path, bytes) in files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Add(path);
            h.AppendData(BitConverter.GetBytes(bytes.Length));
            h.AppendData(bytes);
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <summary>Stores a new version of scenario <paramref name="id"/> unless its latest version has the same hash; returns the version and whether it is new.</summary>
    public (ScenarioRow Row, bool Created) SaveScenario(string id, string title, string root, IReadOnlyDictionary<string, byte[]> files, string who)
    {
        var hash = Hash(root, files);
        var json = JsonSerializer.Serialize(files.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Convert.ToBase64String(kv.Value)));
        using var c = Open();
        for (var attempt = 0; ; attempt++)
        {
            using var tx = c.BeginTransaction();
            var latest = c.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id ORDER BY version DESC LIMIT 1", new { id }, tx);
            if (latest is not null && latest.Hash == hash && latest.Root == root) return (latest, false);
            var row = new ScenarioRow { Id = id, Version = (latest?.Version ?? 0) + 1, Hash = hash, Root = root, Title = title, Files = json, CreatedBy = who, CreatedAt = Now() };
            try
            {
                c.Execute("INSERT INTO scenarios (id, version, hash, root, title, files, created_by, created_at) VALUES (@Id, @Version, @Hash, @Root, @Title, @Files, @CreatedBy, @CreatedAt)", row, tx);
                tx.Commit();
                return (row, true);
            }
            catch (DbException) when (attempt < 3)
            {
                // another upload took the same version number first; read again and take the next
            }
        }
    }

    /// <summary>The files of a stored scenario version, by bundle path.</summary>
    public static IReadOnlyDictionary<string, byte[]> FilesOf(ScenarioRow row) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.Files)!.ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value), StringComparer.Ordinal);

    public ScenarioRow? Scenario(string id, long? version = null)
    {
        using var c = Open();
        return version is { } v
            ? c.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id AND version = @v", new { id, v })
            : c.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id ORDER BY version DESC LIMIT 1", new { id });
    }

    public IReadOnlyList<ScenarioRow> Versions(string id)
    {
        using var c = Open();
        return c.Query<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id ORDER BY version", new { id }).ToList();
    }

    /// <summary>The latest version of every scenario, by id.</summary>
    public IReadOnlyList<ScenarioRow> LatestScenarios()
    {
        using var c = Open();
        return c.Query<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios s WHERE version = (SELECT MAX(version) FROM scenarios t WHERE t.id = s.id) ORDER BY id").ToList();
    }

    public void InsertJob(JobRow j)
    {
        using var c = Open();
        c.Execute("INSERT INTO jobs (id, kind, scenario_id, scenario_version, scenario_hash, request, seed, code_version, cache_key, status, client, created_at, attempts) " +
                  "VALUES (@Id, @Kind, @ScenarioId, @ScenarioVersion, @ScenarioHash, @Request, @Seed, @CodeVersion, @CacheKey, @Status, @Client, @CreatedAt, @Attempts)", j);
    }

    public JobRow? Job(string id)
    {
        using var c = Open();
        return c.QuerySingleOrDefault<JobRow>($"SELECT {JobColumns} FROM jobs WHERE id = @id", new { id });
    }

    public IReadOnlyList<JobRow> Jobs(string? status = null, int limit = 100)
    {
        using var c = Open();
        return c.Query<JobRow>($"SELECT {JobColumns} FROM jobs {(status is null ? "" : "WHERE status = @status")} ORDER BY created_at DESC, id LIMIT @limit",
            new { status, limit = (long)limit }).ToList();
    }

    /// <summary>A succeeded job with this cache key, if any.</summary>
    public JobRow? Cached(string cacheKey)
    {
        using var c = Open();
        return c.QueryFirstOrDefault<JobRow>($"SELECT {JobColumns} FROM jobs WHERE cache_key = @cacheKey AND status = @s ORDER BY created_at, id LIMIT 1",
            new { cacheKey, s = JobStatus.Succeeded });
    }

    /// <summary>Moves a job from one status to another; false when it was not in <paramref name="from"/>.</summary>
    public bool Transition(string id, string[] from, string to, string? error = null)
    {
        using var c = Open();
        var now = Now();
        var sets = to switch
        {
            JobStatus.Running => "status = @to, started_at = @now, finished_at = NULL, error = NULL, attempts = attempts + 1",
            JobStatus.Queued => "status = @to, started_at = NULL, finished_at = NULL, error = NULL",
            _ => "status = @to, finished_at = @now, error = @error",
        };
        // Dapper expands a list for SQLite; Npgsql takes it as one array parameter
        var among = IsPostgres ? "status = ANY(@from)" : "status IN @from";
        return c.Execute($"UPDATE jobs SET {sets} WHERE id = @id AND {among}", new { id, from, to, now, error }) == 1;
    }

    /// <summary>Stores the result and marks the job succeeded, in one transaction (whole or nothing).</summary>
    public bool Complete(string id, string contentType, string body)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var ok = c.Execute("UPDATE jobs SET status = @s, finished_at = @now, error = NULL WHERE id = @id AND status = @running",
            new { id, s = JobStatus.Succeeded, now = Now(), running = JobStatus.Running }, tx) == 1;
        if (!ok) return false;
        c.Execute("DELETE FROM results WHERE job_id = @id", new { id }, tx);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        c.Execute("INSERT INTO results (job_id, content_type, body, sha256) VALUES (@id, @contentType, @body, @sha)", new { id, contentType, body, sha }, tx);
        tx.Commit();
        return true;
    }

    public ResultRow? Result(string jobId)
    {
        using var c = Open();
        return c.QuerySingleOrDefault<ResultRow>("SELECT job_id AS JobId, content_type AS ContentType, body, sha256 FROM results WHERE job_id = @jobId", new { jobId });
    }

    /// <summary>At start: jobs left running by a server that stopped are marked interrupted; returns the queued ones to run again.</summary>
    public (int Interrupted, IReadOnlyList<string> Queued) Recover()
    {
        using var c = Open();
        var n = c.Execute("UPDATE jobs SET status = @i, finished_at = @now, error = @why WHERE status = @r",
            new { i = JobStatus.Interrupted, r = JobStatus.Running, now = Now(), why = "the server stopped while the job ran; resume it to run it again from its seed" });
        var queued = c.Query<string>("SELECT id FROM jobs WHERE status = @q ORDER BY created_at, id", new { q = JobStatus.Queued }).ToList();
        return (n, queued);
    }

    private const string SweepColumns = "id, design, spec_name AS SpecName, spec, spec_sha256 AS SpecSha256, executor, silo_report AS SiloReport, " +
        "code_version AS CodeVersion, created_by AS CreatedBy, started_at AS StartedAt, finished_at AS FinishedAt, content_type AS ContentType, body, sha256";

    /// <summary>Stores a finished sweep, whole, in one transaction; its id, <see cref="SweepRow.SpecSha256"/> and <see cref="SweepRow.Sha256"/> are filled in here.</summary>
    public SweepRow SaveSweep(SweepRow sweep)
    {
        sweep.Id = Guid.NewGuid().ToString("N")[..16];
        sweep.SpecSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sweep.Spec)));
        sweep.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sweep.Body)));
        using var c = Open();
        using var tx = c.BeginTransaction();
        c.Execute("INSERT INTO sweeps (id, design, spec_name, spec, spec_sha256, executor, silo_report, code_version, created_by, started_at, finished_at, content_type, body, sha256) " +
                  "VALUES (@Id, @Design, @SpecName, @Spec, @SpecSha256, @Executor, @SiloReport, @CodeVersion, @CreatedBy, @StartedAt, @FinishedAt, @ContentType, @Body, @Sha256)", sweep, tx);
        tx.Commit();
        return sweep;
    }

    public SweepRow? Sweep(string id)
    {
        using var c = Open();
        return c.QuerySingleOrDefault<SweepRow>($"SELECT {SweepColumns} FROM sweeps WHERE id = @id", new { id });
    }

    /// <summary>The stored sweeps, newest first.</summary>
    public IReadOnlyList<SweepRow> Sweeps(int limit = 100)
    {
        using var c = Open();
        return c.Query<SweepRow>($"SELECT {SweepColumns} FROM sweeps ORDER BY finished_at DESC, id LIMIT @limit", new { limit = (long)limit }).ToList();
    }
}
