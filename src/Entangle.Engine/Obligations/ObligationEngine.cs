using Entangle.Domain;

namespace Entangle.Engine.Obligations;

/// <summary>Whether a finding says a state is obliged.</summary>
public enum Outcome { Obliged, NotObliged }

/// <summary>A state's overall answer: obliged under every reading, under none, or only under some.</summary>
public enum ObligationStatus { Obliged, DependsOnReading, NotObliged }

/// <summary>
/// One answer for one state under one treaty (and one clause and reading, where those decide it).
/// </summary>
/// <param name="Reading"><c>all</c> when the answer holds for every rendering and reading; otherwise the rendering ids
/// (<c>text</c> is the clause's primary text, other ids are its <see cref="Rendering"/>s) and, where the text itself
/// cannot decide, <c>broad</c> or <c>narrow</c>.</param>
/// <param name="Trigger">Why the trigger matches (or not), quoting the clause's terms.</param>
/// <param name="Scope">Why the scope matches (or not).</param>
/// <param name="Reason">One-sentence summary.</param>
public sealed record ObligationFinding(
    StateId State,
    string Treaty,
    string? Clause,
    ClauseKind? Kind,
    ClauseStrength? Strength,
    Outcome Outcome,
    string Reading,
    IReadOnlyList<string> Renderings,
    string? Trigger,
    string? Scope,
    string Reason,
    string? Text,
    string? Source,
    Assessed? Credibility,
    IReadOnlyList<string>? Exceptions = null);

/// <summary>The answer to an <see cref="ObligationQuery"/>.</summary>
public sealed record ObligationAnswer(
    Attack Attack,
    DateOnly On,
    IReadOnlyList<ObligationFinding> Obliged,
    IReadOnlyList<ObligationFinding> NotObliged,
    IReadOnlyDictionary<StateId, ObligationStatus> Status);

/// <summary>
/// Decides which states a treaty obliges to assist the target of an armed attack, clause by clause, from the clause's
/// coded trigger and scope, and never claims more than the text says: where official renderings differ, each is
/// evaluated; where a condition (an "armed invasion", a state of war "thus" caused) cannot be decided from the text,
/// the answer is given under a broad and a narrow reading.
/// </summary>
public static class ObligationEngine
{
    /// <summary>The primary rendering's id in <see cref="ObligationFinding.Renderings"/>.</summary>
    public const string PrimaryText = "text";

    /// <summary>Answers a query against a scenario.</summary>
    public static ObligationAnswer Answer(Scenario s, ObligationQuery q) => Evaluate(s, AttackResolver.Resolve(s, q), q.On);

    /// <summary>Evaluates every treaty to which the attack's target is a party.</summary>
    public static ObligationAnswer Evaluate(Scenario s, Attack a, DateOnly on)
    {
        var obliged = new List<ObligationFinding>();
        var not = new List<ObligationFinding>();
        foreach (var t in s.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            if (!t.Parties.Any(p => p.State == a.Target)) continue;
            foreach (var f in EvaluateTreaty(s, t, a, on))
                (f.Outcome == Outcome.Obliged ? obliged : not).Add(f);
        }
        var status = new SortedDictionary<StateId, ObligationStatus>();
        foreach (var st in obliged.Select(f => f.State).Concat(not.Select(f => f.State)).Distinct())
        {
            var mine = obliged.Where(f => f.State == st).ToList();
            status[st] = mine.Any(f => f.Reading == "all") ? ObligationStatus.Obliged
                : mine.Count > 0 ? ObligationStatus.DependsOnReading : ObligationStatus.NotObliged;
        }
        return new ObligationAnswer(a, on, obliged, not, status);
    }

