using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary>
/// <c>hindsight:</c> — what a scenario's author learned after the scenario's date, kept apart from the dated scenario
/// so that nothing learned later shapes it (docs/scenario-format.md). A root file that includes a hindsight file is
/// labelled as such (<see cref="HindsightInfo"/>), for evaluation only. It may give a label and amend treaties' later
/// dates (<c>in_force</c>, <c>ended</c>, <c>superseded_by</c>), each with its source; later events go in the same
/// file's ordinary <c>events:</c> section.
/// </summary>
public sealed class HindsightSection : ISectionReader
{
    public string Name => HindsightInfo.SectionName;

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        var m = MapReader.Open(node, ctx, "hindsight", "label", "treaties");
        if (m is null) return;
        var label = m.RequiredString("label");
        var amendments = new List<TreatyAmendment>();
        var i = 0;
        foreach (var item in m.List("treaties"))
        {
            i++;
            var a = MapReader.Open(item, ctx, $"hindsight, treaty #{i}", "treaty", "in_force", "ended", "superseded_by", "source");
            if (a is null) continue;
            var id = Ref(a, parts, "treaty", IdKind.Treaty, required: true);
            var supersededBy = Ref(a, parts, "superseded_by", IdKind.Treaty);
            if (id is null) continue;
            amendments.Add(new TreatyAmendment(id, a.Date("in_force"), a.Date("ended"), supersededBy, a.RequiredString("source")));
        }
        var previous = parts.Extensions.TryGetValue(Name, out var v) && v is HindsightInfo h ? h : null;
        parts.Extensions[Name] = new HindsightInfo(previous is null ? label : previous.Label + "; " + label, [.. previous?.Treaties ?? [], .. amendments]);
    }

    /// <summary>Applies the amendments of a hindsight section to the treaties read (after every file is read).</summary>
    internal static void Apply(ScenarioParts parts)
    {
        if (!parts.Extensions.TryGetValue(HindsightInfo.SectionName, out var v) || v is not HindsightInfo h) return;
        foreach (var a in h.Treaties)
        {
            var i = parts.Treaties.FindIndex(t => t.Id == a.Treaty);
            if (i < 0) continue; // an unknown treaty is reported by the reference check
            var t = parts.Treaties[i];
            parts.Treaties[i] = t with
            {
                InForce = a.InForce ?? t.InForce,
                Ended = a.Ended ?? t.Ended,
                SupersededBy = a.SupersededBy ?? t.SupersededBy,
                Source = $"{t.Source}; HINDSIGHT (learned after the scenario's date): {a.Source}",
            };
        }
    }
}
