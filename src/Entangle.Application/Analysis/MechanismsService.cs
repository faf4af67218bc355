using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Application.Escalation;
using Entangle.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Analysis;

/// <summary>The answer of <c>entangle mechanisms</c>: the paths from a source to each target metric.</summary>
/// <param name="From">The source nodes (treaties, parameters or events).</param>
/// <param name="Nodes">How many nodes the map has.</param>
/// <param name="Edges">How many edges.</param>
public sealed record MechanismsResult(string Scenario, IReadOnlyList<string> From, int Nodes, int Edges, IReadOnlyList<MechanismTarget> Targets);

/// <summary>One target metric: its paths from the source, or what it reads when there is none.</summary>
/// <param name="Reads">The nodes the metric reads directly.</param>
/// <param name="Claims">The claims about this metric (ids), if any.</param>
public sealed record MechanismTarget(string Metric, IReadOnlyList<string> Claims, IReadOnlyList<ClaimPath> Paths, IReadOnlyList<string> Reads);

/// <summary>
/// <c>entangle mechanisms</c>: the mechanism map of a scenario's compiled escalation model (docs/analysis.md) and the
/// paths from a treaty, parameter or event to metrics. By default the sources are the scenario's treaties that reach
/// anything, and the targets the metrics of its claims (every metric when it states none).
/// </summary>
public static class MechanismsService
{
    /// <summary>The map of a scenario as it is.</summary>
    public static MechanismMap Map(CompiledModel m) => MechanismMap.Build(m, Metrics.For(m));

    /// <summary>The paths from <paramref name="from"/> (or every treaty) to <paramref name="to"/> (or the claims' metrics).</summary>
    public static MechanismsResult Paths(ScenarioSource source, IReadOnlyList<string>? from, IReadOnlyList<string>? to)
    {
        var scenario = source.Load();
        var model = EscalationService.Compile(scenario, new EscalationRequest(), null, source.Name);
        var outcomes = Metrics.For(model);
        var map = MechanismMap.Build(model, outcomes);
        var names = outcomes.Select(o => o.Name).ToList();
        var errors = new List<Diagnostic>();
        var sources = new List<string>();
        foreach (var f in from ?? [])
        {
            if (map.Source(f) is { } node) sources.Add(node);
            else errors.Add(new Diagnostic(null, null, null, $"from '{f}': not a treaty, parameter or event of the scenario{Suggest.DidYouMean(f, scenario.Treaties.Select(t => t.Id).Concat(model.ParameterPaths).Concat(model.Events))}"));
        }
        foreach (var t in to ?? [])
            if (!names.Contains(t, StringComparer.Ordinal)) errors.Add(new Diagnostic(null, null, null, $"to '{t}': unknown metric{Suggest.DidYouMean(t, names)}; the metrics are listed by `entangle run --json`"));
        if (errors.Count > 0) throw new InputException(errors);
        if (sources.Count == 0)
            sources = scenario.Treaties.Select(t => MapNode.Treaty(t.Id)).Where(n => map.Reachable(n).Count > 1).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var claims = scenario.Claims();
        var targets = to is { Count: > 0 } ? to.ToList()
            : claims.Count > 0 ? claims.Select(c => c.Metric).Distinct(StringComparer.Ordinal).ToList()
            : names.Where(n => sources.Any(s => map.Reachable(s).Contains(MapNode.Metric(n)))).ToList();
        var result = targets.Select(t => new MechanismTarget(t, claims.Where(c => c.Metric == t).Select(c => c.Id).ToList(),
            sources.SelectMany(s => map.Paths(s, MapNode.Metric(t))).Select(p => new ClaimPath(p.Nodes, p.Mechanisms)).ToList(),
            map.InputsOf(MapNode.Metric(t)))).ToList();
        return new MechanismsResult(scenario.Info.Id, sources, map.Nodes.Count, map.Edges.Count(), result);
    }

    /// <summary>
    /// The paths as an SVG picture: one row of boxes per path, grouped by target metric (drawn by Entangle, no fonts
    /// fetched). Nodes are coloured by kind.
    /// </summary>
    public static string Svg(IReadOnlyList<MechanismTarget> targets, int maxPathsPerTarget = 4)
    {
        const int boxW = 170, boxH = 34, gapX = 26, rowH = 46, headH = 26, margin = 10;
        var rows = new List<(string? Heading, ClaimPath? Path)>();
        foreach (var t in targets)
        {
            rows.Add(($"{t.Metric}{(t.Claims.Count > 0 ? " (claim " + string.Join(", ", t.Claims) + ")" : "")}{(t.Paths.Count == 0 ? ": no path — the model cannot test it" : "")}", null));
            foreach (var p in t.Paths.Take(maxPathsPerTarget)) rows.Add((null, p));
        }
        var maxLen = rows.Where(r => r.Path is not null).Select(r => r.Path!.Nodes.Count).DefaultIfEmpty(1).Max();
        var width = margin * 2 + maxLen * boxW + (maxLen - 1) * gapX;
        var height = margin * 2 + rows.Sum(r => r.Path is null ? headH : rowH);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"10\">");
        sb.Append("<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#555\"/></marker></defs>");
        var y = margin;
        foreach (var (heading, path) in rows)
        {
            if (path is null)
            {
                sb.Append(inv, $"<text x=\"{margin}\" y=\"{y + 17}\" font-size=\"12\" font-weight=\"bold\">{WebUtility.HtmlEncode(heading)}</text>");
                y += headH; continue;
            }
            for (var k = 0; k < path.Nodes.Count; k++)
            {
                var x = margin + k * (boxW + gapX);
                var node = path.Nodes[k];
                var kind = node[..node.IndexOf(':')];
                sb.Append(inv, $"<rect x=\"{x}\" y=\"{y}\" width=\"{boxW}\" height=\"{boxH}\" rx=\"5\" fill=\"{Colour(kind)}\" stroke=\"#555\"/>");
                sb.Append(inv, $"<text x=\"{x + 6}\" y=\"{y + 13}\" fill=\"#333\">{WebUtility.HtmlEncode(kind)}</text>");
                var label = node[(node.IndexOf(':') + 1)..];
                if (label.Length > 27) label = label[..26] + "…";
                sb.Append(inv, $"<text x=\"{x + 6}\" y=\"{y + 27}\" font-weight=\"bold\">{WebUtility.HtmlEncode(label)}</text>");
                if (k > 0)
                    sb.Append(inv, $"<line x1=\"{x - gapX}\" y1=\"{y + boxH / 2}\" x2=\"{x - 2}\" y2=\"{y + boxH / 2}\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>{WebUtility.HtmlEncode(path.Mechanisms[k - 1])}</title></line>");
            }
            y += rowH;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Colour(string kind) => kind switch
    {
        "treaty" => "#f4d6a0", "flow" => "#f7c6c7", "link" => "#f7c6c7", "obligations" => "#f7c6c7",
        "capability" or "forces" or "share" or "allocation" or "spiral" => "#c9e4f5",
        "balance" or "stake" or "level" or "intervention" => "#d9ead3",
        "metric" => "#e6d5f0", _ => "#eeeeee",
    };
}