    /// <summary>The findings for each other party of <paramref name="t"/> when its party <c>a.Target</c> is attacked.</summary>
    public static IEnumerable<ObligationFinding> EvaluateTreaty(Scenario s, Treaty t, Attack a, DateOnly on)
    {
        var others = t.Parties.Select(p => p.State).Where(p => p != a.Target).Distinct().OrderBy(p => p).ToList();
        ObligationFinding No(StateId p, string reason, Clause? c = null) =>
            new(p, t.Id, c?.Article, c?.Kind, c?.Strength, Outcome.NotObliged, "all", [], null, null, reason, c?.Text, c?.Source, c?.Credibility, c?.Exceptions);

        string? treatyProblem = null;
        if (!t.InForceOn(on))
        {
            treatyProblem = t.InForce is null ? (t.Signed is { } signed && signed <= on ? $"{t.Id} was signed on {signed:yyyy-MM-dd} but is not in force: pending ratification as far as the scenario knows" : $"{t.Id} is not in force")
                : t.InForce > on ? $"{t.Id} was not yet in force on {on:yyyy-MM-dd}" + (t.Signed is { } sg ? $" (signed {sg:yyyy-MM-dd}" : " (") + $", in force from {t.InForce:yyyy-MM-dd})"
                : $"{t.Id} ended on {t.Ended:yyyy-MM-dd}" + (t.SupersededBy is { } sb ? $", superseded by {sb}" : "");
        }
        else if (!t.Parties.Any(m => m.State == a.Target && m.Span.Contains(on)))
        {
            treatyProblem = $"{a.Target} was not a party to {t.Id} on {on:yyyy-MM-dd} ({Spans(t, a.Target)})";
        }
        var defense = t.Clauses.Where(c => c.Kind == ClauseKind.Defense).ToList();
        foreach (var p in others)
        {
            if (treatyProblem is not null) { yield return No(p, treatyProblem); continue; }
            if (p == a.Attacker) { yield return No(p, $"{p} is the attacker"); continue; }
            if (!t.Parties.Any(m => m.State == p && m.Span.Contains(on)))
            {
                yield return No(p, $"{p} was not a party to {t.Id} on {on:yyyy-MM-dd} ({Spans(t, p)})");
                continue;
            }
            if (defense.Count == 0)
            {
                var kinds = t.Clauses.Count == 0 ? "no operative clause is coded"
                    : string.Join("; ", t.Clauses.Select(c => $"Art. {c.Article} is {KindName(c.Kind)}"));
                yield return No(p, $"{t.Id} has no defence clause ({kinds}): it does not oblige {p} to assist {a.Target}",
                    t.Clauses.FirstOrDefault());
                continue;
            }
            foreach (var c in defense)
                foreach (var f in EvaluateClause(s, t, c, p, a)) yield return f;
        }
    }

    private static string Spans(Treaty t, StateId p) =>
        string.Join(", ", t.Parties.Where(m => m.State == p).Select(m =>
            m.Span.From is null && m.Span.To is null ? "party throughout"
            : $"party {(m.Span.From is { } f ? $"from {f:yyyy-MM-dd}" : "")}{(m.Span.To is { } e ? $" until {e:yyyy-MM-dd}" : "")}".Trim()));

    private static string KindName(ClauseKind k) => k switch
    {
        ClauseKind.Consultation => "consultation only",
        ClauseKind.Cooperation => "cooperation only",
        ClauseKind.NonAggression => "non-aggression",
        ClauseKind.Neutrality => "neutrality",
        ClauseKind.Offense => "offense",
        _ => "defense",
    };

    private enum Verdict { Yes, No, Undecided }

    private sealed record TriggerResult(Verdict Verdict, string Reason, string? Narrow = null);

