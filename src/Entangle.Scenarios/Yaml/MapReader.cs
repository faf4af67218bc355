using System.Globalization;
using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Yaml;

/// <summary>
/// Reads one YAML mapping with a fixed set of allowed keys. Unknown keys, wrong types, missing required
/// values and out-of-range numbers become diagnostics at the offending node; the reader returns a fallback
/// and the load carries on.
/// </summary>
public sealed class MapReader
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public SourceContext Context { get; }

    /// <summary>What is being read, for messages ("treaty 'rus-prk-2024'").</summary>
    public string What { get; private set; }

    public YamlMappingNode Node => _node;

    private MapReader(YamlMappingNode node, SourceContext context, string what, IReadOnlyCollection<string> allowed)
    {
        _node = node;
        Context = context;
        What = what;
        foreach (var (k, v) in node.Children)
        {
            if (k is not YamlScalarNode key || key.Value is null)
            {
                context.Error(k, $"{what}: keys must be plain names");
                continue;
            }
            if (!allowed.Contains(key.Value))
            {
                context.Error(key, $"{what}: unknown field '{SourceContext.Quote(key.Value)}'{Suggest.DidYouMean(key.Value, allowed)}; allowed: {string.Join(", ", allowed)}");
                continue;
            }
            if (!_entries.TryAdd(key.Value, (key, v)))
                context.Error(key, $"{what}: field '{key.Value}' appears twice");
        }
    }

    /// <summary>Opens <paramref name="node"/> as a mapping, or reports a type error and returns null.</summary>
    public static MapReader? Open(YamlNode node, SourceContext context, string what, params string[] allowed)
    {
        if (node is YamlMappingNode m) return new MapReader(m, context, what, allowed);
        context.Error(node, $"{what}: expected a mapping (key: value), got {SourceContext.Describe(node)}");
        return null;
    }

    /// <summary>Renames the subject of later messages once its id is known.</summary>
    public MapReader As(string what) { What = what; return this; }

    public bool Has(string key) => _entries.TryGetValue(key, out var e) && !SourceContext.IsNull(e.Value);

    /// <summary>True when <paramref name="key"/> is written, even with a null value (<c>in_force: ~</c>).</summary>
    public bool Written(string key) => _entries.ContainsKey(key);

    /// <summary>The value node of <paramref name="key"/>, or null when absent or null.</summary>
    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) && !SourceContext.IsNull(e.Value) ? e.Value : null;

    /// <summary>The key node of <paramref name="key"/> (for locating messages), or the mapping itself.</summary>
    public YamlNode KeyOrSelf(string key) => _entries.TryGetValue(key, out var e) ? e.Key : _node;

    private YamlNode? Required(string key, bool required)
    {
        var v = Get(key);
        if (v is null && required) Context.Error(KeyOrSelf(key), $"{What}: missing required field '{key}'");
        return v;
    }

    private YamlScalarNode? Scalar(string key, bool required, string expected)
    {
        var v = Required(key, required);
        if (v is null) return null;
        if (v is YamlScalarNode s) return s;
        Context.Error(v, $"{What}: '{key}' should be {expected}, got {SourceContext.Describe(v)}");
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required, "a text value")?.Value;

    public string RequiredString(string key) => String(key, required: true) ?? "";

    public double? Number(string key, bool required = false, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = Scalar(key, required, "a number");
        if (s is null) return null;
        if (s.Style == YamlDotNet.Core.ScalarStyle.Plain && SourceContext.IsNonFinite(s.Value ?? ""))
        {
            Context.Error(s, $"{What}: '{key}' = {SourceContext.Quote(s.Value!)} is not a finite number; numbers in a scenario lie within ±1e15");
            return null;
        }
        if (s.Style != YamlDotNet.Core.ScalarStyle.Plain || !SourceContext.TryNumber(s.Value ?? "", out var d))
        {
            Context.Error(s, $"{What}: '{key}' should be a number, got '{SourceContext.Quote(s.Value ?? "")}'");
            return null;
        }
        if (d < min || d > max)
        {
            Context.Error(s, $"{What}: '{key}' = {SourceContext.Quote(s.Value!)} is out of range; it must lie in [{Fmt(min)}, {Fmt(max)}]");
            return null;
        }
        if (Math.Abs(d) > ScenarioLimits.MaxMagnitude)
        {
            Context.Error(s, $"{What}: '{key}' = {SourceContext.Quote(s.Value!)} is too large; numbers in a scenario lie within ±1e15");
            return null;
        }
        return d;
    }

    public int? Integer(string key, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = Scalar(key, required, "a whole number");
        if (s is null) return null;
        if (s.Style != YamlDotNet.Core.ScalarStyle.Plain || !int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            Context.Error(s, $"{What}: '{key}' should be a whole number, got '{SourceContext.Quote(s.Value ?? "")}'");
            return null;
        }
        if (i < min || i > max)
        {
            Context.Error(s, $"{What}: '{key}' = {i} is out of range; it must lie in [{min}, {max}]");
            return null;
        }
        return i;
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key, false, "true or false");
        if (s is null) return null;
        switch (s.Value)
        {
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            default:
                Context.Error(s, $"{What}: '{key}' should be true or false, got '{SourceContext.Quote(s.Value ?? "")}'");
                return null;
        }
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = Scalar(key, required, "a date (YYYY-MM-DD)");
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Context.Error(s, $"{What}: '{key}' should be a date YYYY-MM-DD, got '{SourceContext.Quote(s.Value ?? "")}'");
        return null;
    }

    /// <summary>An enum written in kebab-case (<c>non-aggression</c> → <c>NonAggression</c>).</summary>
    public T? Enum<T>(string key, bool required = false) where T : struct, System.Enum
    {
        var s = Scalar(key, required, "a name");
        if (s?.Value is null) return null;
        var names = EnumNames<T>();
        if (names.TryGetValue(s.Value, out var v)) return v;
        Context.Error(s, $"{What}: '{key}' = '{SourceContext.Quote(s.Value)}' is not one of {string.Join(", ", names.Keys)}{Suggest.DidYouMean(s.Value, names.Keys)}");
        return null;
    }

    /// <summary>Kebab-case names of an enum's members, in declaration order.</summary>
    public static IReadOnlyDictionary<string, T> EnumNames<T>() where T : struct, System.Enum =>
        System.Enum.GetValues<T>().ToDictionary(v => Kebab(v.ToString()), v => v, StringComparer.Ordinal);

    public static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The items of a list field (empty when absent); a scalar where a list is expected is an error.</summary>
    public IReadOnlyList<YamlNode> List(string key, bool required = false)
    {
        var v = Required(key, required);
        if (v is null) return [];
        if (v is YamlSequenceNode seq) return seq.Children.ToList();
        Context.Error(v, $"{What}: '{key}' should be a list, got {SourceContext.Describe(v)}");
        return [];
    }

    /// <summary>A list of text values, each with its node for locating later messages.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> Strings(string key, bool required = false)
    {
        var result = new List<(string, YamlNode)>();
        foreach (var item in List(key, required))
        {
            if (item is YamlScalarNode s && s.Value is not null && !SourceContext.IsNull(s)) result.Add((s.Value, s));
            else Context.Error(item, $"{What}: items of '{key}' should be text values, got {SourceContext.Describe(item)}");
        }
        return result;
    }

    /// <summary>
    /// Reads <c>source:</c> or <c>judgement:</c> (exactly one) from this mapping. <paramref name="required"/> false
    /// returns null when neither is present.
    /// </summary>
    public Provenance? Provenance(bool required = true, string sourceKey = "source")
    {
        var src = String(sourceKey);
        var judgement = String("judgement");
        if (src is not null && judgement is not null)
        {
            Context.Error(KeyOrSelf("judgement"), $"{What}: give either '{sourceKey}' (a cited fact) or 'judgement' (an analyst's judgement), not both");
            return null;
        }
        if (src is not null)
        {
            if (string.IsNullOrWhiteSpace(src)) { Context.Error(KeyOrSelf(sourceKey), $"{What}: '{sourceKey}' is empty"); return null; }
            return Domain.Provenance.Source(src.Trim());
        }
        if (judgement is not null)
        {
            if (string.IsNullOrWhiteSpace(judgement)) { Context.Error(KeyOrSelf("judgement"), $"{What}: 'judgement' is empty; say what the judgement rests on"); return null; }
            return Domain.Provenance.Judge(judgement.Trim());
        }
        if (required)
            Context.Error(_node, $"{What} has no source: add '{sourceKey}:' (a citation) or 'judgement:' (a labelled analyst judgement)");
        return null;
    }

    /// <summary>Reads an assessed value <c>{ value, source | judgement, note }</c> under <paramref name="key"/>.</summary>
    public Assessed? Assessed(string key, bool required = false, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var v = Get(key);
        if (v is null)
        {
            if (required) Context.Error(KeyOrSelf(key), $"{What}: missing required field '{key}'");
            return null;
        }
        if (v is not YamlMappingNode)
        {
            Context.Error(v, $"{What}: '{key}' should be an assessed value {{ value: …, judgement: \"…\" }} (or source: \"…\" in place of judgement), got {SourceContext.Describe(v)}");
            return null;
        }
        var m = Open(v, Context, $"{What}, {key}", "value", "source", "judgement", "note");
        if (m is null) return null;
        var value = m.Number("value", required: true, min, max);
        var basis = m.Provenance();
        var note = m.String("note");
        return value is null || basis is null ? null : new Assessed(value.Value, basis, note);
    }

    private static string Fmt(double d) =>
        double.IsNegativeInfinity(d) ? "-∞" : double.IsPositiveInfinity(d) ? "∞" : d.ToString(CultureInfo.InvariantCulture);
}
