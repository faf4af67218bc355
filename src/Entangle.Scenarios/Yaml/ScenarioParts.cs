using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Yaml;

/// <summary>The id namespaces of a scenario; references are checked against the ids defined in each.</summary>
public enum IdKind { State, Organization, Actor, Area, Territory, Treaty, Theater, Relation, Issue, Event, Correction, Place }

/// <summary>
/// Everything read from a root file and its includes, plus the ids each defines and the references each makes,
/// with their locations. References are resolved once all files are read.
/// </summary>
public sealed class ScenarioParts
{
    public ScenarioInfo? Info { get; set; }

    /// <summary>The uploaded bundle the files come from, or null when they are read from disk: files a scenario names (a calibration) then resolve only inside it.</summary>
    public ScenarioBundle? Bundle { get; init; }
    public List<State> States { get; } = [];
    public List<Organization> Organizations { get; } = [];
    public List<Area> Areas { get; } = [];
    public List<Territory> Territories { get; } = [];
    public List<Treaty> Treaties { get; } = [];
    public List<Theater> Theaters { get; } = [];
    public List<Relation> Relations { get; } = [];
    public List<Issue> Issues { get; } = [];
    public List<ScenarioEvent> Events { get; } = [];
    public List<Correction> Corrections { get; } = [];

    /// <summary>Sections that engines add (e.g. <c>escalation</c>), keyed by section name.</summary>
    public Dictionary<string, object> Extensions { get; } = new(StringComparer.Ordinal);

    private readonly List<(IdKind Kind, string Id, Location At)> _definitions = [];
    private readonly List<(IdKind Kind, string Id, Location At, string Context)> _references = [];

    /// <summary>Records that <paramref name="id"/> is defined at <paramref name="node"/>.</summary>
    public void Define(IdKind kind, string id, YamlNode node, SourceContext ctx) => _definitions.Add((kind, id, ctx.Where(node)));

    private readonly Dictionary<(IdKind, string), Location> _firstDefinition = [];
    private int _indexed;

    /// <summary>Where <paramref name="id"/> of <paramref name="kind"/> was first defined, if it was.</summary>
    public Location? LocationOf(IdKind kind, string id)
    {
        for (; _indexed < _definitions.Count; _indexed++)
            _firstDefinition.TryAdd((_definitions[_indexed].Kind, _definitions[_indexed].Id), _definitions[_indexed].At);
        return _firstDefinition.TryGetValue((kind, id), out var at) ? at : null;
    }

    /// <summary>A diagnostic located at the definition of <paramref name="id"/>.</summary>
    public Diagnostic At(IdKind kind, string id, string fallbackFile, string message) =>
        LocationOf(kind, id) is { } l ? new Diagnostic(l.File, l.Line, l.Column, message) : new Diagnostic(fallbackFile, null, null, message);

    /// <summary>Records a reference to be checked once every file is read.</summary>
    public void Refer(IdKind kind, string id, YamlNode node, SourceContext ctx, string context) =>
        _references.Add((kind, id, ctx.Where(node), context));

    /// <summary>How many unknown references get a "did you mean"; the rest are reported without one, so that a
    /// scenario with thousands of broken references costs no more than one with a few.</summary>
    public const int MaxSuggestions = 100;

    /// <summary>Reports duplicate ids and unresolved references, with "did you mean". Linear in the number of
    /// definitions and references: every id namespace is a hash set built once.</summary>
    public void Resolve(List<Diagnostic> diagnostics)
    {
        var defined = new Dictionary<IdKind, Dictionary<string, Location>>();
        foreach (var (kind, id, at) in _definitions)
        {
            var table = defined.TryGetValue(kind, out var t) ? t : defined[kind] = new(StringComparer.Ordinal);
            if (table.TryGetValue(id, out var first))
                diagnostics.Add(new Diagnostic(at.File, at.Line, at.Column,
                    SourceContext.Tidy($"duplicate {Name(kind)} id '{id}' (first defined at {first.File}:{first.Line}:{first.Column})")));
            else table[id] = at;
        }
        IEnumerable<string> Ids(IdKind kind) => kind switch
        {
            IdKind.Actor => Ids(IdKind.State).Concat(Ids(IdKind.Organization)),
            IdKind.Place => Ids(IdKind.Theater).Concat(Ids(IdKind.Territory)).Concat(Ids(IdKind.Area)),
            _ => defined.TryGetValue(kind, out var t) ? t.Keys : [],
        };
        var sets = new Dictionary<IdKind, HashSet<string>>();
        var named = new Dictionary<IdKind, IReadOnlyCollection<Suggest.Named>>();
        var suggestions = new Dictionary<(IdKind, string), string>();
        var indexes = new Dictionary<IdKind, Suggest.Index>();
        foreach (var (kind, id, at, context) in _references)
        {
            var set = sets.TryGetValue(kind, out var s) ? s : sets[kind] = new HashSet<string>(Ids(kind), StringComparer.Ordinal);
            if (set.Contains(id)) continue;
            if (!suggestions.TryGetValue((kind, id), out var hint))
            {
                hint = suggestions.Count >= MaxSuggestions ? ""
                    : kind is IdKind.State or IdKind.Actor
                        ? Suggest.DidYouMean(id, named.TryGetValue(kind, out var n) ? n : named[kind] = Named(kind, set))
                        : Suggest.DidYouMean(id, indexes.TryGetValue(kind, out var ix) ? ix : indexes[kind] = new Suggest.Index(set));
                suggestions[(kind, id)] = hint;
            }
            diagnostics.Add(new Diagnostic(at.File, at.Line, at.Column, SourceContext.Tidy($"{context} names unknown {Name(kind)} '{id}'{hint}")));
        }
    }

    /// <summary>States (and, for actors, organizations) with the names they are known by, for suggestions.</summary>
    private IReadOnlyCollection<Suggest.Named> Named(IdKind kind, HashSet<string> ids)
    {
        var result = new Dictionary<string, Suggest.Named>(StringComparer.Ordinal);
        foreach (var st in States)
            if (ids.Contains(st.Id.Iso3)) result.TryAdd(st.Id.Iso3, new Suggest.Named(st.Id.Iso3, [st.Name, .. st.OtherNames]));
        if (kind == IdKind.Actor)
            foreach (var o in Organizations)
                if (ids.Contains(o.Id)) result.TryAdd(o.Id, new Suggest.Named(o.Id, [o.Name]));
        foreach (var id in ids) result.TryAdd(id, new Suggest.Named(id, []));
        return result.Values;
    }

    private static string Name(IdKind kind) => kind switch
    {
        IdKind.Actor => "state or organization",
        IdKind.Place => "theater, territory or area",
        _ => MapReader.Kebab(kind.ToString()).Replace('-', ' '),
    };

    public Scenario Build() => new(
        Info!, States, Organizations, Areas, Territories, Treaties, Theaters, Relations, Issues, Events, Corrections)
    {
        Extensions = Extensions,
    };
}
