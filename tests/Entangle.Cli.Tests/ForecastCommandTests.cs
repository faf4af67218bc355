using System.Text.Json;

namespace Entangle.Cli.Tests;

/// <summary>What a user sees from <c>entangle forecast</c>.</summary>
public class ForecastCommandTests
{
    private static string EuCsv => Path.Combine(Cli.RepoRoot, "tests", "Entangle.Engine.Tests", "Bargaining", "Fixtures", "eu-car-emissions.csv");

    [Theory]
    [InlineData("unsc-sanctions-dprk")]
    [InlineData("rus-prk-military-technical-transfers")]
    public void Scenario_issues_run_as_table_json_and_chart(string issue)
    {
        var table = Cli.Run("forecast", "scenarios/russia-dprk-2024.yaml", "--issue", issue);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("Positions by round", table.Stdout);
        Assert.Contains("median", table.Stdout);
        Assert.Contains("RUS", table.Stdout);

        var json = Cli.Run("forecast", "scenarios/russia-dprk-2024.yaml", "--issue", issue, "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var root = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(issue, root.GetProperty("issue").GetProperty("id").GetString());
        var rounds = root.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(11, rounds.Count);
        foreach (var r in rounds)
        {
            Assert.Equal(JsonValueKind.Number, r.GetProperty("round").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("positions").GetProperty("RUS").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("mean").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("median").ValueKind);
            Assert.Equal(JsonValueKind.Array, r.GetProperty("moves").ValueKind);
        }
        Assert.All(root.GetProperty("stakeholders").EnumerateArray(), s =>
            Assert.Matches("^(source|judgement): ", s.GetProperty("position_basis").GetString()!));

        var dir = Cli.TempDir();
        var chart = Cli.Run("forecast", "scenarios/russia-dprk-2024.yaml", "--issue", issue, "--chart", Path.Combine(dir, "f"));
        Assert.True(chart.ExitCode == 0, chart.Stderr);
        var png = File.ReadAllBytes(Path.Combine(dir, "f.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "f.svg")));
    }

    [Fact]
    public void Csv_json_reproduces_the_reference_round_one()
    {
        var r = Cli.Run("forecast", EuCsv, "--json", "--rounds", "1", "--intermediates");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var round1 = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("rounds")[1];
        Assert.Equal(8.415932315426764, round1.GetProperty("positions").GetProperty("Belgium").GetDouble(), 12);
        Assert.Equal(["Belgium compromises with France", "Luxembourg loses confrontation to Belgium", "Ireland loses confrontation to Luxembourg"],
            round1.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var im = round1.GetProperty("intermediates");
        Assert.Equal(28.23299999999985, im.GetProperty("vote_denominator").GetDouble(), 9);
        Assert.Equal(0.004392, im.GetProperty("win_probability").GetProperty("Netherlands").GetProperty("Belgium").GetDouble(), 6);
        Assert.Equal(1.209521, im.GetProperty("challenge_utility").GetProperty("France").GetProperty("Luxembourg").GetDouble(), 6);
    }

    [Fact]
    public void Perturbation_is_reproducible_and_reports_influence()
    {
        string[] args = ["forecast", EuCsv, "--perturb", "salience=0.1,position=0.5", "--runs", "200", "--seed", "5", "--json"];
        var a = Cli.Run(args);
        var b = Cli.Run(args);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Equal(a.Stdout, b.Stdout);
        var p = JsonDocument.Parse(a.Stdout).RootElement.GetProperty("perturbation");
        Assert.Equal(200, p.GetProperty("runs").GetInt32());
        Assert.Equal(5, p.GetProperty("median").GetProperty("quantiles").GetArrayLength());
        Assert.Equal(10, p.GetProperty("influence").GetArrayLength());
    }

    [Fact]
    public void Bad_csv_exits_2_with_file_line_col_and_writes_nothing()
    {
        var dir = Cli.TempDir();
        var csv = Path.Combine(dir, "bad.csv");
        File.WriteAllText(csv, "Actor,Capability,Position,Salience\nA,1,x,0.5\n");
        var r = Cli.RunIn(dir, "forecast", "bad.csv", "--chart", "out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.csv:2:5: Position 'x' is not a number", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "out.png")));
    }

    [Fact]
    public void Unknown_issue_and_option_values_are_explained()
    {
        var issue = Cli.Run("forecast", "scenarios/russia-dprk-2024.yaml", "--issue", "unsc-sanction-dprk");
        Assert.Equal(2, issue.ExitCode);
        Assert.Contains("did you mean 'unsc-sanctions-dprk'", issue.Stderr);
        var option = Cli.Run("forecast", EuCsv, "--capitulation", "intend");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("did you mean 'intended'", option.Stderr);
        var runs = Cli.Run("forecast", EuCsv, "--runs", "50");
        Assert.Equal(2, runs.ExitCode);
        Assert.Contains("apply only with --perturb", runs.Stderr);
    }
}
