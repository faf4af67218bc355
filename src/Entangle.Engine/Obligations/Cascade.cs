using Entangle.Domain;

namespace Entangle.Engine.Obligations;

/// <summary>Options for <see cref="CascadeEngine"/>.</summary>
/// <param name="HomelandStrikes">Besides fighting in the theater, belligerents strike each other's home territory
/// (an escalation assumption; off by default).</param>
/// <param name="CertainOnly">Only follow obligations that hold under every reading; by default reading-dependent
/// obligations are followed too and everything downstream is marked as depending on them.</param>
/// <param name="MaxWaves">Safety bound; the closure always ends because each wave adds belligerents from a finite set.</param>
public sealed record CascadeOptions(bool HomelandStrikes = false, bool CertainOnly = false, int MaxWaves = 50);

/// <summary>One step of the cascade: a state obliged, by a clause, to assist a belligerent against an attacker.</summary>
/// <param name="Wave">1 for states obliged by the first attack, 2 for those obliged by the entry of wave 1, …</param>
/// <param name="State">The state that joins.</param>
/// <param name="Defends">The belligerent it is obliged to assist.</param>
/// <param name="Against">The state whose attack triggered the clause.</param>
/// <param name="Trigger">The attack that triggered it.</param>
/// <param name="Certain">True when every reading obliges it and nothing upstream depends on a reading.</param>
/// <param name="DependsOn">The readings this step depends on, its own and upstream (e.g. <c>rus-prk-2024 Art. 4: broad</c>).</param>
/// <param name="Attack">The attack, described ("CHN attacks USA at …").</param>
/// <param name="OutsideTheater">True when the triggering attack fell outside the war's theater (a homeland strike):
/// the clause chains that theater to another (a war in Korea reaching NATO territory in North America).</param>
public sealed record CascadeEdge(
    int Wave,
    StateId State,
    StateId Defends,
    StateId Against,
    string Treaty,
    string Clause,
    ClauseStrength Strength,
    string Reading,
    bool Certain,
    IReadOnlyList<string> DependsOn,
    string Trigger,
    string Scope,
    string Attack,
    bool OutsideTheater = false);

/// <summary>A state obliged to assist both sides (it is already fighting on the other).</summary>
public sealed record CascadeConflict(int Wave, StateId State, StateId Defends, string Treaty, string Clause, string Note);

/// <summary>A party to a relevant treaty that the cascade never obliged, with the last reason found.</summary>
public sealed record CascadeHold(StateId State, string Treaty, string Reason);

/// <summary>The closure of a war under treaty obligations, wave by wave.</summary>
/// <param name="Sides">Each belligerent's side: <c>A</c> is the side that began the war, <c>B</c> the side attacked.</param>
public sealed record CascadeResult(
    Attack Initial,
    DateOnly On,
    CascadeOptions Options,
    IReadOnlyList<CascadeEdge> Edges,
    IReadOnlyList<CascadeConflict> Conflicts,
    IReadOnlyList<CascadeHold> NotTriggered,
    IReadOnlyDictionary<StateId, string> Sides,
    int Waves,
    string Stop);

/// <summary>
/// Computes how a war spreads under treaty obligations. Wave 0 is the attack. Each state obliged by an attack joins
/// the side of the state it must assist; joining, it fights the attacker in the same theater (on the attacker's
/// territory there, or against its forces there), and the attacker fights it — and those attacks are evaluated in turn.
/// The closure stops when a wave obliges no new state.
/// </summary>
public static class CascadeEngine
{
    /// <summary>Runs the cascade from a query.</summary>
    public static CascadeResult Run(Scenario s, ObligationQuery q, CascadeOptions? options = null) =>
        Run(s, AttackResolver.Resolve(s, q), q.On, options ?? new CascadeOptions());

