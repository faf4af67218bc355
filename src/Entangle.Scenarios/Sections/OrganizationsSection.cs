using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary><c>organizations:</c> — NATO, the UN Security Council, the EU, with members and dates.</summary>
public sealed class OrganizationsSection : ISectionReader
{
    public static readonly string[] Kinds = ["alliance", "un-body", "union", "other"];

    public string Name => "organizations";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "organization", "id", "name", "kind", "members", "source", "judgement", "description", "draft", "sentence"))
        {
            DraftFields.Read(m);
            var id = Id(m, parts, IdKind.Organization, "organization");
            var name = m.RequiredString("name");
            var kind = m.String("kind", required: true) ?? "other";
            if (!Kinds.Contains(kind))
                ctx.Error(m.Get("kind"), $"{m.What}: 'kind' = '{kind}' is not one of {string.Join(", ", Kinds)}{Suggest.DidYouMean(kind, Kinds)}");
            var basis = m.Provenance();
            var members = Memberships.Read(m, parts, "members", "member");
            parts.Organizations.Add(new Organization(id, name, kind, members, basis ?? Provenance.Judge("?"), m.String("description")));
        }
    }
}

/// <summary>Reads membership lists written as <c>[RUS, PRK]</c> or <c>[{ state: FIN, from: 2023-04-04 }]</c>.</summary>
public static class Memberships
{
    public static List<Membership> Read(MapReader m, ScenarioParts parts, string key, string singular)
    {
        var result = new List<Membership>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in m.List(key, required: true))
        {
            Membership? member = null;
            YamlNode at = item;
            if (item is YamlScalarNode s && s.Value is not null && !SourceContext.IsNull(s))
            {
                parts.Refer(IdKind.State, s.Value, s, m.Context, $"{m.What}, '{key}'");
                member = new Membership(new StateId(s.Value), DateSpan.Always);
            }
            else
            {
                var mm = MapReader.Open(item, m.Context, $"{m.What}, {singular}", "state", "from", "to", "role", "veto", "source", "judgement", "note");
                if (mm is null) continue;
                var state = Ref(mm, parts, "state", IdKind.State, required: true);
                if (state is null) continue;
                at = mm.Get("state")!;
                mm.As($"{m.What}, {singular} '{state}'");
                var from = mm.Date("from");
                var to = mm.Date("to");
                Order(mm, "from", from, "to", to);
                mm.String("note");
                member = new Membership(new StateId(state), new DateSpan(from, to), mm.String("role"), mm.Bool("veto") ?? false, mm.Provenance(required: false));
            }
            if (!seen.Add(member.State.Iso3))
                m.Context.Error(at, $"{m.What}: {singular} '{member.State}' is listed twice");
            result.Add(member);
        }
        return result;
    }
}
