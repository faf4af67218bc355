namespace Entangle.Cluster.Contracts;

/// <summary>
/// One work item of a sweep, as a grain keyed by <c>JOB-HASH/ITEM</c> (<see cref="ItemKey"/>). Running it is a pure
/// function of the job and the item index, so it is idempotent: the grain keeps its result and answers a repeated or
/// re-sent call with the same counts, computed once per activation. With grain storage (<c>grain_storage: postgres</c>)
/// it also writes the result before answering, so a new activation (after a silo died, or when the sweep is run
/// again) answers from storage instead of computing; without it, a new activation computes the same counts again.
/// </summary>
public interface ISweepItemGrain : IGrainWithStringKey
{
    /// <summary>Runs the item (or returns its kept result). Answers <see cref="ItemReply.NeedJob"/> when this silo does not hold the job and the call did not carry it.</summary>
    Task<ItemReply> Run(ItemCall call);
}

/// <summary>A call to run an item: the job's hash, the item, and the job's canonical JSON when the silo asked for it.</summary>
[GenerateSerializer, Immutable]
public sealed record ItemCall([property: Id(0)] string JobHash, [property: Id(1)] int Item, [property: Id(2)] byte[]? Job);

/// <summary>
/// An item's counts (one array per unit), which silo answered, whether they were kept (in memory) from an earlier
/// call, and whether they were read from grain storage (<see cref="ComputedBy"/> then names the silo that computed them).
/// <see cref="BadJob"/>: the silo could not run the job at all (its input is wrong, the same on every silo); the message.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ItemReply([property: Id(0)] bool NeedJob, [property: Id(1)] long[][]? Units, [property: Id(2)] string Silo, [property: Id(3)] bool Repeated,
    [property: Id(4)] bool Restored = false, [property: Id(5)] string? ComputedBy = null, [property: Id(6)] string? BadJob = null);

/// <summary>What grain storage keeps of a computed item (<c>grain_storage: postgres</c>): its counts and the silo that computed them.</summary>
[GenerateSerializer]
public sealed class StoredItem
{
    [Id(0)] public string JobHash { get; set; } = "";
    [Id(1)] public int Item { get; set; }
    [Id(2)] public long[][]? Units { get; set; }
    [Id(3)] public string Silo { get; set; } = "";
}

/// <summary>Grain keys of work items.</summary>
public static class ItemKey
{
    public static string Of(string jobHash, int item) => $"{jobHash}/{item}";

    public static (string JobHash, int Item) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
