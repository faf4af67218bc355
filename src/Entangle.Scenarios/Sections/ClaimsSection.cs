using System.Globalization;
using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary>
/// <c>claims:</c> — propositions the scenario states so that <c>entangle claims</c> can test them
/// (docs/analysis.md): each quotes its source, names a metric, a direction, a counterfactual and the smallest
/// effect worth talking about.
/// </summary>
public sealed class ClaimsSection : ISectionReader
{
    public string Name => Claim.SectionName;

    private static readonly Dictionary<string, ClaimDirection> Directions = new(StringComparer.Ordinal)
    {
        ["higher_with"] = ClaimDirection.HigherWith,
        ["lower_with"] = ClaimDirection.LowerWith,
        ["below"] = ClaimDirection.Below,
        ["above"] = ClaimDirection.Above,
    };

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        var claims = parts.Extensions.TryGetValue(Name, out var existing) && existing is List<Claim> l ? l : [];
        parts.Extensions[Name] = claims;
        var seen = new HashSet<string>(claims.Select(c => c.Id), StringComparer.Ordinal);
        foreach (var m in Items(node, ctx, Name, "claim", "id", "title", "quote", "gloss", "source", "metric", "direction", "threshold",
                     "counterfactual", "minimum_effect", "note", "draft", "sentence"))
        {
            // A draft claim (written by `entangle ingest`) quotes its sentence but has no metric yet: its shape is
            // checked, and it is kept out of the claims that `entangle claims` tests until an analyst completes it.
            var draft = DraftFields.Read(m);
            var id = m.String("id", required: true);
            if (id is null) continue;
            var where = ctx.Where(m.Get("id")!);
            m.As($"claim '{id}'");
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9._-]*$"))
                ctx.Error(m.Get("id"), $"claim id '{id}' should contain only letters, digits, '.', '_' and '-'");
            if (!seen.Add(id)) ctx.Error(m.Get("id"), $"claim '{id}' is defined twice");
            var title = m.RequiredString("title");
            var quote = m.RequiredString("quote");
            var gloss = m.RequiredString("gloss");
            var source = m.RequiredString("source");
            if (draft)
            {
                foreach (var key in new[] { "metric", "direction", "threshold", "counterfactual", "minimum_effect" })
                    if (m.Has(key)) m.Context.Warn(m.KeyOrSelf(key), $"{m.What}: draft claim has '{key}'; remove 'draft: true' to test it");
                continue;
            }
            var metric = m.RequiredString("metric");
            var dirText = m.String("direction", required: true);
            ClaimDirection? direction = null;
            if (dirText is not null)
            {
                if (Directions.TryGetValue(dirText, out var d)) direction = d;
                else ctx.Error(m.Get("direction"), $"{m.What}: 'direction' = '{dirText}' is not one of {string.Join(", ", Directions.Keys)}");
            }
            var threshold = m.Number("threshold", min: 0, max: 1);
            if (direction is ClaimDirection.Below or ClaimDirection.Above && threshold is null)
                ctx.Error(m.KeyOrSelf("direction"), $"{m.What}: direction '{dirText}' needs a 'threshold' (a probability, e.g. 0.05)");
            if (direction is ClaimDirection.HigherWith or ClaimDirection.LowerWith && threshold is not null)
                ctx.Error(m.KeyOrSelf("threshold"), $"{m.What}: 'threshold' is for 'below' and 'above'; a comparison uses 'minimum_effect'");
            var cf = Counterfactual(m, ctx, parts);
            var min = m.Assessed("minimum_effect", required: true, min: 0, max: 1);
            var note = m.String("note");
            if (direction is null || cf is null || min is null) continue;
            claims.Add(new Claim(id, title, quote, gloss, source, metric, direction.Value, threshold, cf, min.Value, min.Basis, note)
            {
                Where = (where.File, where.Line, where.Column),
            });
        }
    }

    private static Counterfactual? Counterfactual(MapReader m, SourceContext ctx, ScenarioParts parts)
    {
        var node = m.Get("counterfactual");
        if (node is null)
        {
            ctx.Error(m.KeyOrSelf("counterfactual"), $"{m.What}: missing required field 'counterfactual' (e.g. {{ without: [TREATY-ID] }} or {{ set: {{ PATH: VALUE }} }})");
            return null;
        }
        var cm = MapReader.Open(node, ctx, $"{m.What}, counterfactual", "without", "set");
        if (cm is null) return null;
        var without = Refs(cm, parts, "without", IdKind.Treaty);
        var set = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (cm.Get("set") is { } sn)
        {
            if (sn is not YamlMappingNode map) ctx.Error(sn, $"{cm.What}: 'set' should map parameter paths to numbers, got {SourceContext.Describe(sn)}");
            else
                foreach (var (k, v) in map.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? "";
                    if (v is YamlScalarNode sv && double.TryParse(sv.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) set[key] = x;
                    else ctx.Error(v, $"{cm.What}, set '{key}': should be a number, got {SourceContext.Describe(v)}");
                }
        }
        if (without.Count == 0 && set.Count == 0)
        {
            ctx.Error(node, $"{cm.What}: give 'without' (treaties to remove) or 'set' (parameters to change), or both");
            return null;
        }
        return new Counterfactual(without, set);
    }
}
