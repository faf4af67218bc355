using System.Net;
using System.Text.Json;
using Entangle.Tests.Shared;

namespace Entangle.Server.Tests;

/// <summary>For each command the API offers, the CLI's <c>--json</c> answer and the API's are the same bytes.</summary>
public class CliAgreementTests : IClassFixture<CliAgreementTests.Shared>
{
    public sealed class Shared : IDisposable
    {
        public ServerProcess Server { get; }

        /// <summary>The server's data directory, with the test fixtures of ATOP, ICB, COW and MID imported (for network and backtest).</summary>
        public string DataDir { get; } = TempDir.New();

        public Shared()
        {
            foreach (var kind in new[] { "atop", "icb", "cow-nmc", "cow-states", "mid" })
            {
                var import = Cli.Run("data", "import", kind, Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Data.Tests", "Fixtures", kind), "--data-dir", DataDir, "--allow-shrink");
                Assert.True(import.Code == 0, import.Stderr);
            }
            Server = ServerProcess.Start(DataDir, null);
            Server.UploadBundled().GetAwaiter().GetResult();
        }
        public void Dispose() => Server.Dispose();
    }

    private const string Scenario = "scenarios/russia-dprk-2024.yaml";
    private const string Id = "russia-dprk-2024";
    private readonly ServerProcess _s;
    private readonly string _data;
    public CliAgreementTests(Shared shared) => (_s, _data) = (shared.Server, shared.DataDir);

    private async Task<string> Post(string path, string body)
    {
        var r = await _s.Http.PostAsync(path, ServerProcess.JsonBody(body));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {text}");
        return text;
    }

    private async Task<string> Job(string kind, string body)
    {
        var id = (await _s.Submit(kind, body)).GetProperty("id").GetString()!;
        var events = await _s.WaitViaEvents(id);
        Assert.Contains("\"succeeded\"", events[^1]);
        return await _s.Result(id);
    }

    private static string Out() => Path.Combine(TempDir.New(), "o");

    [Fact]
    public async Task Show() =>
        Assert.Equal(Cli.Json("show", Scenario, "--json"), await _s.Http.GetStringAsync($"/api/v1/scenarios/{Id}/show"));

    [Fact]
    public async Task Show_for_a_year() =>
        Assert.Equal(Cli.Json("show", Scenario, "--year", "2020", "--json"), await _s.Http.GetStringAsync($"/api/v1/scenarios/{Id}/show?year=2020"));

    [Fact]
    public async Task Obligations_query() =>
        Assert.Equal(Cli.Json("obligations", "query", Scenario, "--attacker", "USA", "--target", "PRK", "--on", "2025-01-10", "--json"),
            await Post($"/api/v1/scenarios/{Id}/obligations", """{"attacker": "USA", "target": "PRK", "on": "2025-01-10"}"""));

    [Fact]
    public async Task Obligations_cascade() =>
        Assert.Equal(Cli.Json("obligations", "cascade", Scenario, "--attacker", "PRK", "--target", "KOR", "--on", "2025-01-10", "--homeland-strikes", "--json"),
            await Post($"/api/v1/scenarios/{Id}/cascade", """{"attacker": "PRK", "target": "KOR", "on": "2025-01-10", "homeland_strikes": true}"""));

    [Fact]
    public async Task Forecast() =>
        Assert.Equal(Cli.Json("forecast", Scenario, "--issue", "unsc-sanctions-dprk", "--rounds", "6", "--perturb", "salience=0.1,position=5", "--runs", "50", "--seed", "3", "--json"),
            await Post($"/api/v1/scenarios/{Id}/forecast", """{"issue": "unsc-sanctions-dprk", "rounds": 6, "perturb": "salience=0.1,position=5", "runs": 50, "seed": 3}"""));

