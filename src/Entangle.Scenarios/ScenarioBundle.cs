using System.IO.Compression;
using System.Text;
using Entangle.Domain;
using Entangle.Scenarios.Yaml;

namespace Entangle.Scenarios;

/// <summary>
/// A scenario held in memory: a root file and the files it may include, by relative path ("a/b.yaml", '/'
/// separated). Includes resolve only to files of the bundle, under the including file's folder, so a bundle can
/// never make the loader read anything else (no disk, no absolute path, no <c>..</c> out of a folder, no links).
/// </summary>
public sealed class ScenarioBundle
{
    /// <summary>Most files one bundle may hold. <value>1,000.</value></summary>
    public const int MaxFiles = 1_000;

    /// <summary>The root file's path in the bundle.</summary>
    public string Root { get; }

    /// <summary>Every file's bytes, by bundle path.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Why the bundle itself is unusable (a bad file name, a link in an archive), or null.</summary>
    public Diagnostic? Problem { get; }

    /// <summary>A bundle from files by path; a path that is absolute, climbs with <c>..</c> or has control characters makes the bundle unusable.</summary>
    public ScenarioBundle(string root, IReadOnlyDictionary<string, byte[]> files)
    {
        Root = root;
        var clean = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (files.Count > MaxFiles) Problem = new Diagnostic(root, null, null, $"the bundle has {files.Count:N0} files; at most {MaxFiles:N0} are allowed") { Limit = InputLimit.Size };
        foreach (var (name, bytes) in files)
        {
            if (Normalise(name, out var why) is { } n) clean[n] = bytes;
            else Problem ??= new Diagnostic(SourceContext.Quote(name), null, null, why!);
        }
        Files = clean;
        if (Normalise(root, out var rootWhy) is { } r) Root = r;
        else Problem ??= new Diagnostic(SourceContext.Quote(root), null, null, rootWhy!);
    }

    /// <summary>A bundle of one file (no includes can resolve).</summary>
    public static ScenarioBundle Single(string name, string text) =>
        new(name, new Dictionary<string, byte[]> { [name] = Encoding.UTF8.GetBytes(text) });

