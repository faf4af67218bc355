using System.Net;
using System.Text.Json;

namespace Entangle.Server.Tests;

/// <summary>The API integration suite, run against SQLite and against a real PostgreSQL (started by scripts/test).</summary>
public class StoreSuiteTests
{
    private const string Scenario = "scenarios/russia-dprk-2024.yaml";

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Round_trip_stored_run_is_the_cli_bytes_and_replays(string store)
    {
        var db = Stores.NewDatabase(store);
        using var server = ServerProcess.Start(TempDir.New(), db);
        var up = await server.UploadBundled();
        Assert.Equal(1, up.GetProperty("stored").GetProperty("version").GetInt64());
        Assert.Equal(11, up.GetProperty("stored").GetProperty("files").GetArrayLength() - 1); // root + 10 parts + the calibration file
        var again = await server.UploadBundled(); // same content: same version, not a new one
        Assert.False(again.GetProperty("created").GetBoolean());

        var job = await server.Submit("run", """{"runs": 300, "seed": 5, "threads": 1}""");
        var id = job.GetProperty("id").GetString()!;
        var events = await server.WaitViaEvents(id);
        Assert.StartsWith("done ", events[^1]);
        Assert.Contains("\"succeeded\"", events[^1]);
        var stored = await server.Result(id);
        var cli = Cli.Json("run", Scenario, "--runs", "300", "--seed", "5", "--threads", "2", "--json", "--no-charts", "--out", Path.Combine(TempDir.New(), "o"));
        Assert.Equal(cli, stored);

        // the same request again is answered from the cache (same job)
        var cached = await server.Submit("run", """{"seed": 5, "runs": 300, "threads": 1}""");
        Assert.True(cached.GetProperty("cached").GetBoolean());
        Assert.Equal(id, cached.GetProperty("id").GetString());

        // replaying run 7 of the stored run is what `entangle replay` prints for it
        var replay = await server.Http.PostAsync($"/api/v1/jobs/{id}/replay?run=7", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(Cli.Json("replay", Scenario, "--seed", "5", "--run", "7", "--json"), await replay.Content.ReadAsStringAsync());

        // list, get, versions
        var list = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/scenarios")).RootElement;
        Assert.Equal("russia-dprk-2024", list[0].GetProperty("id").GetString());
        var versions = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/scenarios/russia-dprk-2024/versions")).RootElement;
        Assert.Equal(1, versions.GetArrayLength());
        var jobs = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/jobs")).RootElement;
        Assert.Equal(id, jobs[0].GetProperty("id").GetString());
        Assert.Equal("5", jobs[0].GetProperty("seed").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_new_version_is_stored_when_the_content_changes(string store)
    {
        var db = Stores.NewDatabase(store);
        using var server = ServerProcess.Start(TempDir.New(), db);
        const string v1 = "scenario: {id: tiny, title: Tiny, as_of: 2024-01-01}\nstates:\n  - {id: USA, name: United States}\n";
        var a = await server.Http.PostAsync("/api/v1/scenarios?name=tiny.yaml", new StringContent(v1, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        var b = await server.Http.PostAsync("/api/v1/scenarios?name=tiny.yaml", new StringContent(v1.Replace("Tiny", "Tiny two"), System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        var versions = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/scenarios/tiny/versions")).RootElement;
        Assert.Equal([1L, 2L], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt64()).ToArray());
        Assert.NotEqual(versions[0].GetProperty("hash").GetString(), versions[1].GetProperty("hash").GetString());
        var show1 = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/scenarios/tiny/show?version=1")).RootElement;
        Assert.Equal("Tiny", show1.GetProperty("scenario").GetProperty("title").GetString());
        var show = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/scenarios/tiny/show")).RootElement;
        Assert.Equal("Tiny two", show.GetProperty("scenario").GetProperty("title").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_job_killed_with_sigkill_leaves_no_result_shows_interrupted_and_resumes_to_the_same_bytes(string store)
    {
        var db = Stores.NewDatabase(store);
        var data = TempDir.New();
        const string request = """{"runs": 40000, "seed": 11, "threads": 1, "steps": 12}""";
        string id;
        using (var server = ServerProcess.Start(data, db))
        {
            await server.UploadBundled();
            id = (await server.Submit("run", request)).GetProperty("id").GetString()!;
            // wait until the job is running and has done some runs, then SIGKILL the server
            for (var i = 0; ; i++)
            {
                var j = await server.Job(id);
                if (j.GetProperty("status").GetString() == "running" && j.TryGetProperty("done", out var d) && d.GetInt64() > 0) break;
                Assert.NotEqual("succeeded", j.GetProperty("status").GetString()); // too fast to be killed mid-run: make the job longer
                Assert.True(i < 1200, "the job never started");
                await Task.Delay(50);
            }
            server.Kill();
        }
        using (var server = ServerProcess.Start(data, db))
        {
            var j = await server.Job(id);
            Assert.Equal("interrupted", j.GetProperty("status").GetString());
            var none = await server.Http.GetAsync($"/api/v1/jobs/{id}/result");
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode); // no partial result was stored
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
            var resumed = await server.Http.PostAsync($"/api/v1/jobs/{id}/resume", null);
            Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
            var events = await server.WaitViaEvents(id);
            Assert.Contains("\"succeeded\"", events[^1]);
            var result = await server.Result(id);
            var cli = Cli.Json("run", Scenario, "--runs", "40000", "--seed", "11", "--steps", "12", "--json", "--no-charts", "--out", Path.Combine(TempDir.New(), "o"));
            Assert.Equal(cli, result);
            Assert.Equal(2, (await server.Job(id)).GetProperty("attempts").GetInt64());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_cancelled_job_stores_nothing_and_can_be_resumed(string store)
    {
        var db = Stores.NewDatabase(store);
        using var server = ServerProcess.Start(TempDir.New(), db);
        await server.UploadBundled();
        var id = (await server.Submit("run", """{"runs": 200000, "seed": 3, "threads": 1}""")).GetProperty("id").GetString()!;
        for (var i = 0; (await server.Job(id)).GetProperty("status").GetString() == "queued" && i < 600; i++) await Task.Delay(50);
        var cancel = await server.Http.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var events = await server.WaitViaEvents(id);
        Assert.Contains("\"cancelled\"", events[^1]);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Http.GetAsync($"/api/v1/jobs/{id}/result")).StatusCode);
    }
}
