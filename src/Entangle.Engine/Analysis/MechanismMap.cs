using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Cat = Entangle.Domain.Escalation.ParameterCatalog;

namespace Entangle.Engine.Analysis;

/// <summary>Names of the mechanism map's nodes: one kind per scenario element, state variable or metric.</summary>
public static class MapNode
{
    public static string Treaty(string id) => "treaty:" + id;
    public static string Flow(string id) => "flow:" + id;
    public static string Link(string id) => "link:" + id;
    public static string Obligations(string treaty, string theater) => $"obligations:{treaty}@{theater}";
    public static string Capability(string actor, string theater) => $"capability:{actor}@{theater}";
    public static string Forces(string actor, string theater) => $"forces:{actor}@{theater}";
    public static string Share(string actor, string theater) => $"share:{actor}@{theater}";
    public static string Allocation(string actor) => "allocation:" + actor;
    public static string Balance(string theater) => "balance:" + theater;
    public static string Stake(string actor, string theater) => $"stake:{actor}@{theater}";
    public static string Level(string theater) => "level:" + theater;
    public static string Intervention(string actor, string theater) => $"intervention:{actor}@{theater}";
    public static string Spiral(string id) => "spiral:" + id;
    public static string FaultLine(string id) => "faultline:" + id;
    public static string Event(string id) => "event:" + id;
    public static string Relation(string id) => "relation:" + id;
    public static string Channel(string id) => "channel:" + id;
    public static string Resources(string actor) => "resources:" + actor;
    public static string Metric(string name) => "metric:" + name;
    public static string Param(string path) => "param:" + path;
}

/// <summary>One edge of the map: what the compiled model reads, and through which mechanism (docs/model.md).</summary>
public sealed record MapEdge(string From, string To, string Mechanism);

/// <summary>A path through the map: its nodes in order and the mechanism of each step.</summary>
public sealed record MapPath(IReadOnlyList<string> Nodes, IReadOnlyList<string> Mechanisms)
{
    public override string ToString() => string.Join(" → ", Nodes);
}

