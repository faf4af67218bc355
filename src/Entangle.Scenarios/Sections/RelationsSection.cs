using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary><c>relations:</c> — rivalry, trade, sanctions, channels, transfers between pairs of actors.</summary>
public sealed class RelationsSection : ISectionReader
{
    public string Name => "relations";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "relation", "id", "kind", "from", "to", "directed", "description", "value", "unit",
                     "year", "since", "until", "source", "judgement", "note"))
        {
            var id = Id(m, parts, IdKind.Relation, "relation");
            var kind = m.Enum<RelationKind>("kind", required: true);
            var from = Ref(m, parts, "from", IdKind.Actor, required: true) ?? "";
            var to = Ref(m, parts, "to", IdKind.Actor, required: true) ?? "";
            if (from != "" && from == to) ctx.Error(m.Get("to"), $"{m.What}: 'from' and 'to' are the same actor '{from}'");
            var value = m.Number("value");
            var unit = m.String("unit");
            if (value is not null && unit is null) ctx.Error(m.KeyOrSelf("value"), $"{m.What}: 'value' needs a 'unit'");
            var year = m.Integer("year", min: 1800, max: 2100);
            var since = m.Date("since");
            var until = m.Date("until");
            Order(m, "since", since, "until", until);
            var basis = m.Provenance();
            var directed = m.Bool("directed") ?? kind is RelationKind.Sanctions or RelationKind.ArmsTransfer or RelationKind.TechnologyTransfer or RelationKind.Support;
            if (kind is null || basis is null) continue;
            parts.Relations.Add(new Relation(id, kind.Value, from, to, directed, m.RequiredString("description"), value, unit, year,
                new DateSpan(since, until), basis, m.String("note")));
        }
    }
}

/// <summary><c>issues:</c> — questions for the bargaining engine, with stakeholders.</summary>
public sealed class IssuesSection : ISectionReader
{
    public string Name => "issues";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "issue", "id", "title", "low", "high", "description", "stakeholders"))
        {
            var id = Id(m, parts, IdKind.Issue, "issue");
            var stakes = new List<IssueStake>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var listed = m.List("stakeholders", required: true);
            if (listed.Count == 0 && m.Get("stakeholders") is YamlSequenceNode empty)
                ctx.Error(empty, $"{m.What}: 'stakeholders' is empty; a forecast needs at least one");
            foreach (var s in listed)
            {
                var sm = MapReader.Open(s, ctx, $"{m.What}, stakeholder", "actor", "position", "capability", "salience", "note");
                if (sm is null) continue;
                var actor = Ref(sm, parts, "actor", IdKind.Actor, required: true);
                if (actor is null) continue;
                sm.As($"{m.What}, stakeholder '{actor}'");
                if (!seen.Add(actor)) ctx.Error(sm.Get("actor"), $"{m.What}: stakeholder '{actor}' is listed twice");
                var position = sm.Assessed("position", required: true, min: 0, max: 100);
                var capability = sm.Assessed("capability", required: true, min: 0);
                var salience = sm.Assessed("salience", required: true, min: 0, max: 1);
                sm.String("note");
                if (position is not null && capability is not null && salience is not null)
                    stakes.Add(new IssueStake(actor, position, capability, salience));
            }
            if (stakes.Count > 0 && stakes.Count == listed.Count && stakes.All(x => x.Capability.Value * x.Salience.Value <= 0))
                ctx.Error(m.KeyOrSelf("stakeholders"), $"{m.What}: every stakeholder has capability × salience = 0, so no position can move; give one a capability and salience above 0");
            parts.Issues.Add(new Issue(id, m.RequiredString("title"), m.RequiredString("low"), m.RequiredString("high"), stakes, m.String("description")));
        }
    }
}

/// <summary><c>events:</c> — dated facts, scheduled events and probabilistic shocks.</summary>
public sealed class EventsSection : ISectionReader
{
    /// <summary>
    /// The effects the escalation engine reads (docs/model.md §7) and the values each may take: tension and level
    /// are in ladder levels (0–9), resolve is added to a resolve of 0–10, forces to forces of at most 1e9.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Min, double Max)> EffectRanges = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["tension"] = (0, 9),
        ["level"] = (0, 9),
        ["intervention_pressure"] = (-100, 100),
        ["resolve"] = (-10, 10),
        ["forces"] = (-1e9, 1e9),
    };

    public string Name => "events";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "event", "id", "kind", "date", "title", "theater", "by", "actors", "probability", "effects",
                     "source", "judgement", "note", "draft", "sentence"))
        {
            DraftFields.Read(m);
            var id = Id(m, parts, IdKind.Event, "event");
            var kind = m.Enum<EventKind>("kind", required: true);
            var date = m.Date("date");
            if (kind is EventKind.Fact or EventKind.Scheduled && date is null && !m.Has("date"))
                ctx.Error(m.KeyOrSelf("date"), $"{m.What}: a {MapReader.Kebab(kind.Value.ToString())} event needs a 'date'");
            var theater = Ref(m, parts, "theater", IdKind.Theater);
            var by = Ref(m, parts, "by", IdKind.State);
            var actors = Refs(m, parts, "actors", IdKind.Actor);
            var probability = m.Assessed("probability", min: 0, max: 1);
            if (kind == EventKind.Shock && probability is null && !m.Has("probability") && date is null)
                ctx.Error(m.KeyOrSelf("probability"), $"{m.What}: a shock needs a 'probability' (per step) or a 'date'");
            var effects = new List<Effect>();
            foreach (var e in m.List("effects"))
            {
                var em = MapReader.Open(e, ctx, $"{m.What}, effect", "target", "parameter", "value");
                if (em is null) continue;
                var parameter = em.String("parameter", required: true);
                (double Min, double Max)? range = parameter is not null && EffectRanges.TryGetValue(parameter, out var r) ? r : null;
                if (parameter is not null && range is null)
                    ctx.Warn(em.Get("parameter"), $"{m.What}, effect: parameter '{SourceContext.Quote(parameter)}' is not read by the escalation engine, which reads {string.Join(", ", EffectRanges.Keys)}{Suggest.DidYouMean(parameter, EffectRanges.Keys)}");
                var target = (parameter is "resolve" or "forces" ? Ref(em, parts, "target", IdKind.State, required: true) : Ref(em, parts, "target", IdKind.Place, required: true)) ?? "";
                var value = em.Number("value", required: true, min: range?.Min ?? double.NegativeInfinity, max: range?.Max ?? double.PositiveInfinity);
                effects.Add(new Effect(target, parameter ?? "", value ?? 0));
            }
            var basis = m.Provenance();
            if (kind is null || basis is null) continue;
            parts.Events.Add(new ScenarioEvent(id, kind.Value, date, m.RequiredString("title"), theater, actors, probability, effects, basis, m.String("note"),
                by is null ? null : new StateId(by)));
        }
    }
}

/// <summary><c>corrections:</c> — where the source article is wrong, and the sourced fact used instead.</summary>
public sealed class CorrectionsSection : ISectionReader
{
    public string Name => "corrections";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "correction", "id", "article_says", "fact", "source"))
        {
            var id = Id(m, parts, IdKind.Correction, "correction");
            parts.Corrections.Add(new Correction(id, m.RequiredString("article_says"), m.RequiredString("fact"), m.RequiredString("source")));
        }
    }
}
