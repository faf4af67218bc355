using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Entangle.Application.Analysis;
using Entangle.Application.Backtest;
using Entangle.Application.Bargaining;
using Entangle.Application.Data;
using Entangle.Application.Escalation;
using Entangle.Application.Obligations;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Obligations;
using Entangle.Scenarios;
using Entangle.Server.Jobs;
using Entangle.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using JsonOut = Entangle.Application.Output.Json;

namespace Entangle.Server.Api;

/// <summary>The REST API under /api/v1: each endpoint binds its request and calls the application service the CLI command of the same name calls.</summary>
public static class Endpoints
{
    private const string JsonType = "application/json";

    public static void Map(RouteGroupBuilder api, ServerStore store, ScenarioCache scenarios, JobQueue queue, ServerOptions options)
    {
        ScenarioRow Row(string id, long? version) =>
            store.Scenario(id, version) ?? throw new NotFoundException(version is null ? $"no scenario '{id}'" : $"scenario '{id}' has no version {version}");

        Scenario Load(ScenarioRow row) => scenarios.Source(row).Load();
        ScenarioSource Source(ScenarioRow row) => scenarios.Source(row);

        // uploads parsed at once (ServerOptions.ConcurrentLoads); the others wait, holding only their body
        var loads = new SemaphoreSlim(Math.Max(1, options.ConcurrentLoads));
        async Task<Scenario> LoadUpload(ScenarioBundle bundle, CancellationToken aborted)
        {
            await loads.WaitAsync(aborted);
            try { return ScenarioSource.Bundle(bundle).Load(); }
            finally { loads.Release(); }
        }

        // ---- scenarios
        api.MapPost("/scenarios/validate", (HttpRequest req) => Guard(async () =>
        {
            var bundle = await ReadBundle(req);
            var s = await LoadUpload(bundle, req.HttpContext.RequestAborted);
            return Results.Text(JsonOut.Serialize(new ValidationView(true, s.Info.Id, s.Info.Title, Located(s.Warnings))), JsonType);
        })).WithName("validateScenario").WithSummary("Check a scenario (YAML, a zip bundle, or a JSON bundle) with the same located diagnostics as `entangle validate`")
            .Accepts<BundleUpload>(JsonType, "application/yaml", "application/zip").Produces<ValidationView>().Fails(400, 413, 422);

        api.MapPost("/scenarios", (Func<HttpContext, Task<IResult>>)(ctx => Guard(async () =>
        {
            var bundle = await ReadBundle(ctx.Request);
            var s = await LoadUpload(bundle, ctx.RequestAborted);
            var (row, created) = store.SaveScenario(s.Info.Id, s.Info.Title, bundle.Root, bundle.Files, Who(ctx));
            var body = JsonOut.Serialize(new ValidationView(true, s.Info.Id, s.Info.Title, Located(s.Warnings), Info(row), created));
            return Results.Text(body, JsonType, statusCode: created ? 201 : 200);
        }))).WithName("uploadScenario").WithSummary("Store a scenario: a new version unless the latest has the same content hash")
            .Accepts<BundleUpload>(JsonType, "application/yaml", "application/zip").Produces<ValidationView>(201).Produces<ValidationView>(200).Fails(400, 413, 422);

        api.MapGet("/scenarios", () => Results.Text(JsonOut.Serialize(store.LatestScenarios().Select(Info).ToList()), JsonType))
            .WithName("listScenarios").Produces<List<ScenarioInfoView>>();
        api.MapGet("/scenarios/{id}", (string id, long? version) => Guard(() => Task.FromResult(Results.Text(JsonOut.Serialize(Info(Row(id, version))), JsonType))))
            .WithName("getScenario").Produces<ScenarioInfoView>().Fails(404);
        api.MapGet("/scenarios/{id}/versions", (string id) => Guard(() =>
        {
            var all = store.Versions(id);
            return Task.FromResult(all.Count == 0 ? throw new NotFoundException($"no scenario '{id}'") : Results.Text(JsonOut.Serialize(all.Select(Info).ToList()), JsonType));
        })).WithName("listScenarioVersions").Produces<List<ScenarioInfoView>>().Fails(404);
        api.MapGet("/scenarios/{id}/files/{*path}", (string id, string path, long? version) => Guard(() =>
        {
            var row = Row(id, version);
            return Task.FromResult(ServerStore.FilesOf(row).TryGetValue(path, out var bytes)
                ? Results.Bytes(bytes, "application/yaml") : throw new NotFoundException($"scenario '{id}' version {row.Version} has no file '{path}'"));
        })).WithName("getScenarioFile").Fails(404);

        // ---- quick answers, computed in the request
        api.MapGet("/scenarios/{id}/show", (string id, long? version, int? year) => Guard(() =>
            Task.FromResult(Results.Text(JsonOut.Serialize(ScenarioView.Of(Load(Row(id, version)), year)), JsonType))))
            .WithName("showScenario").WithSummary("`entangle show --json`").Produces<ScenarioView>().Fails(404);

        api.MapPost("/scenarios/{id}/obligations", (string id, long? version, HttpRequest req) => Guard(async () =>
        {
            var r = JobKind.Read<ObligationsRequest>(await Body(req));
            var s = Load(Row(id, version));
            var q = ObligationsService.MakeQuery(s, Required(r.Attacker, "attacker"), Required(r.Target, "target"), r.Where, r.Asset, r.On, r.Wars);
            return Results.Text(JsonOut.Serialize(ObligationsService.Query(s, q)), JsonType);
        })).WithName("queryObligations").WithSummary("`entangle obligations query --json`").Accepts<ObligationsRequest>(JsonType).Produces<ObligationsReport>().Fails(400);

        api.MapPost("/scenarios/{id}/cascade", (string id, long? version, HttpRequest req) => Guard(async () =>
        {
            var r = JobKind.Read<CascadeRequest>(await Body(req));
            var s = Load(Row(id, version));
            var q = ObligationsService.MakeQuery(s, Required(r.Attacker, "attacker"), Required(r.Target, "target"), r.Where, r.Asset, r.On, r.Wars);
            return Results.Text(JsonOut.Serialize(CascadeService.Run(s, q, new CascadeOptions(r.HomelandStrikes, r.CertainOnly))), JsonType);
        })).WithName("cascade").WithSummary("`entangle obligations cascade --json`").Accepts<CascadeRequest>(JsonType).Produces<CascadeReport>().Fails(400);

        api.MapGet("/network", (string year, string? scenario, long? version, int? blocs) => Guard(() =>
        {
            var y = NetworkService.ParseYear(year);
            var s = scenario is null ? null : Load(Row(scenario, version));
            using var data = DataService.Open(options.DataDir);
            return Task.FromResult(Results.Text(JsonOut.Serialize(NetworkService.Build(data, y, s, blocs ?? 10)), JsonType));
        })).WithName("network").WithSummary("`entangle obligations network --json` over the server's reference data").Produces<NetworkReport>().Fails(400, 404);

        api.MapGet("/network/matrix", (string year, string? scenario, long? version) => Guard(() =>
        {
            var y = NetworkService.ParseYear(year);
            var s = scenario is null ? null : Load(Row(scenario, version));
            using var data = DataService.Open(options.DataDir);
            return Task.FromResult(Results.Text(NetworkService.MatrixCsv(data, y, s), "text/csv"));
        })).WithName("networkMatrix").WithSummary("The all-pairs matrix `entangle obligations network --matrix FILE` writes, as CSV")
            .Produces(200, typeof(Stream), "text/csv").Fails(400, 404);

        api.MapPost("/scenarios/{id}/forecast", (string id, long? version, HttpRequest req) => Guard(async () =>
        {
            var settings = JobKind.Read<ForecastSettings>(await Body(req));
            var row = Row(id, version);
            var request = settings.ToRequest(row.Root);
            var input = ForecastInputs.FromScenario(row.Root, Load(row), request.IssueId);
            return Results.Text(JsonOut.Serialize(ForecastService.Run(input, request)), JsonType);
        })).WithName("forecast").WithSummary("`entangle forecast --json` on a scenario issue").Accepts<ForecastSettings>(JsonType).Produces<ForecastReport>().Fails(400);

        api.MapPost("/scenarios/{id}/replay", (string id, long? version, HttpRequest req) => Guard(async () =>
        {
            var r = JobKind.Read<ReplayRequest>(await Body(req));
            return Results.Text(Replay(Source(Row(id, version)), r), JsonType);
        })).WithName("replay").WithSummary("`entangle replay --json`: one run step by step").Accepts<ReplayRequest>(JsonType).Produces<ReplayResult>().Fails(400);

        api.MapPost("/scenarios/{id}/mechanisms", (string id, long? version, HttpRequest req) => Guard(async () =>
        {
            var r = JobKind.Read<MechanismsRequest>(await Body(req));
            return Results.Text(JsonOut.Serialize(MechanismsService.Paths(Source(Row(id, version)), r.From, r.To)), JsonType);
        })).WithName("mechanisms").WithSummary("`entangle mechanisms --json`: paths from treaties, parameters or events through the model's mechanisms to metrics")
            .Accepts<MechanismsRequest>(JsonType).Produces<MechanismsResult>().Fails(400, 404);
        api.MapGet("/scenarios/{id}/mechanisms", (string id, long? version, string[]? from, string[]? to) => Guard(() =>
            Task.FromResult(Results.Text(JsonOut.Serialize(MechanismsService.Paths(Source(Row(id, version)), from is { Length: > 0 } ? from : null, to is { Length: > 0 } ? to : null)), JsonType))))
            .WithName("getMechanisms").WithSummary("The same as POST, with repeated query parameters: ?from=TREATY&to=METRIC")
            .Produces<MechanismsResult>().Fails(400, 404);

        // ---- background jobs
        foreach (var (kind, requestType, summary) in new[]
                 {
                     ("run", typeof(EscalationRequest), "`entangle run --json`: the escalation Monte Carlo"),
                     ("compare", typeof(CompareRequest), "`entangle compare --json`: paired runs with a counterfactual"),
                     ("claims", typeof(ClaimsRequest), "`entangle claims --json`: verdicts on the scenario's claims"),
                     ("sensitivity", typeof(SensitivityRequest), "`entangle sensitivity --json`"),
                     ("report", typeof(ReportRequest), "`entangle report`: the HTML briefing (the result is the HTML)"),
                 })
        {
            api.MapPost($"/scenarios/{{id}}/{kind}", (string id, long? version, HttpContext ctx) => Guard(async () =>
            {
                var body = await Body(ctx.Request);
                var (job, cached) = queue.Submit(JobKind.All[kind], Row(id, version), body, Client(ctx));
                return Results.Text(JsonOut.Serialize(View(job, queue, cached)), JsonType, statusCode: cached ? 200 : 202);
            })).WithName($"start{char.ToUpperInvariant(kind[0])}{kind[1..]}").WithSummary(summary + " as a background job (200 with the cached job when the same request already succeeded)")
                .Accepts(requestType, JsonType).Produces<JobView>(202).Produces<JobView>(200).Fails(400, 404, 429);
        }

        api.MapPost("/backtest", (Func<HttpContext, Task<IResult>>)(ctx => Guard(async () =>
        {
            var body = await Body(ctx.Request);
            var (job, cached) = queue.Submit(JobKind.All["backtest"], null, body, Client(ctx));
            return Results.Text(JsonOut.Serialize(View(job, queue, cached)), JsonType, statusCode: cached ? 200 : 202);
        }))).WithName("startBacktest").WithSummary("`entangle backtest --json` over the server's reference data (ICB and the COW and ATOP sets imported in its data directory) as a background job")
            .Accepts<BacktestRequest>(JsonType).Produces<JobView>(202).Produces<JobView>(200).Fails(400, 429);

        api.MapGet("/jobs", (string? status) => Results.Text(JsonOut.Serialize(store.Jobs(status).Select(j => View(j, queue, false)).ToList()), JsonType))
            .WithName("listJobs").Produces<List<JobView>>();
        api.MapGet("/jobs/{id}", (string id) => Guard(() => Task.FromResult(Results.Text(JsonOut.Serialize(View(Job(store, id), queue, false)), JsonType))))
            .WithName("getJob").Produces<JobView>().Fails(404);
        api.MapGet("/jobs/{id}/result", (string id) => Guard(() =>
        {
            var job = Job(store, id);
            var result = store.Result(id);
            if (result is null)
                return Task.FromResult(Problems.Of(409, "No result", $"job {id} is {job.Status}; it has no result" + (job.Error is { } e ? $" ({e})" : "")));
            return Task.FromResult(Results.Text(result.Body, result.ContentType));
        })).WithName("getJobResult").WithSummary("The stored result: exactly what the CLI command prints with --json (without the final newline); for report, the HTML")
            .Produces(200, typeof(Stream), JsonType, "text/html").Fails(404, 409);
        api.MapGet("/sweeps", () => Results.Text(JsonOut.Serialize(store.Sweeps().Select(SweepInfo).ToList()), JsonType))
            .WithName("listSweeps").WithSummary("Sweeps stored by `entangle sweep SPEC --store`, newest first").Produces<List<SweepView>>();
        api.MapGet("/sweeps/{id}", (string id) => Guard(() => Task.FromResult(Results.Text(JsonOut.Serialize(SweepInfo(Sweep(store, id))), JsonType))))
            .WithName("getSweep").Produces<SweepView>().Fails(404);
        api.MapGet("/sweeps/{id}/result", (string id) => Guard(() =>
        {
            var s = Sweep(store, id);
            return Task.FromResult(Results.Text(s.Body, s.ContentType));
        })).WithName("getSweepResult").WithSummary("The stored sweep's result: exactly what `entangle sweep SPEC --json` printed (without the final newline)")
            .Produces(200, typeof(Stream), JsonType).Fails(404);
        api.MapPost("/jobs/{id}/cancel", (string id) => Guard(() =>
        {
            var job = Job(store, id);
            if (!queue.Cancel(id)) return Task.FromResult(Problems.Of(409, "Not running", $"job {id} is {job.Status}; only a queued or running job can be cancelled"));
            return Task.FromResult(Results.Text(JsonOut.Serialize(View(Job(store, id), queue, false)), JsonType, statusCode: 202));
        })).WithName("cancelJob").Produces<JobView>(202).Fails(404, 409);
        api.MapPost("/jobs/{id}/resume", (string id, HttpContext ctx) => Guard(() =>
            Task.FromResult(Results.Text(JsonOut.Serialize(View(queue.Resume(Job(store, id), Client(ctx)), queue, false)), JsonType, statusCode: 202))))
            .WithName("resumeJob").WithSummary("Run an interrupted, cancelled or failed job again from its stored request and seed").Produces<JobView>(202).Fails(400, 404, 429);
        api.MapPost("/jobs/{id}/replay", (string id, int? run, string? arm) => Guard(() =>
        {
            var job = Job(store, id);
            if (job.Kind != "run" || job.ScenarioId is null) throw new InputException($"job {id} is a {job.Kind} job; replay repeats a run of a run job");
            var r = JobKind.Read<EscalationRequest>(job.Request);
            var replay = new ReplayRequest(r.Seed, r.Steps, r.Replicates, r.Overrides, r.WithoutTreaties, run ?? 0, arm ?? "baseline");
            return Task.FromResult(Results.Text(Replay(Source(Row(job.ScenarioId, job.ScenarioVersion)), replay), JsonType));
        })).WithName("replayJobRun").WithSummary("Replay run N of a stored run job, with its scenario version, seed and request").Produces<ReplayResult>().Fails(404);
        api.MapGet("/server/memory", () => Results.Text(JsonOut.Serialize(Memory(store, scenarios, queue)), JsonType))
            .WithName("serverMemory").WithSummary("The server's resident memory, GC heap, SQLite's caches and the sizes of its in-memory caches (for the load benchmark and operators)")
            .Produces<ServerMemoryView>();
        api.MapGet("/jobs/{id}/events", async (string id, HttpContext ctx) =>
        {
            if (store.Job(id) is null) { await Problems.Write(ctx, 404, "Not found", $"no job '{id}'"); return; }
            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            string? last = null;
            while (!ctx.RequestAborted.IsCancellationRequested)
            {
                var job = store.Job(id)!;
                var live = queue.Live(id);
                var data = JsonSerializer.Serialize(new { status = job.Status, done = live?.Done, total = live?.Total, error = job.Error });
                if (data != last)
                {
                    await ctx.Response.WriteAsync($"event: {(JobStatus.IsFinal(job.Status) ? "done" : "progress")}\ndata: {data}\n\n", ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                    last = data;
                }
                if (JobStatus.IsFinal(job.Status)) break;
                try { await Task.Delay(200, ctx.RequestAborted); } catch (OperationCanceledException) { break; }
            }
        }).WithName("jobEvents").WithSummary("Server-sent events: 'progress' (status, runs done of total) until one 'done'").Produces(200, contentType: "text/event-stream");
    }

    private static string Replay(ScenarioSource source, ReplayRequest r)
    {
        var request = r.Escalation.Validate();
        var model = ClaimsService.ArmModel(source, request, r.Arm);
        return JsonOut.Serialize(EscalationService.Replay(model, request.Seed, r.Run, request.Replicates, r.Arm));
    }

    private static ServerMemoryView Memory(ServerStore store, ScenarioCache scenarios, JobQueue queue)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new ServerMemoryView(self.WorkingSet64, self.PeakWorkingSet64, GC.GetTotalMemory(false), gc.TotalCommittedBytes,
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            store.IsPostgres ? 0 : SQLitePCL.raw.sqlite3_memory_used(), store.IsPostgres ? 0 : SQLitePCL.raw.sqlite3_soft_heap_limit64(-1),
            scenarios.Count, scenarios.Capacity, queue.LiveCount, self.Threads.Count, ThreadPool.ThreadCount, System.Runtime.JitInfo.GetCompiledILBytes());
    }

