using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entangle.Client;
using Entangle.Tests.Shared;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Entangle.Server.Tests;

/// <summary>
/// The OpenAPI document validates, it is the snapshot clients/Entangle.Client generates its client from, and that
/// generated client (NSwag, at build time) can upload a scenario, start a run and read its result.
/// </summary>
public class OpenApiTests : IClassFixture<OpenApiTests.Shared>
{
    public sealed class Shared : IDisposable
    {
        public ServerProcess Server { get; } = ServerProcess.Start(TempDir.New(), null);
        public void Dispose() => Server.Dispose();
    }

    private const string Snapshot = "clients/Entangle.Client/openapi-v1.json";
    private readonly ServerProcess _s;
    public OpenApiTests(Shared shared) => _s = shared.Server;

    [Fact]
    public async Task The_document_validates_and_every_operation_is_under_api_v1_with_an_id()
    {
        var text = await _s.Http.GetStringAsync("/openapi/v1.json");
        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        var doc = read.Document!;
        var errors = doc.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.All(doc.Paths.Keys, p => Assert.StartsWith("/api/v1/", p));
        var ids = doc.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // request numbers are JSON numbers (the server reads no numbers from strings, so the document must not promise it)
        var runs = doc.Components!.Schemas!["EscalationRequest"].Properties!["runs"];
        Assert.Equal(JsonSchemaType.Integer, runs.Type);
        Assert.Equal("10000", runs.Default?.ToJsonString());
    }

    [Fact]
    public async Task The_document_declares_the_bearer_token_so_clients_can_send_it()
    {
        var doc = OpenApiDocument.Parse(await _s.Http.GetStringAsync("/openapi/v1.json"), "json").Document!;
        var scheme = doc.Components!.SecuritySchemes!["bearer"];
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        // off loopback the token is required, on loopback not: the document offers both, no security or the bearer scheme
        var security = doc.Security!;
        Assert.Equal(2, security.Count);
        Assert.Contains(security, r => r.Count == 0);
        Assert.Contains(security, r => r.Count == 1 && r.Keys.Single().Reference.Id == "bearer");
    }

    [Fact]
    public async Task The_client_snapshot_is_the_served_document()
    {
        var live = JsonNode.Parse(await _s.Http.GetStringAsync("/openapi/v1.json"))!;
        var path = Path.Combine(RepoPaths.RepoRoot, Snapshot);
        var snapshot = JsonNode.Parse(File.ReadAllText(path))!;
        if (!JsonNode.DeepEquals(live, snapshot))
        {
            var fresh = Path.Combine(TempDir.New(), "openapi-v1.json");
            File.WriteAllText(fresh, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Assert.Fail($"the API changed: {Snapshot} is not the document the server serves; if the change is meant, refresh it: cp {fresh} {Snapshot}");
        }
    }

    [Fact]
    public async Task A_generated_client_starts_a_run_and_reads_the_bytes_the_cli_prints()
    {
        var client = new EntangleClient(_s.Http.BaseAddress!.ToString(), _s.Http);
        var bundle = JsonDocument.Parse(ServerProcess.BundledScenarioUpload()).RootElement;
        var upload = new BundleUpload
        {
            Root = bundle.GetProperty("root").GetString(),
            Files = bundle.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()),
        };
        var stored = await client.UploadScenarioAsync(upload);
        Assert.Equal("russia-dprk-2024", stored.Id);

        var job = await client.StartRunAsync("russia-dprk-2024", null, new EscalationRequest { Runs = 120, Seed = 4, Steps = 6, Threads = 1 });
        Assert.Equal("run", job.Kind);
        Assert.Equal("4", job.Seed);
        for (var i = 0; job.Status is "queued" or "running"; i++)
        {
            Assert.True(i < 1200, $"job {job.Id} still {job.Status} after a minute");
            await Task.Delay(50);
            job = await client.GetJobAsync(job.Id);
        }
        Assert.Equal("succeeded", job.Status);
        using var result = await client.GetJobResultAsync(job.Id);
        using var reader = new StreamReader(result.Stream);
        var body = await reader.ReadToEndAsync();
        Assert.Equal(Cli.Json("run", "scenarios/russia-dprk-2024.yaml", "--runs", "120", "--seed", "4", "--steps", "6", "--json", "--no-charts", "--out", Path.Combine(TempDir.New(), "o")), body);

        // the same request again: 200 with the cached job, which the client accepts as documented
        var again = await client.StartRunAsync("russia-dprk-2024", null, new EscalationRequest { Runs = 120, Seed = 4, Steps = 6, Threads = 1 });
        Assert.True(again.Cached);
        Assert.Equal(job.Id, again.Id);

        // an error arrives as the documented problem details
        var bad = await Assert.ThrowsAsync<EntangleApiException<Problem>>(() => client.StartRunAsync("russia-dprk-2024", null, new EscalationRequest { Runs = 0 }));
        Assert.Equal((int)HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("runs 0: must be at least 1", bad.Result.Detail);
        var missing = await Assert.ThrowsAsync<EntangleApiException<Problem>>(() => client.GetJobAsync("no-such-job"));
        Assert.Equal(404, missing.Result.Status);
    }
}
