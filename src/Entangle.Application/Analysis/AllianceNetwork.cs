using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Domain;

namespace Entangle.Application.Analysis;

/// <summary>
/// A picture of the alliance network as inline SVG, drawn without external tools: treaties as squares on an
/// inner ring, their parties as circles on an outer ring, a line from each treaty to each party. States are placed
/// in the order of the first treaty they belong to (treaties in id order), which keeps each treaty's parties
/// together; positions depend only on the scenario, so the same scenario gives the same picture.
/// </summary>
public static class AllianceNetwork
{
    public static string Svg(Scenario sc, int size = 760)
    {
        var inv = CultureInfo.InvariantCulture;
        var treaties = sc.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var states = new List<string>();
        foreach (var t in treaties)
            foreach (var p in t.Parties.Select(p => p.State.Iso3).Distinct().OrderBy(x => x, StringComparer.Ordinal))
                if (!states.Contains(p)) states.Add(p);
        double cx = size / 2.0, cy = size / 2.0, rOuter = size * 0.42, rInner = size * 0.2;
        (double X, double Y) At(int i, int n, double r, double offset = 0) =>
            (cx + r * Math.Cos(2 * Math.PI * (i + offset) / Math.Max(1, n) - Math.PI / 2), cy + r * Math.Sin(2 * Math.PI * (i + offset) / Math.Max(1, n) - Math.PI / 2));
        var sPos = states.Select((s, i) => (s, At(i, states.Count, rOuter))).ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
        // each treaty sits at the mean angle of its parties, pulled to the inner ring
        var tPos = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var i = 0; i < treaties.Count; i++)
        {
            var ps = treaties[i].Parties.Select(p => sPos[p.State.Iso3]).ToList();
            double mx = ps.Average(p => p.X - cx), my = ps.Average(p => p.Y - cy);
            var len = Math.Sqrt(mx * mx + my * my);
            var ring = At(i, treaties.Count, rInner);
            tPos[treaties[i].Id] = len < 1e-6 ? ring : (cx + mx / len * rInner * (0.7 + 0.3 * (i % 3)), cy + my / len * rInner * (0.7 + 0.3 * (i % 3)));
        }
        static string Colour(TreatyKind k) => k switch
        {
            TreatyKind.Alliance => "#c0392b",
            TreatyKind.Partnership => "#e67e22",
            TreatyKind.Technology => "#2e86c1",
            _ => "#7f8c8d",
        };
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"Alliance network\" font-family=\"sans-serif\">");
        sb.Append(inv, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/>");
        foreach (var t in treaties)
        {
            var (tx, ty) = tPos[t.Id];
            foreach (var p in t.Parties.Select(p => p.State.Iso3).Distinct())
            {
                var (sx, sy) = sPos[p];
                sb.Append(inv, $"<line x1=\"{tx:0.#}\" y1=\"{ty:0.#}\" x2=\"{sx:0.#}\" y2=\"{sy:0.#}\" stroke=\"{Colour(t.Kind)}\" stroke-opacity=\"0.55\" stroke-width=\"{(t.Kind == TreatyKind.Alliance ? 2 : 1.3)}\"/>");
            }
        }
        foreach (var t in treaties)
        {
            var (tx, ty) = tPos[t.Id];
            sb.Append(inv, $"<rect x=\"{tx - 7:0.#}\" y=\"{ty - 7:0.#}\" width=\"14\" height=\"14\" fill=\"{Colour(t.Kind)}\"><title>{WebUtility.HtmlEncode(t.Name)}</title></rect>");
            sb.Append(inv, $"<text x=\"{tx + 10:0.#}\" y=\"{ty + 4:0.#}\" font-size=\"11\" fill=\"#222\">{WebUtility.HtmlEncode(t.Id)}</text>");
        }
        foreach (var s in states)
        {
            var (sx, sy) = sPos[s];
            var name = sc.States.FirstOrDefault(x => x.Id.Iso3 == s)?.Name ?? s;
            var nuclear = sc.States.FirstOrDefault(x => x.Id.Iso3 == s)?.IsNuclear() ?? false;
            sb.Append(inv, $"<circle cx=\"{sx:0.#}\" cy=\"{sy:0.#}\" r=\"13\" fill=\"#f4f6f8\" stroke=\"{(nuclear ? "#000" : "#57606a")}\" stroke-width=\"{(nuclear ? 2.5 : 1)}\"><title>{WebUtility.HtmlEncode(name)}{(nuclear ? " (nuclear weapons)" : "")}</title></circle>");
            sb.Append(inv, $"<text x=\"{sx:0.#}\" y=\"{sy + 3.5:0.#}\" font-size=\"9.5\" text-anchor=\"middle\" fill=\"#111\">{s}</text>");
        }
        sb.Append(inv, $"<text x=\"10\" y=\"{size - 10}\" font-size=\"11\" fill=\"#57606a\">{treaties.Count} treaties, {states.Count} parties; thick outline: nuclear-armed state</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
