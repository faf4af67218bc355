using System.Globalization;
using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Application.Backtest;

/// <summary>A state in a generated crisis scenario, with the figures the scenario uses and where each came from.</summary>
/// <param name="Code">The scenario's id for it (ICB/COW three-letter code; <c>NSA</c> for a non-state adversary).</param>
/// <param name="MilexUsd">COW NMC military expenditure of the year before the trigger, current US$ (null: not coded).</param>
/// <param name="Nuclear">Its first nuclear test came before the trigger (Backtest/nuclear-first-tests.csv).</param>
/// <param name="GreatPower">A COW major power in the trigger year (after the list's last year, 2016 for v2016, its last year's status is carried forward: a judgement).</param>
public sealed record CaseActor(int Ccode, string Code, double? MilexUsd, int? MilexYear, string ForcesBasis, bool Nuclear, string? NuclearBasis,
    bool GreatPower, bool CrisisActor);

/// <summary>An ATOP obligation in force on the trigger date from <see cref="Ally"/> toward the principal <see cref="Partner"/>.</summary>
public sealed record CaseAlliance(int AtopId, int Ally, int Partner, IReadOnlyList<string> Obligations, bool Conditional, bool NotProvoked, string Source);

/// <summary>A non-principal with an ATOP defence or offence obligation toward a principal on <see cref="Side"/>.</summary>
public sealed record CaseSupporter(CaseActor Actor, char Side, IReadOnlyList<CaseAlliance> Alliances);

/// <summary>
/// What was knowable at the trigger. <see cref="Timvio"/> is ICB's timing of violence as coded (the issue's
/// one-rule reference reads all of it); <see cref="PreCrisisViolence"/> is its code 2 (violence before the crisis),
/// the only part the model reads. <see cref="Protracted"/>: an earlier ICB crisis of the same protracted conflict
/// <see cref="IntraWar"/>: ICB codes the crisis as breaking out during an ongoing war (<c>iwcmb</c> ≠ 1), a setting knowable at the trigger.
/// <see cref="AllPrincipalsNuclear"/>: every principal on both sides held nuclear weapons, so a war in the crisis is a war between nuclear-armed states.
/// (<c>pcid</c>) exists and ICB codes the setting as protracted (<c>protrac</c> 2 or 3). Era: pre-1946, cold-war (1946–1989), 1990s, 2000+.
/// <see cref="TriggeringEntity"/>: ICB <c>trigent</c> when it is a state (the COW code of the state whose act triggered the crisis).
/// </summary>
public sealed record CaseFeatures(int? Timvio, bool PreCrisisViolence, int? TriggerType, bool ViolentTrigger, bool Protracted,
    bool AnyNuclear, bool BothSidesNuclear, bool GreatPowerPrincipal, string Era, bool AllPrincipalsNuclear = false, bool IntraWar = false,
    int? TriggeringEntity = null);

/// <summary>What ICB records happened: <c>viol</c>, <c>brexit</c>, and direct military superpower involvement (<c>usinv</c> or <c>suinv</c> = 4).</summary>
public sealed record CaseOutcomes(int Violence, int? DurationDays, bool Intervention, string Source);

/// <summary>One ICB crisis as the backtest sees it: sides, supporters, knowable features and the recorded outcome.</summary>
public sealed record CrisisCase(int Crisno, string Name, DateOnly Trigger, IReadOnlyList<CaseActor> SideA, IReadOnlyList<CaseActor> SideB,
    IReadOnlyList<CaseSupporter> Supporters, CaseFeatures Features, CaseOutcomes Outcomes, IReadOnlyList<string> Provenance)
{
    public int Year => Trigger.Year;

    /// <summary>The observed value of a target (1 or 0); null when ICB does not code it (a <c>brexit</c> left empty).</summary>
    public double? Observed(string target) => target switch
    {
        Targets.Serious => Outcomes.Violence >= 3 ? 1 : 0,
        Targets.War => Outcomes.Violence == 4 ? 1 : 0,
        Targets.Long => Outcomes.DurationDays is { } d ? (d > Targets.LongDays ? 1 : 0) : null,
        Targets.Intervention => Outcomes.Intervention ? 1 : 0,
        _ => throw new InputException($"unknown target '{target}'{Suggest.DidYouMean(target, Targets.All)}; known: {string.Join(", ", Targets.All)}"),
    };
}

/// <summary>The four forecast targets.</summary>
public static class Targets
{
    public const string Serious = "viol3";
    public const string War = "viol4";
    public const string Long = "long";
    public const string Intervention = "intervention";
    /// <summary>"More than six months": more than 182 days of <c>brexit</c>; in the model, the crisis has not ended after step 6 (months).</summary>
    public const int LongDays = 182;
    public const int LongSteps = 6;
    public static readonly IReadOnlyList<string> All = [Serious, War, Long, Intervention];

