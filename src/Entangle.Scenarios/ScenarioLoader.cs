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
    ];

    private static readonly string[] HeaderKeys = ["scenario", "include"];

    /// <summary>Every top-level key a scenario file may use.</summary>
    public static IReadOnlyList<string> TopLevelKeys => [.. HeaderKeys, .. Sections.Select(s => s.Name)];

    /// <summary>Loads and validates; throws <see cref="InputException"/> listing every problem found.</summary>
    public static Scenario Load(string path)
    {
        var diagnostics = new List<Diagnostic>();
        var parts = new ScenarioParts();
        var display = path;
        if (!File.Exists(path))
            throw new InputException([new Diagnostic(display, null, null, Directory.Exists(path) ? "is a folder, not a scenario file" : "file not found")]);
        ReadFile(path, display, isRoot: true, parts, diagnostics, new Stack<string>(), new HashSet<string>());
        parts.Resolve(diagnostics);
        if (diagnostics.Count == 0) CrossCheck(parts, diagnostics, display);
        if (diagnostics.Count > 0) throw new InputException(InReadingOrder(diagnostics));
        return parts.Build();
    }

    private static void ReadFile(string path, string display, bool isRoot, ScenarioParts parts, List<Diagnostic> diagnostics,
        Stack<string> including, HashSet<string> done)
    {
        var full = Path.GetFullPath(path);
        done.Add(full);
        including.Push(full);
        try
        {
            var ctx = new SourceContext(display, diagnostics);
            var text = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(text) || text.Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim() == ""))
            {
                diagnostics.Add(new Diagnostic(display, 1, 1, "the file is empty; a scenario needs at least a 'scenario:' header" + (isRoot ? "" : " (an included file needs at least one section)")));
                return;
            }
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                var reason = e.InnerException?.Message ?? e.Message;
                var cut = reason.IndexOf("): ", StringComparison.Ordinal);
                if (reason.StartsWith('(') && cut > 0) reason = reason[(cut + 3)..];
                diagnostics.Add(new Diagnostic(display, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {reason}"));
                return;
            }
            if (stream.Documents.Count != 1)
            {
                diagnostics.Add(new Diagnostic(display, 1, 1, $"expected one YAML document, found {stream.Documents.Count}"));
                return;
            }
            var root = MapReader.Open(stream.Documents[0].RootNode, ctx, "scenario file", [.. TopLevelKeys]);
            if (root is null) return;

            if (isRoot) ReadHeader(root, parts);
            else if (root.Get("scenario") is { } s) ctx.Error(s, "an included file must not have a 'scenario:' header; only the root file has one");

            foreach (var section in Sections)
                if (root.Get(section.Name) is { } node) section.Read(node, ctx, parts);

            foreach (var (inc, node) in root.Strings("include"))
            {
                var target = Path.Combine(Path.GetDirectoryName(full)!, inc);
                var targetFull = Path.GetFullPath(target);
                var targetDisplay = Display(targetFull);
                if (including.Contains(targetFull))
                {
                    var cycle = including.Reverse().SkipWhile(p => p != targetFull).Append(targetFull)
                        .Select(Display);
                    ctx.Error(node, $"include cycle: {string.Join(" → ", cycle)}");
                    continue;
                }
                if (done.Contains(targetFull)) continue;
                if (!File.Exists(targetFull))
                {
                    ctx.Error(node, $"included file '{inc}' not found (looked for {targetDisplay})");
                    continue;
                }
                ReadFile(targetFull, targetDisplay, isRoot: false, parts, diagnostics, including, done);
            }
        }
        finally
        {
            including.Pop();
        }
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
