using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Tests;

/// <summary>The published JSON Schema agrees with the loader, so editors complete and flag what the loader accepts.</summary>
public class SchemaTests
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "schemas", "scenario.schema.json")));

    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestFiles.RepoRoot, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(TestFiles.RepoRoot, f));
        data.Add(Path.GetRelativePath(TestFiles.RepoRoot, TestFiles.Fixture("minimal.yaml")));
        data.Add(Path.GetRelativePath(TestFiles.RepoRoot, TestFiles.Fixture("minimal-part.yaml")));
        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Schema_AcceptsEveryBundledScenarioFile(string relativePath)
    {
        var json = YamlToJson(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, relativePath)));
        var result = Schema.Evaluate(JsonDocument.Parse(json!.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void Schema_RejectsUnknownFields()
    {
        var json = YamlToJson("states:\n  - { id: RUS, name: Russia, colour: red }\n");
        Assert.False(Schema.Evaluate(JsonDocument.Parse(json!.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void Schema_RejectsFiguresWithoutSource()
    {
        var json = YamlToJson("states:\n  - id: RUS\n    name: Russia\n    figures: [{ name: cinc, value: 0.04, year: 2016 }]\n");
        Assert.False(Schema.Evaluate(JsonDocument.Parse(json!.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void Schema_TopLevelKeys_AreTheLoadersSections()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "schemas", "scenario.schema.json")));
        var keys = doc.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(ScenarioLoader.TopLevelKeys.Order(StringComparer.Ordinal), keys);
    }

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing of plain scalars (what editors do).</summary>
    public static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode sc when sc.Style != YamlDotNet.Core.ScalarStyle.Plain => JsonValue.Create(sc.Value),
        YamlScalarNode sc when sc.Value is null or "" or "~" or "null" => null,
        YamlScalarNode sc when sc.Value is "true" or "false" => JsonValue.Create(sc.Value == "true"),
        YamlScalarNode sc when long.TryParse(sc.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalarNode sc when double.TryParse(sc.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode sc => JsonValue.Create(sc.Value),
        _ => null,
    };
}
