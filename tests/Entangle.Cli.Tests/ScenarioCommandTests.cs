using System.CommandLine;
using System.Text.Json;
using Entangle.Cli.Commands;

namespace Entangle.Cli.Tests;

/// <summary>What a user sees from <c>validate</c>, <c>show</c> and <c>--help</c>.</summary>
public class ScenarioCommandTests
{
    [Fact]
    public void Validate_BundledScenario_ExitsZero()
    {
        var r = Cli.Run("validate", "scenarios/russia-dprk-2024.yaml");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("ok", r.Stdout);
    }

    [Fact]
    public void Validate_BrokenScenario_ExitsTwoWithLocatedMessages()
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), """
            scenario: { id: b, title: Broken, as_of: 2024-06-23 }
            states:
              - { id: RUS, name: Russia, figuers: [] }
            treaties:
              - { id: t1, name: T, kind: other, parties: [RUS, PRKK], source: x }
            """);
        var before = Directory.GetFiles(dir).Length;
        var r = Cli.RunIn(dir, "validate", "broken.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("broken.yaml:3:30: state 'RUS': unknown field 'figuers' (did you mean 'figures'?)", r.Stderr);
        Assert.Contains("problems found.", r.Stderr);
        Assert.DoesNotContain("nothing was written", r.Stderr); // validate never writes, so it does not say so
        Assert.Equal(before, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void Show_BundledScenario_PrintsEveryTreatyClauseAndFigureSource()
    {
        var r = Cli.Run("show", "scenarios/russia-dprk-2024.yaml");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("placed under a state of war due to an armed invasion", r.Stdout); // Art. 4, KCNA rendering
        Assert.Contains("comes under an armed attack by any country", r.Stdout);            // Art. 4, TASS rendering
        Assert.Contains("in accordance with its constitutional processes", r.Stdout);       // US–ROK Art. III
        Assert.Contains("territories under the administration of Japan", r.Stdout);         // US–Japan Art. V
        Assert.Contains("Europe or North America", r.Stdout);                               // NATO Art. 5
        Assert.Contains("SIPRI", r.Stdout);
    }

    [Fact]
    public void ShowJson_EveryFigureHasYearAndSource_EveryClauseHasTextAndSource()
    {
        var r = Cli.Run("show", "scenarios/russia-dprk-2024.yaml", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var states = doc.RootElement.GetProperty("states").EnumerateArray().ToList();
        Assert.True(states.Count >= 13);
        var figures = 0;
        foreach (var s in states)
        {
            Assert.Matches("^[A-Z]{3}$", s.GetProperty("iso3").GetString());
            foreach (var f in s.GetProperty("figures").EnumerateArray())
            {
                figures++;
                Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("source").GetString()), $"{s.GetProperty("iso3")}: figure {f.GetProperty("name")} lacks a source");
                Assert.InRange(f.GetProperty("year").GetInt32(), 1800, 2100);
                Assert.True(f.TryGetProperty("value", out _));
            }
        }
        Assert.True(figures > 50, $"only {figures} figures");
        var treaties = doc.RootElement.GetProperty("treaties").EnumerateArray().ToList();
        Assert.Contains(treaties, t => t.GetProperty("id").GetString() == "rus-prk-2024");
        foreach (var t in treaties)
        {
            Assert.True(t.GetProperty("parties").GetArrayLength() >= 2);
            foreach (var c in t.GetProperty("clauses").EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("article").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("text").GetString()));
                Assert.Contains("http", c.GetProperty("source").GetString());
            }
        }
    }

    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string prefix)
        {
            var path = (prefix + " " + c.Name).Trim();
            data.Add(path);
            foreach (var s in c.Subcommands) Walk(s, path);
        }
        foreach (var c in CommandCatalog.All()) Walk(c, "");
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_EveryCommand_ExitsZeroAndDescribesItself(string path)
    {
        var r = Cli.Run([.. path.Split(' '), "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Contains("Options:", r.Stdout);
    }
}
