using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Entangle.Server.Storage;
using Entangle.Tests.Shared;

namespace Entangle.Server.Tests;

/// <summary>
/// <c>entangle sweep SPEC --store</c> writes the sweep into the server's store (SQLite or PostgreSQL), the server
/// lists it and serves the result bytes the command printed; a sweep that fails writes nothing.
/// </summary>
public class SweepStoreTests
{
    private static string Spec(string dir, string name, string metric)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, $"scenario: {RepoPaths.BundledScenario}\n" +
                                $"design: {{kind: oat, metric: {metric}, parameters: [global.accident, global.stickiness], levels: 3}}\n" +
                                "runs: 20\nseed: 5\nreplicates: 5\n");
        return path;
    }

    private static long Count(ServerStore store)
    {
        using var c = store.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM sweeps");
    }

    [SkippableTheory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_stored_sweep_is_listed_by_the_server_with_the_bytes_sweep_json_printed_and_a_failed_one_writes_nothing(string store)
    {
        var db = Stores.NewDatabase(store);
        var dir = TempDir.New();
        var where = db ?? dir; // a connection string as serve --db takes it, or the data directory as serve --data-dir
        var spec = Spec(dir, "oat.yaml", "two_theater_crisis");

        var (code, stdout, stderr) = Cli.Run("sweep", spec, "--store", where, "--threads", "1", "--json");
        Assert.True(code == 0, stderr);
        Assert.EndsWith("\n", stdout);
        Assert.Contains("sweep: stored as ", stderr);
        Assert.Equal(stdout, Cli.Run("sweep", spec, "--threads", "2", "--json").Stdout); // what is stored is what any run prints

        // a sweep that fails once it runs (an unknown metric is found when the scenario is compiled), after the store was opened: no row
        var bad = Spec(dir, "bad.yaml", "two_theater_crisiss");
        var failed = Cli.Run("sweep", bad, "--store", where, "--json");
        Assert.Equal(2, failed.Code);
        Assert.Equal("", failed.Stdout);
        Assert.Contains("metric 'two_theater_crisiss'", failed.Stderr);
        Assert.DoesNotContain("stored as", failed.Stderr);
        Assert.Equal(1, Count(new ServerStore(dir, db)));

        using var server = ServerProcess.Start(dir, db);
        using var list = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v1/sweeps"));
        var row = Assert.Single(list.RootElement.EnumerateArray());
        var id = row.GetProperty("id").GetString()!;
        Assert.Contains($"stored as {id} in {(db is null ? "SQLite" : "PostgreSQL")}", stderr);
        Assert.Equal("oat", row.GetProperty("design").GetString());
        Assert.Equal(File.ReadAllText(spec), row.GetProperty("spec").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(spec))), row.GetProperty("spec_sha256").GetString());
        Assert.Equal("local, 1 threads", row.GetProperty("executor").GetString());
        Assert.False(row.TryGetProperty("silo_report", out var report) && report.ValueKind != JsonValueKind.Null, "a local sweep has no cluster report"); // null is left out
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stdout[..^1]))), row.GetProperty("sha256").GetString());

        using var one = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/v1/sweeps/{id}"));
        Assert.True(JsonElement.DeepEquals(row, one.RootElement), one.RootElement.GetRawText());
        var result = await server.Http.GetAsync(row.GetProperty("result").GetString());
        Assert.Equal("application/json", result.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stdout[..^1], await result.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/sweeps/nosuch")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/sweeps/nosuch/result")).StatusCode);
    }

    [Fact]
    public void The_store_option_takes_the_SQLite_file_itself_and_refuses_a_bad_connection_string()
    {
        var dir = TempDir.New();
        var file = Path.Combine(dir, ServerStore.FileName);
        var (code, _, stderr) = Cli.Run("sweep", Spec(dir, "oat.yaml", "two_theater_crisis"), "--store", file, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(1, Count(new ServerStore(dir, null)));

        var bad = Cli.Run("sweep", Spec(dir, "oat.yaml", "two_theater_crisis"), "--store", "Hots=x;Database=y", "--json");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--store: not a PostgreSQL connection string", bad.Stderr);
        Assert.Equal("", bad.Stdout);
    }
}
