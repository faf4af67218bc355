using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Entangle.Server.Tests;

/// <summary>The server's security model: token off loopback, includes confined to the upload, size limits, hostile YAML and JSON.</summary>
public class SecurityTests : IClassFixture<SecurityTests.Shared>
{
    /// <summary>One loopback server for the tests that need no special options.</summary>
    public sealed class Shared : IDisposable
    {
        public ServerProcess Server { get; } = ServerProcess.Start(TempDir.New(), null, extra: ["--max-body", "200000"]);
        public void Dispose() => Server.Dispose();
    }

    private readonly ServerProcess _s;
    public SecurityTests(Shared shared) => _s = shared.Server;

    private static StringContent Bundle(string root, Dictionary<string, string> files) =>
        ServerProcess.JsonBody(JsonSerializer.Serialize(new { root, files }));

    private const string Header = "scenario: {id: t, title: T, as_of: 2024-01-01}\n";

    private async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status, $"{(int)r.StatusCode}: {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, p.GetProperty("status").GetInt32());
        return p;
    }

    [Fact]
    public async Task A_non_loopback_bind_without_a_token_refuses_every_request_without_it()
    {
        var data = TempDir.New();
        using var server = ServerProcess.Start(data, null, listenHost: "0.0.0.0");
        var token = server.FirstLines.Split('\n').Single(l => l.StartsWith("token (generated", StringComparison.Ordinal)).Split(": ")[^1].Trim();
        Assert.Equal(64, token.Length);
        Assert.Equal(token, File.ReadAllText(Path.Combine(data, "server-token")).Trim());
        foreach (var path in new[] { "/api/v1/scenarios", "/openapi/v1.json", "/api/v1/jobs" })
        {
            var p = await Problem(await server.Http.GetAsync(path), HttpStatusCode.Unauthorized);
            Assert.Contains("Bearer", p.GetProperty("detail").GetString());
        }
        server.Http.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        await Problem(await server.Http.GetAsync("/api/v1/scenarios"), HttpStatusCode.Unauthorized);
        ServerProcess.Bearer(server.Http, token);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/v1/scenarios")).StatusCode);
    }

    [Theory]
    [InlineData("../../etc/passwd", "lies outside the folder of the file that includes it")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("parts/../../secret.yaml", "lies outside the folder")]
    [InlineData("missing.yaml", "not found in the uploaded bundle")]
    public async Task Includes_resolve_only_inside_the_bundle(string include, string expected)
    {
        var r = await _s.Http.PostAsync("/api/v1/scenarios/validate",
            Bundle("main.yaml", new() { ["main.yaml"] = Header + $"include: [\"{include}\"]\n", ["secret.yaml"] = "states: []\n" }));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var e = p.GetProperty("errors")[0];
        Assert.Equal("main.yaml", e.GetProperty("file").GetString());
        Assert.Equal(2, e.GetProperty("line").GetInt32());
        Assert.Equal(11, e.GetProperty("column").GetInt32());
        Assert.Contains(expected, e.GetProperty("message").GetString());
        Assert.DoesNotContain("root:", p.GetRawText()); // nothing of /etc/passwd is quoted
    }

    [Fact]
    public async Task A_bundle_file_named_outside_the_bundle_is_refused()
    {
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios", Bundle("main.yaml", new() { ["main.yaml"] = Header, ["../x.yaml"] = "states: []\n" })),
            HttpStatusCode.BadRequest);
        Assert.Contains("climbs out of the bundle", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_symbolic_link_in_a_zip_bundle_is_refused()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("main.yaml").Open())) w.Write(Header + "include: [\"passwd.yaml\"]\n");
            var link = zip.CreateEntry("passwd.yaml");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777
            using (var w = new StreamWriter(link.Open())) w.Write("/etc/passwd");
        }
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new("application/zip");
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/validate?root=main.yaml", content), HttpStatusCode.BadRequest);
        Assert.Contains("symbolic link", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_zip_bundle_of_regular_files_is_accepted()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("main.yaml").Open())) w.Write(Header + "include: [\"parts/states.yaml\"]\n");
            using (var w = new StreamWriter(zip.CreateEntry("parts/states.yaml").Open())) w.Write("states:\n  - {id: USA, name: United States}\n");
        }
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new("application/zip");
        var r = await _s.Http.PostAsync("/api/v1/scenarios/validate", content);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_oversized_body_gets_413()
    {
        var big = new string('#', 300_000);
        // Kestrel closes a connection whose body it refused, so neither request may go out on a pooled connection
        var sized = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenarios/validate") { Content = new StringContent(big, Encoding.UTF8, "application/yaml") };
        sized.Headers.ConnectionClose = true;
        var p = await Problem(await _s.Http.SendAsync(sized), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("the request body has 300,000 bytes; this server accepts at most 200,000 bytes (raise it with `entangle serve --max-body BYTES`)", p.GetProperty("detail").GetString());
        // also without a Content-Length (chunked): Kestrel stops reading at the limit
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/yaml");
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenarios/validate") { Content = chunked };
        req.Headers.TransferEncodingChunked = true;
        req.Headers.ConnectionClose = true;
        await Problem(await _s.Http.SendAsync(req), HttpStatusCode.RequestEntityTooLarge);
    }

    private static ByteArrayContent Zip(params (string Name, string Text)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
                using (var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open())) w.Write(text);
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new("application/zip");
        return content;
    }

    [Fact]
    public async Task A_scenario_over_the_size_limits_gets_413_naming_the_limit()
    {
        // a zip far below --max-body (200,000 bytes here) whose file inflates past the 16 MiB a scenario file may have
        var big = Zip(("main.yaml", Header + "include: [\"big.yaml\"]\n"), ("big.yaml", "# " + new string('x', 17 * 1024 * 1024) + "\n"));
        Assert.True(big.Headers.ContentLength is < 200_000, $"{big.Headers.ContentLength} bytes");
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/validate?root=main.yaml", big), HttpStatusCode.RequestEntityTooLarge);
        var detail = p.GetProperty("detail").GetString()!;
        Assert.StartsWith("big.yaml: the bundle's files are larger than a scenario may be (16,777,216 bytes a file, 67,108,864 in all)", detail);
        Assert.Contains("no server option raises them", detail);
        Assert.Equal("big.yaml", p.GetProperty("errors")[0].GetProperty("file").GetString());
        // more files than a bundle may hold
        var many = Enumerable.Range(0, 1001).ToDictionary(i => $"p/{i}.yaml", _ => "states: []\n");
        many["main.yaml"] = Header;
        var files = await Problem(await _s.Http.PostAsync("/api/v1/scenarios", Bundle("main.yaml", many)), HttpStatusCode.RequestEntityTooLarge);
        Assert.StartsWith("main.yaml: the bundle has 1,002 files; at most 1,000 are allowed", files.GetProperty("detail").GetString());
        // nothing was stored
        Assert.DoesNotContain("\"main.yaml\"", await _s.Http.GetStringAsync("/api/v1/scenarios"));
    }

    [Fact]
    public async Task Includes_nested_deeper_than_allowed_get_a_located_422()
    {
        // f0 includes f1 includes f2 … : the 32nd file in the chain (f31) may include no further
        var files = Enumerable.Range(1, 39).ToDictionary(i => $"f{i}.yaml", i => $"include: [\"f{i + 1}.yaml\"]\n");
        files["f0.yaml"] = Header + "include: [\"f1.yaml\"]\n";
        files["f40.yaml"] = "states: []\n";
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/validate", Bundle("f0.yaml", files)), HttpStatusCode.UnprocessableEntity);
        var e = p.GetProperty("errors")[0];
        Assert.Equal("f31.yaml", e.GetProperty("file").GetString());
        Assert.Equal(1, e.GetProperty("line").GetInt32());
        Assert.Equal(11, e.GetProperty("column").GetInt32());
        Assert.Equal("includes nest more than 32 files deep", e.GetProperty("message").GetString());
        Assert.StartsWith("f31.yaml:1:11: includes nest more than 32 files deep; the scenario loader's limits are fixed", p.GetProperty("detail").GetString());
        // one file fewer in the chain is within the limit
        files.Remove("f40.yaml");
        foreach (var k in files.Keys.Where(k => int.Parse(k[1..^5]) >= 32).ToList()) files.Remove(k);
        files["f31.yaml"] = "states: []\n";
        var ok = await _s.Http.PostAsync("/api/v1/scenarios/validate", Bundle("f0.yaml", files));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd", "climbs above the top of the uploaded bundle")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("../secret.json", "climbs above the top of the uploaded bundle")]
    [InlineData("missing.json", "not found in the uploaded bundle (looked for missing.json)")]
    public async Task A_calibration_path_resolves_only_inside_the_bundle(string path, string expected)
    {
        var r = await _s.Http.PostAsync("/api/v1/scenarios/validate",
            Bundle("main.yaml", new() { ["main.yaml"] = Header + $"escalation:\n  calibration: \"{path}\"\n", ["secret.json"] = "{}" }));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var e = p.GetProperty("errors").EnumerateArray().Single(x => x.GetProperty("message").GetString()!.Contains("calibration file"));
        Assert.Equal("main.yaml", e.GetProperty("file").GetString());
        Assert.Equal(3, e.GetProperty("line").GetInt32());
        Assert.Equal(16, e.GetProperty("column").GetInt32());
        Assert.Contains(expected, e.GetProperty("message").GetString());
        Assert.DoesNotContain("root:", p.GetRawText()); // nothing of /etc/passwd is quoted
    }

    [Fact]
    public async Task A_calibration_that_is_a_link_in_a_zip_is_refused()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("main.yaml").Open())) w.Write(Header + "escalation:\n  calibration: cal.json\n");
            var link = zip.CreateEntry("cal.json");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777
            using (var w = new StreamWriter(link.Open())) w.Write("/etc/passwd");
        }
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new("application/zip");
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/validate?root=main.yaml", content), HttpStatusCode.BadRequest);
        Assert.Equal("cal.json: is a symbolic link; an uploaded bundle may hold only regular files", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_bundled_scenario_without_its_calibration_file_is_refused_though_the_server_could_read_it_from_disk()
    {
        // the server runs in the repository root, where ../calibration/icb-before-2000.json exists next to the scenario's folder
        Assert.True(File.Exists(Path.Combine(Entangle.Tests.Shared.RepoPaths.RepoRoot, "scenarios", "calibration", "icb-before-2000.json")));
        var upload = JsonDocument.Parse(ServerProcess.BundledScenarioUpload()).RootElement;
        var files = upload.GetProperty("files").EnumerateObject().Where(f => !f.Name.EndsWith(".json", StringComparison.Ordinal)).Select(f => (f.Name, f.Value.GetString()!)).ToArray();
        var zip = Zip(files); // compressed, within this server's 200,000-byte bodies
        var p = await Problem(await _s.Http.PostAsync($"/api/v1/scenarios/validate?root={upload.GetProperty("root").GetString()}", zip), HttpStatusCode.BadRequest);
        var e = p.GetProperty("errors")[0];
        Assert.Equal("scenarios/russia-dprk-2024/escalation.yaml", e.GetProperty("file").GetString());
        Assert.Equal("escalation: calibration file '../calibration/icb-before-2000.json' not found in the uploaded bundle (looked for scenarios/calibration/icb-before-2000.json); add it to the bundle",
            e.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_yaml_alias_bomb_is_refused_with_the_alias_limit_and_the_server_stays_small()
    {
        var sb = new StringBuilder(Header + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++) sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        // a structural limit, like the include depth: 422
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/validate", new StringContent(sb.ToString(), Encoding.UTF8, "application/yaml")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("stand for more than 100,000 values", p.GetProperty("errors")[0].GetProperty("message").GetString());
        _s.Process.Refresh();
        Assert.True(_s.Process.PeakWorkingSet64 < 1_000_000_000, $"peak {_s.Process.PeakWorkingSet64:N0} bytes"); // 10^10 nodes if expanded
    }

    [Fact]
    public async Task Malformed_json_gets_a_located_problem_details_400()
    {
        var up = await _s.Http.PostAsync("/api/v1/scenarios?name=t.yaml", new StringContent(Header, Encoding.UTF8, "application/yaml"));
        Assert.True(up.IsSuccessStatusCode, await up.Content.ReadAsStringAsync());
        var p = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/t/run", ServerProcess.JsonBody("{\"runs\": 10,\n  ,}")), HttpStatusCode.BadRequest);
        var e = p.GetProperty("errors")[0];
        Assert.Equal("request body", e.GetProperty("file").GetString());
        Assert.Equal(2, e.GetProperty("line").GetInt32());
        Assert.Equal(3, e.GetProperty("column").GetInt32());
        var unknown = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/t/run", ServerProcess.JsonBody("{\"rusn\": 10}")), HttpStatusCode.BadRequest);
        Assert.Contains("rusn", unknown.GetProperty("detail").GetString());
        var range = await Problem(await _s.Http.PostAsync("/api/v1/scenarios/t/run", ServerProcess.JsonBody("{\"runs\": 0}")), HttpStatusCode.BadRequest);
        Assert.Equal("runs 0: must be at least 1", range.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_client_over_its_concurrent_job_limit_gets_429()
    {
        using var server = ServerProcess.Start(TempDir.New(), null, extra: ["--jobs-per-client", "1"]);
        await server.UploadBundled();
        var first = (await server.Submit("run", """{"runs": 500000, "seed": 1, "threads": 1}""")).GetProperty("id").GetString()!;
        var p = await Problem(await server.Http.PostAsync("/api/v1/scenarios/russia-dprk-2024/run", ServerProcess.JsonBody("""{"runs": 100, "seed": 2}""")),
            (HttpStatusCode)429);
        Assert.Contains("1 jobs queued or running", p.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await server.Http.PostAsync($"/api/v1/jobs/{first}/cancel", null)).StatusCode);
        await server.WaitViaEvents(first);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Http.PostAsync("/api/v1/scenarios/russia-dprk-2024/run", ServerProcess.JsonBody("""{"runs": 100, "seed": 2}"""))).StatusCode);
    }

    [Fact]
    public async Task Unknown_scenarios_and_jobs_are_404_problems()
    {
        await Problem(await _s.Http.GetAsync("/api/v1/scenarios/nope/show"), HttpStatusCode.NotFound);
        await Problem(await _s.Http.GetAsync("/api/v1/jobs/nope"), HttpStatusCode.NotFound);
    }
}