    [Fact]
    public async Task Forecast_refuses_what_the_cli_refuses()
    {
        var cli = Cli.Run("forecast", Scenario, "--issue", "unsc-sanctions-dprk", "--runs", "50");
        Assert.Equal(2, cli.Code);
        Assert.Contains("--runs and --seed apply only with --perturb", cli.Stderr);
        var r = await _s.Http.PostAsync($"/api/v1/scenarios/{Id}/forecast", ServerProcess.JsonBody("""{"issue": "unsc-sanctions-dprk", "runs": 50}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("runs and seed apply only with perturb", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Replay() =>
        Assert.Equal(Cli.Json("replay", Scenario, "--seed", "4", "--run", "12", "--steps", "6", "--set", "actor.USA.resolve=0.8", "--json"),
            await Post($"/api/v1/scenarios/{Id}/replay", """{"seed": 4, "run": 12, "steps": 6, "overrides": ["actor.USA.resolve=0.8"]}"""));

    [Fact]
    public async Task Mechanisms() =>
        Assert.Equal(Cli.Json("mechanisms", Scenario, "--json"), await Post($"/api/v1/scenarios/{Id}/mechanisms", "{}"));

    [Fact]
    public async Task Mechanisms_from_a_treaty_to_a_metric_by_post_and_by_get()
    {
        var cli = Cli.Json("mechanisms", Scenario, "--from", "rus-prk-2024", "--to", "first_war", "--to", "nuclear_use", "--json");
        var asked = JsonDocument.Parse(cli).RootElement; // the answer is about what was asked
        Assert.Equal(["treaty:rus-prk-2024"], asked.GetProperty("from").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["first_war", "nuclear_use"], asked.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("metric").GetString()));
        Assert.Equal(cli, await Post($"/api/v1/scenarios/{Id}/mechanisms", """{"from": ["rus-prk-2024"], "to": ["first_war", "nuclear_use"]}"""));
        Assert.Equal(cli, await _s.Http.GetStringAsync($"/api/v1/scenarios/{Id}/mechanisms?from=rus-prk-2024&to=first_war&to=nuclear_use"));
    }

    [Fact]
    public async Task Mechanisms_refuses_what_the_cli_refuses()
    {
        var cli = Cli.Run("mechanisms", Scenario, "--from", "rus-prk-2042", "--to", "frist_war");
        Assert.Equal(2, cli.Code);
        var r = await _s.Http.PostAsync($"/api/v1/scenarios/{Id}/mechanisms", ServerProcess.JsonBody("""{"from": ["rus-prk-2042"], "to": ["frist_war"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, m => Assert.Contains(m, cli.Stderr));
        Assert.Contains("rus-prk-2024", errors[0]); // did you mean
    }

    [Fact]
    public async Task Run_with_overrides_and_a_removed_treaty() =>
        Assert.Equal(Cli.Json("run", Scenario, "--runs", "150", "--seed", "9", "--steps", "8", "--set", "actor.USA.resolve=0.8", "--without-treaty", "rus-prk-2024", "--json", "--no-charts", "--out", Out()),
            await Job("run", """{"runs": 150, "seed": 9, "steps": 8, "overrides": ["actor.USA.resolve=0.8"], "without_treaties": ["rus-prk-2024"]}"""));

    [Fact]
    public async Task Compare() =>
        Assert.Equal(Cli.Json("compare", Scenario, "--without", "rus-prk-2024", "--runs", "200", "--seed", "2", "--json"),
            await Job("compare", """{"without": ["rus-prk-2024"], "runs": 200, "seed": 2}"""));

    [Fact]
    public async Task Claims() =>
        Assert.Equal(Cli.Json("claims", Scenario, "--runs", "100", "--no-screening", "--json"),
            await Job("claims", """{"runs": 100, "screen": false}"""));

    [Fact]
    public async Task Sensitivity() =>
        Assert.Equal(Cli.Json("sensitivity", Scenario, "--metric", "first_war", "--method", "oat", "--runs", "20", "--levels", "2", "--json", "--out", Out()),
            await Job("sensitivity", """{"metric": "first_war", "method": "oat", "runs": 20, "levels": 2}"""));

    [Fact]
    public async Task Network() =>
        Assert.Equal(Cli.Json("obligations", "network", "--year", "1995", "--data-dir", _data, "--json"),
            await _s.Http.GetStringAsync("/api/v1/network?year=1995"));

    [Fact]
    public async Task Network_with_a_scenario_and_its_matrix()
    {
        var matrix = Path.Combine(TempDir.New(), "m.csv");
        Assert.Equal(Cli.Json("obligations", "network", "--year", "2018", "--scenario", Scenario, "--blocs", "3", "--data-dir", _data, "--matrix", matrix, "--json"),
            await _s.Http.GetStringAsync($"/api/v1/network?year=2018&scenario={Id}&blocs=3"));
        Assert.Equal(File.ReadAllText(matrix), await _s.Http.GetStringAsync($"/api/v1/network/matrix?year=2018&scenario={Id}"));
    }

    [Fact]
    public async Task Network_refuses_what_the_cli_refuses()
    {
        var cli = Cli.Run("obligations", "network", "--year", "19x5", "--data-dir", _data);
        Assert.Equal(2, cli.Code);
        var r = await _s.Http.GetAsync("/api/v1/network?year=19x5");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var detail = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(detail, cli.Stderr);
    }

    [Fact]
    public async Task Report_html_is_the_cli_report_html()
    {
        var dir = Out();
        Cli.Json("report", Scenario, "--runs", "200", "--claim-runs", "150", "--screening-runs", "10", "--seed", "3", "--threads", "1", "--out", dir, "--json");
        var id = (await _s.Submit("report", """{"runs": 200, "seed": 3, "threads": 1, "claims": {"runs": 150, "screening_runs": 10}}""")).GetProperty("id").GetString()!;
        var events = await _s.WaitViaEvents(id);
        Assert.Contains("\"succeeded\"", events[^1]);
        var r = await _s.Http.GetAsync($"/api/v1/jobs/{id}/result");
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "report.html")), await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Backtest()
    {
        var cli = Cli.Json("backtest", "--split", "1995", "--runs", "20", "--seed", "6", "--threads", "1", "--data-dir", _data, "--json");
        var r = await _s.Http.PostAsync("/api/v1/backtest", ServerProcess.JsonBody("""{"split": 1995, "runs": 20, "seed": 6, "threads": 1}"""));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"{(int)r.StatusCode} {text}");
        var job = JsonDocument.Parse(text).RootElement;
        Assert.Equal(JsonValueKind.Null, job.TryGetProperty("scenario_id", out var sid) ? sid.ValueKind : JsonValueKind.Null);
        var id = job.GetProperty("id").GetString()!;
        var events = await _s.WaitViaEvents(id);
        Assert.Contains("\"succeeded\"", events[^1]);
        Assert.Equal(cli, await _s.Result(id));
    }

    [Fact]
    public async Task Backtest_refuses_what_the_cli_refuses()
    {
        var cli = Cli.Run("backtest", "--split", "1800", "--data-dir", _data);
        Assert.Equal(2, cli.Code);
        var r = await _s.Http.PostAsync("/api/v1/backtest", ServerProcess.JsonBody("""{"split": 1800}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var detail = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Equal("split 1800: must lie in 1919..2019 (ICB v15 covers 1918-2019)", detail);
        Assert.Contains(detail, cli.Stderr);
        var file = await _s.Http.PostAsync("/api/v1/backtest", ServerProcess.JsonBody("""{"calibration": "/etc/passwd"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
        Assert.Contains("reads no files", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validate_diagnostics_are_the_cli_diagnostics()
    {
        var dir = TempDir.New();
        var yaml = "scenario: {id: b, title: B, as_of: 2024-13-01}\nstates:\n  - {id: USA, nmae: United States}\n";
        File.WriteAllText(Path.Combine(dir, "b.yaml"), yaml);
        var cli = Cli.Run("validate", Path.Combine(dir, "b.yaml"));
        Assert.Equal(2, cli.Code);
        var r = await _s.Http.PostAsync("/api/v1/scenarios/validate?name=b.yaml", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("file").GetString()}:{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()}: {e.GetProperty("message").GetString()}").ToList();
        Assert.True(errors.Count >= 2, string.Join("\n", errors));
        var cliLines = cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": ") && !l.Contains("problems found") && !l.Contains("problem found"))
            .Select(l => l.Replace(Path.Combine(dir, "b.yaml"), "b.yaml")).ToList();
        Assert.Equal(cliLines, errors);
    }
}
