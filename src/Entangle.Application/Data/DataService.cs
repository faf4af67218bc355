using System.Diagnostics;
using Entangle.Data.Importers;
using Entangle.Data.Query;
using Entangle.Data.Store;
using Entangle.Domain;

namespace Entangle.Application.Data;

/// <summary>One source file of an imported dataset, as <c>data import --json</c> and <c>data sources --json</c> print it.</summary>
public sealed record DataFileView(string Role, string File, string Path, string Sha256, long Rows);

/// <summary>One imported dataset, as <c>data import --json</c> and <c>data sources --json</c> print it (see docs/data.md).</summary>
public sealed record DataSourceView(
    string Kind,
    string Dataset,
    string Version,
    string Citation,
    string Licence,
    string SourceFormat,
    string SourcePath,
    string ImportedAt,
    long Rows,
    IReadOnlyList<DataFileView> Files,
    string? Notes)
{
    internal static DataSourceView From(ImportRecord r) => new(r.Kind, r.Dataset, r.Version, r.Citation, r.Licence,
        r.SourceFormat, r.SourcePath, r.ImportedAt, r.Rows,
        r.Files.Select(f => new DataFileView(f.Role, f.FileName, f.Path, f.Sha256, f.Rows)).ToList(), r.Notes);
}

/// <summary>The result of <c>entangle data import</c>.</summary>
public sealed record DataImportResult(string DataDir, string Database, DataSourceView Imported);

/// <summary>The result of <c>entangle data import all DIR</c>: each kind imported, and the kinds whose files were not found.</summary>
public sealed record DataImportAllResult(string DataDir, string Database, IReadOnlyList<DataSourceView> Imported, IReadOnlyList<string> NotFound);

/// <summary>The result of <c>entangle data sources</c>: every imported dataset, and the kinds not imported.</summary>
public sealed record DataSourcesResult(string DataDir, string Database, IReadOnlyList<DataSourceView> Sources, IReadOnlyList<string> NotImported);

/// <summary>A KIND that <c>data import</c> accepts, with what PATH must be.</summary>
public sealed record DataKindView(string Kind, string Dataset, string Expects);

/// <summary>Use cases on the reference-data store: where it lives, importing, listing sources.</summary>
public static class DataService
{
    /// <summary>The environment variable that sets the data directory when <c>--data-dir</c> is not given.</summary>
    public const string DataDirVariable = "ENTANGLE_DATA_DIR";

    /// <summary>
    /// The data directory: <paramref name="option"/> (<c>--data-dir</c>) if given, else <c>$ENTANGLE_DATA_DIR</c>,
    /// else <c>~/.local/share/entangle</c> (the platform's local application-data folder + <c>entangle</c>).
    /// </summary>
    public static string ResolveDataDir(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(local))
            local = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(local, "entangle");
    }

    /// <summary>Every KIND, in catalog order.</summary>
    public static IReadOnlyList<DataKindView> Kinds() =>
        DatasetCatalog.All.Select(i => new DataKindView(i.Kind, i.Dataset, i.Expects)).ToList();

    /// <summary>
    /// Imports <paramref name="path"/> as <paramref name="kind"/> into the store in <paramref name="dataDir"/>,
    /// replacing the previous import of that kind. All or nothing; bad input throws <see cref="InputException"/>.
    /// A file with fewer rows than its release is known to hold, or an import with fewer rows than the one it
    /// replaces, is refused unless <paramref name="allowShrink"/>.
    /// </summary>
    public static DataImportResult Import(string kind, string path, string dataDir, string? version = null, bool allowShrink = false)
    {
        var importer = DatasetCatalog.Get(kind);
        var store = new DataStore(dataDir);
        var record = importer.Import(store, path, new ImportOptions(version, allowShrink));
        return new DataImportResult(store.DataDirectory, store.DatabasePath, DataSourceView.From(record));
    }

    /// <summary>The KIND that imports every kind found under a folder.</summary>
    public const string AllKinds = "all";

    /// <summary>
    /// Imports every kind whose files are found in <paramref name="dir"/> or its immediate subfolders, in catalog
    /// order. Each kind is its own all-or-nothing import; the first kind that fails stops the run with its
    /// diagnostics (kinds imported before it stay imported).
    /// </summary>
    public static DataImportAllResult ImportAll(string dir, string dataDir, bool allowShrink = false)
    {
        if (!Directory.Exists(dir)) throw new InputException(dir, "no such folder (KIND all needs a folder)");
        var store = new DataStore(dataDir);
        var imported = new List<DataSourceView>();
        var notFound = new List<string>();
        foreach (var importer in DatasetCatalog.All)
        {
            if (!importer.Finds(dir)) { notFound.Add(importer.Kind); continue; }
            imported.Add(DataSourceView.From(importer.Import(store, dir, new ImportOptions(AllowShrink: allowShrink))));
        }
        if (imported.Count == 0)
            throw new InputException(dir, $"no dataset files found here or in its subfolders for any kind ({string.Join(", ", DatasetCatalog.Kinds)})");
        return new DataImportAllResult(store.DataDirectory, store.DatabasePath, imported, notFound);
    }

    /// <summary>Like <see cref="Import"/>, also returning the wall-clock time taken (for humans, not for JSON).</summary>
    public static (DataImportResult Result, TimeSpan Elapsed) ImportTimed(string kind, string path, string dataDir, string? version = null,
        bool allowShrink = false)
    {
        var sw = Stopwatch.StartNew();
        var r = Import(kind, path, dataDir, version, allowShrink);
        return (r, sw.Elapsed);
    }

    /// <summary>Every imported dataset with version, citation, licence, files and hashes.</summary>
    public static DataSourcesResult Sources(string dataDir)
    {
        var store = new DataStore(dataDir);
        using var data = new ReferenceData(store);
        var sources = data.Sources().Select(DataSourceView.From).ToList();
        var missing = DatasetCatalog.Kinds.Where(k => sources.All(s => s.Kind != k)).ToList();
        return new DataSourcesResult(store.DataDirectory, store.DatabasePath, sources, missing);
    }

    /// <summary>Opens the reference data for queries (dispose it when done).</summary>
    public static ReferenceData Open(string dataDir) => new(dataDir);
}
