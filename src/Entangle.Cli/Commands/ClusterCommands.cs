using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Entangle.Application.Sweeps;
using Entangle.Cli.Output;
using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Grains;
using Entangle.Cluster.Hosting;
using Entangle.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Entangle.Cli.Commands;

/// <summary>
/// A connection to an Orleans cluster for one command (<c>--cluster CONFIG</c>): the client host and the sweep
/// executor the command hands to its service. Disposing it disconnects.
/// </summary>
public sealed class ClusterSession : IDisposable
{
    private readonly IHost _client;
    public ClusterSweepExecutor Executor { get; }
    public ClusterConfig Config { get; }

    private ClusterSession(IHost client, ClusterConfig config)
    {
        _client = client;
        Config = config;
        Executor = ClusterHost.Executor(client, config);
    }

    /// <summary>The option every sweeping command takes.</summary>
    public static Option<string?> Option() => new("--cluster")
    {
        Description = "Run the Monte Carlo on an Orleans cluster described by this JSON config (docs/cluster.md); results are the same bytes as without",
    };

    /// <summary>Connects to the cluster of the config file <paramref name="path"/>; null when no path is given (run locally).</summary>
    public static ClusterSession? Connect(string? path)
    {
        if (path is null) return null;
        var config = ClusterConfig.Read(path);
        try
        {
            return new ClusterSession(ClusterHost.ConnectAsync(config).GetAwaiter().GetResult(), config);
        }
        catch (Exception e) when (e is not InputException)
        {
            var where = config.Clustering == "localhost" ? "gateways " + string.Join(", ", config.Gateways) : "the silos listed in the PostgreSQL membership";
            throw new InputException(path, $"could not connect to the cluster '{config.ClusterId}' ({where}): {Innermost(e).Message.Split('\n')[0]}; start silos with `entangle silo --cluster {path}`");
        }
    }

    /// <summary>Prints what the last sweep did on the cluster (issued, re-issued, duplicates, items per silo) on standard error.</summary>
    public void Report()
    {
        if (Executor.LastReport is { } r) Console.Error.WriteLine($"cluster: {r}");
    }

    internal static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e;
    }

    public void Dispose()
    {
        try { _client.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult(); }
        catch (Exception) { /* the cluster went away; nothing to hand back */ }
        _client.Dispose();
    }
}