    /// <summary>Runs the cascade from a resolved first attack.</summary>
    public static CascadeResult Run(Scenario s, Attack first, DateOnly on, CascadeOptions options)
    {
        var side = new SortedDictionary<StateId, string> { [first.Attacker] = "A", [first.Target] = "B" };
        // The side that began the war is A, unless the first attack is itself a counter-attack on a side that began it.
        if (first.TargetBeganWar) { side[first.Target] = "A"; side[first.Attacker] = "B"; }
        var beganBasis = new Dictionary<StateId, string>
        {
            [first.TargetBeganWar ? first.Target : first.Attacker] = first.TargetBeganWar
                ? first.BeganWarBasis ?? $"{first.Target} began the war"
                : $"{first.Attacker} began the war by attacking {first.Target}",
        };
        var theater = first.Theater is { } tid ? s.Theater(tid) : null;
        var edges = new List<CascadeEdge>();
        var conflicts = new List<CascadeConflict>();
        var lastNo = new SortedDictionary<(StateId, string), string>();
        var pending = new List<(Attack Attack, IReadOnlyList<string> Depends)> { (first, []) };
        var wave = 0;
        var stop = "";
        while (true)
        {
            wave++;
            if (wave > options.MaxWaves) { stop = $"stopped at the safety bound of {options.MaxWaves} waves"; wave--; break; }
            var joined = new List<(StateId State, Attack By, CascadeEdge Edge)>();
            foreach (var (attack, depends) in pending)
            {
                var ans = ObligationEngine.Evaluate(s, attack, on);
                foreach (var f in ans.NotObliged)
                    if (!side.ContainsKey(f.State)) lastNo[(f.State, f.Treaty)] = f.Reason;
                foreach (var g in ans.Obliged.GroupBy(f => f.State).OrderBy(g => g.Key))
                {
                    var f = g.OrderBy(x => x.Reading == "all" ? 0 : 1).ThenBy(x => x.Treaty, StringComparer.Ordinal).First();
                    var certain = f.Reading == "all";
                    var dep = depends.ToList();
                    if (!certain) dep.Add($"{f.Treaty} Art. {f.Clause}: {f.Reading}");
                    if (side.TryGetValue(f.State, out var sd))
                    {
                        if (sd != side[attack.Target])
                            conflicts.Add(new CascadeConflict(wave, f.State, attack.Target, f.Treaty, f.Clause ?? "",
                                $"{f.State} is obliged to assist {attack.Target} but already fights on the other side"));
                        continue;
                    }
                    if (joined.Any(j => j.State == f.State)) continue;
                    if (options.CertainOnly && dep.Count > 0)
                    {
                        lastNo[(f.State, f.Treaty)] = $"held back: obliged only under a reading ({string.Join("; ", dep)}) and --certain-only is set";
                        continue;
                    }
                    var edge = new CascadeEdge(wave, f.State, attack.Target, attack.Attacker, f.Treaty, f.Clause ?? "",
                        f.Strength ?? ClauseStrength.Conditional, f.Reading, dep.Count == 0, dep, f.Trigger ?? "", f.Scope ?? "",
                        attack.Describe(), wave > 1 && attack.Theater != first.Theater);
                    joined.Add((f.State, attack, edge));
                }
            }
            if (joined.Count == 0)
            {
                stop = $"wave {wave} obliges no further state";
                wave--;
                break;
            }
            var next = new List<(Attack, IReadOnlyList<string>)>();
            foreach (var (st, by, edge) in joined)
            {
                side[st] = side[by.Target];
                lastNo.Keys.Where(k => k.Item1 == st).ToList().ForEach(k => lastNo.Remove(k));
                edges.Add(edge);
            }
            foreach (var (st, by, edge) in joined)
            {
                var enemy = by.Attacker;
                next.Add((Strike(s, theater, first, st, enemy, side, beganBasis, home: false), edge.DependsOn));
                next.Add((Strike(s, theater, first, enemy, st, side, beganBasis, home: false), edge.DependsOn));
                if (options.HomelandStrikes)
                {
                    if (s.Territory(enemy.Iso3) is not null)
                        next.Add((Strike(s, theater, first, st, enemy, side, beganBasis, home: true), edge.DependsOn));
                    if (s.Territory(st.Iso3) is not null)
                        next.Add((Strike(s, theater, first, enemy, st, side, beganBasis, home: true), edge.DependsOn));
                }
            }
            pending = next;
        }
        var holds = lastNo.Where(kv => !side.ContainsKey(kv.Key.Item1))
            .Select(kv => new CascadeHold(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
        return new CascadeResult(first, on, options, edges, conflicts, holds, side, wave, stop);
    }

    private static Attack Strike(Scenario s, Theater? theater, Attack first, StateId from, StateId to,
        IReadOnlyDictionary<StateId, string> side, IReadOnlyDictionary<StateId, string> beganBasis, bool home)
    {
        IReadOnlyList<AttackSite> sites;
        if (home) sites = [AttackResolver.Site(s, s.Territory(to.Iso3)!, null)];
        else if (theater is not null) sites = AttackResolver.SitesInTheater(s, theater, to, null);
        else
        {
            // No theater: the war stays where it began; the target is struck on its own territory there, else its forces there.
            var own = first.Sites.Where(x => x.OnTerritory && x.Territory!.AdministeredBy == to).ToList();
            sites = own.Count > 0 ? own
                : [new AttackSite(null, ForceKind.ArmedForces, first.Sites.SelectMany(x => x.Areas).Distinct().ToList(),
                    $"{to}'s armed forces in {string.Join(", ", first.Sites.SelectMany(x => x.Areas).Distinct())}")];
        }
        var toBegan = side.TryGetValue(to, out var sd) && sd == "A";
        string? basis = null;
        if (toBegan)
        {
            var starter = beganBasis.Keys.First();
            basis = to == starter ? beganBasis[starter] : $"{beganBasis[starter]}, and {to} joined {starter}'s side";
        }
        return new Attack(from, to, sites, home ? null : theater?.Id ?? first.Theater, toBegan, basis);
    }
}
