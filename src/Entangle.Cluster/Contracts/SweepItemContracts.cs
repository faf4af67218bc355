namespace Entangle.Cluster.Contracts;

/// <summary>
/// One work item of a sweep, as a grain keyed by <c>JOB-HASH/ITEM</c> (<see cref="ItemKey"/>). Running it is a pure
/// function of the job and the item index, so it is idempotent: the grain keeps its result and answers a repeated or
/// re-sent call with the same counts, computed once per activation; a new activation (after a silo died) computes the
/// same counts again.
/// </summary>
public interface ISweepItemGrain : IGrainWithStringKey
{
    /// <summary>Runs the item (or returns its kept result). Answers <see cref="ItemReply.NeedJob"/> when this silo does not hold the job and the call did not carry it.</summary>
    Task<ItemReply> Run(ItemCall call);
}

/// <summary>A call to run an item: the job's hash, the item, and the job's canonical JSON when the silo asked for it.</summary>
[GenerateSerializer, Immutable]
public sealed record ItemCall([property: Id(0)] string JobHash, [property: Id(1)] int Item, [property: Id(2)] byte[]? Job);

/// <summary>An item's counts (one array per unit), which silo computed them, and whether they were kept from an earlier call.</summary>
[GenerateSerializer, Immutable]
public sealed record ItemReply([property: Id(0)] bool NeedJob, [property: Id(1)] long[][]? Units, [property: Id(2)] string Silo, [property: Id(3)] bool Repeated);

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
