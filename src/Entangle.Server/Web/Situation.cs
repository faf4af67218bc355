using Entangle.Domain;
using Entangle.Domain.Escalation;

namespace Entangle.Server.Web;

/// <summary>
/// What the workbench's situation page draws: each state's bloc, each theater's countries, and the alliance network as
/// nodes and edges with the strength of the strongest clause. Derived from the scenario alone (no reference data), so
/// the page needs nothing the server has not been given.
/// </summary>
/// <param name="BlocRule">How blocs are assigned: a coding rule, stated so the page can show it.</param>
public sealed record SituationView(string Scenario, string Title, string AsOf, IReadOnlyList<BlocView> Blocs, IReadOnlyList<SituationState> States,
    IReadOnlyList<SituationTheater> Theaters, IReadOnlyList<SituationTerritory> Territories, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges,
    string BlocRule, string EdgeRule);

/// <summary>A bloc: the states on one side of the scenario's theaters and their treaty allies.</summary>
public sealed record BlocView(string Id, string Name, IReadOnlyList<string> Principals);

/// <summary>A state on the map. <c>Bloc</c> is null for a state on neither side; <c>Why</c> says how it got its bloc.</summary>
public sealed record SituationState(string Iso3, string Name, string? Bloc, string Why, bool Nuclear, bool Actor);

/// <summary>A theater: the states whose territory it covers (by the administering state of each territory) and its sides.</summary>
public sealed record SituationTheater(string Id, string Name, IReadOnlyList<string> Countries, IReadOnlyList<SituationTerritory> Territories,
    IReadOnlyList<string> SideA, IReadOnlyList<string> SideB, IReadOnlyList<string> Supporters, string? Description);

public sealed record SituationTerritory(string Id, string Name, string State);

/// <summary>A node of the alliance graph: a state, or a treaty with more than two parties.</summary>
public sealed record GraphNode(string Id, string Label, string Kind, string? Bloc);

/// <summary>
/// An edge of the alliance graph: a bilateral treaty between its two parties, or a multilateral treaty's node to a party.
/// <c>Strength</c> is the strongest clause's (automatic, conditional, consultation-only; none without a coded clause);
/// <c>ReadingDependent</c> is true when a clause has official renderings that read differently.
/// </summary>
public sealed record GraphEdge(string Id, string Source, string Target, string Treaty, string TreatyName, string TreatyKind, string Strength,
    bool ReadingDependent, bool InForce);

public static class Situation
{
    public const string BlocRule =
        "Coding rule, not a finding: a state is in a bloc when it is a principal or supporter of that side in any of the scenario's escalation theaters; " +
        "otherwise when it is party to an alliance in force (as of the scenario date) with principals of one bloc only. Blocs are named by their principals.";

    public const string EdgeRule =
        "Edge style is the strength of the treaty's strongest coded clause: thick solid = automatic, solid = conditional, dashed = consultation only, dotted = no coded clause. " +
        "A ≈ mark means the obligation depends on which official rendering is read.";

