using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary><c>areas:</c> — the regions clauses speak of.</summary>
public sealed class AreasSection : ISectionReader
{
    public string Name => "areas";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "area", "id", "name", "within", "description"))
        {
            var id = Id(m, parts, IdKind.Area, "area");
            var within = Refs(m, parts, "within", IdKind.Area);
            if (within.Contains(id)) ctx.Error(m.Get("within"), $"{m.What} lies within itself");
            parts.Areas.Add(new Area(id, m.RequiredString("name"), within, m.String("description")));
        }
    }
}

/// <summary><c>territories:</c> — places that can be attacked, with their administering state and areas.</summary>
public sealed class TerritoriesSection : ISectionReader
{
    public string Name => "territories";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "territory", "id", "name", "administered_by", "claimed_by", "areas", "note"))
        {
            var id = Id(m, parts, IdKind.Territory, "territory");
            var admin = Ref(m, parts, "administered_by", IdKind.State, required: true) ?? "";
            var claimed = Refs(m, parts, "claimed_by", IdKind.State).Select(s => new StateId(s)).ToList();
            var areas = Refs(m, parts, "areas", IdKind.Area);
            parts.Territories.Add(new Territory(id, m.RequiredString("name"), new StateId(admin), claimed, areas, m.String("note")));
        }
    }
}

/// <summary><c>theaters:</c> — regions where crises unfold, with stakeholders.</summary>
public sealed class TheatersSection : ISectionReader
{
    /// <summary>A stakeholder's role in a theater; <c>stakeholder</c> when none is given.</summary>
    public static readonly string[] Roles = ["belligerent", "supporter", "guarantor", "bystander", "stakeholder"];

    public string Name => "theaters";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "theater", "id", "name", "territories", "areas", "stakeholders", "description", "wars"))
        {
            var id = Id(m, parts, IdKind.Theater, "theater");
            var territories = Refs(m, parts, "territories", IdKind.Territory);
            var areas = Refs(m, parts, "areas", IdKind.Area);
            var stakeholders = new List<Stakeholder>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in m.List("stakeholders"))
            {
                var sm = MapReader.Open(s, ctx, $"{m.What}, stakeholder", "state", "role", "stake", "note");
                if (sm is null) continue;
                var state = Ref(sm, parts, "state", IdKind.State, required: true);
                if (state is null) continue;
                sm.As($"{m.What}, stakeholder '{state}'");
                if (!seen.Add(state)) ctx.Error(sm.Get("state"), $"{m.What}: stakeholder '{state}' is listed twice");
                var stake = sm.Assessed("stake", required: true, min: 0, max: 1);
                var role = sm.String("role") ?? "stakeholder";
                if (!Roles.Contains(role))
                {
                    ctx.Error(sm.Get("role"), $"{sm.What}: 'role' = '{SourceContext.Quote(role)}' is not one of {string.Join(", ", Roles)}{Suggest.DidYouMean(role, Roles)}");
                    continue;
                }
                sm.String("note");
                if (stake is not null) stakeholders.Add(new Stakeholder(new StateId(state), stake, role));
            }
            var wars = new List<War>();
            foreach (var w in m.List("wars"))
            {
                var wm = MapReader.Open(w, ctx, $"{m.What}, war", "initiator", "defender", "since", "until", "source", "judgement", "note");
                if (wm is null) continue;
                var initiator = Ref(wm, parts, "initiator", IdKind.State, required: true);
                var defender = Ref(wm, parts, "defender", IdKind.State, required: true);
                var since = wm.Date("since");
                var until = wm.Date("until");
                var basis = wm.Provenance();
                wm.String("note");
                if (initiator is not null && defender is not null && initiator == defender)
                    ctx.Error(wm.Get("defender"), $"{m.What}, war: initiator and defender are the same state '{initiator}'");
                if (since is { } a && until is { } b && b < a) ctx.Error(wm.Get("until"), $"{m.What}, war: 'until' is before 'since'");
                if (initiator is not null && defender is not null && basis is not null)
                    wars.Add(new War(new StateId(initiator), new StateId(defender), since, until, basis));
            }
            parts.Theaters.Add(new Theater(id, m.RequiredString("name"), territories, areas, stakeholders, m.String("description"),
                wars.Count > 0 ? wars : null));
        }
    }
}
