using System.Text.RegularExpressions;

namespace Entangle.Cli.Tests;

/// <summary>
/// Ten kinds of broken scenario, as a user meets them on the command line: each exits 2, names the problem at
/// file:line:col, and writes nothing (here: no report folder appears).
/// </summary>
public class BrokenScenarioTests
{
    private const string Header = "scenario: { id: b, title: Broken, as_of: 2024-06-23 }\n";
    private const string States = "states:\n  - { id: RUS, name: Russia }\n  - { id: PRK, name: North Korea }\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "bad YAML", Header + "states:\n  - { id: RUS, name: [unclosed\n", "not valid YAML" },
        { "unknown field", Header + "states:\n  - { id: RUS, name: Russia, colour: red }\n", "unknown field 'colour'" },
        { "unknown party", Header + States + "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, PRKK], source: x }\n", "unknown state 'PRKK' (did you mean 'PRK' (North Korea)?)" },
        { "dates out of order", Header + States + "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, PRK], source: x, signed: 2024-06-19, in_force: 2024-01-01 }\n", "dates out of order" },
        { "duplicate id", Header + "states:\n  - { id: RUS, name: Russia }\n  - { id: RUS, name: Russia }\n", "duplicate state id 'RUS'" },
        { "value out of range", Header + States + "theaters:\n  - id: k\n    name: K\n    stakeholders:\n      - { state: PRK, stake: { value: 1.5, judgement: j } }\n", "out of range" },
        { "figure without a source", Header + "states:\n  - id: RUS\n    name: Russia\n    figures: [{ name: cinc, value: 0.04, year: 2022 }]\n", "has no source" },
        { "include cycle", Header + "include: [broken.yaml]\n", "include cycle" },
        { "wrong type", Header + "states:\n  - { id: RUS, cow: three, name: Russia }\n", "'cow' should be a whole number" },
        { "empty file", "\n", "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_BrokenScenario_ExitsTwo_NamesTheProblemAtItsPlace_WritesNothing(string kind, string yaml, string expected)
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), yaml);
        var r = Cli.RunIn(dir, "run", "broken.yaml", "--runs", "10", "--out", "report");
        Assert.True(r.ExitCode == 2, $"{kind}: exit {r.ExitCode}\n{r.Stderr}");
        var line = r.Stderr.Split('\n').FirstOrDefault(l => l.Contains(expected, StringComparison.Ordinal));
        Assert.True(line is not null, $"{kind}: no message containing \"{expected}\" in:\n{r.Stderr}");
        Assert.Matches(new Regex(@"broken\.yaml:\d+:\d+: "), line);
        Assert.False(Directory.Exists(Path.Combine(dir, "report")), $"{kind}: the report folder was written");
        Assert.Equal("", r.Stdout.Trim());
    }
}