/// <summary>
/// The causal graph of a compiled model (docs/analysis.md, "The mechanism map"): from treaties, parameters and events,
/// through the mechanisms and state variables the dynamics read, to the metrics. It is derived from what the compiled
/// model holds (which flows, links, obligations, deployments, spirals and roles exist), not drawn by hand; a metric's
/// inputs are what its definition declares it reads (<see cref="OutcomeDefinition.Reads"/>). Edges are structural: a
/// parameter's value never cuts one (a link weight judged 0 is the scenario's assumption, which a stress test can vary;
/// a mechanism the model does not have is a missing edge).
/// </summary>
public sealed class MechanismMap
{
    private readonly Dictionary<string, List<MapEdge>> _out = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MapEdge>> _in = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<string> Targets, bool Specific)> _params = new(StringComparer.Ordinal);

    /// <summary>Every node, in ordinal order.</summary>
    public IReadOnlyCollection<string> Nodes => _nodes;
    /// <summary>Every edge, ordered by source then target.</summary>
    public IEnumerable<MapEdge> Edges => _out.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value);

    private void Edge(string from, string to, string mechanism)
    {
        _nodes.Add(from); _nodes.Add(to);
        var list = _out.TryGetValue(from, out var l) ? l : _out[from] = [];
        if (list.Any(e => e.To == to)) return;
        var e = new MapEdge(from, to, mechanism);
        list.Add(e);
        (_in.TryGetValue(to, out var li) ? li : _in[to] = []).Add(e);
    }

    private void Param(string path, bool specific, params string[] targets)
    {
        _params[path] = (targets, specific);
        foreach (var t in targets) Edge(MapNode.Param(path), t, "parameter");
    }

    /// <summary>Builds the map of <paramref name="m"/> with the metrics <paramref name="outcomes"/>.</summary>
    public static MechanismMap Build(CompiledModel m, IEnumerable<OutcomeDefinition> outcomes)
    {
        var g = new MechanismMap();
        int nA = m.ActorCount, nT = m.TheaterCount;
        string A(int a) => m.Actors[a].Iso3;
        string T(int t) => m.Theaters[t];
        bool Role(int a, int t) => m.Role0[a * nT + t] != CompiledModel.None;
        bool IsPrincipal(int a, int t) => m.Role0[a * nT + t] == CompiledModel.Principal;

        foreach (var t in m.Scenario.Treaties.OrderBy(x => x.Id, StringComparer.Ordinal)) g._nodes.Add(MapNode.Treaty(t.Id));

        // links: pressure on the beneficiary in one theater becomes the actor's stake in another (model.md §5)
        for (var l = 0; l < m.LinkIds.Length; l++)
        {
            var id = m.LinkIds[l];
            var treaty = m.Model.Links.First(x => x.Id == id).Treaty;
            if (treaty is not null) g.Edge(MapNode.Treaty(treaty), MapNode.Link(id), "link rests on the treaty");
            g.Edge(MapNode.Level(T(m.LinkFrom[l])), MapNode.Link(id), "pressure on the beneficiary (opposing side's climb, entries)");
            g.Edge(MapNode.Link(id), MapNode.Stake(A(m.LinkActor[l]), T(m.LinkTo[l])), "horizontal escalation: weight × pressure added to the stake");
        }
        // obligations: expected allied help in the balance of forces (extended deterrence), entries, triggers (§4)
        for (var o = 0; o < m.OblAlly.Length; o++)
        {
            var row = m.ObligationRows[o];
            var node = MapNode.Obligations(row.Treaty, row.Theater);
            g.Edge(MapNode.Treaty(row.Treaty), node, "obligation under the treaty");
            g.Edge(MapNode.Level(row.Theater), node, "an armed attack triggers it");
            g.Edge(node, MapNode.Balance(row.Theater), "extended deterrence: expected allied help in the balance of forces");
            g.Edge(node, MapNode.Level(row.Theater), "the ally enters and becomes a principal");
        }
        // treaty flows → capability stocks → local forces (§11)
        for (var f = 0; f < m.FlowIds.Length; f++)
        {
            var id = m.FlowIds[f];
            g.Edge(MapNode.Treaty(m.FlowTreaty[f]), MapNode.Flow(id), "flow exists only under the treaty");
            g.Edge(MapNode.Flow(id), MapNode.Capability(A(m.FlowTo[f]), T(m.FlowTheater[f])), $"{m.FlowKinds[f].ToString().ToLowerInvariant()} acts add to the recipient's capability");
        }
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
            {
                if (m.FlowIds.Length > 0 && Enumerable.Range(0, m.FlowIds.Length).Any(f => m.FlowTo[f] == a && m.FlowTheater[f] == t))
                    g.Edge(MapNode.Capability(A(a), T(t)), MapNode.Forces(A(a), T(t)), "absorbed capability adds to local forces");
                if (Role(a, t)) g.Edge(MapNode.Forces(A(a), T(t)), MapNode.Balance(T(t)), "contest success function");
            }
        // the balance of forces and stakes drive decisions, hence the level (§3)
        for (var t = 0; t < nT; t++)
        {
            g.Edge(MapNode.Balance(T(t)), MapNode.Level(T(t)), "chance of prevailing in each principal's gain");
            for (var a = 0; a < nA; a++)
            {
                if (!IsPrincipal(a, t)) continue;
                g.Edge(MapNode.Stake(A(a), T(t)), MapNode.Level(T(t)), "stake in the principal's gain");
                for (var b = 0; b < nA; b++)
                    if (IsPrincipal(b, t) && m.Side0[b * nT + t] != m.Side0[a * nT + t])
                        g.Edge(MapNode.Forces(A(b), T(t)), MapNode.Stake(A(a), T(t)), "security dilemma: the opponents' forces grew");
            }
        }
        // posture under a budget: threat-weighted allocation with inertia, and the pivot toward opponents' capability growth (§6)
        for (var a = 0; a < nA; a++)
        {
            if (!m.HasDeployments[a]) continue;
            var pivot = m.FlowIds.Length > 0;
            for (var t = 0; t < nT; t++)
            {
                if (m.ShareSlot[a * nT + t] < 0) continue;
                g.Edge(MapNode.Level(T(t)), MapNode.Allocation(A(a)), "threat response: allocation follows the level's change");
                g.Edge(MapNode.Allocation(A(a)), MapNode.Share(A(a), T(t)), "a fixed budget: more in one theater is less in the others");
                g.Edge(MapNode.Share(A(a), T(t)), MapNode.Forces(A(a), T(t)), "share × forces");
                if (!pivot || !Role(a, t)) continue;
                for (var b = 0; b < nA; b++)
                    if (IsPrincipal(b, t) && m.Side0[b * nT + t] != m.Side0[a * nT + t] && g._nodes.Contains(MapNode.Capability(A(b), T(t))))
                        g.Edge(MapNode.Capability(A(b), T(t)), MapNode.Allocation(A(a)), "the pivot: allocation follows opponents' capability growth");
            }
        }
        // arms spirals (§12)
        for (var sp = 0; sp < m.SpiralIds.Length; sp++)
        {
            var node = MapNode.Spiral(m.SpiralIds[sp]);
            foreach (var x in new[] { m.SpiralA[sp], m.SpiralB[sp] })
                foreach (var t in m.SpiralTheaters[sp])
                {
                    g.Edge(MapNode.Forces(A(x), T(t)), node, "Richardson: the rival's build-up");
                    g.Edge(node, MapNode.Forces(A(x), T(t)), "Richardson: spiral stock adds to local forces");
                }
        }
        // fault lines (§13): the restraint bounds the patron's flows to the client and its obligations to the client there,
        // while the limiter has not joined the client's side (which it can only do by an entry: its obligations or an intervention there)
        for (var l = 0; l < m.FaultLineIds.Length; l++)
        {
            var node = MapNode.FaultLine(m.FaultLineIds[l]);
            g._nodes.Add(node);
            int lim = m.FaultLimiter[l], th = m.FaultTheater[l];
            for (var f = 0; f < m.FlowIds.Length; f++)
                if (m.FlowFaultLine[f] == l) g.Edge(node, MapNode.Flow(m.FlowIds[f]), "fault line: the patron's acts for the client are held back by the restraint");
            for (var o = 0; o < m.OblAlly.Length; o++)
            {
                var row = m.ObligationRows[o];
                if (m.OblFaultLine[o] == l) g.Edge(node, MapNode.Obligations(row.Treaty, row.Theater), "fault line: the patron's honouring is held back by the restraint");
                if (m.OblAlly[o] == lim && m.OblTheater[o] == th) g.Edge(MapNode.Obligations(row.Treaty, row.Theater), node, "the limiter's entry on the client's side lifts the restraint");
            }
            if (m.MayIntervene[lim * nT + th]) g.Edge(MapNode.Intervention(A(lim), T(th)), node, "the limiter's intervention lifts the restraint");
        }
        // economies (§14): relations (and dated events) → channels → the actor's resources → its ladder costs in every
        // theater where it decides (a principal) and in its entries (obligations it may honour, interventions)
        for (var c = 0; c < m.ChannelIds.Length; c++)
        {
            var (actor, relation, ev, treaty, _) = m.ChannelOf(c);
            var node = MapNode.Channel(m.ChannelIds[c]);
            g.Edge(MapNode.Relation(relation), node, "the channel reads the relation (its value, kind and date)");
            if (ev is not null) g.Edge(MapNode.Event(ev), node, "the channel starts at the dated event");
            if (treaty is not null) g.Edge(MapNode.Treaty(treaty), node, "channel exists only under the treaty");
            g.Edge(node, MapNode.Resources(A(actor)), "the channel's growth and inflow add to the actor's resources");
        }
        for (var e = 0; e < m.EconActor.Length; e++)
        {
            var a = m.EconActor[e];
            if (!Enumerable.Range(0, m.ChannelIds.Length).Any(c => m.ChannelEconomy[c] == e)) continue;
            var node = MapNode.Resources(A(a));
            for (var t = 0; t < nT; t++)
            {
                if (IsPrincipal(a, t)) g.Edge(node, MapNode.Level(T(t)), "resources scale the actor's ladder costs (R^−elasticity)");
                if (m.MayIntervene[a * nT + t]) g.Edge(node, MapNode.Intervention(A(a), T(t)), "resources scale the cost in the actor's entry utility");
            }
            for (var o = 0; o < m.OblAlly.Length; o++)
                if (m.OblAlly[o] == a) g.Edge(node, MapNode.Obligations(m.ObligationRows[o].Treaty, m.ObligationRows[o].Theater), "resources scale the cost in the ally's entry utility");
        }
        // voluntary interventions: the level, the pressure of events, and the leader's force share (§4)
        for (var t = 0; t < nT; t++)
            for (var x = 0; x < nA; x++)
            {
                if (!m.MayIntervene[x * nT + t]) continue;
                var node = MapNode.Intervention(A(x), T(t));
                g.Edge(MapNode.Level(T(t)), node, "a supporter may intervene in a theater at war");
                g.Edge(node, MapNode.Level(T(t)), "the intervener becomes a principal");
                for (var gp = 0; gp < nA; gp++)
                    if (gp != x && m.ShareSlot[gp * nT + t] >= 0 && m.HasDeployments[gp] && Role(gp, t) && m.Side0[gp * nT + t] == m.Side0[x * nT + t])
                        g.Edge(MapNode.Share(A(gp), T(t)), node, "allies follow the leader's force share");
            }
        // events (§7)
        for (var e = 0; e < m.EventIds.Length; e++)
        {
            var node = MapNode.Event(m.EventIds[e]);
            g._nodes.Add(node);
            var author = m.EventAuthor[e];
            foreach (var ef in m.EventEffects[e])
                switch (ef.Kind)
                {
                    case EffectKind.Tension or EffectKind.Level: g.Edge(node, MapNode.Level(T(ef.Target)), "the author's posture rises"); break;
                    case EffectKind.InterventionPressure:
                        for (var x = 0; x < nA; x++) if (m.MayIntervene[x * nT + ef.Target]) g.Edge(node, MapNode.Intervention(A(x), T(ef.Target)), "intervention pressure");
                        break;
                    case EffectKind.Forces:
                        for (var t = 0; t < nT; t++) if (Role(ef.Target, t)) g.Edge(node, MapNode.Forces(A(ef.Target), T(t)), "forces added");
                        break;
                    case EffectKind.Resolve:
                        for (var t = 0; t < nT; t++) if (IsPrincipal(ef.Target, t)) g.Edge(node, MapNode.Level(T(t)), "resolve added");
                        break;
                }
            _ = author;
        }
        // metrics read what their definitions declare
        foreach (var o in outcomes)
            foreach (var r in o.Reads ?? []) g.Edge(r, MapNode.Metric(o.Name), "read by the metric");
        // parameters enter the nodes that read them
        var allLevels = Enumerable.Range(0, nT).Select(t => MapNode.Level(T(t))).ToArray();
        foreach (var path in m.SlotPath) g.MapParameter(m, path, allLevels);
        return g;
    }

    private void MapParameter(CompiledModel m, string path, string[] allLevels)
    {
        var parts = path.Split('.');
        var nT = m.TheaterCount;
        string[] Existing(IEnumerable<string> nodes) => nodes.Where(_nodes.Contains).Distinct(StringComparer.Ordinal).ToArray();
        string[] Prefix(string prefix) => _nodes.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        switch (parts[0])
        {
            case "link": Param(path, true, Existing([MapNode.Link(parts[1])])); return;
            case "flow": Param(path, true, Existing([MapNode.Flow(parts[1])])); return;
            case "share": Param(path, true, Existing([MapNode.Share(parts[1], parts[2])])); return;
            case "help": Param(path, true, Existing([MapNode.Balance(parts[2])])); return;
            case "stake": Param(path, true, Existing([MapNode.Stake(parts[1], parts[2])])); return;
            case "event": Param(path, true, Existing([MapNode.Event(parts[1])])); return;
            case "normalisation": Param(path, true, Existing([MapNode.Metric("normalisation." + parts[1])])); return;
            case "channel": Param(path, true, Existing([MapNode.Channel(parts[1])])); return;
            case "economy": Param(path, true, Existing([MapNode.Resources(parts[1])])); return;
            case "fault_line":
            {
                // the restraint is read where the bounded acts are decided: the line's flows and obligation rows
                var l = Array.IndexOf(m.FaultLineIds, parts[1]);
                var bounded = new List<string> { MapNode.FaultLine(parts[1]) };
                if (l >= 0)
                {
                    for (var f = 0; f < m.FlowIds.Length; f++) if (m.FlowFaultLine[f] == l) bounded.Add(MapNode.Flow(m.FlowIds[f]));
                    for (var o = 0; o < m.OblAlly.Length; o++) if (m.OblFaultLine[o] == l) bounded.Add(MapNode.Obligations(m.ObligationRows[o].Treaty, m.ObligationRows[o].Theater));
                }
                Param(path, true, Existing(bounded));
                return;
            }
            case "actor":
            {
                var x = parts[1]; var name = parts[2];
                if (name == Cat.Actor.CapabilityResponse.Name || name == Cat.Actor.ThreatResponse.Name || name == Cat.Actor.Inertia.Name)
                    Param(path, true, Existing([MapNode.Allocation(x)]));
                else if (name == Cat.Actor.ArmsReaction.Name || name == Cat.Actor.ArmsFatigue.Name)
                    Param(path, true, Existing(Enumerable.Range(0, m.SpiralIds.Length).Where(s => m.Actors[m.SpiralA[s]].Iso3 == x || m.Actors[m.SpiralB[s]].Iso3 == x).Select(s => MapNode.Spiral(m.SpiralIds[s]))));
                else if (name == Cat.Actor.Forces.Name) Param(path, true, Prefix($"forces:{x}@"));
                else if (name == Cat.Actor.InterventionBias.Name) Param(path, true, Prefix($"intervention:{x}@"));
                else Param(path, false, Existing(m.Theaters.Where((_, t) => m.Role0[m.ActorIndex(new StateId(x)) * nT + t] == CompiledModel.Principal).Select(MapNode.Level)));
                return;
            }
            case "global":
            {
                var name = parts[1];
                if (name == Cat.Global.CapabilityAbsorption.Name) Param(path, true, Prefix("capability:"));
                else if (name == Cat.Global.SecurityDilemma.Name) Param(path, true, Prefix("stake:"));
                else if (name == Cat.Global.LeadShareWeight.Name) Param(path, true, Prefix("intervention:"));
                else if (name == Cat.Global.SpiralBuildUp.Name) Param(path, true, Prefix("metric:spiral."));
                else if (name == Cat.Global.PressurePerLevel.Name || name == Cat.Global.PressurePerEntry.Name) Param(path, true, Prefix("link:"));
                else if (name is "alliance_sensitivity" or "reading_factor" or "default_credibility" or "strength_automatic" or "strength_conditional" or "strength_consultation")
                    Param(path, true, Prefix("obligations:"));
                else Param(path, false, allLevels);
                return;
            }
            default: Param(path, false, allLevels); return; // ladder, thresholds, pairs, start levels: every decision reads them
        }
    }

    /// <summary>The node of a <c>--from</c> name: a treaty id, a parameter path or an event id; null when it is none.</summary>
    public string? Source(string name) =>
        _nodes.Contains(MapNode.Treaty(name)) ? MapNode.Treaty(name)
        : _params.ContainsKey(name) ? MapNode.Param(name)
        : _nodes.Contains(MapNode.Event(name)) ? MapNode.Event(name) : null;

    /// <summary>
    /// The parameters that enter a node on any of <paramref name="paths"/> through a mechanism of their own (not the
    /// ladder, thresholds and dispositions every decision reads), in ordinal order: the stress test's parameters.
    /// </summary>
    public IReadOnlyList<string> ParametersOn(IEnumerable<MapPath> paths)
    {
        var on = paths.SelectMany(p => p.Nodes).ToHashSet(StringComparer.Ordinal);
        return _params.Where(kv => kv.Value.Specific && kv.Value.Targets.Any(on.Contains)).Select(kv => kv.Key).OrderBy(x => x, StringComparer.Ordinal).ToList();
    }

    /// <summary>The inputs the metric node reads directly (its predecessors), in ordinal order.</summary>
    public IReadOnlyList<string> InputsOf(string node) =>
        _in.TryGetValue(node, out var l) ? l.Select(e => e.From).OrderBy(x => x, StringComparer.Ordinal).ToList() : [];

    /// <summary>Every node reachable from <paramref name="from"/>.</summary>
    public IReadOnlySet<string> Reachable(string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
            foreach (var e in _out.TryGetValue(queue.Dequeue(), out var l) ? l : [])
                if (seen.Add(e.To)) queue.Enqueue(e.To);
        return seen;
    }

    /// <summary>The length of a shortest path from each node to <paramref name="to"/> (reverse breadth-first search).</summary>
    private Dictionary<string, int> DistanceTo(string to)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal) { [to] = 0 };
        var queue = new Queue<string>([to]);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            foreach (var e in _in.TryGetValue(n, out var l) ? l : [])
                if (d.TryAdd(e.From, d[n] + 1)) queue.Enqueue(e.From);
        }
        return d;
    }

    /// <summary>
    /// The simple paths from <paramref name="from"/> to <paramref name="to"/> no longer than the shortest plus
    /// <paramref name="slack"/> edges, at most <paramref name="max"/>, shortest first, then in ordinal order of their
    /// nodes. Empty when <paramref name="to"/> cannot be reached.
    /// </summary>
    public IReadOnlyList<MapPath> Paths(string from, string to, int slack = 2, int max = 12)
    {
        var dist = DistanceTo(to);
        if (!dist.TryGetValue(from, out var shortest)) return [];
        var limit = shortest + slack;
        var found = new List<List<string>>();
        var stack = new List<string> { from };
        var on = new HashSet<string>(StringComparer.Ordinal) { from };
        void Walk(string n)
        {
            if (found.Count >= MaxEnumerated) return;
            if (n == to) { found.Add([.. stack]); return; }
            foreach (var e in (_out.TryGetValue(n, out var l) ? l : []).OrderBy(x => x.To, StringComparer.Ordinal))
            {
                if (on.Contains(e.To) || !dist.TryGetValue(e.To, out var rest) || stack.Count + rest > limit) continue;
                stack.Add(e.To); on.Add(e.To);
                Walk(e.To);
                stack.RemoveAt(stack.Count - 1); on.Remove(e.To);
            }
        }
        Walk(from);
        return found.OrderBy(p => p.Count).ThenBy(p => string.Join(" ", p), StringComparer.Ordinal).Take(max)
            .Select(p => new MapPath(p, p.Zip(p.Skip(1), (a, b) => _out[a].First(e => e.To == b).Mechanism).ToList())).ToList();
    }

    /// <summary>A bound on the paths enumerated before sorting (the graph is small; this keeps a dense one cheap).</summary>
    private const int MaxEnumerated = 2000;
}
