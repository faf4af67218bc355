using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Entangle.Application.Backtest;
using Entangle.Application.Calibration;
using Entangle.Domain;
using Entangle.Scenarios;

namespace Entangle.Application.Sweeps;

/// <summary>
/// A sweep as data: what to run (an escalation ensemble over arms × design points, or a backtest over crises ×
/// parameter points), how many runs, the seed, and how the work is cut into items. It serialises to canonical JSON, and
/// its identity <see cref="Hash"/> is the SHA-256 of those bytes, so two machines given the same job agree on every
/// item without talking to each other. A job carries everything a worker needs (the scenario files themselves, the
/// crises), never a path that only the submitting machine can read.
/// </summary>
/// <param name="Ensemble">An escalation ensemble (compare, claims, sensitivity), or null.</param>
/// <param name="Backtest">A backtest or calibration slice, or null.</param>
/// <param name="UnitsPerItem">Units (fixed chunks of runs, <see cref="SweepPlan"/>) per work item; the result does not depend on it.</param>
public sealed record SweepJob(EnsembleSweep? Ensemble, BacktestSweep? Backtest, int UnitsPerItem = 1)
{
    /// <summary>Format tag written into the JSON, so a silo of another version refuses a job it cannot read.</summary>
    public const string FormatName = "entangle-sweep/1";

    public string Format { get; init; } = FormatName;

    private byte[]? _bytes;
    private string? _hash;

    /// <summary>A copy (<c>with</c>) computes its own bytes and hash.</summary>
    private SweepJob(SweepJob original)
    {
        Ensemble = original.Ensemble; Backtest = original.Backtest; UnitsPerItem = original.UnitsPerItem; Format = original.Format;
    }

    /// <summary>The canonical JSON of the job (compact, declared property order).</summary>
    public byte[] ToBytes() => _bytes ??= JsonSerializer.SerializeToUtf8Bytes(this, Wire);

    /// <summary>The job's identity: lowercase hex SHA-256 of <see cref="ToBytes"/>.</summary>
    [JsonIgnore]
    public string Hash => _hash ??= Convert.ToHexStringLower(SHA256.HashData(ToBytes()));

    /// <summary>Reads a job from its canonical JSON; throws <see cref="InputException"/> when it is not one.</summary>
    public static SweepJob FromBytes(ReadOnlySpan<byte> json)
    {
        SweepJob? job;
        try { job = JsonSerializer.Deserialize<SweepJob>(json, Wire); }
        catch (JsonException e) { throw new InputException($"not a sweep job ({e.Message.Split('.')[0]})"); }
        if (job is null || job.Format != FormatName) throw new InputException($"not a sweep job of format {FormatName}");
        if ((job.Ensemble is null) == (job.Backtest is null)) throw new InputException("a sweep job holds exactly one of an ensemble or a backtest");
        return job;
    }

    /// <summary>The wire dialect: compact, camelCase, doubles written so that they read back bit for bit.</summary>
    internal static readonly JsonSerializerOptions Wire = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

/// <summary>
/// An escalation ensemble: every arm at every design point, each with the same runs (common random numbers).
/// Units are (point, arm, chunk of draws) in that order, the order <see cref="Engine.Escalation.Ensemble.Run"/> uses.
/// </summary>
/// <param name="Scenarios">The scenarios the arms compile from (usually one; compare's variant file adds a second).</param>
public sealed record EnsembleSweep(IReadOnlyList<ScenarioPayload> Scenarios, IReadOnlyList<ArmSpec> Arms, IReadOnlyList<PointSpec> Points,
    int Runs, ulong Seed, int Replicates);

/// <summary>How to compile one arm: which scenario, with which treaties removed and parameters set, and optionally a claim's counterfactual.</summary>
/// <param name="Name">The arm's name ("baseline", "variant", "claim-counterfactual:…").</param>
/// <param name="Claim">A claim id whose counterfactual is applied on top (as <c>claims</c> and <c>replay --arm claim:ID</c> do), or null.</param>
public sealed record ArmSpec(string Name, int Scenario, IReadOnlyList<string> WithoutTreaties, IReadOnlyList<string> Overrides, string? Claim = null);

/// <summary>A design point: parameter values fixed by path, in ordinal order of the path.</summary>
public sealed record PointSpec(IReadOnlyList<KeyValuePair<string, double>> Fixed)
{
    public static PointSpec Of(Engine.Escalation.DesignPoint p) =>
        new(p.Fixed.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList());

    public Engine.Escalation.DesignPoint ToDesignPoint() =>
        new(Fixed.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
}

/// <summary>
/// A backtest slice: generated crisis scenarios (the crises themselves, as the backtest built them from the data) ×
/// parameter points × fixed chunks of <see cref="RunnerOptions.RunsPerChunk"/> runs, in <see cref="BacktestRunner.Items"/> order.
/// </summary>
/// <param name="Calibration">Fitted distributions applied to every case's model, or null.</param>
public sealed record BacktestSweep(IReadOnlyList<CrisisCase> Cases, CalibrationFile? Calibration, IReadOnlyList<ParameterPoint> Points,
    int Runs, ulong Seed, int Replicates);

/// <summary>
/// A scenario as it travels with a job: its root file and the files beside it (the root's folder, so includes and a
/// calibration file named relative to it resolve on any machine). <see cref="Loaded"/> is the scenario already loaded
/// in this process, used instead of the files when the job runs where it was made.
/// </summary>
public sealed record ScenarioPayload(string Name, string Root, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>Most bytes a payload may hold. <value>16 MiB.</value></summary>
    public const long MaxBytes = 16L << 20;

    [JsonIgnore]
    public Scenario? Loaded { get; init; }

    /// <summary>
    /// The payload of a scenario file: the file and every <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file under its
    /// folder (sorted by path), with the already loaded scenario for local use.
    /// </summary>
    public static ScenarioPayload FromFile(string path, Scenario loaded)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(f);
            total += bytes.Length;
            if (total > MaxBytes)
                throw new InputException(path, $"the scenario's folder holds more than {MaxBytes >> 20} MiB of YAML and JSON, too much to send with a sweep; move the scenario into a folder of its own");
            files[Path.GetRelativePath(dir, f).Replace('\\', '/')] = bytes;
        }
        return new ScenarioPayload(path, Path.GetFileName(full), files) { Loaded = loaded };
    }

    /// <summary>A payload that only this process can run (a scenario with no files, e.g. one the server keeps loaded).</summary>
    /// <remarks>Its root is a fresh unique name, so the job's hash, which cannot cover the scenario's content, never matches another job's.</remarks>
    public static ScenarioPayload InProcess(string name, Scenario loaded) =>
        new(name, "in-process:" + Guid.NewGuid().ToString("N"), new Dictionary<string, byte[]>()) { Loaded = loaded };
}
