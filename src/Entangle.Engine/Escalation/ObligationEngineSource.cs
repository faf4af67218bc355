using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Obligations;

namespace Entangle.Engine.Escalation;

/// <summary>
/// Builds the escalation engine's obligations table from the obligations engine (src/Entangle.Engine/Obligations):
/// for each theater of the escalation model, each state with a role there (the partner) and each principal on the
/// other side (the attacker), it asks who is obliged to assist the partner if the attacker strikes it in that
/// theater, on the start date and on each date within the horizon when a treaty enters into force. A finding that
/// holds only under some renderings or readings carries that reading; the engine multiplies its credibility by
/// <c>global.reading_factor</c> (a catalog parameter, default one half).
/// </summary>
public sealed class ObligationEngineSource(EscalationModel model, DateOnly start, DateOnly end) : IObligationSource
{
    public IReadOnlyList<ObligationRow> Obligations(Scenario scenario, Ladder ladder)
    {
        var dates = new SortedSet<DateOnly> { start };
        foreach (var t in scenario.Treaties)
            if (t.InForce is { } f && f > start && f <= end) dates.Add(f);
        var rows = new Dictionary<(string, string, string, string, string), ObligationRow>();
        foreach (var th in model.Theaters.OrderBy(t => t.Theater, StringComparer.Ordinal))
        {
            var roles = th.SideA.Select(s => (State: s, Side: Side.A)).Concat(th.SideB.Select(s => (State: s, Side: Side.B)))
                .Concat(th.Supporters.Select(s => (s.State, s.Side))).OrderBy(x => x.State).ToList();
            foreach (var (partner, side) in roles)
            {
                var attackers = (side == Side.A ? th.SideB : th.SideA).OrderBy(x => x).ToList();
                foreach (var attacker in attackers)
                foreach (var on in dates)
                {
                    ObligationAnswer answer;
                    try { answer = ObligationEngine.Answer(scenario, new ObligationQuery(attacker, partner, th.Theater, null, on)); }
                    catch (InputException) { continue; }
                    foreach (var f in answer.Obliged)
                    {
                        if (f.Kind != ClauseKind.Defense || f.Clause is null || f.State == partner) continue;
                        var treaty = scenario.Treaty(f.Treaty);
                        var clause = treaty?.Clauses.FirstOrDefault(c => c.Article == f.Clause);
                        if (treaty is null || clause is null) continue;
                        var level = clause.Trigger.Event == TriggerEvent.ArmedAttack && !clause.Trigger.RequiresStateOfWar ? ladder.WarLevel - 1 : ladder.WarLevel;
                        var baseCred = f.Credibility ?? clause.Credibility;
                        var all = f.Reading == "all";
                        var cred = baseCred;
                        var article = all ? clause.Article : $"{clause.Article} ({f.Reading} reading)";
                        var from = treaty.InForce is { } inf && inf > on ? inf : on;
                        var key = (f.State.Iso3, partner.Iso3, th.Theater, treaty.Id, clause.Article);
                        if (rows.TryGetValue(key, out var existing) && (existing.Span.From ?? DateOnly.MinValue) <= from) continue;
                        rows[key] = new ObligationRow(f.State, partner, th.Theater, treaty.Id, article, clause.Strength, cred, level,
                            clause.Trigger.ExcludesProvoked, new DateSpan(from, treaty.Ended?.AddDays(-1)), all ? "all" : f.Reading);
                    }
                }
            }
        }
        return rows.OrderBy(r => r.Key.Item4, StringComparer.Ordinal).ThenBy(r => r.Key.Item3, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => r.Key.Item2, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Item5, StringComparer.Ordinal).Select(r => r.Value).ToList();
    }
}
