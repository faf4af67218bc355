using System.Globalization;
using Entangle.Domain;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Yaml;

/// <summary>
/// The file being read and the diagnostics collected so far. Readers report and carry on, so that one load
/// reports every problem at once.
/// </summary>
public sealed class SourceContext(string file, List<Diagnostic> diagnostics)
{
    public string File { get; } = file;
    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    public void Error(YamlNode? at, string message) =>
        Diagnostics.Add(at is null
            ? new Diagnostic(File, null, null, message)
            : new Diagnostic(File, (int)at.Start.Line, (int)at.Start.Column, message));

    public Location Where(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>A description of the node's type for "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain
        && (s.Value is null || s.Value == "" || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL");

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

/// <summary>A place in a scenario file.</summary>
public readonly record struct Location(string File, int Line, int Column);