    private static string Required(string? value, string field) =>
        value is { Length: > 0 } v ? v : throw new InputException($"{field}: required");

    private static JobRow Job(ServerStore store, string id) => store.Job(id) ?? throw new NotFoundException($"no job '{id}'");

    private static SweepRow Sweep(ServerStore store, string id) => store.Sweep(id) ?? throw new NotFoundException($"no sweep '{id}'");

    private static SweepView SweepInfo(SweepRow s) =>
        new(s.Id, s.Design, s.SpecName, s.Spec, s.SpecSha256, s.Executor, s.SiloReport, s.CodeVersion, s.CreatedBy, s.StartedAt, s.FinishedAt, s.Sha256, $"/api/v1/sweeps/{s.Id}/result");

    private static ScenarioInfoView Info(ScenarioRow r) =>
        new(r.Id, r.Version, r.Hash, r.Root, r.Title, r.CreatedBy, r.CreatedAt, ServerStore.FilesOf(r).Keys.Order(StringComparer.Ordinal).ToList());

    private static JobView View(JobRow j, JobQueue queue, bool cached)
    {
        var live = queue.Live(j.Id);
        using var doc = JsonDocument.Parse(j.Request);
        return new JobView(j.Id, j.Kind, j.Status, j.ScenarioId, j.ScenarioVersion, j.ScenarioHash, j.Seed, j.CodeVersion, j.CreatedAt, j.StartedAt, j.FinishedAt,
            j.Error, j.Attempts, live?.Done, live?.Total, cached, $"/api/v1/jobs/{j.Id}/result", $"/api/v1/jobs/{j.Id}/events", doc.RootElement.Clone());
    }

