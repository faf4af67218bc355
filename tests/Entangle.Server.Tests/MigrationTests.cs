using System.Security.Cryptography;
using System.Text;
using Dapper;
using Entangle.Server.Storage;

namespace Entangle.Server.Tests;

/// <summary>Schema migrations on a database that already holds data: rows survive, results stay byte for byte.</summary>
public class MigrationTests
{
    private static readonly Dictionary<string, byte[]> Files = new(StringComparer.Ordinal)
    {
        ["s.yaml"] = Encoding.UTF8.GetBytes("scenario: {id: s, title: S, as_of: 2024-01-01}\ninclude: [\"parts/a.yaml\"]\n"),
        ["parts/a.yaml"] = Encoding.UTF8.GetBytes("states: []\n"),
    };

    private static JobRow NewJob(string id, ScenarioRow s) => new()
    {
        Id = id, Kind = "run", ScenarioId = s.Id, ScenarioVersion = s.Version, ScenarioHash = s.Hash, Request = $"{{\"runs\":{id.Length * 100},\"seed\":3}}",
        Seed = "3", CodeVersion = "test+0", CacheKey = "key-" + id, Status = JobStatus.Queued, Client = "127.0.0.1", CreatedAt = $"2026-01-0{id.Length}T00:00:00.000Z",
    };

    private static string Snapshot(JobRow j) =>
        string.Join("|", j.Id, j.Kind, j.ScenarioId, j.ScenarioVersion, j.ScenarioHash, j.Request, j.Seed, j.CodeVersion, j.CacheKey, j.Status, j.Client,
            j.CreatedAt, j.StartedAt, j.FinishedAt, j.Error, j.Attempts);

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public void Migration_2_keeps_every_row_and_result_of_a_populated_version_1_database(string store)
    {
        var db = Stores.NewDatabase(store);
        var dir = TempDir.New();

        // a version-1 database with a scenario in two versions, jobs in every final status and two results
        var v1 = new ServerStore(dir, db, schemaVersion: 1);
        var (s1, _) = v1.SaveScenario("s", "S", "s.yaml", Files, "alice");
        var changed = new Dictionary<string, byte[]>(Files) { ["parts/a.yaml"] = Encoding.UTF8.GetBytes("states: []\n# edited\n") };
        var (s2, created) = v1.SaveScenario("s", "S", "s.yaml", changed, "bob");
        Assert.True(created);
        var jobs = new[] { NewJob("a", s1), NewJob("bb", s1), NewJob("ccc", s2), NewJob("dddd", s2) };
        foreach (var j in jobs) v1.InsertJob(j);
        const string body1 = "{\"runs\":100,\"metrics\":{\"first_war\":0.25}}";
        var body2 = "<!doctype html><p>ünïcödé — \"quoted\"</p>\n" + new string('x', 70_000); // a large, non-ASCII body
        Assert.True(v1.Transition("a", [JobStatus.Queued], JobStatus.Running));
        Assert.True(v1.Complete("a", "application/json", body1));
        Assert.True(v1.Transition("bb", [JobStatus.Queued], JobStatus.Running));
        Assert.True(v1.Complete("bb", "text/html; charset=utf-8", body2));
        Assert.True(v1.Transition("ccc", [JobStatus.Queued], JobStatus.Running));
        Assert.True(v1.Transition("ccc", [JobStatus.Running], JobStatus.Failed, "internal error: x"));
        Assert.True(v1.Transition("dddd", [JobStatus.Queued], JobStatus.Running)); // left running: the next start marks it interrupted
        var before = jobs.Select(j => Snapshot(v1.Job(j.Id)!)).ToList();
        using (var c = v1.Open())
        {
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT MAX(version) FROM schema_version"));
            // version 1 refuses a job without a scenario, which is what migration 2 allows
            var backtest = NewJob("e", s1);
            backtest.ScenarioId = null;
            backtest.ScenarioVersion = null;
            Assert.ThrowsAny<System.Data.Common.DbException>(() => v1.InsertJob(backtest));
        }

        // open at version 2: migration 2 runs on the populated database (SweepMigrationTests takes it on to 3)
        var v2 = new ServerStore(dir, db, schemaVersion: 2);
        using (var c = v2.Open())
        {
            Assert.Equal(new long[] { 1, 2 }, c.Query<long>("SELECT version FROM schema_version ORDER BY version").ToArray());
            Assert.Equal(4, c.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs"));
            Assert.Equal(2, c.ExecuteScalar<long>("SELECT COUNT(*) FROM results"));
            Assert.Equal(2, c.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios"));
            var indexes = v2.IsPostgres
                ? c.Query<string>("SELECT indexname FROM pg_indexes WHERE tablename = 'jobs'").ToList()
                : c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs'").ToList();
            Assert.Contains("jobs_cache", indexes);
            Assert.Contains("jobs_status", indexes);
        }
        Assert.Equal(before, jobs.Select(j => Snapshot(v2.Job(j.Id)!)).ToList());
        foreach (var (id, type, body) in new[] { ("a", "application/json", body1), ("bb", "text/html; charset=utf-8", body2) })
        {
            var r = v2.Result(id)!;
            Assert.Equal(type, r.ContentType);
            Assert.Equal(body, r.Body);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), r.Sha256);
        }
        Assert.Null(v2.Result("ccc"));
        Assert.Equal(Files["parts/a.yaml"], ServerStore.FilesOf(v2.Scenario("s", 1)!)["parts/a.yaml"]);
        Assert.Equal(changed["parts/a.yaml"], ServerStore.FilesOf(v2.Scenario("s")!)["parts/a.yaml"]);
        Assert.Equal("bob", v2.Scenario("s", 2)!.CreatedBy);

        // the migrated table takes what version 2 is for, keeps its foreign key, and the cache still finds the succeeded job
        var job = NewJob("e", s1);
        job.ScenarioId = null;
        job.ScenarioVersion = null;
        v2.InsertJob(job);
        Assert.Null(v2.Job("e")!.ScenarioId);
        var orphan = NewJob("f", s1);
        orphan.ScenarioVersion = 99;
        Assert.ThrowsAny<System.Data.Common.DbException>(() => v2.InsertJob(orphan));
        Assert.Equal("a", v2.Cached("key-a")!.Id);
        var (interrupted, _) = v2.Recover();
        Assert.Equal(1, interrupted);
        Assert.Equal(JobStatus.Interrupted, v2.Job("dddd")!.Status);
    }
}

