using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Tests.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Entangle.Cluster.Tests;

/// <summary>A silo dies or joins mid-sweep on the in-process cluster; each test has a cluster of its own.</summary>
public sealed class InProcessFailoverTests
{
    private static async Task<TestCluster> Start(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<SweepSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task ASiloKilledMidSweep_LosesNothing_AndCountsNothingTwice()
    {
        var local = Workloads.SaltelliJson(null);
        await using var cluster = await Start(3);
        var victim = cluster.SecondarySilos[0];
        var work = ((InProcessSiloHandle)victim).SiloHost.Services.GetRequiredService<Grains.SiloWork>();
        var killed = 0;
        Task? kill = null;
        var executor = new ClusterSweepExecutor(cluster.Client, new ClusterExecutorOptions(ItemCost: 30_000, MaxInFlight: 6))
        {
            // after the fifth answer, kill the victim as soon as it is computing an item, so that an item is lost with it
            OnItemDone = (item, _) =>
            {
                if (Interlocked.Increment(ref killed) != 5) return;
                SpinWait.SpinUntil(() => work.Snapshot.InFlight > 0, TimeSpan.FromSeconds(30));
                kill = Task.Run(() => cluster.KillSiloAsync(victim));
            },
        };
        var json = await Task.Run(() => Workloads.SaltelliJson(executor));
        if (kill is not null) await kill;
        Assert.Equal(local, json);
        var report = executor.LastReport!;
        Assert.Equal(report.Items, report.ItemsBySilo.Values.Sum());
        Assert.Equal(0, report.Duplicates);
        // an in-process kill may let the victim's last item finish first, so a re-issue is not certain here; the
        // process test (ProcessClusterTests) SIGKILLs a silo in the middle of a long item and requires one
        Assert.DoesNotContain(cluster.Silos, s => s.SiloAddress.Equals(victim.SiloAddress));
    }

    [Fact]
    public async Task ASiloAddedMidSweep_TakesItems_AndTheResultIsTheSame()
    {
        var local = Workloads.SaltelliJson(null);
        await using var cluster = await Start(2);
        var before = cluster.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        var count = 0;
        Task? add = null;
        // after the third item the sweep holds its answers until the new silo has joined, so that items remain for it
        var executor = new ClusterSweepExecutor(cluster.Client, new ClusterExecutorOptions(ItemCost: 30_000, MaxInFlight: 4))
        {
            OnItemDone = (_, _) =>
            {
                if (Interlocked.Increment(ref count) == 3) add = Task.Run(async () => { await cluster.StartAdditionalSiloAsync(); await cluster.WaitForLivenessToStabilizeAsync(); });
                if (Volatile.Read(ref count) >= 3) SpinWait.SpinUntil(() => add is not null && add.IsCompleted, TimeSpan.FromSeconds(60));
            },
        };
        var json = await Task.Run(() => Workloads.SaltelliJson(executor));
        await add!;
        Assert.Equal(3, cluster.Silos.Count);
        Assert.Equal(local, json);
        Assert.Equal(0, executor.LastReport!.Duplicates);
        Assert.Contains(executor.LastReport.ItemsBySilo.Keys, s => !before.Contains(s)); // the new silo computed items
    }
}
