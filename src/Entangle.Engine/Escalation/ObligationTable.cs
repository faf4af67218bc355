using Entangle.Domain;

namespace Entangle.Engine.Escalation;

/// <summary>
/// One row of the "who is obliged to join whom in which theater" table the escalation engine reads: if
/// <paramref name="Partner"/> comes under attack in <paramref name="Theater"/> at or above
/// <paramref name="TriggerLevel"/>, <paramref name="Ally"/> is obliged to join it.
/// </summary>
/// <param name="Strength">How firmly the clause binds.</param>
/// <param name="Credibility">Prior that the clause is honoured when triggered (0–1); null when the clause gives none
/// (the engine then reads <c>global.default_credibility</c>).</param>
/// <param name="TriggerLevel">The ladder level the attack must reach (armed attack: use of force; state of war: war).</param>
/// <param name="ExcludesProvoked">Not triggered when the partner's side made the last escalation.</param>
/// <param name="Span">When the obligation binds.</param>
/// <param name="Reading">"all" when the obligation holds under every rendering and reading of the text; otherwise the
/// reading under which it holds (the engine then multiplies its credibility by <c>global.reading_factor</c>).</param>
public sealed record ObligationRow(
    StateId Ally, StateId Partner, string Theater, string Treaty, string Article,
    ClauseStrength Strength, Assessed? Credibility, int TriggerLevel, bool ExcludesProvoked, DateSpan Span, string Reading = "all");

/// <summary>A source of obligation rows (the obligations engine, or the temporary adapter below).</summary>
public interface IObligationSource
{
    /// <summary>The rows for a scenario, in a defined order.</summary>
    IReadOnlyList<ObligationRow> Obligations(Scenario scenario, Ladder ladder);
}

/// <summary>
/// A simple stand-in for the obligations engine (the default is <see cref="ObligationEngineSource"/>): reads defence
/// clauses straight from the treaties with a simple rule. For each defence clause, each ordered pair of parties
/// (ally, partner) and each theater whose territories include the partner's own territory (its ISO3 id or a
/// territory it administers) and that lie in the clause's scope: one row. Armed attack triggers at use of force
/// (MID 4), armed invasion and state of war at war. It ignores attackers named in triggers, forces-only scopes
/// and renderings; the obligations engine decides those properly.
/// </summary>
public sealed class TreatyClauseAdapter : IObligationSource
{
    public IReadOnlyList<ObligationRow> Obligations(Scenario scenario, Ladder ladder)
    {
        var rows = new List<ObligationRow>();
        foreach (var treaty in scenario.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            if (treaty.InForce is null) continue;
            foreach (var clause in treaty.Clauses)
            {
                if (clause.Kind != ClauseKind.Defense) continue;
                var level = clause.Trigger.Event switch
                {
                    TriggerEvent.ArmedAttack when !clause.Trigger.RequiresStateOfWar => ladder.WarLevel - 1,
                    TriggerEvent.Threat => -1,
                    _ => ladder.WarLevel,
                };
                if (level < 0) continue;
                var cred = clause.Credibility;
                foreach (var partner in treaty.Parties)
                foreach (var ally in treaty.Parties)
                {
                    if (ally.State == partner.State) continue;
                    foreach (var theater in scenario.Theaters.OrderBy(t => t.Id, StringComparer.Ordinal))
                    {
                        if (!Covers(scenario, clause.Scope, theater, partner.State)) continue;
                        var from = Max(treaty.InForce, Max(partner.Span.From, ally.Span.From));
                        var to = Min(treaty.Ended?.AddDays(-1), Min(partner.Span.To, ally.Span.To));
                        rows.Add(new ObligationRow(ally.State, partner.State, theater.Id, treaty.Id, clause.Article, clause.Strength, cred,
                            level, clause.Trigger.ExcludesProvoked, new DateSpan(from, to)));
                    }
                }
            }
        }
        return rows;
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);
    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static bool Covers(Scenario s, Scope scope, Theater theater, StateId partner)
    {
        foreach (var tid in theater.Territories)
        {
            var own = tid == partner.Iso3;
            var territory = s.Territory(tid);
            if (!own && territory?.AdministeredBy != partner) continue;
            if (scope.Anywhere) return true;
            if (scope.Territories.Contains(tid)) return true;
            var areas = territory?.Areas ?? (IReadOnlyList<string>)theater.Areas;
            foreach (var a in areas)
                foreach (var c in scope.Areas)
                    if (s.AreaWithin(a, c)) return true;
            if (own)
                foreach (var a in theater.Areas)
                    foreach (var c in scope.Areas)
                        if (s.AreaWithin(a, c)) return true;
        }
        return false;
    }
}
