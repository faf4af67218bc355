using System.Text.Json;
using System.Text.Json.Serialization;
using Entangle.Application.Analysis;
using Entangle.Application.Backtest;
using Entangle.Application.Data;
using Entangle.Application.Escalation;
using Entangle.Application.Output;
using Entangle.Domain;
using Entangle.Scenarios;

namespace Entangle.Server.Jobs;

/// <summary>What a job's work produced: its bytes and media type.</summary>
public sealed record JobOutput(string ContentType, string Body);

/// <summary>What a job works on: its stored scenario version (null for a job over the reference data) and the server's data directory.</summary>
/// <param name="Executor">Where the job's Monte Carlo sweeps run (<c>serve --cluster</c>: an Orleans cluster); null: this process's threads.</param>
public sealed record JobContext(ScenarioSource? Scenario, string DataDir, Application.Sweeps.ISweepExecutor? Executor = null)
{
    public ScenarioSource Source => Scenario ?? throw new InvalidOperationException("this kind of job needs a scenario");
}

/// <summary>
/// The kinds of background job, each over the same application service the CLI command of that name calls, with the
/// request type that command binds its options to. The stored result is exactly what the command prints with
/// <c>--json</c> (without the final newline).
/// </summary>
public abstract class JobKind
{
    public abstract string Name { get; }

    /// <summary>Reads and validates a request body; the canonical form (every default written out) is what is stored and hashed.</summary>
    public abstract (object Request, string Canonical, ulong Seed) Parse(string json);

    /// <summary>Runs the job; <paramref name="progress"/> gets (done, total) in runs.</summary>
    public abstract JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel);

    /// <summary>Whether the job runs on a stored scenario (all but backtest, which runs on the reference data).</summary>
    public virtual bool NeedsScenario => true;

    /// <summary>Every kind, by name.</summary>
    public static readonly IReadOnlyDictionary<string, JobKind> All = new JobKind[]
    {
        new RunJob(), new CompareJob(), new ClaimsJob(), new SensitivityJob(), new ReportJob(), new BacktestJob(),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The JSON dialect of request bodies: the <c>--json</c> dialect, numbers only as JSON numbers, and unknown fields refused.</summary>
    public static readonly JsonSerializerOptions RequestOptions = new(Json.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = false,
    };

    /// <summary>Deserialises a request body; malformed JSON or a wrong field becomes an <see cref="InputException"/> with line and column.</summary>
    public static T Read<T>(string json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json)) json = "{}";
        try
        {
            return JsonSerializer.Deserialize<T>(json, RequestOptions) ?? throw new InputException([new Diagnostic("request body", 1, 1, "expected a JSON object, got null")]);
        }
        catch (JsonException e)
        {
            var line = (int?)(e.LineNumber + 1);
            var col = (int?)(e.BytePositionInLine + 1);
            var what = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            throw new InputException([new Diagnostic("request body", line, col, $"not a valid request: {what}" + (e.Path is { Length: > 1 } p ? $" (at {p})" : ""))]);
        }
    }

    protected static string Canonical<T>(T request) => JsonSerializer.Serialize(request, RequestOptions);

    protected static Action<int, int> Spread(Action<long, long> progress, long total) => (done, _) => progress(done, total);
}

/// <summary><c>run</c>: the escalation Monte Carlo (<see cref="EscalationService.Run(Engine.Escalation.CompiledModel, EscalationRequest, IProgress{int}?, CancellationToken, string?)"/>).</summary>
public sealed class RunJob : JobKind
{
    public override string Name => "run";

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<EscalationRequest>(json).Validate();
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel)
    {
        var source = context.Source;
        var r = (EscalationRequest)request;
        var model = EscalationService.Load(source, r);
        var summary = EscalationService.Run(model, r, new Reporter<int>(d => progress(d, r.Runs)), cancel, source.Name);
        return new JobOutput("application/json", Json.Serialize(summary));
    }
}

/// <summary><c>compare</c>: paired runs of the scenario and a variant (treaties removed, parameters set).</summary>
public sealed class CompareJob : JobKind
{
    public override string Name => "compare";

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<CompareRequest>(json);
        if (r.VariantFile is not null) throw new InputException("variant_file: the server compares a stored scenario with removed treaties (without) or overrides (set), not with a file");
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel)
    {
        var source = context.Source;
        var r = (CompareRequest)request;
        var total = 2L * (r.Runs / Math.Max(1, r.Replicates)) * r.Replicates;
        var result = CompareService.Compare(source, r, new Reporter<int>(d => progress(d, total)), cancel, context.Executor);
        return new JobOutput("application/json", Json.Serialize(result));
    }
}

/// <summary><c>claims</c>: every claim's verdict and what it hinges on.</summary>
public sealed class ClaimsJob : JobKind
{
    public override string Name => "claims";

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<ClaimsRequest>(json);
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel) =>
        new("application/json", Json.Serialize(ClaimsService.Test(context.Source, (ClaimsRequest)request, null, cancel, context.Executor, progress)));
}

/// <summary><c>sensitivity</c>: which parameters move a metric.</summary>
public sealed class SensitivityJob : JobKind
{
    public override string Name => "sensitivity";

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<SensitivityRequest>(json);
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel) =>
        new("application/json", Json.Serialize(SensitivityService.Run(context.Source, (SensitivityRequest)request, cancel, context.Executor, (done, all) => progress(done, all))));
}

/// <summary><c>report</c>: the self-contained HTML briefing; the result is the HTML itself.</summary>
public sealed class ReportJob : JobKind
{
    public override string Name => "report";

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<ReportRequest>(json).Validate();
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel)
    {
        var source = context.Source;
        var dir = Directory.CreateTempSubdirectory("entangle-report-");
        try
        {
            var result = ReportService.Write(source, dir.FullName, (ReportRequest)request, null, cancel);
            return new JobOutput("text/html; charset=utf-8", File.ReadAllText(result.Html));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary><c>backtest</c>: forecasts for the ICB crises from the split year on, scored, over the server's reference data.</summary>
public sealed class BacktestJob : JobKind
{
    public override string Name => "backtest";

    public override bool NeedsScenario => false;

    public override (object, string, ulong) Parse(string json)
    {
        var r = Read<BacktestRequest>(json);
        if (r.Calibration is not null)
            throw new InputException("calibration: the server reads no files; it backtests with the catalog defaults (run `entangle backtest --calibration FILE` for a calibrated one)");
        r = r.Validate();
        return (r, Canonical(r), r.Seed);
    }

    public override JobOutput Execute(JobContext context, object request, Action<long, long> progress, CancellationToken cancel)
    {
        using var data = DataService.Open(context.DataDir);
        return new("application/json", Json.Serialize(BacktestService.Run(data, (BacktestRequest)request, (done, total) => progress(done, total), cancel, context.Executor)));
    }

    /// <summary>What a backtest's result depends on besides the request: the imported files of the reference data (their SHA-256s).</summary>
    public static string DataHash(string dataDir)
    {
        var files = DataService.Sources(dataDir).Sources.OrderBy(s => s.Kind, StringComparer.Ordinal)
            .SelectMany(s => s.Files.Select(f => $"{s.Kind}/{f.Role}/{f.Sha256}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", files))));
    }
}
