using Entangle.Domain;

namespace Entangle.Data.Importers;

/// <summary>Every dataset KIND that <c>entangle data import</c> understands, in a fixed order.</summary>
public static class DatasetCatalog
{
    /// <summary>The importers, in the order help and <c>data sources</c> list them.</summary>
    public static readonly IReadOnlyList<DatasetImporter> All =
    [
        new AtopImporter(),
        new CowStatesImporter(),
        new CowNmcImporter(),
        new SipriMilexImporter(),
        new CowTradeImporter(),
        new IcbImporter(),
        new CowMidImporter(),
        new GmlMidImporter(),
    ];

    /// <summary>The KIND names.</summary>
    public static IEnumerable<string> Kinds => All.Select(i => i.Kind);

    /// <summary>The importer for <paramref name="kind"/>; an unknown kind is bad input, with a suggestion.</summary>
    public static DatasetImporter Get(string kind) =>
        All.FirstOrDefault(i => string.Equals(i.Kind, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException(
            $"unknown dataset kind '{kind}'{Suggest.DidYouMean(kind, Kinds)}; known kinds: {string.Join(", ", Kinds)}");
}
