using Entangle.Application.Escalation;

namespace Entangle.Server.Api;

/// <summary>An obligations question (the options of <c>entangle obligations query</c>).</summary>
/// <param name="Attacker">ISO3 of the attacking state.</param>
/// <param name="Target">ISO3 of the attacked state.</param>
/// <param name="Where">Territory or area attacked. <value>Default: the target's homeland.</value></param>
/// <param name="Asset">What is attacked, e.g. armed-forces. <value>Default: territory.</value></param>
/// <param name="On">Date of the attack, yyyy-mm-dd. <value>Default: the scenario's as_of.</value></param>
/// <param name="Wars">Wars already under way, INITIATOR:DEFENDER.</param>
public sealed record ObligationsRequest(string Attacker, string Target, string? Where = null, string? Asset = null, string? On = null, IReadOnlyList<string>? Wars = null);

/// <summary>A cascade question (the options of <c>entangle obligations cascade</c>).</summary>
/// <param name="HomelandStrikes">Belligerents also strike each other's homeland. <value>Default false.</value></param>
/// <param name="CertainOnly">Follow only obligations that hold under every reading. <value>Default false.</value></param>
public sealed record CascadeRequest(string Attacker, string Target, string? Where = null, string? Asset = null, string? On = null, IReadOnlyList<string>? Wars = null,
    bool HomelandStrikes = false, bool CertainOnly = false);

/// <summary>One run replayed step by step (the options of <c>entangle replay</c>).</summary>
/// <param name="Run">Run number. <value>Default 0.</value></param>
/// <param name="Arm">baseline, or claim:ID. <value>Default baseline.</value></param>
public sealed record ReplayRequest(ulong Seed = 1, int? Steps = null, int Replicates = 10, IReadOnlyList<string>? Overrides = null,
    IReadOnlyList<string>? WithoutTreaties = null, int Run = 0, string Arm = "baseline")
{
    /// <summary>The escalation request the replayed run belongs to.</summary>
    public EscalationRequest Escalation => new(1, Seed, Steps, 0, Replicates, Overrides ?? [], WithoutTreaties ?? []);
}

/// <summary>A mechanism-map question (the options of <c>entangle mechanisms</c>).</summary>
/// <param name="From">Treaty ids, parameter paths or event ids to start from. <value>Default: every treaty that reaches anything.</value></param>
/// <param name="To">Metrics to reach. <value>Default: the metrics of the scenario's claims.</value></param>
public sealed record MechanismsRequest(IReadOnlyList<string>? From = null, IReadOnlyList<string>? To = null);

/// <summary>An uploaded bundle as JSON: the root file's path and every file's text by path.</summary>
public sealed record BundleUpload(string Root, IReadOnlyDictionary<string, string> Files);

/// <summary>A stored scenario version as the API lists it (no files).</summary>
public sealed record ScenarioInfoView(string Id, long Version, string Hash, string Root, string Title, string CreatedBy, string CreatedAt, IReadOnlyList<string> Files);

/// <summary>The answer of validate and upload.</summary>
public sealed record ValidationView(bool Ok, string? Id, string? Title, IReadOnlyList<ProblemError> Warnings, ScenarioInfoView? Stored = null, bool? Created = null);

/// <summary>A job as the API shows it.</summary>
/// <param name="ScenarioId">The scenario the job runs on; null for a backtest, which runs on the reference data.</param>
/// <param name="ScenarioHash">The content hash of the scenario version, or for a backtest of the reference data's imported files.</param>
public sealed record JobView(string Id, string Kind, string Status, string? ScenarioId, long? ScenarioVersion, string ScenarioHash, string Seed, string CodeVersion,
    string CreatedAt, string? StartedAt, string? FinishedAt, string? Error, long Attempts, long? Done, long? Total, bool Cached, string Result, string Events,
    System.Text.Json.JsonElement Request);

/// <summary>A sweep stored by <c>entangle sweep SPEC --store</c>, as the API shows it (its result at <see cref="Result"/>).</summary>
/// <param name="SpecName">The spec file's name as given on the command line.</param>
/// <param name="Spec">The spec file's text.</param>
/// <param name="SpecSha256">SHA-256 of the spec's text (UTF-8).</param>
/// <param name="Executor">Where it ran: <c>local, N threads</c> or <c>Orleans cluster</c>.</param>
/// <param name="SiloReport">On a cluster, the coordinator's report (items, calls issued and re-issued, late duplicates, items by silo); null locally.</param>
/// <param name="Sha256">SHA-256 of the result bytes.</param>
public sealed record SweepView(string Id, string Design, string SpecName, string Spec, string SpecSha256, string Executor, string? SiloReport, string CodeVersion,
    string CreatedBy, string StartedAt, string FinishedAt, string Sha256, string Result);

/// <summary>The server's memory and the sizes of what it keeps in memory, for the load benchmark and for operators (<c>GET /api/v1/server/memory</c>).</summary>
/// <param name="WorkingSet">The process's resident memory in bytes (VmRSS on Linux).</param>
/// <param name="PeakWorkingSet">The most the process has been resident, in bytes (VmHWM on Linux).</param>
/// <param name="GcHeap">Bytes the GC counts as allocated and not yet collected (<c>GC.GetTotalMemory(false)</c>).</param>
/// <param name="GcCommitted">Bytes the GC has committed from the operating system.</param>
/// <param name="GcCollections">Collections so far, generations 0, 1 and 2.</param>
/// <param name="SqliteBytes">Bytes SQLite's allocator holds in this process (page caches of every open connection; <c>sqlite3_memory_used</c>); 0 with PostgreSQL.</param>
/// <param name="SqliteHeapLimit">The soft limit SQLite's caches are held to, in bytes.</param>
/// <param name="ScenariosCached">Loaded scenario versions kept.</param>
/// <param name="ScenarioCacheCapacity">The most loaded scenario versions kept.</param>
/// <param name="LiveJobs">Jobs queued or running.</param>
/// <param name="Threads">The process's threads (each has a stack of its own).</param>
/// <param name="PoolThreads">Of those, the thread pool's, which grows while requests block on the store.</param>
/// <param name="JitBytes">Bytes of IL compiled to machine code so far (<c>JitInfo.GetCompiledILBytes</c>): code the runtime keeps.</param>
public sealed record ServerMemoryView(long WorkingSet, long PeakWorkingSet, long GcHeap, long GcCommitted, IReadOnlyList<int> GcCollections,
    long SqliteBytes, long SqliteHeapLimit, int ScenariosCached, int ScenarioCacheCapacity, int LiveJobs, int Threads, int PoolThreads, long JitBytes);
