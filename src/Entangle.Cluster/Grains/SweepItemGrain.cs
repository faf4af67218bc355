using Entangle.Application.Sweeps;
using Entangle.Cluster.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Entangle.Cluster.Grains;

/// <summary>
/// Runs one work item on this silo. The compute runs on the thread pool behind the silo's gate (one item per core), so
/// the Orleans scheduler stays free for messages and membership probes. Placed by activation count, so the items of a
/// sweep spread over the silos, a silo that joins mid-sweep included.
/// </summary>
[ActivationCountBasedPlacement]
public sealed class SweepItemGrain(SiloWork work, ILogger<SweepItemGrain> log) : Grain, ISweepItemGrain
{
    private long[][]? _result;

    public async Task<ItemReply> Run(ItemCall call)
    {
        var (hash, item) = ItemKey.Parse(this.GetPrimaryKeyString());
        if (hash != call.JobHash || item != call.Item) throw new ArgumentException($"call for {call.JobHash}/{call.Item} reached grain {hash}/{item}");
        if (_result is not null)
        {
            work.Repeated();
            return new ItemReply(false, _result, work.Silo, true);
        }
        var job = work.Job(hash, call.Job);
        if (job is null) return new ItemReply(true, null, work.Silo, false);
        _result = await work.RunAsync(job, item);
        log.LogDebug("item {Item} of sweep {Job} done on {Silo}", item, hash[..12], work.Silo);
        return new ItemReply(false, _result, work.Silo, false);
    }
}
