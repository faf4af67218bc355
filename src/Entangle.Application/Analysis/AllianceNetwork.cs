using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Domain;

namespace Entangle.Application.Analysis;

/// <summary>
/// A picture of the alliance network as inline SVG, drawn without external tools: states on a ring, a bilateral
/// treaty as a line between its parties, a multilateral treaty as a square joined to its parties. States are placed
/// in the order of the first treaty they belong to (small treaties first, in id order), which keeps each treaty's
/// parties together; positions depend only on the scenario, so the same scenario gives the same picture.
/// </summary>
public static class AllianceNetwork
{
    /// <summary>Treaties with more parties than this are drawn with only the members that matter elsewhere.</summary>
    public const int LargeTreaty = 8;

    public static string Svg(Scenario sc, int size = 760)
    {
        var inv = CultureInfo.InvariantCulture;
        var treaties = sc.Treaties.OrderBy(t => t.Parties.Count > LargeTreaty).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var em = Domain.Escalation.EscalationScenario.Escalation(sc);
        var actors = new HashSet<string>(StringComparer.Ordinal);
        if (em is not null)
        {
            foreach (var a in em.Actors) actors.Add(a.State.Iso3);
            foreach (var t in em.Theaters)
            {
                foreach (var x in t.SideA.Concat(t.SideB).Concat(t.Supporters.Select(p => p.State))) actors.Add(x.Iso3);
            }
        }
        var inSmall = new HashSet<string>(treaties.Where(t => t.Parties.Count <= LargeTreaty).SelectMany(t => t.Parties.Select(p => p.State.Iso3)), StringComparer.Ordinal);
        bool Shown(Treaty t, string iso) => t.Parties.Count <= LargeTreaty || inSmall.Contains(iso) || actors.Contains(iso);
        // ring order: states in the order of the first treaty that shows them, so each treaty's parties sit together
        var states = new List<string>();
        foreach (var t in treaties)
            foreach (var p in t.Parties.Select(p => p.State.Iso3).Distinct().OrderBy(x => x, StringComparer.Ordinal))
                if (Shown(t, p) && !states.Contains(p)) states.Add(p);
        double cx = size / 2.0, cy = size / 2.0 - 10, r = size * 0.38;
        var pos = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var i = 0; i < states.Count; i++)
        {
            var a = 2 * Math.PI * i / Math.Max(1, states.Count) - Math.PI / 2;
            pos[states[i]] = (cx + r * Math.Cos(a), cy + r * Math.Sin(a));
        }
        static string Colour(TreatyKind k) => k switch
        {
            TreatyKind.Alliance => "#c0392b",
            TreatyKind.Partnership => "#e67e22",
            TreatyKind.Technology => "#2e86c1",
            _ => "#7f8c8d",
        };
        var lines = new StringBuilder();
        var labels = new StringBuilder();
        const string halo = "stroke=\"#fff\" stroke-width=\"3.5\" paint-order=\"stroke\"";
        foreach (var t in treaties)
        {
            var shown = t.Parties.Select(p => p.State.Iso3).Distinct().Where(p => Shown(t, p)).ToList();
            var hidden = t.Parties.Select(p => p.State.Iso3).Distinct().Count() - shown.Count;
            var width = t.Id.StartsWith("rus-prk-2024", StringComparison.Ordinal) ? 4 : t.Kind == TreatyKind.Alliance ? 2.2 : 1.6;
            var name = WebUtility.HtmlEncode(t.Name);
            if (shown.Count == 2 && hidden == 0)
            {
                var (x1, y1) = pos[shown[0]]; var (x2, y2) = pos[shown[1]];
                lines.Append(inv, $"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{Colour(t.Kind)}\" stroke-opacity=\"0.8\" stroke-width=\"{width}\"><title>{name}</title></line>");
                // label 60% of the way along, so labels of chords through the centre do not pile up
                double lx = x1 + (x2 - x1) * 0.6, ly = y1 + (y2 - y1) * 0.6;
                labels.Append(inv, $"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" font-size=\"10.5\" text-anchor=\"middle\" fill=\"{Colour(t.Kind)}\" {halo}>{WebUtility.HtmlEncode(t.Id)}</text>");
                continue;
            }
            double mx = shown.Average(p => pos[p].X - cx), my = shown.Average(p => pos[p].Y - cy);
            double hx = cx + mx * 0.55, hy = cy + my * 0.55;
            foreach (var p in shown)
            {
                var (sx, sy) = pos[p];
                lines.Append(inv, $"<line x1=\"{hx:0.#}\" y1=\"{hy:0.#}\" x2=\"{sx:0.#}\" y2=\"{sy:0.#}\" stroke=\"{Colour(t.Kind)}\" stroke-opacity=\"0.6\" stroke-width=\"{width}\"/>");
            }
            labels.Append(inv, $"<rect x=\"{hx - 7:0.#}\" y=\"{hy - 7:0.#}\" width=\"14\" height=\"14\" fill=\"{Colour(t.Kind)}\"><title>{name}</title></rect>");
            var label = hidden > 0 ? $"{t.Id} (+{hidden} members not shown)" : t.Id;
            labels.Append(inv, $"<text x=\"{hx + 10:0.#}\" y=\"{hy + 4:0.#}\" font-size=\"11\" fill=\"#222\" {halo}>{WebUtility.HtmlEncode(label)}</text>");
        }
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"Alliance network\" font-family=\"sans-serif\">");
        sb.Append(inv, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/>");
        sb.Append(lines);
        foreach (var s in states)
        {
            var (sx, sy) = pos[s];
            var st = sc.States.FirstOrDefault(x => x.Id.Iso3 == s);
            var nuclear = st?.IsNuclear() ?? false;
            sb.Append(inv, $"<circle cx=\"{sx:0.#}\" cy=\"{sy:0.#}\" r=\"15\" fill=\"{(actors.Contains(s) ? "#e8f0f8" : "#f6f7f8")}\" stroke=\"{(nuclear ? "#000" : "#57606a")}\" stroke-width=\"{(nuclear ? 2.8 : 1)}\"><title>{WebUtility.HtmlEncode(st?.Name ?? s)}{(nuclear ? " (nuclear weapons)" : "")}</title></circle>");
            sb.Append(inv, $"<text x=\"{sx:0.#}\" y=\"{sy + 3.5:0.#}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#111\">{s}</text>");
        }
        sb.Append(labels);
        sb.Append(inv, $"<text x=\"10\" y=\"{size - 26}\" font-size=\"11\" fill=\"#57606a\">{treaties.Count} treaties. Lines join a bilateral treaty's parties; squares are multilateral treaties. Thick outline: nuclear-armed state.</text>");
        sb.Append(inv, $"<text x=\"10\" y=\"{size - 10}\" font-size=\"11\" fill=\"#57606a\">Blue fill: actor in the escalation model. Members of treaties with more than {LargeTreaty} parties appear only when they matter elsewhere.</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
