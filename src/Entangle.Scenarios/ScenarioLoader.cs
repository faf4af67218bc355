using Entangle.Domain;
using Entangle.Scenarios.Sections;
using Entangle.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios;

/// <summary>
/// Loads a scenario YAML file and its includes into a validated <see cref="Scenario"/>. Every problem found in
/// any file is reported at once, as <c>file:line:col: message</c>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The section readers, by top-level key. Engines that add a section register its reader here.</summary>
    public static readonly IReadOnlyList<ISectionReader> Sections =
    [
        new StatesSection(),
        new OrganizationsSection(),
        new AreasSection(),
        new TerritoriesSection(),
        new TreatiesSection(),
        new TheatersSection(),
        new RelationsSection(),
        new IssuesSection(),
        new EventsSection(),
        new CorrectionsSection(),
        new EscalationSection(),
        new ClaimsSection(),
        new HindsightSection(),
    ];

    private static readonly string[] HeaderKeys = ["scenario", "include"];

    /// <summary>Every top-level key a scenario file may use.</summary>
    public static IReadOnlyList<string> TopLevelKeys => [.. HeaderKeys, .. Sections.Select(s => s.Name)];

    /// <summary>Loads and validates; throws <see cref="InputException"/> listing every problem found.</summary>
    /// <remarks>
    /// Never throws anything else for any content: limits (<see cref="ScenarioLimits"/>) bound time, memory and
    /// depth, and includes resolve only to regular files under the folder of the file that includes them.
    /// Warnings (e.g. a treaty with no <c>in_force</c> date) are in <see cref="Scenario.Warnings"/>.
    /// </remarks>
    public static Scenario Load(string path) => Load(path, Environment.GetEnvironmentVariable(IncludeRootVariable) is { Length: > 0 } r ? r : null);

    /// <summary>The environment variable that names a folder under which includes may also resolve.</summary>
    public const string IncludeRootVariable = "ENTANGLE_INCLUDE_ROOT";

    /// <summary>
    /// Loads and validates, letting includes resolve under <paramref name="includeRoot"/> as well as under the
    /// including file's folder (e.g. test fixtures that include the bundled scenario's parts).
    /// </summary>
    public static Scenario Load(string path, string? includeRoot)
    {
        var diagnostics = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var parts = new ScenarioParts();
        var display = path;
        var state = new LoadState(diagnostics, warnings, IncludeRoot(includeRoot));
        string full;
        try
        {
            if (path.IndexOfAny(['\0', '\n', '\r']) >= 0) throw new ArgumentException("control character");
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException([new Diagnostic(SourceContext.Quote(path), null, null, "not a valid file path")]);
        }
        if (ScenarioFiles.Unreadable(full) is { } why)
            throw new InputException([new Diagnostic(display, null, null, why)]);
        ReadFile(full, display, isRoot: true, parts, state, new Stack<string>(), new HashSet<string>(StringComparer.Ordinal));
        parts.Resolve(diagnostics);
        HindsightSection.Apply(parts);
        if (diagnostics.Count == 0) CrossCheck(parts, diagnostics, display);
        if (diagnostics.Count > 0)
        {
            var all = InReadingOrder(diagnostics);
            throw new InputException(Capped(all, state.Dropped.Value, display)) { Total = all.Count + state.Dropped.Value };
        }
        return parts.Build() with { Warnings = InReadingOrder(warnings) };
    }

    /// <summary>What one load shares across its files.</summary>
    private sealed record LoadState(List<Diagnostic> Diagnostics, List<Diagnostic> Warnings, (string Lexical, string Real)? Root)
    {
        public System.Runtime.CompilerServices.StrongBox<long> Dropped { get; } = new();
        public long Bytes { get; set; }
    }

    private static void ReadFile(string full, string display, bool isRoot, ScenarioParts parts, LoadState state,
        Stack<string> including, HashSet<string> done)
    {
        var diagnostics = state.Diagnostics;
        var real = ScenarioFiles.RealPath(full) ?? full;
        done.Add(real);
        including.Push(real);
        try
        {
            var text = ScenarioFiles.ReadBounded(full);
            if (text is null)
            {
                diagnostics.Add(new Diagnostic(display, null, null, $"is larger than {ScenarioLimits.MaxFileBytes:N0} bytes (16 MiB), the most a scenario file may have") { Limit = InputLimit.Size });
                return;
            }
            state.Bytes += new FileInfo(full).Length;
            if (state.Bytes > ScenarioLimits.MaxTotalBytes)
            {
                diagnostics.Add(new Diagnostic(display, null, null, $"the scenario's files add up to more than {ScenarioLimits.MaxTotalBytes:N0} bytes (64 MiB), the most one scenario may have") { Limit = InputLimit.Size });
                return;
            }
            var root = ReadSections(text, display, isRoot, parts, state);
            if (root is null) return;
            var ctx = root.Context;

            var folder = Path.GetDirectoryName(full)!;
            var realFolder = ScenarioFiles.RealPath(folder) ?? folder;
            foreach (var (inc, node) in root.Strings("include"))
            {
                var target = IncludeTarget(inc, folder, realFolder, state.Root, out var problem);
                if (target is null) { ctx.Error(node, problem!); continue; }
                var targetReal = ScenarioFiles.RealPath(target) ?? target;
                if (including.Contains(targetReal))
                {
                    var cycle = including.Reverse().SkipWhile(p => p != targetReal).Append(targetReal)
                        .Select(Display);
                    ctx.Error(node, $"include cycle: {string.Join(" → ", cycle)}");
                    continue;
                }
                if (done.Contains(targetReal)) continue;
                if (including.Count >= ScenarioLimits.MaxIncludeDepth)
                {
                    ctx.Error(node, $"includes nest more than {ScenarioLimits.MaxIncludeDepth} files deep", InputLimit.Structure);
                    continue;
                }
                ReadFile(target, Display(target), isRoot: false, parts, state, including, done);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(display, null, null, $"could not be read: {e.Message}"));
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            // A defect in a reader, not in the file; reported, so that one file cannot stop the others.
            diagnostics.Add(new Diagnostic(display, 1, 1, $"internal error while reading this file ({e.GetType().Name}: {SourceContext.Quote(e.Message)}); please report it"));
        }
        finally
        {
            including.Pop();
        }
    }


    /// <summary>Parses one file's text and reads its sections into <paramref name="parts"/>; null when it has none to read.</summary>
    private static MapReader? ReadSections(string text, string display, bool isRoot, ScenarioParts parts, LoadState state)
    {
        var diagnostics = state.Diagnostics;
        if (string.IsNullOrWhiteSpace(text) || text.Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim() == ""))
        {
            diagnostics.Add(new Diagnostic(display, 1, 1, "the file is empty; a scenario needs at least a 'scenario:' header" + (isRoot ? "" : " (an included file needs at least one section)")));
            return null;
        }
        var rootNode = SafeYaml.Parse(text, display, diagnostics);
        if (rootNode is null) return null;
        var ctx = new SourceContext(display, diagnostics, state.Warnings) { Dropped = state.Dropped, Shared = SharedPositions(rootNode) };
        var root = MapReader.Open(rootNode, ctx, "scenario file", [.. TopLevelKeys]);
        if (root is null) return null;

        if (isRoot) ReadHeader(root, parts);
        else if (root.Get("scenario") is { } s) ctx.Error(s, "an included file must not have a 'scenario:' header; only the root file has one");

        foreach (var section in Sections)
            if (root.Get(section.Name) is { } node) section.Read(node, ctx, parts);
        return root;
    }

    /// <summary>
    /// Loads and validates a scenario held in memory (e.g. uploaded to the server): <paramref name="bundle"/>'s root
    /// file and the files it includes, which resolve only to other files of the bundle, under the including file's
    /// folder; nothing is read from disk. Diagnostics name files by their bundle path.
    /// </summary>
    public static Scenario Load(ScenarioBundle bundle)
    {
        var diagnostics = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var parts = new ScenarioParts { Bundle = bundle };
        var state = new LoadState(diagnostics, warnings, null);
        if (bundle.Problem is { } bad) throw new InputException([bad]);
        if (!bundle.Files.ContainsKey(bundle.Root))
            throw new InputException([new Diagnostic(bundle.Root, null, null, "the bundle has no such file (its root)")]);
        ReadEntry(bundle, bundle.Root, isRoot: true, parts, state, new Stack<string>(), new HashSet<string>(StringComparer.Ordinal));
        parts.Resolve(diagnostics);
        HindsightSection.Apply(parts);
        if (diagnostics.Count == 0) CrossCheck(parts, diagnostics, bundle.Root);
        if (diagnostics.Count > 0)
        {
            var all = InReadingOrder(diagnostics);
            throw new InputException(Capped(all, state.Dropped.Value, bundle.Root)) { Total = all.Count + state.Dropped.Value };
        }
        return parts.Build() with { Warnings = InReadingOrder(warnings) };
    }

    private static void ReadEntry(ScenarioBundle bundle, string name, bool isRoot, ScenarioParts parts, LoadState state,
        Stack<string> including, HashSet<string> done)
    {
        done.Add(name);
        including.Push(name);
        try
        {
            var bytes = bundle.Files[name];
            if (bytes.Length > ScenarioLimits.MaxFileBytes)
            {
                state.Diagnostics.Add(new Diagnostic(name, null, null, $"is larger than {ScenarioLimits.MaxFileBytes:N0} bytes (16 MiB), the most a scenario file may have") { Limit = InputLimit.Size });
                return;
            }
            state.Bytes += bytes.Length;
            if (state.Bytes > ScenarioLimits.MaxTotalBytes)
            {
                state.Diagnostics.Add(new Diagnostic(name, null, null, $"the scenario's files add up to more than {ScenarioLimits.MaxTotalBytes:N0} bytes (64 MiB), the most one scenario may have") { Limit = InputLimit.Size });
                return;
            }
            var root = ReadSections(ScenarioBundle.Text(bytes), name, isRoot, parts, state);
            if (root is null) return;
            var ctx = root.Context;
            foreach (var (inc, node) in root.Strings("include"))
            {
                var target = ScenarioBundle.Resolve(name, inc, out var problem);
                if (target is not null && !bundle.Files.ContainsKey(target)) { problem = $"included file '{SourceContext.Quote(inc)}' not found in the uploaded bundle (looked for {target})"; target = null; }
                if (target is null) { ctx.Error(node, problem!); continue; }
                if (including.Contains(target))
                {
                    ctx.Error(node, $"include cycle: {string.Join(" → ", including.Reverse().SkipWhile(p => p != target).Append(target))}");
                    continue;
                }
                if (done.Contains(target)) continue;
                if (including.Count >= ScenarioLimits.MaxIncludeDepth)
                {
                    ctx.Error(node, $"includes nest more than {ScenarioLimits.MaxIncludeDepth} files deep", InputLimit.Structure);
                    continue;
                }
                ReadEntry(bundle, target, isRoot: false, parts, state, including, done);
            }
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            state.Diagnostics.Add(new Diagnostic(name, 1, 1, $"internal error while reading this file ({e.GetType().Name}: {SourceContext.Quote(e.Message)}); please report it"));
        }
        finally
        {
            including.Pop();
        }
    }

    /// <summary>
    /// The full path an include names, if it is a regular file under the including file's folder (after every
    /// link is followed); else null and the reason, which never quotes the file's content.
    /// </summary>
    private static (string, string)? IncludeRoot(string? root)
    {
        if (root is null) return null;
        try
        {
            var full = Path.GetFullPath(root);
            return (full, ScenarioFiles.RealPath(full) ?? full);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static bool Allowed(string path, string folder, (string Lexical, string Real)? root, bool real) =>
        ScenarioFiles.IsUnder(path, folder) || (root is { } r && ScenarioFiles.IsUnder(path, real ? r.Real : r.Lexical));

    private static string? IncludeTarget(string inc, string folder, string realFolder, (string Lexical, string Real)? root, out string? problem)
    {
        problem = null;
        var shown = SourceContext.Quote(inc);
        string target;
        try
        {
            if (inc.Length == 0 || inc.Any(char.IsControl)) throw new ArgumentException("control character");
            target = Path.GetFullPath(Path.Combine(folder, inc));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"include '{shown}' is not a valid file path";
            return null;
        }
        var where = (Display(folder) is "." or "" ? folder : Display(folder)) + (root is { } rt ? $" or {IncludeRootVariable} ({rt.Lexical})" : "");
        if (!Allowed(target, folder, root, real: false))
        {
            problem = $"include '{shown}' lies outside the folder of the file that includes it ({where}); an include may name only files under that folder";
            return null;
        }
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            problem = $"included file '{shown}' not found (looked for {Display(target)})";
            return null;
        }
        var real = ScenarioFiles.RealPath(target);
        if (real is null || !Allowed(real, realFolder, root, real: true))
        {
            problem = $"include '{shown}' is a link to a file outside the folder of the file that includes it ({where}); an include may name only files under that folder";
            return null;
        }
        if (ScenarioFiles.Unreadable(target) is { } why)
        {
            problem = $"include '{shown}' {why}";
            return null;
        }
        return target;
    }

    /// <summary>Positions of the nodes that aliases reuse (reached twice or more in the tree).</summary>
    private static HashSet<(long, long)> SharedPositions(YamlNode root)
    {
        var result = new HashSet<(long, long)>();
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var marked = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.TryPop(out var n))
        {
            if (!seen.Add(n))
            {
                // reached again through an alias: mark it and everything under it, once
                var sub = new Stack<YamlNode>();
                sub.Push(n);
                while (sub.TryPop(out var m))
                {
                    if (!marked.Add(m)) continue;
                    result.Add((m.Start.Line, m.Start.Column));
                    foreach (var c in Children(m)) sub.Push(c);
                }
                continue;
            }
            foreach (var c in Children(n)) stack.Push(c);
        }
        return result;
    }

    private static IEnumerable<YamlNode> Children(YamlNode n) => n switch
    {
        YamlMappingNode m => m.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
        YamlSequenceNode s => s.Children,
        _ => [],
    };

    /// <summary>At most <see cref="ScenarioLimits.MaxMessages"/> problems, then one line that counts the rest.</summary>
    private static IReadOnlyList<Diagnostic> Capped(IReadOnlyList<Diagnostic> all, long dropped, string file)
    {
        var more = all.Count - ScenarioLimits.MaxMessages + dropped;
        if (more <= 0) return all;
        return [.. all.Take(ScenarioLimits.MaxMessages),
            new Diagnostic(file, null, null, $"… and {more:N0} more problems, not shown (at most {ScenarioLimits.MaxMessages:N0} are listed)")];
    }

    /// <summary>Files in the order they were read, each top to bottom; duplicates dropped.</summary>
    private static IReadOnlyList<Diagnostic> InReadingOrder(List<Diagnostic> diagnostics)
    {
        var files = diagnostics.Select(d => d.File).Distinct().ToList();
        return diagnostics.Distinct()
            .OrderBy(d => files.IndexOf(d.File)).ThenBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0)
            .ToList();
    }

    /// <summary>A path relative to the working directory when it lies below it, else the full path.</summary>
    private static string Display(string full)
    {
        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? full : rel;
    }

    private static void ReadHeader(MapReader root, ScenarioParts parts)
    {
        var node = root.Get("scenario");
        if (node is null)
        {
            root.Context.Error(root.Node, "missing the 'scenario:' header (id, title, as_of)");
            return;
        }
        var h = MapReader.Open(node, root.Context, "scenario header", "id", "title", "as_of", "description", "sources");
        if (h is null) return;
        var id = h.RequiredString("id");
        var title = h.RequiredString("title");
        var asOf = h.Date("as_of", required: true);
        var sources = h.Strings("sources").Select(s => s.Value).ToList();
        if (asOf is not null) parts.Info = new ScenarioInfo(id, title, asOf.Value, h.String("description"), sources);
    }

    /// <summary>Checks that need the whole scenario: supersession links agree, memberships fit treaty dates.</summary>
    private static void CrossCheck(ScenarioParts parts, List<Diagnostic> diagnostics, string file)
    {
        var treaties = parts.Treaties.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var t in parts.Treaties)
        {
            if (t.SupersededBy is { } by && treaties.TryGetValue(by, out var newer))
            {
                if (!newer.Supersedes.Contains(t.Id))
                    diagnostics.Add(parts.At(IdKind.Treaty, t.Id, file, $"treaty '{t.Id}' is superseded by '{by}', but '{by}' does not list it under 'supersedes'"));
                if (t.Ended is { } end && newer.InForce is { } start && end > start)
                    diagnostics.Add(parts.At(IdKind.Treaty, t.Id, file, $"treaty '{t.Id}' ends {end:yyyy-MM-dd}, after its successor '{by}' entered into force ({start:yyyy-MM-dd})"));
            }
            foreach (var p in t.Parties)
                if (p.Span.From is { } from && t.Ended is { } ended && from > ended)
                    diagnostics.Add(parts.At(IdKind.Treaty, t.Id, file, $"treaty '{t.Id}': party '{p.State}' joins {from:yyyy-MM-dd}, after the treaty ended"));
        }
    }
}