    /// <summary>
    /// A bundle from a zip archive; <paramref name="root"/> names the root file (default: the only <c>.yaml</c>
    /// file at the top of the archive). Links and entries larger than <see cref="ScenarioLimits.MaxFileBytes"/> are refused.
    /// </summary>
    public static ScenarioBundle FromZip(Stream zip, string? root = null)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        Diagnostic? problem = null;
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var e in archive.Entries)
            {
                if (e.FullName.EndsWith('/')) continue; // a folder
                var mode = (e.ExternalAttributes >> 16) & 0xF000;
                if (mode == 0xA000) { problem ??= new Diagnostic(SourceContext.Quote(e.FullName), null, null, "is a symbolic link; an uploaded bundle may hold only regular files"); continue; }
                if (mode is not 0 and not 0x8000) { problem ??= new Diagnostic(SourceContext.Quote(e.FullName), null, null, "is not a regular file; an uploaded bundle may hold only regular files"); continue; }
                if (e.Length > ScenarioLimits.MaxFileBytes || (total += e.Length) > ScenarioLimits.MaxTotalBytes)
                {
                    problem ??= new Diagnostic(SourceContext.Quote(e.FullName), null, null, $"the bundle's files are larger than a scenario may be ({ScenarioLimits.MaxFileBytes:N0} bytes a file, {ScenarioLimits.MaxTotalBytes:N0} in all)") { Limit = InputLimit.Size };
                    break;
                }
                if (files.Count >= MaxFiles) { problem ??= new Diagnostic("bundle", null, null, $"the bundle has more than {MaxFiles:N0} files") { Limit = InputLimit.Size }; break; }
                using var s = e.Open();
                var buffer = new MemoryStream();
                if (!CopyBounded(s, buffer, ScenarioLimits.MaxFileBytes))
                {
                    // the entry's header understated its size: it inflates past the limit
                    problem ??= new Diagnostic(SourceContext.Quote(e.FullName), null, null, $"inflates to more than {ScenarioLimits.MaxFileBytes:N0} bytes, the most a scenario file may have") { Limit = InputLimit.Size };
                    break;
                }
                files[e.FullName] = buffer.ToArray();
            }
        }
        catch (InvalidDataException e)
        {
            problem ??= new Diagnostic("bundle", null, null, $"is not a readable zip archive ({e.Message})");
        }
        root ??= files.Keys.Where(k => !k.Contains('/') && k.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null;
        var bundle = new ScenarioBundle(root ?? "", files);
        if (problem is null && root is null)
            problem = new Diagnostic("bundle", null, null, "name the root file: the archive does not have exactly one .yaml file at its top");
        return problem is null ? bundle : new ScenarioBundle(bundle, problem);
    }

    private ScenarioBundle(ScenarioBundle b, Diagnostic problem)
    {
        Root = b.Root;
        Files = b.Files;
        Problem = problem;
    }

    /// <summary>Copies at most <paramref name="max"/> bytes; false when there were more.</summary>
    private static bool CopyBounded(Stream from, Stream to, long max)
    {
        var chunk = new byte[81920];
        int n;
        long total = 0;
        while ((n = from.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += n;
            if (total > max) return false;
            to.Write(chunk, 0, n);
        }
        return true;
    }

    /// <summary>The text of a file's bytes (UTF-8, a leading byte-order mark dropped).</summary>
    public static string Text(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(span);
    }

    /// <summary>A bundle path in normal form ("a/b.yaml"), or null and why it cannot be one.</summary>
    public static string? Normalise(string name, out string? problem)
    {
        problem = null;
        if (name.Length == 0 || name.Any(char.IsControl)) { problem = "is not a valid file name in a bundle"; return null; }
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':'))
        {
            problem = "is an absolute path; a bundle names its files by relative path";
            return null;
        }
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count == 0 || parts.Contains("..")) { problem = "climbs out of the bundle with '..'; a bundle names its files by relative path below its top"; return null; }
        return string.Join('/', parts);
    }

    /// <summary>
    /// The bundle path that <paramref name="include"/>, written in file <paramref name="from"/>, names; null and the
    /// reason when it is absolute or leaves the folder of <paramref name="from"/> (the rule files on disk follow).
    /// </summary>
    /// <param name="what">What names the path, for messages: <c>include</c>, or e.g. <c>calibration file</c>.</param>
    /// <param name="anywhereInBundle">Let the path climb with <c>..</c> out of the naming file's folder, though never above the top of the bundle.</param>
    public static string? Resolve(string from, string include, out string? problem, string what = "include", bool anywhereInBundle = false)
    {
        problem = null;
        var shown = SourceContext.Quote(include);
        var one = what == "include" ? "an include" : $"a {what}";
        if (include.Length == 0 || include.Any(char.IsControl)) { problem = $"{what} '{shown}' is not a valid file path"; return null; }
        if (include.StartsWith('/') || include.StartsWith('\\') || (include.Length > 1 && include[1] == ':'))
        {
            problem = $"{what} '{shown}' is an absolute path; in an uploaded bundle {one} names a file of the bundle, relative to the file that {(what == "include" ? "includes" : "names")} it";
            return null;
        }
        var slash = from.LastIndexOf('/');
        var folder = slash < 0 ? new List<string>() : from[..slash].Split('/').ToList();
        var depth = folder.Count;
        var path = new List<string>(folder);
        foreach (var part in include.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (anywhereInBundle && path.Count == 0)
                {
                    problem = $"{what} '{shown}' climbs above the top of the uploaded bundle; {one} may name only files of the bundle";
                    return null;
                }
                if (!anywhereInBundle && path.Count <= depth)
                {
                    problem = $"{what} '{shown}' lies outside the folder of the file that {(what == "include" ? "includes" : "names")} it ({(depth == 0 ? "the top of the bundle" : string.Join('/', folder))}); {one} may name only files under that folder";
                    return null;
                }
                path.RemoveAt(path.Count - 1);
            }
            else path.Add(part);
        }
        if (path.Count <= (anywhereInBundle ? 0 : depth)) { problem = $"{what} '{shown}' names a folder, not a file"; return null; }
        return string.Join('/', path);
    }
}
