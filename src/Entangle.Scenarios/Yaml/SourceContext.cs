using System.Globalization;
using System.Runtime.CompilerServices;
using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Yaml;

/// <summary>
/// The file being read and the diagnostics collected so far. Readers report and carry on, so that one load
/// reports every problem at once.
/// </summary>
public sealed class SourceContext(string file, List<Diagnostic> diagnostics, List<Diagnostic>? warnings = null)
{
    /// <summary>Most problems kept in memory for one load; later ones are only counted (see <see cref="Dropped"/>).</summary>
    public const int MaxCollected = 20_000;

    public string File { get; } = file;
    public List<Diagnostic> Diagnostics { get; } = diagnostics;
    public List<Diagnostic> Warnings { get; } = warnings ?? [];

    /// <summary>Problems found after <see cref="MaxCollected"/> were kept.</summary>
    public StrongBox<long> Dropped { get; init; } = new();

    /// <summary>Positions (line, column) of nodes that aliases reuse: a problem there is reported once, not once per use.</summary>
    public HashSet<(long Line, long Column)> Shared { get; init; } = [];

    private readonly HashSet<(long, long)> _reportedShared = [];

    public void Error(YamlNode? at, string message) => Error(at, message, InputLimit.None);

    /// <summary>A problem that breaks a limit (<see cref="ScenarioLimits"/>) of kind <paramref name="limit"/>.</summary>
    public void Error(YamlNode? at, string message, InputLimit limit)
    {
        if (at is not null && Shared.Contains((at.Start.Line, at.Start.Column)) && !_reportedShared.Add((at.Start.Line, at.Start.Column))) return;
        if (Diagnostics.Count >= MaxCollected) { Dropped.Value++; return; }
        message = Tidy(message);
        Diagnostics.Add(at is null
            ? new Diagnostic(File, null, null, message) { Limit = limit }
            : new Diagnostic(File, (int)at.Start.Line, (int)at.Start.Column, message) { Limit = limit });
    }

    /// <summary>Something that loads but is probably not what the author meant; <c>validate</c> prints it and exits 0.</summary>
    public void Warn(YamlNode? at, string message) =>
        Warnings.Add(Tidy(message) is var tidy && at is null ? new Diagnostic(File, null, null, tidy) : new Diagnostic(File, (int)at!.Start.Line, (int)at.Start.Column, tidy));

    public Location Where(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>A description of the node's type for "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => $"'{Quote(s.Value ?? "")}'",
        _ => "something else",
    };

    /// <summary>Text from the file, shortened to 60 characters and with control characters shown as <c>\uXXXX</c>, for messages.</summary>
    public static string Quote(string text)
    {
        var cut = text.Length > 60 ? text[..60] : text;
        var sb = new System.Text.StringBuilder(cut.Length + 8);
        foreach (var c in cut) sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        if (cut.Length < text.Length) sb.Append($"… ({text.Length:N0} characters)");
        return sb.ToString();
    }

    private static readonly System.Text.RegularExpressions.Regex LongQuote = new(@"(?<=^|[\s(=])'([^'\n]{61,}?)'(?=$|[\s,;:)?.])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A message with every quoted piece of the file shortened (<see cref="Quote"/>), however the reader built it.</summary>
    public static string Tidy(string message)
    {
        if (message.Length <= 200 && !message.Any(char.IsControl)) return message;
        var m = LongQuote.Replace(message, x => "'" + Quote(x.Groups[1].Value) + "'");
        return m.Any(char.IsControl) ? string.Concat(m.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : m;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain
        && (s.Value is null || s.Value == "" || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL");

    /// <summary>Whether the text is a number too large for a double (1e309) or YAML's .nan / .inf.</summary>
    public static bool IsNonFinite(string text) =>
        text.TrimStart('+', '-').ToLowerInvariant() is ".nan" or ".inf" or "nan" or "inf" or "infinity"
        || (double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsFinite(v));

    /// <summary>A finite number; .NaN, .inf and values that overflow (1e309) are not numbers here.</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

/// <summary>A place in a scenario file.</summary>
public readonly record struct Location(string File, int Line, int Column);
