using Entangle.Cluster.Contracts;
using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Hosting;
using Entangle.Cluster.Tests.Sweeps;
using Entangle.Tests.Shared;
using Orleans.TestingHost;

namespace Entangle.Cluster.Tests;

/// <summary>Silos of the in-process test cluster: the item grains' work and membership that notices a dead silo in about two seconds.</summary>
public sealed class SweepSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) => silo.AddSweepWork(fastFailureDetection: true);
}

/// <summary>A 3-silo in-process TestCluster, started once for the tests of a class.</summary>
public sealed class ThreeSilos : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<SweepSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// Sweeps on a 3-silo in-process cluster give the local executor's JSON byte for byte; items are small here (so there
/// are many, spread over the silos), which the scaling bench does not do.
/// </summary>
public sealed class InProcessClusterTests(ThreeSilos fixture) : IClassFixture<ThreeSilos>
{
    private ClusterSweepExecutor Executor(Action<int, string>? onItem = null) =>
        new(fixture.Cluster.Client, new ClusterExecutorOptions(ItemCost: 30_000, MaxInFlight: 6)) { OnItemDone = onItem };

    [Fact]
    public void Saltelli_OnThreeSilos_IsByteIdenticalToLocal()
    {
        var local = Workloads.SaltelliJson(null);
        var executor = Executor();
        var cluster = Workloads.SaltelliJson(executor);
        Assert.Equal(local, cluster);
        var report = executor.LastReport!;
        Assert.Equal(3, report.ItemsBySilo.Count); // the items really spread over the three silos
        Assert.Equal(report.Items, report.ItemsBySilo.Values.Sum());
        Assert.Equal(0, report.Duplicates);
    }

    [SkippableFact]
    public void BacktestSlice_OnThreeSilos_IsByteIdenticalToLocal()
    {
        RepoPaths.RequireShared("data", "icb");
        var executor = Executor();
        Assert.Equal(Workloads.BacktestJson(null), Workloads.BacktestJson(executor));
        Assert.True(executor.LastReport!.ItemsBySilo.Count >= 2);
    }

    [Fact]
    public async Task AnItemCalledTwice_IsComputedOnce_AndGivesTheSameCounts()
    {
        var executor = Executor();
        _ = Workloads.SaltelliJson(executor);
        var hash = executor.LastReport!.Job;
        var grain = fixture.Cluster.Client.GetGrain<ISweepItemGrain>(ItemKey.Of(hash, 0));
        var again = await grain.Run(new ItemCall(hash, 0, null));
        Assert.True(again.Repeated);
        Assert.False(again.NeedJob);
        var once = await grain.Run(new ItemCall(hash, 0, null));
        Assert.Equal(again.Units!.SelectMany(u => u), once.Units!.SelectMany(u => u));
    }
}
