using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Sections;

/// <summary>Reads one top-level section of a scenario file (e.g. <c>treaties:</c>) into the parts being built.</summary>
public interface ISectionReader
{
    /// <summary>The top-level key this reader handles.</summary>
    string Name { get; }

    void Read(YamlNode node, SourceContext ctx, ScenarioParts parts);
}

/// <summary>Helpers shared by section readers.</summary>
public static class SectionHelpers
{
    private static readonly System.Text.RegularExpressions.Regex Iso3 = new("^[A-Z]{3}$");
    private static readonly System.Text.RegularExpressions.Regex Slug = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /// <summary>The items of a top-level list section, each opened as a mapping with the allowed keys.</summary>
    public static IEnumerable<MapReader> Items(YamlNode node, SourceContext ctx, string section, string singular, params string[] allowed)
    {
        if (node is not YamlSequenceNode seq)
        {
            if (!SourceContext.IsNull(node))
                ctx.Error(node, $"'{section}' should be a list, got {SourceContext.Describe(node)}");
            yield break;
        }
        var i = 0;
        foreach (var item in seq.Children)
        {
            i++;
            // Name the item by its id from the start, so even errors found before the id is read say which item.
            var name = item is YamlMappingNode map
                       && map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "id" }).Value is YamlScalarNode { Value: { Length: > 0 } id }
                ? $"{singular} '{id}'"
                : $"{singular} #{i}";
            var m = MapReader.Open(item, ctx, name, allowed);
            if (m is not null) yield return m;
        }
    }

    /// <summary>Reads and defines an item's <c>id</c>; checks its shape. Returns "" when missing.</summary>
    public static string Id(MapReader m, ScenarioParts parts, IdKind kind, string singular)
    {
        var id = m.String("id", required: true);
        if (id is null) return "";
        var node = m.Get("id")!;
        if (kind == IdKind.State ? !Iso3.IsMatch(id) : !Slug.IsMatch(id))
            m.Context.Error(node, kind == IdKind.State
                ? $"{singular} id '{id}' should be an ISO 3166-1 alpha-3 code in capitals (e.g. 'PRK')"
                : $"{singular} id '{id}' should contain only letters, digits, '.', '_' and '-'");
        parts.Define(kind, id, node, m.Context);
        m.As($"{singular} '{id}'");
        return id;
    }

    /// <summary>Reads a reference field and records it for resolution.</summary>
    public static string? Ref(MapReader m, ScenarioParts parts, string key, IdKind kind, bool required = false)
    {
        var v = m.String(key, required);
        if (v is not null) parts.Refer(kind, v, m.Get(key)!, m.Context, $"{m.What}, '{key}'");
        return v;
    }

    /// <summary>Reads a list of references and records each.</summary>
    public static List<string> Refs(MapReader m, ScenarioParts parts, string key, IdKind kind, bool required = false)
    {
        var result = new List<string>();
        foreach (var (v, n) in m.Strings(key, required))
        {
            parts.Refer(kind, v, n, m.Context, $"{m.What}, '{key}'");
            result.Add(v);
        }
        return result;
    }

    /// <summary>Reports when <paramref name="later"/> precedes <paramref name="earlier"/>.</summary>
    public static void Order(MapReader m, string earlierKey, DateOnly? earlier, string laterKey, DateOnly? later)
    {
        if (earlier is { } e && later is { } l && l < e)
            m.Context.Error(m.Get(laterKey), $"{m.What}: dates out of order: '{laterKey}' ({l:yyyy-MM-dd}) is before '{earlierKey}' ({e:yyyy-MM-dd})");
    }
}

/// <summary>
/// <c>draft: true</c> and <c>sentence:</c> on states, organizations, events and claims: an entry extracted from an
/// article by <c>entangle ingest</c>, quoting the sentence it came from, not yet checked by an analyst.
/// </summary>
public static class DraftFields
{
    /// <summary>Reads both fields; returns true for a draft. A <c>sentence</c> without <c>draft: true</c> is allowed (it documents the origin).</summary>
    public static bool Read(MapReader m)
    {
        var draft = m.Bool("draft") ?? false;
        var sentence = m.String("sentence");
        if (draft && string.IsNullOrWhiteSpace(sentence))
            m.Context.Error(m.KeyOrSelf("draft"), $"{m.What}: a draft entry needs 'sentence', the text it was extracted from");
        return draft;
    }
}
