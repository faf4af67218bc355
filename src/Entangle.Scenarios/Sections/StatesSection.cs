using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary><c>states:</c> — states with their figures.</summary>
public sealed class StatesSection : ISectionReader
{
    public string Name => "states";

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        foreach (var m in Items(node, ctx, Name, "state", "id", "cow", "name", "other_names", "figures", "note", "draft", "sentence"))
        {
            DraftFields.Read(m);
            var id = Id(m, parts, IdKind.State, "state");
            var cow = m.Integer("cow", min: 1, max: 999);
            var name = m.RequiredString("name");
            var others = m.Strings("other_names").Select(s => s.Value).ToList();
            var figures = new List<Figure>();
            var i = 0;
            foreach (var f in m.List("figures"))
            {
                i++;
                var fm = MapReader.Open(f, ctx, $"{m.What}, figure #{i}", "name", "value", "year", "source", "judgement", "note");
                if (fm is null) continue;
                var fname = fm.RequiredString("name");
                if (fname != "")
                {
                    fm.As($"{m.What}, figure '{fname}'");
                    if (!FigureNames.Known.ContainsKey(fname))
                        ctx.Error(fm.Get("name"), $"{fm.What}: unknown figure name '{fname}'{Suggest.DidYouMean(fname, FigureNames.Known.Keys)}; known: {string.Join(", ", FigureNames.Known.Keys)}");
                }
                var value = fm.Number("value", required: true, min: 0);
                var year = fm.Integer("year", required: true, min: 1800, max: 2100);
                var basis = fm.Provenance();
                var note = fm.String("note");
                if (value is not null && year is not null && basis is not null)
                    figures.Add(new Figure(fname, value.Value, year.Value, basis, note));
            }
            var dup = figures.GroupBy(f => (f.Name, f.Year)).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null)
                ctx.Error(m.Get("figures"), $"{m.What}: figure '{dup.Key.Name}' for {dup.Key.Year} is given twice");
            parts.States.Add(new State(new StateId(id), cow, name, others, figures));
        }
    }
}
