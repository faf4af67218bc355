using System.Text;
using Entangle.Domain;
using Entangle.Scenarios;

namespace Entangle.Scenarios.Tests;

/// <summary>In-memory bundles: includes resolve only to the bundle's files, under the including file's folder.</summary>
public class ScenarioBundleTests
{
    [Theory]
    [InlineData("main.yaml", "parts/a.yaml", "parts/a.yaml")]
    [InlineData("parts/a.yaml", "b.yaml", "parts/b.yaml")]
    [InlineData("parts/a.yaml", "x/../b.yaml", "parts/b.yaml")]
    [InlineData("parts/a.yaml", "./c/d.yaml", "parts/c/d.yaml")]
    [InlineData("parts/a.yaml", "../b.yaml", null)]
    [InlineData("main.yaml", "../../etc/passwd", null)]
    [InlineData("main.yaml", "/etc/passwd", null)]
    [InlineData("main.yaml", "C:/x.yaml", null)]
    public void Resolve_stays_under_the_including_folder(string from, string include, string? expected) =>
        Assert.Equal(expected, ScenarioBundle.Resolve(from, include, out _));

    [Fact]
    public void A_bundle_loads_its_includes_and_locates_problems_by_bundle_path()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["main.yaml"] = Encoding.UTF8.GetBytes("scenario: {id: t, title: T, as_of: 2024-01-01}\ninclude: [parts/states.yaml]\n"),
            ["parts/states.yaml"] = Encoding.UTF8.GetBytes("states:\n  - {id: USA, nmae: United States}\n"),
        };
        var e = Assert.Throws<InputException>(() => ScenarioSource.Bundle(new ScenarioBundle("main.yaml", files)).Load());
        Assert.Contains(e.Diagnostics, d => d.File == "parts/states.yaml" && d.Line == 2 && d.Message.Contains("nmae"));
        files["parts/states.yaml"] = Encoding.UTF8.GetBytes("states:\n  - {id: USA, name: United States}\n");
        Assert.Equal("USA", Assert.Single(ScenarioSource.Bundle(new ScenarioBundle("main.yaml", files)).Load().States).Id.Iso3);
    }
}