    /// <summary>Evaluates one defence clause for party <paramref name="p"/>, across its renderings.</summary>
    private static IEnumerable<ObligationFinding> EvaluateClause(Scenario s, Treaty t, Clause c, StateId p, Attack a)
    {
        var (scopeOk, scopeWhy) = ScopeMatch(s, c.Scope, a);
        ObligationFinding F(Outcome o, string reading, IReadOnlyList<string> rend, string? trig, string reason) =>
            new(p, t.Id, c.Article, c.Kind, c.Strength, o, reading, rend, trig, scopeWhy, reason, c.Text, c.Source, c.Credibility, c.Exceptions);

        if (!scopeOk)
        {
            yield return F(Outcome.NotObliged, "all", [], null, $"Art. {c.Article} does not cover the attack: {scopeWhy}");
            yield break;
        }
        var readings = new List<(string Id, TriggerResult R)> { (PrimaryText, TriggerMatch(c.Trigger, a)) };
        foreach (var r in c.Renderings) readings.Add((r.Id, TriggerMatch(r.Trigger ?? c.Trigger, a)));

        if (readings.All(r => r.R.Verdict == Verdict.Yes))
        {
            var why = string.Join(" / ", readings.Select(r => r.R.Reason).Distinct());
            yield return F(Outcome.Obliged, "all", readings.Select(r => r.Id).ToList(), why,
                $"{p} is obliged under {t.Id} Art. {c.Article} ({StrengthName(c.Strength)}) to assist {a.Target}");
            yield break;
        }
        if (readings.All(r => r.R.Verdict == Verdict.No))
        {
            var why = string.Join(" / ", readings.Select(r => r.R.Reason).Distinct());
            yield return F(Outcome.NotObliged, "all", readings.Select(r => r.Id).ToList(), why, $"Art. {c.Article} is not triggered: {why}");
            yield break;
        }
        var multi = readings.Count > 1;
        foreach (var g in readings.GroupBy(r => r.R.Verdict).OrderBy(g => g.Key))
        {
            var ids = g.Select(r => r.Id).ToList();
            var label = string.Join(", ", ids);
            switch (g.Key)
            {
                case Verdict.Yes:
                    yield return F(Outcome.Obliged, label, ids, string.Join(" / ", g.Select(r => r.R.Reason).Distinct()),
                        $"under the {label} rendering {p} is obliged under {t.Id} Art. {c.Article} ({StrengthName(c.Strength)})");
                    break;
                case Verdict.No:
                    yield return F(Outcome.NotObliged, label, ids, string.Join(" / ", g.Select(r => r.R.Reason).Distinct()),
                        $"under the {label} rendering Art. {c.Article} is not triggered: {string.Join(" / ", g.Select(r => r.R.Reason).Distinct())}");
                    break;
                default:
                    var broad = multi ? $"{label}: broad" : "broad";
                    var narrow = multi ? $"{label}: narrow" : "narrow";
                    yield return F(Outcome.Obliged, broad, ids, string.Join(" / ", g.Select(r => r.R.Reason).Distinct()),
                        $"the text does not decide; on a broad reading {p} is obliged under {t.Id} Art. {c.Article} ({StrengthName(c.Strength)})");
                    yield return F(Outcome.NotObliged, narrow, ids, string.Join(" / ", g.Select(r => r.R.Narrow ?? r.R.Reason).Distinct()),
                        $"the text does not decide; on a narrow reading Art. {c.Article} is not triggered: {string.Join(" / ", g.Select(r => r.R.Narrow ?? r.R.Reason).Distinct())}");
                    break;
            }
        }
    }

    /// <summary>"automatic", "conditional", "consultation only".</summary>
    public static string StrengthName(ClauseStrength k) => k switch
    {
        ClauseStrength.Automatic => "automatic",
        ClauseStrength.Conditional => "conditional",
        _ => "consultation only",
    };

    private static TriggerResult TriggerMatch(Trigger tr, Attack a)
    {
        if (!tr.AnyAttacker && !tr.By.Contains(a.Attacker))
            return new(Verdict.No, $"the clause names only attacks by {string.Join(", ", tr.By)}; the attacker is {a.Attacker}");
        switch (tr.Event)
        {
            case TriggerEvent.Threat:
                return new(Verdict.Yes, $"an attack by {a.Attacker} is at least a threat to {a.Target}");
            case TriggerEvent.StateOfWar:
                return new(Verdict.Yes, $"{a.Target} is in a state of war with {a.Attacker}, whatever its cause");
        }
        var onTerritory = a.Sites.Any(x => x.OnTerritory);
        var what = tr.Event == TriggerEvent.ArmedInvasion ? "an armed invasion" : "an armed attack";
        var war = tr.RequiresStateOfWar ? " and thus a state of war" : "";
        if (a.TargetBeganWar)
        {
            if (tr.ExcludesProvoked)
                return new(Verdict.No, $"the clause excludes attacks the party provoked, and {a.BeganWarBasis}");
            var narrow = tr.RequiresStateOfWar || tr.Event == TriggerEvent.ArmedInvasion
                ? $"{a.Target} was already at war, by its own doing ({a.BeganWarBasis}); it is not placed in a state of war 'due to' {what} by {a.Attacker}, so the condition '{what}{war}' is not met"
                : $"{a.BeganWarBasis}; a counter-attack on the side that began the war need not be the 'armed attack' a collective self-defence clause answers";
            var broadWhy = tr.Event == TriggerEvent.ArmedInvasion && !onTerritory
                ? $"{a.Attacker}'s attack on {a.Target}'s forces, by a state at war with it, read as {what}{war}"
                : $"{a.Attacker}'s attack on {a.Target} is {what} by a state with which {a.Target} is at war{(tr.RequiresStateOfWar ? ", and leaves it in a state of war" : "")}; the text does not ask who began the war";
            return new(Verdict.Undecided, broadWhy, narrow);
        }
        if (tr.Event == TriggerEvent.ArmedInvasion && !onTerritory)
            return new(Verdict.Undecided,
                $"{a.Attacker}'s attack on {a.Target}'s forces outside its territory read as an armed invasion{war}",
                $"an attack on {a.Target}'s forces outside its territory is an armed attack but not plainly 'an armed invasion'");
        var premise = tr.RequiresStateOfWar
            ? $" that places {a.Target} in a state of war with {a.Attacker} (the query posits an attack that opens a war)"
            : "";
        var inv = tr.Event == TriggerEvent.ArmedInvasion ? " on its territory, coded as an armed invasion," : "";
        return new(Verdict.Yes, $"{a.Attacker}'s attack is an armed attack on {a.Target}{inv}{premise}"
            + (tr.AnyAttacker ? "; the clause covers an attack by any state" : $"; the clause names {a.Attacker}"));
    }

