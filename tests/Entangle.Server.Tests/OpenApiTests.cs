using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Entangle.Server.Tests;

/// <summary>The OpenAPI document parses and validates, and a client built only from it can start a run.</summary>
public class OpenApiTests
{
    [Fact]
    public async Task The_document_validates_and_describes_the_run_operation_a_client_can_call()
    {
        using var server = ServerProcess.Start(TempDir.New(), null);
        var text = await server.Http.GetStringAsync("/openapi/v1.json");
        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        var doc = read.Document!;
        var errors = doc.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));

        // every API path is under /api/v1 and every operation has an id
        Assert.All(doc.Paths.Keys, p => Assert.StartsWith("/api/v1/", p));
        Assert.All(doc.Paths.Values.SelectMany(p => p.Operations!.Values), o => Assert.False(string.IsNullOrEmpty(o.OperationId)));

        // a client from the document alone: find start_run, build its URL and body from the schema, call it
        var (path, method, op) = doc.Paths.SelectMany(p => p.Value.Operations!.Select(o => (p.Key, o.Key, o.Value))).Single(x => x.Value.OperationId == "start_run");
        Assert.Equal(HttpMethod.Post, method);
        var body = op.RequestBody!.Content!["application/json"].Schema!;
        var props = body.Properties!.Keys.ToHashSet();
        Assert.Superset(new HashSet<string> { "runs", "seed", "steps", "threads", "replicates", "overrides", "without_treaties" }, props);
        Assert.Contains("202", op.Responses!.Keys);
        var jobSchema = op.Responses["202"].Content!["application/json"].Schema!;

        await server.UploadBundled();
        var url = path.Replace("{id}", "russia-dprk-2024");
        var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["runs"] = 50, ["seed"] = 2 }.Where(kv => props.Contains(kv.Key)).ToDictionary());
        var resp = await server.Http.PostAsync(url, ServerProcess.JsonBody(request));
        Assert.Equal(HttpStatusCode.Accepted, resp.StatusCode);
        var job = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
        foreach (var name in jobSchema.Properties!.Keys.Where(k => k is "id" or "kind" or "status" or "seed" or "code_version"))
            Assert.True(job.TryGetProperty(name, out _), $"response lacks '{name}' that the document promises");
        Assert.Equal("run", job.GetProperty("kind").GetString());
    }
}
