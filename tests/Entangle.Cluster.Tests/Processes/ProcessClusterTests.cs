using System.Text.Json;
using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Hosting;
using Entangle.Cluster.Tests.Sweeps;
using Entangle.Tests.Shared;
using Microsoft.Extensions.Hosting;

namespace Entangle.Cluster.Tests.Processes;

/// <summary>
/// Two (or three) <c>entangle silo</c> processes on localhost and a client: the CLI (<c>entangle sweep --cluster</c>) or
/// the cluster executor in this process, whose coordinator report the tests read. Every wait has a timeout that fails
/// with the silos' output; every silo is killed when its test ends, passed or failed.
/// </summary>
public sealed class ProcessClusterTests : IDisposable
{
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(120), SweepLimit = TimeSpan.FromMinutes(4);
    private readonly string _dir = Directory.CreateTempSubdirectory("entangle-cluster-test-").FullName;
    private readonly List<SiloProcess> _silos = [];

    public void Dispose()
    {
        foreach (var s in _silos) s.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>A localhost cluster config whose primary silo is on <paramref name="primary"/>, with fast failure detection.</summary>
    internal static string Config(string dir, (int Silo, int Gateway) primary, IEnumerable<int> gateways, long itemCost, string? postgres = null, string? grainStorage = null)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        var config = new Dictionary<string, object?>
        {
            ["clustering"] = postgres is null ? "localhost" : "postgres", ["cluster_id"] = id, ["service_id"] = "entangle-tests",
            ["silo_port"] = primary.Silo, ["gateway_port"] = primary.Gateway, ["primary_silo_port"] = primary.Silo,
            ["gateways"] = gateways.Select(g => $"127.0.0.1:{g}").ToArray(), ["fast_failure_detection"] = true, ["item_cost"] = itemCost, ["max_in_flight"] = 6,
        };
        if (postgres is not null) config["connection_string"] = postgres;
        if (grainStorage is not null) { config["grain_storage"] = "postgres"; config["connection_string"] = grainStorage; }
        var path = Path.Combine(dir, "cluster.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    private async Task<(string Config, SiloProcess A, SiloProcess B)> TwoSilos(long itemCost)
    {
        var a = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var b = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var config = Config(_dir, a, [a.Item2, b.Item2], itemCost);
        var first = await SiloProcess.StartAsync(config, a.Item1, a.Item2, SiloStart); // the primary holds the membership: it comes first
        _silos.Add(first);
        var second = await SiloProcess.StartAsync(config, b.Item1, b.Item2, SiloStart);
        _silos.Add(second);
        return (config, first, second);
    }

    private static async Task<T> Within<T>(Task<T> work, string what)
    {
        try { return await work.WaitAsync(SweepLimit); }
        catch (TimeoutException) { throw new TimeoutException($"{what}: not done after {SweepLimit.TotalMinutes:0} min"); }
    }

    [Fact]
    public async Task SweepCommand_OnTwoSiloProcesses_GivesTheLocalBytes_AndASiloStopsOnSigterm()
    {
        var local = Workloads.SaltelliJson(null);
        var (config, a, b) = await TwoSilos(itemCost: 30_000);
        var spec = Path.Combine(_dir, "saltelli.yaml");
        File.WriteAllText(spec, $"""
            # Saltelli for eight parameters on the bundled scenario (tests/Entangle.Cluster.Tests/Sweeps/Workloads.cs)
            scenario: {RepoPaths.BundledScenario}
            design:
              kind: saltelli
              metric: two_theater_crisis
              parameters: [{string.Join(", ", Workloads.Eight)}]
              n: 4
            runs: 20
            seed: 7
            replicates: 5
            """);
        var store = Path.Combine(_dir, "server-data");
        var run = await Within(Task.Run(() => EntangleProcess.RunGuarded(_dir, SweepLimit, "sweep", spec, "--cluster", config, "--json", "--store", store)), "entangle sweep --cluster");
        Assert.False(run.TimedOut, "entangle sweep --cluster timed out:\n" + run.Stderr);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Stderr}\nsilo A:\n{a.Stderr}\nsilo B:\n{b.Stderr}");
        Assert.Equal(local + "\n", run.Stdout);
        // the client's report line names both silos as having computed items
        var report = run.Stderr.Split('\n').Single(l => l.StartsWith("cluster: ", StringComparison.Ordinal));
        Assert.Contains(a.Address + " ", report);
        Assert.Contains(b.Address + " ", report);
        Assert.Contains(" 0 re-issued, 0 late duplicates", report);
        // --store: the sweep is in the server's store with the cluster's report and the printed bytes
        var stored = Assert.Single(new Server.Storage.ServerStore(store, null).Sweeps());
        Assert.Equal("Orleans cluster", stored.Executor);
        Assert.Equal("saltelli", stored.Design);
        Assert.Equal(report["cluster: ".Length..].TrimEnd('\r'), stored.SiloReport);
        Assert.Equal(local, stored.Body);
        Assert.Equal(File.ReadAllText(spec), stored.Spec);

        // SIGTERM stops a silo cleanly: exit code 0 and its closing line
        Assert.True(b.Terminate(TimeSpan.FromSeconds(60)), "silo B did not exit within 60 s of SIGTERM");
        Assert.Equal(0, b.ExitCode);
        Assert.Contains("stopped after", b.Stdout);
    }

    [SkippableFact]
    public async Task BacktestSlice_OnTwoSiloProcesses_IsByteIdenticalToLocal()
    {
        RepoPaths.RequireShared("data", "icb");
        var local = Workloads.BacktestJson(null);
        var (config, a, b) = await TwoSilos(itemCost: 30_000);
        var cfg = ClusterConfig.Read(config);
        using var client = await ClusterHost.ConnectAsync(cfg);
        var executor = new ClusterSweepExecutor(client.Services.GetService(typeof(IClusterClient)) as IClusterClient ?? throw new InvalidOperationException("no client"),
            new ClusterExecutorOptions(ItemCost: 30_000, MaxInFlight: 6));
        var json = await Within(Task.Run(() => Workloads.BacktestJson(executor)), "backtest slice on the cluster");
        Assert.Equal(local, json);
        var r = executor.LastReport!;
        Assert.Equal(r.Items, r.ItemsBySilo.Values.Sum());
        Assert.Equal(new[] { a.Address, b.Address }.Order(StringComparer.Ordinal), r.ItemsBySilo.Keys); // both silo processes computed items
        await client.StopAsync();
    }

    /// <summary>Admin connection string of the private PostgreSQL that scripts/test starts (as for the server tests).</summary>
    private const string PostgresVariable = "ENTANGLE_TEST_POSTGRES", RequirePostgresVariable = "ENTANGLE_REQUIRE_POSTGRES";

    /// <summary>A new, empty database on the test PostgreSQL; skips visibly without one, fails when ENTANGLE_REQUIRE_POSTGRES=1.</summary>
    private static async Task<string> NewDatabase()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
        {
            if (Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
                throw new InvalidOperationException($"${PostgresVariable} is not set but ${RequirePostgresVariable}=1: scripts/test should have started PostgreSQL");
            Skip.If(true, $"no PostgreSQL: set ${PostgresVariable} (scripts/test starts one on a private port)");
        }
        var name = "entangle_cl" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new Npgsql.NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
            await create.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    [SkippableFact]
    public async Task Saltelli_OnTwoSiloProcessesWithPostgresMembership_IsByteIdenticalToLocal()
    {
        var database = await NewDatabase();
        var local = Workloads.SaltelliJson(null);
        var a = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var b = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var config = Config(_dir, a, [], itemCost: 30_000, postgres: database);
        var first = await SiloProcess.StartAsync(config, a.Item1, a.Item2, SiloStart);
        _silos.Add(first);
        var second = await SiloProcess.StartAsync(config, b.Item1, b.Item2, SiloStart);
        _silos.Add(second);
        // the silos wrote themselves into the membership table, both active (SiloStatus 3)
        var cfg = ClusterConfig.Read(config);
        await using (var c = new Npgsql.NpgsqlConnection(database))
        {
            await c.OpenAsync();
            await using var q = new Npgsql.NpgsqlCommand("SELECT port, status FROM orleansmembershiptable WHERE deploymentid = @d ORDER BY port", c);
            q.Parameters.AddWithValue("d", cfg.ClusterId);
            var rows = new List<(int Port, int Status)>();
            await using (var r = await q.ExecuteReaderAsync()) while (await r.ReadAsync()) rows.Add((r.GetInt32(0), r.GetInt32(1)));
            Assert.Equal(new[] { (a.Item1, 3), (b.Item1, 3) }.OrderBy(x => x.Item1), rows);
        }
        // a client that finds the gateways in the database, not in the config
        using var client = await ClusterHost.ConnectAsync(cfg);
        var executor = new ClusterSweepExecutor((IClusterClient)client.Services.GetService(typeof(IClusterClient))!,
            new ClusterExecutorOptions(ItemCost: 30_000, MaxInFlight: 6, ItemTimeout: TimeSpan.FromSeconds(30)));
        var json = await Within(Task.Run(() => Workloads.SaltelliJson(executor)), "Saltelli sweep with PostgreSQL membership");
        Assert.Equal(local, json);
        var report = executor.LastReport!;
        Assert.Equal(new[] { first.Address, second.Address }.Order(StringComparer.Ordinal), report.ItemsBySilo.Keys);
        Assert.Equal(report.Items, report.ItemsBySilo.Values.Sum());
        await client.StopAsync();
    }

    /// <summary>The longer sweep of the kill and join tests: the same Saltelli design with 600 runs a point, in items of about 40 runs.</summary>
    private const int LongRuns = 600;
    private const long LongItemCost = 150_000;

    private static ClusterSweepExecutor Executor(IHost client, Action<int, string> onItem) =>
        new((IClusterClient)client.Services.GetService(typeof(IClusterClient))!, new ClusterExecutorOptions(ItemCost: LongItemCost, MaxInFlight: 6, ItemTimeout: TimeSpan.FromSeconds(15))) { OnItemDone = onItem };

    [Fact]
    public async Task ASiloProcessKilledMidSweep_LosesNothing_AndItsItemsAreReissued()
    {
        var local = Workloads.SaltelliJson(null, LongRuns);
        var (config, a, victim) = await TwoSilos(LongItemCost);
        using var client = await ClusterHost.ConnectAsync(ClusterConfig.Read(config));
        var victimItems = 0;
        var killed = 0;
        long inFlightAtKill = -1;
        var answeredAfterKill = new System.Collections.Concurrent.ConcurrentBag<(int Item, string Silo)>();
        // after the victim's second answer, wait until it reports an item in flight, then SIGKILL it
        var executor = Executor(client, (item, silo) =>
        {
            if (Volatile.Read(ref killed) == 1) answeredAfterKill.Add((item, silo));
            if (silo != victim.Address || Interlocked.Increment(ref victimItems) != 2) return;
            SpinWait.SpinUntil(() => victim.InFlight > 0, TimeSpan.FromSeconds(60));
            inFlightAtKill = victim.InFlight;
            victim.Kill();
            Interlocked.Exchange(ref killed, 1);
        });
        var json = await Within(Task.Run(() => Workloads.SaltelliJson(executor, LongRuns)), "Saltelli sweep with a silo killed");
        var r = executor.LastReport!;
        var detail = $"report: {r}\nsilo A:\n{a.Stderr}";
        Assert.True(killed == 1, "the victim was never killed (it answered fewer than two items): " + detail);
        Assert.True(inFlightAtKill > 0, "the victim had no item in flight when it was killed");
        Assert.True(victim.HasExited);
        Assert.Equal(local, json);
        Assert.True(r.Items >= 20, $"only {r.Items} items: the sweep is too short to kill a silo in its middle");
        // nothing lost, nothing counted twice: every item kept exactly once
        Assert.Equal(r.Items, r.ItemsBySilo.Values.Sum());
        Assert.DoesNotContain(null, r.SiloOfItem);
        Assert.Equal(r.Items + r.Duplicates, r.AnswersBySilo.Values.Sum()); // every other answer was dropped as a duplicate
        // the lost items were re-issued, and the survivor computed them: nothing was kept from the victim after its death
        Assert.True(r.Reissued >= 1, "no item was re-issued: " + detail);
        Assert.NotEmpty(r.ReissuedItems);
        Assert.Contains(answeredAfterKill, x => r.ReissuedItems.Contains(x.Item) && x.Silo == a.Address);
        Assert.True(r.ItemsBySilo.GetValueOrDefault(victim.Address) >= 2, detail);
        Assert.True(r.Issued >= r.Items + r.Reissued, detail);
        await client.StopAsync();
    }

    private static async Task<(long Rows, long MinVersion, long MaxVersion)> StoredItems(string database)
    {
        await using var c = new Npgsql.NpgsqlConnection(database);
        await c.OpenAsync();
        await using var q = new Npgsql.NpgsqlCommand("SELECT COUNT(*), COALESCE(MIN(version), 0), COALESCE(MAX(version), 0) FROM orleansstorage WHERE graintypestring = @t", c);
        q.Parameters.AddWithValue("t", Grains.SweepItemGrain.StateName);
        await using var r = await q.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt32(1), r.GetInt32(2));
    }

    [SkippableFact]
    public async Task WithGrainStorage_ASiloKilledAfterStoringItems_LosesNothing_AndItsStoredItemsAreNotComputedAgain()
    {
        var database = await NewDatabase();
        var local = Workloads.SaltelliJson(null, LongRuns);
        var a = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var v = (EntangleProcess.FreePort(), EntangleProcess.FreePort());
        var config = Config(_dir, a, [a.Item2, v.Item2], LongItemCost, grainStorage: database); // localhost clustering, items stored in PostgreSQL
        var survivor = await SiloProcess.StartAsync(config, a.Item1, a.Item2, SiloStart);
        _silos.Add(survivor);
        var victim = await SiloProcess.StartAsync(config, v.Item1, v.Item2, SiloStart);
        _silos.Add(victim);
        Assert.Contains("grain storage postgres", victim.Stdout);
        using var client = await ClusterHost.ConnectAsync(ClusterConfig.Read(config));

        // the first run: the victim is SIGKILLed after its second answer (so it has written two items), while it computes another
        var victimItems = 0;
        var killed = 0;
        var executor = Executor(client, (_, silo) =>
        {
            if (silo != victim.Address || Interlocked.Increment(ref victimItems) != 2) return;
            SpinWait.SpinUntil(() => victim.InFlight > 0, TimeSpan.FromSeconds(60));
            victim.Kill();
            Interlocked.Exchange(ref killed, 1);
        });
        var json = await Within(Task.Run(() => Workloads.SaltelliJson(executor, LongRuns)), "Saltelli sweep with grain storage and a silo killed");
        var r1 = executor.LastReport!;
        var detail = $"report: {r1}\nsurvivor:\n{survivor.Stderr}";
        Assert.True(killed == 1, "the victim was never killed: " + detail);
        Assert.True(victim.HasExited);
        Assert.Equal(local, json);
        Assert.Equal(r1.Items, r1.ItemsBySilo.Values.Sum());
        Assert.Equal(r1.Items, r1.Computed + r1.Repeated + r1.Restored);
        Assert.True(r1.Reissued >= 1, "no item was re-issued: " + detail);
        var fromVictim = Enumerable.Range(0, r1.Items).Where(i => r1.SiloOfItem[i] == victim.Address).ToList();
        Assert.True(fromVictim.Count >= 2, detail);
        // every item is in storage once, written once: no item was computed twice anywhere, the dead silo's included
        var (rows, minVersion, maxVersion) = await StoredItems(database);
        Assert.Equal(r1.Items, rows);
        Assert.Equal((1, 1), (minVersion, maxVersion));

        // the same sweep again: nothing is computed. The victim's items (their activations died with it) are read from
        // storage on the survivor; the survivor's own are answered from the results its grains keep.
        SpinWait.SpinUntil(() => survivor.Done == r1.ItemsBySilo.GetValueOrDefault(survivor.Address), TimeSpan.FromSeconds(10));
        var doneBefore = survivor.Done;
        var again = Executor(client, (_, _) => { });
        Assert.Equal(local, await Within(Task.Run(() => Workloads.SaltelliJson(again, LongRuns)), "the same sweep run again"));
        var r2 = again.LastReport!;
        Assert.Equal(r1.Job, r2.Job);
        Assert.True(r2.Computed == 0, $"items computed again: {r2}");
        Assert.Equal(r2.Items, r2.Repeated + r2.Restored);
        Assert.Equal(r2.Items, r2.ItemsBySilo.Values.Sum());
        Assert.All(fromVictim, i => Assert.Contains(i, r2.RestoredItems));
        Assert.Equal(new[] { survivor.Address }, r2.ItemsBySilo.Keys);
        Assert.True(SpinWait.SpinUntil(() => survivor.Restored >= fromVictim.Count, TimeSpan.FromSeconds(10)), $"the survivor reports {survivor.Restored} items read from storage");
        Assert.Equal(doneBefore, survivor.Done); // its status line: no item computed in the second run
        Assert.Equal((r1.Items, 1L, 1L), await StoredItems(database));
        await client.StopAsync();
    }

    [Fact]
    public async Task ASiloProcessAddedMidSweep_TakesItems_AndTheBytesAreTheSame()
    {
        var local = Workloads.SaltelliJson(null, LongRuns);
        var (config, a, b) = await TwoSilos(LongItemCost);
        using var client = await ClusterHost.ConnectAsync(ClusterConfig.Read(config));
        var answered = 0;
        SiloProcess? added = null;
        Exception? failed = null;
        // at the third answer, start a third silo and hold the sweep until it is up and the others have seen it
        var executor = Executor(client, (_, _) =>
        {
            if (Interlocked.Increment(ref answered) != 3) return;
            try
            {
                added = SiloProcess.StartAsync(config, EntangleProcess.FreePort(), EntangleProcess.FreePort(), SiloStart).GetAwaiter().GetResult();
                lock (_silos) _silos.Add(added);
                Thread.Sleep(TimeSpan.FromSeconds(3)); // membership refresh and load statistics (about 1 s each with fast failure detection)
            }
            catch (Exception e) { failed = e; }
        });
        var json = await Within(Task.Run(() => Workloads.SaltelliJson(executor, LongRuns)), "Saltelli sweep with a silo added");
        if (failed is not null) throw new InvalidOperationException("the third silo did not start", failed);
        Assert.NotNull(added);
        Assert.Equal(local, json);
        var r = executor.LastReport!;
        Assert.Equal(r.Items, r.ItemsBySilo.Values.Sum());
        Assert.Equal(r.Items + r.Duplicates, r.AnswersBySilo.Values.Sum());
        Assert.True(r.ItemsBySilo.GetValueOrDefault(added!.Address) > 0, $"the added silo {added.Address} computed no item: {r}");
        Assert.All(r.ItemsBySilo.Keys, s => Assert.Contains(s, new[] { a.Address, b.Address, added.Address }));
        await client.StopAsync();
    }
}