    private static (bool Ok, string Why) ScopeMatch(Scenario s, Scope sc, Attack a)
    {
        if (sc.Anywhere) return (true, "the clause has no geographic limit");
        var misses = new List<string>();
        foreach (var site in a.Sites)
        {
            var (ok, why) = SiteMatch(s, sc, a.Target, site);
            if (ok) return (true, why);
            misses.Add(why);
        }
        return (false, string.Join("; ", misses.Distinct()));
    }

    private static (bool Ok, string Why) SiteMatch(Scenario s, Scope sc, StateId target, AttackSite site)
    {
        var words = sc.Description is { } d ? $"the clause covers \"{d}\"" : "the clause's scope";
        if (sc.AdministeredBy is { Count: > 0 } adm)
        {
            if (site.Territory is { } t && adm.Contains(t.AdministeredBy))
                return (true, $"{t.Id} ({t.Name}) is under the administration of {t.AdministeredBy}"
                              + (t.ClaimedBy.Count > 0 ? $" (claimed by {string.Join(", ", t.ClaimedBy)})" : "")
                              + $", as {words.Replace("the clause covers ", "")} requires");
            return (false, site.Territory is { } t2
                ? $"{words}; {t2.Id} is administered by {t2.AdministeredBy}, not {string.Join(" or ", adm)}"
                : $"{words}; {site.Description} is not in territory under the administration of {string.Join(" or ", adm)}");
        }
        if (site.OnTerritory && sc.Territories.Contains(site.Territory!.Id))
            return (true, $"{site.Territory.Id} is named in the clause's scope");
        if (sc.Areas.Count > 0)
        {
            var inArea = sc.Areas.FirstOrDefault(sa => site.Areas.Any(x => s.AreaWithin(x, sa)));
            if (inArea is null)
                return (false, $"{words}; {site.Description} lies in {string.Join(", ", site.Areas)}, outside {string.Join(" and ", sc.Areas)}");
            var areaName = s.Area(inArea)?.Name ?? inArea;
            if (site.Forces is { } k)
            {
                if (sc.Forces.Contains(k))
                    return (true, $"the clause covers a party's {AttackResolver.ForceName(k)} in {areaName}, and {site.Description} lies in {areaName}");
                return (false, $"{words}; it does not extend to a party's {AttackResolver.ForceName(k)} ({site.Description})");
            }
            var t = site.Territory!;
            if (sc.AdministeredOnly && t.AdministeredBy != target)
                return (false, $"{words}; {t.Id} is not under {target}'s administration");
            return (true, $"{t.Id} ({t.Name}) is {target}'s territory{(sc.AdministeredOnly ? " under its administration" : "")} and lies in {areaName}");
        }
        if (sc.Territories.Count > 0)
            return (false, $"{words}; {site.Description} is not among {string.Join(", ", sc.Territories)}");
        return (false, $"{words}; no area or territory matches {site.Description}");
    }
}
