using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Entangle.Tests.Shared;
using Npgsql;

namespace Entangle.Server.Tests;

/// <summary>The two stores every integration test runs against.</summary>
public static class Stores
{
    /// <summary>Admin connection string of the private PostgreSQL that scripts/test starts.</summary>
    public const string PostgresVariable = "ENTANGLE_TEST_POSTGRES";

    /// <summary>Set (as scripts/test does when it started PostgreSQL) to make a missing PostgreSQL a failure instead of a skip.</summary>
    public const string RequirePostgresVariable = "ENTANGLE_REQUIRE_POSTGRES";

    public static TheoryData<string> Both => new() { "sqlite", "postgres" };

    /// <summary>A connection string for a new, empty database of <paramref name="store"/> (null for SQLite); skips visibly without PostgreSQL.</summary>
    public static string? NewDatabase(string store)
    {
        if (store == "sqlite") return null;
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
        {
            if (Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
                throw new InvalidOperationException($"${PostgresVariable} is not set but ${RequirePostgresVariable}=1: scripts/test should have started PostgreSQL");
            Skip.If(true, $"no PostgreSQL: set ${PostgresVariable} (scripts/test starts one on a private port)");
        }
        var name = "entangle_t" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }
}

/// <summary><c>entangle serve</c> in its own process on a free loopback port, as a user runs it.</summary>
public sealed class ServerProcess : IDisposable
{
    public Process Process { get; }
    public int Port { get; }
    public string DataDir { get; }
    public string? Database { get; }
    public HttpClient Http { get; }
    public string FirstLines { get; }
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process p, int port, string dataDir, string? db, string firstLines)
    {
        Process = p; Port = port; DataDir = dataDir; Database = db; FirstLines = firstLines;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        p.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the server and waits until it listens.</summary>
    public static ServerProcess Start(string dataDir, string? db, string listenHost = "127.0.0.1", int? port = null, params string[] extra)
    {
        var p0 = port ?? EntangleProcess.FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.RepoRoot };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "entangle.dll"));
        foreach (var a in new[] { "serve", "--listen", $"{listenHost}:{p0}", "--data-dir", dataDir }) psi.ArgumentList.Add(a);
        if (db is not null) { psi.ArgumentList.Add("--db"); psi.ArgumentList.Add(db); }
        foreach (var a in extra) psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        psi.Environment.Remove("ENTANGLE_SERVER_TOKEN");
        var p = Process.Start(psi)!;
        var lines = new StringBuilder();
        var ready = Task.Run(() =>
        {
            while (p.StandardOutput.ReadLine() is { } line)
            {
                lines.AppendLine(line);
                if (line.Contains("listening on")) return true;
            }
            return false;
        });
        if (!ready.Wait(TimeSpan.FromSeconds(90)) || !ready.Result)
        {
            try { p.Kill(true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"the server did not start: {lines}{p.StandardError.ReadToEnd()}");
        }
        _ = Task.Run(() => { while (p.StandardOutput.ReadLine() is not null) { } });
        return new ServerProcess(p, p0, dataDir, db, lines.ToString());
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    public void Dispose()
    {
        Http.Dispose();
        try { if (!Process.HasExited) { Process.Kill(true); Process.WaitForExit(); } } catch (InvalidOperationException) { }
        Process.Dispose();
    }

    // ---- helpers over the API

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The bundled scenario as a JSON bundle, its files named as from the repository root ("scenarios/…").</summary>
    public static string BundledScenarioUpload()
    {
        var root = Path.Combine(RepoPaths.RepoRoot, "scenarios");
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Where(f => f.Contains("russia-dprk-2024") && !f.Contains("hindsight")) // the dated scenario; its hindsight overlay is not part of it
            .Append(Path.Combine(root, "calibration", "icb-before-2000.json")) // the calibration its escalation section names: read from the bundle, never from the server's disk
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => "scenarios/" + Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
        return JsonSerializer.Serialize(new { root = "scenarios/russia-dprk-2024.yaml", files });
    }

    public async Task<JsonElement> UploadBundled()
    {
        var r = await Http.PostAsync("/api/v1/scenarios", JsonBody(BundledScenarioUpload()));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> Submit(string kind, string request, string scenario = "russia-dprk-2024")
    {
        var r = await Http.PostAsync($"/api/v1/scenarios/{scenario}/{kind}", JsonBody(request));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows the job's server-sent events until its one 'done' event; returns the events' data lines.</summary>
    public async Task<List<string>> WaitViaEvents(string jobId)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events");
        using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", resp.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
        var events = new List<string>();
        string? ev = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) ev = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(ev + " " + line[6..]);
                if (ev == "done") break;
            }
        }
        return events;
    }

    public async Task<JsonElement> Job(string id) =>
        JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/jobs/{id}")).RootElement.Clone();

    public async Task<string> Result(string id)
    {
        var r = await Http.GetAsync($"/api/v1/jobs/{id}/result");
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {text}");
        return text;
    }

    public static void Bearer(HttpClient http, string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}

/// <summary>Runs the built <c>entangle</c> CLI from the repository root.</summary>
public static class Cli
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.RepoRoot };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "entangle.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>What the CLI prints with --json, less the final newline (the API returns the same bytes without it).</summary>
    public static string Json(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.True(code == 0, $"entangle {string.Join(' ', args)} exited {code}: {stderr}");
        Assert.EndsWith("\n", stdout);
        return stdout[..^1];
    }
}

public static class TempDir
{
    public static string New() => Directory.CreateTempSubdirectory("entangle-server-test-").FullName;
}
