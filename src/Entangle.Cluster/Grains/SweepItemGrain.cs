using Entangle.Application.Sweeps;
using Entangle.Cluster.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Storage;

namespace Entangle.Cluster.Grains;

/// <summary>
/// Runs one work item on this silo. The compute runs on the thread pool behind the silo's gate (one item per core), so
/// the Orleans scheduler stays free for messages and membership probes. Placed by activation count, so the items of a
/// sweep spread over the silos, a silo that joins mid-sweep included. With grain storage (the silo's config has
/// <c>grain_storage: postgres</c>) a new activation first reads the item's stored result, and a computed result is
/// written before it is answered: an item whose silo died after computing it, or an item of a sweep run again, is
/// answered from storage, not computed again.
/// </summary>
[ActivationCountBasedPlacement]
public sealed class SweepItemGrain(SiloWork work, ILogger<SweepItemGrain> log, IServiceProvider services) : Grain, ISweepItemGrain
{
    /// <summary>The name of the grain storage provider the item grains use (registered by <c>ClusterHost</c> when the config asks for it).</summary>
    public const string StorageName = "sweep-items";

    /// <summary>The state name items are stored under (OrleansStorage.GrainTypeString).</summary>
    public const string StateName = "entangle.sweep-item";

    private readonly IGrainStorage? _storage = services.GetKeyedService<IGrainStorage>(StorageName);
    private long[][]? _result;
    private bool _storageRead;

    public async Task<ItemReply> Run(ItemCall call)
    {
        var (hash, item) = ItemKey.Parse(this.GetPrimaryKeyString());
        if (hash != call.JobHash || item != call.Item) throw new ArgumentException($"call for {call.JobHash}/{call.Item} reached grain {hash}/{item}");
        if (_result is not null)
        {
            work.Repeated();
            return new ItemReply(false, _result, work.Silo, true);
        }
        if (_storage is not null && !_storageRead)
        {
            var state = new GrainState<StoredItem>();
            await _storage.ReadStateAsync(StateName, this.GetGrainId(), state);
            _storageRead = true;
            if (state.RecordExists && state.State is { Units: { } stored } kept && kept.JobHash == hash && kept.Item == item)
            {
                _result = stored;
                work.Restored();
                log.LogDebug("item {Item} of sweep {Job} read from grain storage on {Silo} (computed by {By})", item, hash[..12], work.Silo, kept.Silo);
                return new ItemReply(false, _result, work.Silo, false, Restored: true, ComputedBy: kept.Silo);
            }
        }
        long[][] result;
        try
        {
            var job = work.Job(hash, call.Job);
            if (job is null) return new ItemReply(true, null, work.Silo, false);
            result = await work.RunAsync(job, item);
        }
        catch (Exception e) when (e is Domain.InputException or ArgumentException)
        {
            // a job this silo cannot run (it is the same job on every silo): said in the reply, as Orleans has no codec
            // for Entangle's exceptions, so that the coordinator fails the sweep with the message instead of re-sending
            log.LogWarning("item {Item} of sweep {Job}: cannot run the job: {Reason}", item, hash[..12], e.Message);
            return new ItemReply(false, null, work.Silo, false, BadJob: e.Message);
        }
        if (_storage is not null)
        {
            // written before the answer: once a client has the answer, storage has it too. A failed write costs a
            // recomputation later, not a wrong count, so it is logged and the answer still given.
            try
            {
                await _storage.WriteStateAsync(StateName, this.GetGrainId(),
                    new GrainState<StoredItem>(new StoredItem { JobHash = hash, Item = item, Units = result, Silo = work.Silo }));
                work.Stored();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning("item {Item} of sweep {Job}: not written to grain storage ({Reason})", item, hash[..12], e.Message.Split('\n')[0]);
            }
        }
        _result = result;
        log.LogDebug("item {Item} of sweep {Job} done on {Silo}", item, hash[..12], work.Silo);
        return new ItemReply(false, _result, work.Silo, false);
    }
}