    public static SituationView Of(Scenario s)
    {
        var asOf = s.Info.AsOf;
        var em = s.Escalation();
        var bloc = new Dictionary<string, (string Bloc, string Why)>(StringComparer.Ordinal);
        var principals = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["a"] = [], ["b"] = [] };
        var actors = new HashSet<string>(StringComparer.Ordinal);
        // principals first (a principal in one theater may support in another), then supporters
        foreach (var t in em?.Theaters ?? [])
            foreach (var (side, ids) in new[] { ("a", t.SideA), ("b", t.SideB) })
                foreach (var id in ids)
                {
                    actors.Add(id.Iso3);
                    if (!principals[side].Contains(id.Iso3)) principals[side].Add(id.Iso3);
                    bloc.TryAdd(id.Iso3, (side, $"principal on side {side.ToUpperInvariant()} in theater {t.Theater}"));
                }
        foreach (var t in em?.Theaters ?? [])
            foreach (var sup in t.Supporters)
            {
                actors.Add(sup.State.Iso3);
                bloc.TryAdd(sup.State.Iso3, (sup.Side == Side.A ? "a" : "b", $"supports side {sup.Side} in theater {t.Theater}"));
            }
        foreach (var a in em?.Actors ?? []) actors.Add(a.State.Iso3);
        var treaties = s.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        foreach (var st in s.States.OrderBy(x => x.Id.Iso3, StringComparer.Ordinal))
        {
            var iso = st.Id.Iso3;
            if (bloc.ContainsKey(iso)) continue;
            var via = treaties.Where(t => t.Kind == TreatyKind.Alliance && t.PartiesOn(asOf).Any(p => p.Iso3 == iso))
                .SelectMany(t => t.PartiesOn(asOf).Where(p => p.Iso3 != iso && bloc.TryGetValue(p.Iso3, out var b) && b.Why.StartsWith("principal", StringComparison.Ordinal))
                    .Select(p => (Bloc: bloc[p.Iso3].Bloc, Treaty: t.Id)))
                .ToList();
            var sides = via.Select(v => v.Bloc).Distinct().ToList();
            if (sides.Count == 1) bloc[iso] = (sides[0], $"allied with side {sides[0].ToUpperInvariant()} by {string.Join(", ", via.Select(v => v.Treaty).Distinct())}");
        }
        var blocs = principals.Where(kv => kv.Value.Count > 0)
            .Select(kv => new BlocView(kv.Key, $"Side {kv.Key.ToUpperInvariant()}: {string.Join(", ", kv.Value)} and allies", kv.Value)).ToList();
        var states = s.States.OrderBy(x => x.Id.Iso3, StringComparer.Ordinal)
            .Select(st => bloc.TryGetValue(st.Id.Iso3, out var b)
                ? new SituationState(st.Id.Iso3, st.Name, b.Bloc, b.Why, st.IsNuclear(asOf.Year), actors.Contains(st.Id.Iso3))
                : new SituationState(st.Id.Iso3, st.Name, null, "on neither side", st.IsNuclear(asOf.Year), actors.Contains(st.Id.Iso3)))
            .ToList();

        var theaters = s.Theaters.Select(t =>
        {
            var et = em?.Theaters.FirstOrDefault(x => x.Theater == t.Id);
            var terr = t.Territories.Select(id => s.Territory(id) is { } tt ? new SituationTerritory(tt.Id, tt.Name, tt.AdministeredBy.Iso3) : new SituationTerritory(id, id, id.Split('-')[0])).ToList();
            return new SituationTheater(t.Id, t.Name, terr.Select(x => x.State).Distinct().ToList(), terr,
                et?.SideA.Select(x => x.Iso3).ToList() ?? [], et?.SideB.Select(x => x.Iso3).ToList() ?? [],
                et?.Supporters.Select(x => x.State.Iso3).ToList() ?? [], t.Description);
        }).ToList();

        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        var inGraph = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in treaties)
        {
            var parties = t.Parties.Select(p => p.State.Iso3).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
            var strength = t.Clauses.Count == 0 ? "none" : Kebab(t.Clauses.Min(c => c.Strength).ToString());
            var reading = t.Clauses.Any(c => c.Renderings.Count > 0);
            var kind = Kebab(t.Kind.ToString());
            var inForce = t.InForceOn(asOf);
            foreach (var p in parties) inGraph.Add(p);
            if (parties.Count == 2)
            {
                edges.Add(new GraphEdge(t.Id, parties[0], parties[1], t.Id, t.Name, kind, strength, reading, inForce));
                continue;
            }
            nodes.Add(new GraphNode("treaty:" + t.Id, t.Id, "treaty", null));
            foreach (var p in parties)
                edges.Add(new GraphEdge($"{t.Id}:{p}", "treaty:" + t.Id, p, t.Id, t.Name, kind, strength, reading, inForce));
        }
        var byIso = states.ToDictionary(x => x.Iso3, StringComparer.Ordinal);
        nodes.InsertRange(0, inGraph.Order(StringComparer.Ordinal)
            .Select(iso => new GraphNode(iso, iso, "state", byIso.TryGetValue(iso, out var x) ? x.Bloc : null)));
        var territories = s.Territories.Select(t => new SituationTerritory(t.Id, t.Name, t.AdministeredBy.Iso3)).ToList();
        return new SituationView(s.Info.Id, s.Info.Title, asOf.ToString("yyyy-MM-dd"), blocs, states, theaters, territories, nodes, edges, BlocRule, EdgeRule);
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
