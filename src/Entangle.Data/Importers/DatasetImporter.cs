using System.Text.RegularExpressions;
using Entangle.Data.Store;
using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Importers;

/// <summary>Options for one import.</summary>
/// <param name="Version">The dataset release, when the files do not say (e.g. a derived copy without a version column).</param>
/// <param name="AllowShrink">
/// Accept a file with fewer rows than its release is known to hold (<see cref="KnownRowCounts"/>), and an import
/// with fewer rows than the one it replaces; without it both are refused as a likely truncated download.
/// </param>
public sealed record ImportOptions(string? Version = null, bool AllowShrink = false);

/// <summary>Imports one kind of reference dataset from the files an analyst downloaded.</summary>
public abstract class DatasetImporter
{
    /// <summary>The KIND of <c>entangle data import KIND PATH</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The dataset's name.</summary>
    public abstract string Dataset { get; }

    /// <summary>One line for <c>--help</c>: what PATH must be.</summary>
    public abstract string Expects { get; }

    /// <summary>How to cite the dataset.</summary>
    public abstract string Citation { get; }

    /// <summary>The terms under which the data may be used.</summary>
    public abstract string Licence { get; }

    /// <summary>
    /// Imports from <paramref name="path"/>, replacing the previous import of this kind. All or nothing: on any
    /// problem, throws <see cref="InputException"/> with every problem and leaves the database unchanged.
    /// </summary>
    public ImportRecord Import(DataStore store, string path, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new InputException(path, "no such file or folder");
        try
        {
            using var session = new ImportSession(store, Kind) { AllowShrink = options.AllowShrink };
            return Run(session, path, options);
        }
        catch (SqliteException e) when (store.Explain(e) is { } explained)
        {
            throw explained;
        }
        catch (IOException e)
        {
            throw new InputException(path, $"could not import: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException(path, $"permission denied: {e.Message}");
        }
    }

    /// <summary>True if <paramref name="dir"/> (or one of its immediate subfolders) holds files this importer reads.</summary>
    public abstract bool Finds(string dir);

    /// <summary>The import proper; ends with <see cref="ImportSession.Commit"/>.</summary>
    protected abstract ImportRecord Run(ImportSession session, string path, ImportOptions options);

    /// <summary>
    /// The release to record: the version stated in the files wins; else <paramref name="options"/>; else a
    /// version in the file name (<c>v7.0</c>, <c>atop5_1</c>, <c>NMC-60</c>); else "unknown".
    /// </summary>
    protected static string ResolveVersion(ImportSession session, IReadOnlyCollection<string> fromFile, ImportOptions options,
        string path, Func<string, string?>? fromName = null)
    {
        if (fromFile.Count > 1)
        {
            session.Report([new Diagnostic(path, null, null,
                $"the files mix versions ({string.Join(", ", fromFile.OrderBy(v => v, StringComparer.Ordinal))}); import one release at a time")]);
            return "mixed";
        }
        if (fromFile.Count == 1)
        {
            var v = fromFile.First();
            if (options.Version is not null && options.Version != v)
                session.Report([new Diagnostic(path, null, null, $"--dataset-version {options.Version} contradicts the version column in the file ({v})")]);
            return v;
        }
        if (options.Version is not null) return options.Version;
        foreach (var f in session.Files)
        {
            var hit = fromName?.Invoke(f.FileName);
            if (hit is not null) return hit;
            var m = Regex.Match(f.FileName, @"v(\d+(?:\.\d+)+)", RegexOptions.IgnoreCase);
            if (m.Success) return m.Groups[1].Value;
        }
        return "unknown";
    }

    /// <summary>Normalises a version value read from a version column: <c>4</c> becomes <c>4.0</c>; <c>5.1</c> and <c>2016</c> stay.</summary>
    protected static string VersionText(string raw)
    {
        var t = raw.Trim();
        return t.Length == 1 && char.IsAsciiDigit(t[0]) ? t + ".0" : t;
    }
}
