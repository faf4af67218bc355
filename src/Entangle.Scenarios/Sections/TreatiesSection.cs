using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary><c>treaties:</c> — parties, dates and operative clauses with verbatim text and ATOP-style coding.</summary>
public sealed class TreatiesSection : ISectionReader
{
    public string Name => "treaties";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "treaty", "id", "name", "kind", "parties", "signed", "in_force", "ended",
                     "supersedes", "superseded_by", "atop_id", "source", "clauses", "note"))
        {
            var id = Id(m, parts, IdKind.Treaty, "treaty");
            var name = m.RequiredString("name");
            var kind = m.Enum<TreatyKind>("kind", required: true) ?? TreatyKind.Other;
            var members = Memberships.Read(m, parts, "parties", "party");
            if (members.Count is > 0 and < 2)
                ctx.Error(m.Get("parties"), $"{m.What}: a treaty needs at least two parties");
            var signed = m.Date("signed");
            var inForce = m.Date("in_force");
            var ended = m.Date("ended");
            if (inForce is null && !m.Written("in_force") && id != "")
                ctx.Warn(m.Get("id"), $"{m.What} has no 'in_force' date, so it is never in force and obliges no one; add 'in_force: YYYY-MM-DD' (or 'in_force: ~' for a treaty signed but not yet in force)");
            Order(m, "signed", signed, "in_force", inForce);
            Order(m, "in_force", inForce ?? signed, "ended", ended);
            var supersedes = Refs(m, parts, "supersedes", IdKind.Treaty);
            var supersededBy = Ref(m, parts, "superseded_by", IdKind.Treaty);
            var atop = m.Integer("atop_id", min: 1000, max: 9999);
            var source = m.RequiredString("source");
            var clauses = new List<Clause>();
            var articles = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var c in m.List("clauses"))
            {
                i++;
                var cm = MapReader.Open(c, ctx, $"{m.What}, clause #{i}", "article", "kind", "text", "source", "renderings",
                    "trigger", "scope", "strength", "exceptions", "credibility", "note");
                if (cm is null) continue;
                var clause = ReadClause(cm, parts);
                if (clause is null) continue;
                if (!articles.Add(clause.Article)) ctx.Error(cm.Get("article"), $"{m.What}: article '{clause.Article}' is coded twice");
                clauses.Add(clause);
            }
            if (kind == TreatyKind.Alliance && clauses.Count == 0)
                ctx.Error(m.KeyOrSelf("clauses"), $"{m.What}: an alliance needs at least one coded clause");
            parts.Treaties.Add(new Treaty(id, name, kind, members, signed, inForce, ended, supersedes, supersededBy, atop,
                source, clauses, m.String("note")));
        }
    }

    private static Clause? ReadClause(MapReader cm, ScenarioParts parts)
    {
        var article = cm.String("article", required: true);
        if (article is null) return null;
        cm.As($"{cm.What.Split(", clause #")[0]}, Art. {article}");
        var kind = cm.Enum<ClauseKind>("kind", required: true);
        var text = cm.RequiredString("text");
        var source = cm.RequiredString("source");
        var trigger = cm.Get("trigger") is { } t ? ReadTrigger(t, cm, parts) : null;
        if (trigger is null && !cm.Has("trigger"))
        {
            if (kind is ClauseKind.Defense or ClauseKind.Offense)
                cm.Context.Error(cm.KeyOrSelf("trigger"), $"{cm.What}: a {MapReader.Kebab(kind.Value.ToString())} clause needs a 'trigger'");
            trigger = new Trigger(TriggerEvent.Threat, []);
        }
        var scope = cm.Get("scope") is { } s ? ReadScope(s, cm, parts) : Scope.Unlimited;
        var strength = cm.Enum<ClauseStrength>("strength", required: true);
        var exceptions = cm.Strings("exceptions").Select(e => e.Value).ToList();
        var credibility = cm.Assessed("credibility", min: 0, max: 1);
        var renderings = new List<Rendering>();
        foreach (var r in cm.List("renderings"))
        {
            var rm = MapReader.Open(r, cm.Context, $"{cm.What}, rendering", "id", "label", "text", "source", "trigger");
            if (rm is null) continue;
            var rid = rm.String("id", required: true) ?? "";
            rm.As($"{cm.What}, rendering '{rid}'");
            var rtrigger = rm.Get("trigger") is { } rt ? ReadTrigger(rt, rm, parts) : null;
            renderings.Add(new Rendering(rid, rm.RequiredString("label"), rm.RequiredString("text"), rm.RequiredString("source"), rtrigger));
        }
        if (kind is null || strength is null || trigger is null || scope is null) return null;
        return new Clause(article, kind.Value, text, source, renderings, trigger, scope, strength.Value, exceptions, credibility, cm.String("note"));
    }

    private static Trigger? ReadTrigger(YamlNode node, MapReader parent, ScenarioParts parts)
    {
        var tm = MapReader.Open(node, parent.Context, $"{parent.What}, trigger", "event", "by", "requires_state_of_war", "excludes_provoked");
        if (tm is null) return null;
        var ev = tm.Enum<TriggerEvent>("event", required: true);
        var by = new List<StateId>();
        var byNode = tm.Get("by");
        if (byNode is YamlScalarNode { Value: "any" }) { }
        else if (byNode is null) { }
        else
            by.AddRange(Refs(tm, parts, "by", IdKind.State).Select(s => new StateId(s)));
        var war = tm.Bool("requires_state_of_war") ?? false;
        var provoked = tm.Bool("excludes_provoked") ?? false;
        return ev is null ? null : new Trigger(ev.Value, by, war, provoked);
    }

    private static Scope? ReadScope(YamlNode node, MapReader parent, ScenarioParts parts)
    {
        var sm = MapReader.Open(node, parent.Context, $"{parent.What}, scope", "anywhere", "areas", "territories", "administered_only", "forces", "description", "administered_by");
        if (sm is null) return null;
        var anywhere = sm.Bool("anywhere") ?? false;
        var areas = Refs(sm, parts, "areas", IdKind.Area);
        var territories = Refs(sm, parts, "territories", IdKind.Territory);
        var administeredBy = Refs(sm, parts, "administered_by", IdKind.State).Select(x => new StateId(x)).ToList();
        var forceNames = MapReader.EnumNames<ForceKind>();
        var forces = new List<ForceKind>();
        foreach (var (f, n) in sm.Strings("forces"))
        {
            if (forceNames.TryGetValue(f, out var fk)) forces.Add(fk);
            else sm.Context.Error(n, $"{sm.What}: force kind '{f}' is not one of {string.Join(", ", forceNames.Keys)}{Suggest.DidYouMean(f, forceNames.Keys)}");
        }
        if (anywhere && (areas.Count > 0 || territories.Count > 0 || administeredBy.Count > 0))
            sm.Context.Error(sm.Get("anywhere"), $"{sm.What}: 'anywhere: true' cannot be combined with areas, territories or administered_by");
        if (!anywhere && areas.Count == 0 && territories.Count == 0 && administeredBy.Count == 0)
            sm.Context.Error(sm.Node, $"{sm.What}: give 'anywhere: true', or the 'areas', 'territories' and/or 'administered_by' it covers");
        return new Scope(anywhere, areas, territories, sm.Bool("administered_only") ?? false, forces, sm.String("description"),
            administeredBy.Count > 0 ? administeredBy : null);
    }
}