/// <summary><c>entangle silo</c>: runs one silo of an Orleans cluster that sweeps are sent to.</summary>
public static class SiloCommand
{
    public static Command Create()
    {
        var cluster = new Option<string?>("--cluster") { Description = "Cluster config (JSON, docs/cluster.md); default: localhost clustering, silo port 11111, gateway port 30000" };
        var siloPort = new Option<int?>("--silo-port") { Description = "This silo's port for silo-to-silo traffic (default the config's silo_port)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "This silo's port for clients (default the config's gateway_port)" };
        var every = new Option<double>("--status-every") { Description = "Seconds between status lines (items done, in flight, throughput) on standard error", DefaultValueFactory = _ => 10 };
        var cmd = new Command("silo", "Run a silo of an Orleans cluster: it computes the work items of sweeps sent with --cluster, until SIGTERM or Ctrl-C") { cluster, siloPort, gatewayPort, every };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var path = r.GetValue(cluster);
            var config = path is null ? new ClusterConfig().Validate("default cluster config") : ClusterConfig.Read(path);
            foreach (var (name, p) in new[] { ("--silo-port", r.GetValue(siloPort)), ("--gateway-port", r.GetValue(gatewayPort)) })
                if (p is < 1 or > 65535) throw new InputException($"{name} {p}: must lie in 1..65535");
            var interval = r.GetValue(every);
            if (!(interval >= 0.05 && interval <= 86_400)) throw new InputException($"--status-every {interval.ToString(CultureInfo.InvariantCulture)}: give seconds from 0.05 to 86400");
            ClusterHost.EnsureSchemaAsync(config).GetAwaiter().GetResult();
            using var host = ClusterHost.Silo(config, r.GetValue(siloPort), r.GetValue(gatewayPort));
            try { host.StartAsync().GetAwaiter().GetResult(); }
            catch (Exception e) when (ClusterSession.Innermost(e) is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                throw new IOException($"silo: port {r.GetValue(siloPort) ?? config.SiloPort} or {r.GetValue(gatewayPort) ?? config.GatewayPort} is already in use (another silo?); give --silo-port and --gateway-port");
            }
            var work = host.Services.GetRequiredService<SiloWork>();
            var address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            Console.Out.WriteLine($"entangle silo: {work.Silo} up (cluster '{config.ClusterId}', {config.Clustering} clustering, silo port {address.Endpoint.Port}, " +
                                  $"gateway port {r.GetValue(gatewayPort) ?? config.GatewayPort}{(config.GrainStorage == "none" ? "" : ", grain storage " + config.GrainStorage)})");
            Console.Out.Flush();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var timer = new Timer(_ =>
            {
                var (done, inFlight, runs, repeated) = work.Snapshot;
                var (restored, stored) = work.StorageSnapshot;
                var storage = config.GrainStorage == "none" ? "" : $"; grain storage: {stored} items written, {restored} read";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{DateTime.UtcNow:HH:mm:ss} silo {work.Silo}: {done} items done, {inFlight} in flight, {repeated} repeated calls, {runs} runs, {work.Throughput:0} runs/s over the last {SiloWork.Window.TotalSeconds:0} s{storage}"));
            }, null, TimeSpan.FromSeconds(interval), TimeSpan.FromSeconds(interval));
            host.WaitForShutdownAsync().GetAwaiter().GetResult();
            timer.Change(Timeout.Infinite, Timeout.Infinite);
            var s = work.Snapshot;
            Console.Out.WriteLine($"entangle silo: {work.Silo} stopped after {s.ItemsDone} items ({s.Runs} runs)");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}

/// <summary><c>entangle sweep SPEC</c>: runs a sweep spec (scenario, design, runs per point, seed) locally or on a cluster.</summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep spec file (YAML or JSON): scenario, design (grid, oat, morris, saltelli or backtest), runs, seed, replicates; docs/cli.md" };
        var cluster = ClusterSession.Option();
        var threads = new Option<int>("--threads") { Description = "Worker threads when run here (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the same bytes locally and on any cluster)" };
        var dataDir = DataCommands.DataDirOption();
        var store = new Option<string?>("--store")
        {
            Description = "Store the sweep (spec, executor, cluster report, result) where `entangle serve` keeps its runs: a PostgreSQL connection string " +
                          "(as serve --db), or the server's data directory (as serve --data-dir) or its SQLite file; GET /api/v1/sweeps lists them",
        };
        var cmd = new Command("sweep", "Run a sweep spec: a grid, one-at-a-time, Morris or Saltelli design on a scenario, or a backtest slice, here or on an Orleans cluster (--cluster)") { spec, cluster, threads, json, dataDir, store };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var specPath = r.GetValue(spec)!;
            var s = SweepSpec.Read(specPath);
            if (r.GetValue(threads) < 0) throw new InputException($"--threads {r.GetValue(threads)}: must be 0 (all cores) or more");
            // opened (and migrated) before the sweep, so that a store that cannot be reached fails before hours of work
            var target = r.GetValue(store) is { } where ? Server.Storage.ServerStore.At(where) : null;
            var started = Server.Storage.ServerStore.Now();
            using var session = ClusterSession.Connect(r.GetValue(cluster));
            ISweepExecutor executor = session?.Executor ?? (ISweepExecutor)new LocalSweepExecutor(r.GetValue(threads));
            var asJson = r.GetValue(json);
            var bar = asJson ? null : new ProgressBar("sweep");
            var outcome = SweepService.Run(s, () => Application.Data.DataService.Open(Application.Data.DataService.ResolveDataDir(r.GetValue(dataDir))),
                executor, bar is null ? null : bar.Report);
            bar?.Done();
            session?.Report();
            var text = Application.Output.Json.Serialize(outcome.Result);
            if (target is not null)
            {
                var row = target.SaveSweep(new Server.Storage.SweepRow
                {
                    Design = outcome.Design, SpecName = specPath, Spec = File.ReadAllText(specPath), Executor = executor.Describe,
                    SiloReport = session?.Executor.LastReport?.ToString(), CodeVersion = Server.Jobs.JobQueue.CodeVersion, CreatedBy = Environment.UserName,
                    StartedAt = started, FinishedAt = Server.Storage.ServerStore.Now(), ContentType = "application/json", Body = text,
                });
                Console.Error.WriteLine($"sweep: stored as {row.Id} in {target.Description}");
            }
            if (asJson) { Console.Out.WriteLine(text); return CommandRunner.Ok; }
            Terminal.Heading($"Sweep ({outcome.Design}) on {executor.Describe}");
            switch (outcome.Result)
            {
                case GridResult g:
                    Terminal.Table([.. g.Parameters, g.Metric, "95%"], g.Points.Select(p => (IReadOnlyList<string>)[
                        .. p.Values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)), p.Estimate.Estimate.ToString("0.000", CultureInfo.InvariantCulture),
                        $"{p.Estimate.Lo.ToString("0.000", CultureInfo.InvariantCulture)}–{p.Estimate.Hi.ToString("0.000", CultureInfo.InvariantCulture)}"]));
                    break;
                default:
                    Terminal.Line(text);
                    break;
            }
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