/// <summary>Migration 3 (the sweeps table) on a populated version-2 database.</summary>
public class SweepMigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public void Migration_3_adds_sweeps_and_keeps_every_job_and_result_of_a_populated_version_2_database(string store)
    {
        var db = Stores.NewDatabase(store);
        var dir = TempDir.New();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["s.yaml"] = Encoding.UTF8.GetBytes("scenario: {id: s, title: S, as_of: 2024-01-01}\n") };
        var v2 = new ServerStore(dir, db, schemaVersion: 2);
        var (s, _) = v2.SaveScenario("s", "S", "s.yaml", files, "alice");
        JobRow Job(string id, bool scenario) => new()
        {
            Id = id, Kind = scenario ? "run" : "backtest", ScenarioId = scenario ? s.Id : null, ScenarioVersion = scenario ? s.Version : null, ScenarioHash = s.Hash,
            Request = "{\"runs\":100}", Seed = "3", CodeVersion = "test+0", CacheKey = "key-" + id, Status = JobStatus.Queued, Client = "127.0.0.1",
            CreatedAt = "2026-01-01T00:00:00.000Z",
        };
        v2.InsertJob(Job("a", true));
        v2.InsertJob(Job("b", false));
        const string body = "{\"crises\":[1,2],\"note\":\"ünïcödé\"}";
        Assert.True(v2.Transition("b", [JobStatus.Queued], JobStatus.Running));
        Assert.True(v2.Complete("b", "application/json", body));
        using (var c = v2.Open())
        {
            Assert.Equal(2, c.ExecuteScalar<long>("SELECT MAX(version) FROM schema_version"));
            Assert.ThrowsAny<System.Data.Common.DbException>(() => c.ExecuteScalar<long>("SELECT COUNT(*) FROM sweeps")); // no such table yet
        }

        var v3 = new ServerStore(dir, db);
        using (var c = v3.Open())
        {
            Assert.Equal(new long[] { 1, 2, 3 }, c.Query<long>("SELECT version FROM schema_version ORDER BY version").ToArray());
            Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sweeps"));
        }
        Assert.Null(v3.Job("b")!.ScenarioId);
        Assert.Equal("s", v3.Job("a")!.ScenarioId);
        Assert.Equal(body, v3.Result("b")!.Body);
        Assert.Equal(JobStatus.Succeeded, v3.Job("b")!.Status);

        var big = "{\"points\":[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "],\"é\":\"—\"}";
        var saved = v3.SaveSweep(new SweepRow
        {
            Design = "saltelli", SpecName = "sweep.yaml", Spec = "runs: 20\n", Executor = "Orleans cluster", SiloReport = "3 items of 2 units: …",
            CodeVersion = "test+0", CreatedBy = "alice", StartedAt = "2026-01-02T00:00:00.000Z", FinishedAt = "2026-01-02T00:01:00.000Z",
            ContentType = "application/json", Body = big,
        });
        var back = v3.Sweep(saved.Id)!;
        Assert.Equal(big, back.Body);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(big))), back.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("runs: 20\n"))), back.SpecSha256);
        Assert.Equal("3 items of 2 units: …", back.SiloReport);
        Assert.Equal(saved.Id, Assert.Single(v3.Sweeps()).Id);
    }
}