    public static string Describe(string t) => t switch
    {
        Serious => "P(serious clashes or war: ICB viol >= 3)",
        War => "P(full-scale war: ICB viol = 4)",
        Long => "P(crisis lasts more than 6 months: brexit > 182 days)",
        Intervention => "P(a superpower intervenes militarily: ICB usinv or suinv = 4)",
        _ => t,
    };
}

/// <summary>
/// Builds a <see cref="CrisisCase"/> for each ICB crisis from the imported ICB, COW NMC, COW state-system and ATOP data,
/// using only what was knowable at the trigger date. Sides: the crisis actors and the states they face in the ICB
/// dyadic file, two-coloured from the first crisis actor (a state adjacent to both sides stays on the first side it is
/// reached from); when no adversary state is coded, the triggering entity if it is a state, otherwise a non-state
/// adversary (<c>NSA</c>). Supporters: up to <see cref="MaxSupportersPerSide"/> non-principal states per side (largest
/// military expenditure first) with an ATOP defence or offence obligation in force toward a principal of that side
/// and none toward the other side.
/// </summary>
public static class CrisisCases
{
    /// <summary>A cap on supporters per side (a cost bound, a judgement: NATO would bring two dozen).</summary>
    public const int MaxSupportersPerSide = 4;

    public static IReadOnlyList<CrisisCase> Build(ReferenceData data)
    {
        var icb = data.Icb;
        var involvement = IcbSuperpowerInvolvement.Read(data);
        var atop = data.Atop;
        var states = data.CowStates;
        var nmc = data.Nmc;
        var codes = new Dictionary<int, string>();
        foreach (var a in icb.AllActors) codes.TryAdd(a.Ccode, a.Actor);
        foreach (var d in icb.DyadYears) { if (d.NameA.Length > 0) codes.TryAdd(d.StateA, d.NameA); if (d.NameB.Length > 0) codes.TryAdd(d.StateB, d.NameB); }
        string Code(int ccode) => codes.TryGetValue(ccode, out var c) ? c : "C" + ccode.ToString(CultureInfo.InvariantCulture);
        var seenConflicts = new HashSet<int>();
        var memberships = atop.Memberships;
        var cases = new List<CrisisCase>();
        var nmcCache = new Dictionary<(int, int), NmcRecord?>();
        foreach (var c in icb.Crises.OrderBy(c => c.Crisno))
        {
            var trig = new DateOnly(c.Trigger.Year, c.Trigger.Month ?? 1, c.Trigger.Day ?? 1);
            var prov = new List<string> { $"crisis {c.Crisno} {c.Name}, trigger {c.Trigger}: {c.Source}" };
            var actors = icb.Actors(c.Crisno);
            var dyads = icb.Dyads(c.Crisno);
            // sides by two-colouring the adversary graph
            var side = new Dictionary<int, char>();
            var crisisActors = actors.Select(a => a.Ccode).Distinct().ToList();
            var adj = new SortedDictionary<int, SortedSet<int>>();
            void Edge(int x, int y) { (adj.TryGetValue(x, out var s) ? s : adj[x] = []).Add(y); (adj.TryGetValue(y, out var t) ? t : adj[y] = []).Add(x); }
            foreach (var d in dyads) if (d.StateA != d.StateB) Edge(d.StateA, d.StateB);
            foreach (var start in crisisActors)
            {
                if (side.ContainsKey(start)) continue;
                side[start] = side.Count == 0 ? 'A' : 'A';
                var q = new Queue<int>(); q.Enqueue(start);
                while (q.Count > 0)
                {
                    var x = q.Dequeue();
                    foreach (var y in adj.TryGetValue(x, out var n) ? n : [])
                        if (!side.ContainsKey(y)) { side[y] = side[x] == 'A' ? 'B' : 'A'; q.Enqueue(y); }
                }
            }
            var nsa = false;
            if (!side.ContainsValue('B'))
            {
                var te = actors.Select(a => a.TriggeringEntity).FirstOrDefault(t => t is > 0 and < 990 && !side.ContainsKey(t.Value));
                if (te is { } t) { side[t] = 'B'; prov.Add($"side B: the triggering entity {t} (trigent), no adversary state in the dyadic file"); }
                else { nsa = true; prov.Add("side B: a non-state adversary (trigent is not a state, no adversary in the dyadic file); forces judged"); }
            }
            CaseActor Actor(int ccode, bool crisisActor)
            {
                var key = (ccode, c.Trigger.Year - 1);
                if (!nmcCache.TryGetValue(key, out var rec)) nmcCache[key] = rec = nmc.Get(ccode, c.Trigger.Year - 1);
                double? milex = rec?.Milex is { } m and > 0 ? m * 1000 : null;
                var forces = milex is not null ? $"COW NMC milex {c.Trigger.Year - 1}: {rec!.Source}" : "judgement: no COW NMC milex for the year before; forces 0.05 (US$ 50 m)";
                var nt = NuclearFirstTests.Before(ccode, trig);
                return new CaseActor(ccode, Code(ccode), milex, milex is null ? null : c.Trigger.Year - 1, forces, nt is not null,
                    nt is null ? null : $"first test {nt.Date:yyyy-MM-dd} ({nt.Test}): {nt.Source}", states.IsMajorPower(ccode, Math.Min(c.Trigger.Year, states.CoverageEndYear)), crisisActor);
            }
            var sideA = side.Where(kv => kv.Value == 'A').Select(kv => Actor(kv.Key, crisisActors.Contains(kv.Key))).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
            var sideB = side.Where(kv => kv.Value == 'B').Select(kv => Actor(kv.Key, crisisActors.Contains(kv.Key))).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
            if (nsa) sideB.Add(new CaseActor(0, "NSA", null, null, "judgement: a non-state adversary; forces 0.05 (US$ 50 m)", false, null, false, false));
            // ATOP obligations in force on the trigger date
            bool InForce(AtopMembership m) =>
                new DateOnly(m.Entry.Year, m.Entry.Month ?? 1, m.Entry.Day ?? 1) <= trig
                && (m.Exit is not { } x || new DateOnly(x.Year, x.Month ?? 12, Math.Min(x.Day ?? 28, 28)) >= trig);
            var inForce = memberships.Where(InForce).ToList();
            var byAlliance = inForce.GroupBy(m => m.AtopId).ToDictionary(g => g.Key, g => g.ToList());
            var principals = side.Keys.ToHashSet();
            var candidates = new Dictionary<int, (char Side, List<CaseAlliance> Alliances, bool Both)>();
            foreach (var (id, rows) in byAlliance.OrderBy(kv => kv.Key))
            {
                var members = rows.Select(r => r.Member).ToHashSet();
                foreach (var r in rows.Where(r => (r.Obligations.Defense || r.Obligations.Offense) && !principals.Contains(r.Member)))
                    foreach (var p in members.Where(principals.Contains).Order())
                    {
                        var s = side[p];
                        var al = new CaseAlliance(id, r.Member, p, r.Obligations.Names, r.Conditional ?? false, r.DefenseConditions.NotProvoked ?? false, r.Source.ToString());
                        if (!candidates.TryGetValue(r.Member, out var cur)) candidates[r.Member] = (s, [al], false);
                        else { cur.Alliances.Add(al); candidates[r.Member] = (cur.Side, cur.Alliances, cur.Both || cur.Side != s); }
                    }
            }
            var supporters = new List<CaseSupporter>();
            foreach (var s in new[] { 'A', 'B' })
            {
                var list = candidates.Where(kv => kv.Value.Side == s && !kv.Value.Both).Select(kv => new CaseSupporter(Actor(kv.Key, false), s, kv.Value.Alliances
                    .GroupBy(a => (a.AtopId, a.Partner)).Select(g => g.First()).ToList())).ToList();
                supporters.AddRange(list.OrderByDescending(x => x.Actor.MilexUsd ?? 0).ThenBy(x => x.Actor.Ccode).Take(MaxSupportersPerSide).OrderBy(x => x.Actor.Code, StringComparer.Ordinal));
            }
            // protracted: ICB codes a protracted-conflict setting (protrac 2 or 3) and an earlier crisis of the same conflict exists
            var earlier = c.ProtractedConflictId is { } pc && pc > 0 && !seenConflicts.Add(pc);
            var protracted = earlier && c.Protracted is 2 or 3;
            var aNuc = sideA.Any(a => a.Nuclear); var bNuc = sideB.Any(a => a.Nuclear);
            var era = c.Trigger.Year < 1946 ? "pre-1946" : c.Trigger.Year < 1990 ? "1946-1989" : c.Trigger.Year < 2000 ? "1990-1999" : "2000+";
            var features = new CaseFeatures(c.ViolenceTiming, c.ViolenceTiming == 2, c.TriggerType, c.TriggerType == 9, protracted, aNuc || bNuc, aNuc && bNuc,
                sideA.Concat(sideB).Any(a => a.GreatPower), era, sideA.Concat(sideB).All(a => a.Nuclear), c.IntraWar is { } iw && iw != 1,
                actors.Select(a => a.TriggeringEntity).FirstOrDefault(t => t is > 0 and < 990));
            var inv = involvement.TryGetValue(c.Crisno, out var iv) ? iv : null;
            var outcomes = new CaseOutcomes(c.Violence, c.DurationDays, inv is { } v && (v.UsInvolvement == 4 || v.SuInvolvement == 4), c.Source.ToString());
            cases.Add(new CrisisCase(c.Crisno, c.Name, trig, sideA, sideB, supporters, features, outcomes, prov));
        }
        return cases;
    }
}