    private static IReadOnlyList<ProblemError> Located(IReadOnlyList<Diagnostic> ds) => ds.Select(d => new ProblemError(d.File, d.Line, d.Column, d.Message)).ToList();

    /// <summary>Who stored a scenario: the <c>X-Entangle-User</c> header, else the client's address.</summary>
    private static string Who(HttpContext ctx) =>
        ctx.Request.Headers["X-Entangle-User"].ToString() is { Length: > 0 and <= 200 } u ? u : Client(ctx);

    /// <summary>The client a per-client job limit counts against: its address.</summary>
    private static string Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task<string> Body(HttpRequest req)
    {
        using var reader = new StreamReader(req.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<byte[]> Bytes(HttpRequest req)
    {
        var ms = new MemoryStream();
        await req.Body.CopyToAsync(ms);
        return ms.ToArray();
    }

    /// <summary>An uploaded scenario: a zip bundle, a JSON bundle ({root, files}), or one YAML file (query <c>name</c> names it).</summary>
    private static async Task<ScenarioBundle> ReadBundle(HttpRequest req)
    {
        var type = req.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        var bytes = await Bytes(req);
        if (type is "application/zip" or "application/x-zip-compressed")
            return ScenarioBundle.FromZip(new MemoryStream(bytes), req.Query["root"].FirstOrDefault());
        if (type == JsonType)
        {
            var b = JobKind.Read<BundleUpload>(Encoding.UTF8.GetString(bytes));
            if (b.Root is null || b.Files is null) throw new InputException([new Diagnostic("request body", 1, 1, "a JSON bundle needs 'root' and 'files'")]);
            return new ScenarioBundle(b.Root, b.Files.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value ?? "")));
        }
        var name = req.Query["name"].FirstOrDefault() is { Length: > 0 } n ? n : "scenario.yaml";
        return new ScenarioBundle(name, new Dictionary<string, byte[]> { [name] = bytes });
    }

    private sealed class NotFoundException(string message) : Exception(message);

    private static async Task<IResult> Guard(Func<Task<IResult>> body)
    {
        try
        {
            return await body();
        }
        catch (InputException e)
        {
            return Problems.BadInput(e);
        }
        catch (NotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (JobLimitException e)
        {
            return Problems.Of(429, "Too many jobs", e.Message);
        }
        // a body over --max-body (BadHttpRequestException 413) goes on to ServerApp's handler, which knows the limit
    }
}
