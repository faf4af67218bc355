using Entangle.Application.Bargaining;
using Entangle.Domain;
using Entangle.Engine.Bargaining;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>Reading the customary CSV and scenario issues; the perturbation runner.</summary>
public class ForecastInputTests
{
    private const string Header = "Actor,Capability,Position,Salience\n";

    private static InputException Bad(string text, SalienceScale scale = SalienceScale.Auto) =>
        Assert.Throws<InputException>(() => ForecastInputs.ParseCsv("in.csv", text, scale));

    [Fact]
    public void Reads_the_reference_csv_as_0_to_1()
    {
        var input = ForecastInputs.LoadCsv(ReferenceFiles.Fixture("eu-car-emissions.csv"));
        Assert.Equal(10, input.Stakeholders.Count);
        Assert.Equal("0-1", input.SalienceScale);
        Assert.Contains("assumed", input.SalienceNote);
        Assert.Equal(new ForecastStakeholder("Belgium", 0.08, 7, 0.4), input.Stakeholders[1]);
    }

    [Fact]
    public void Salience_above_1_is_read_as_0_to_100_and_says_so()
    {
        var input = ForecastInputs.ParseCsv("in.csv", Header + "A,1,10,80\nB,2,20,100\n");
        Assert.Equal("0-100", input.SalienceScale);
        Assert.Contains("0–100 assumed", input.SalienceNote);
        Assert.Equal([0.8, 1.0], input.Stakeholders.Select(s => s.Salience));
        var forced = ForecastInputs.ParseCsv("in.csv", Header + "A,1,10,0.5\nB,2,20,1\n", SalienceScale.Percent);
        Assert.Equal([0.005, 0.01], forced.Stakeholders.Select(s => s.Salience));
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_names_may_be_quoted()
    {
        var input = ForecastInputs.ParseCsv("in.csv", "salience,position,actor,capability,note\n0.5,10,\"Korea, Republic of\",2,x\n");
        Assert.Equal(new ForecastStakeholder("Korea, Republic of", 2, 10, 0.5), Assert.Single(input.Stakeholders));
    }

    [Fact]
    public void A_missing_column_is_reported_at_the_header_with_a_suggestion()
    {
        var e = Bad("Actor,Capability,Position,Salinece\nA,1,1,1\n");
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(("in.csv", 1, 1), (d.File, d.Line, d.Column));
        Assert.Contains("missing column 'Salience'", d.Message);
        Assert.Contains("did you mean 'Salinece'", d.Message);
    }

    [Fact]
    public void A_non_numeric_value_is_reported_at_its_line_and_column()
    {
        var e = Bad(Header + "A,1,10,0.5\nB,0.2,ten,0.5\n");
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal("in.csv:3:7: Position 'ten' is not a number (use a decimal point, e.g. 0.8)", d.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var e = Bad(Header + "A,x,10,0.5\nA,1,10,0.5\nC,-1,5,0.5\nD,1\n");
        Assert.Equal(4, e.Diagnostics.Count);
        Assert.Contains(e.Diagnostics, d => d.Line == 2 && d.Column == 3 && d.Message.Contains("Capability 'x'"));
        Assert.Contains(e.Diagnostics, d => d.Line == 3 && d.Message.Contains("already appears on line 2"));
        Assert.Contains(e.Diagnostics, d => d.Line == 4 && d.Column == 3 && d.Message.Contains("negative"));
        Assert.Contains(e.Diagnostics, d => d.Line == 5 && d.Message.Contains("at least 4 fields"));
    }

    [Fact]
    public void Salience_out_of_range_and_empty_files_are_errors()
    {
        Assert.Contains("exceeds 1", Bad(Header + "A,1,10,3\n", SalienceScale.Unit).Diagnostics[0].Message);
        Assert.Contains("exceeds 100", Bad(Header + "A,1,10,300\n").Diagnostics[0].Message);
        Assert.Contains("empty file", Bad("").Diagnostics[0].Message);
        Assert.Contains("no stakeholders", Bad(Header).Diagnostics[0].Message);
        Assert.Contains("capability × salience = 0", Bad(Header + "A,0,10,0.5\nB,1,20,0\n").Diagnostics[0].Message);
    }

    private static Scenario ScenarioWith(params Issue[] issues) => new(
        new ScenarioInfo("t", "t", new DateOnly(2024, 6, 23), null, []), [], [], [], [], [], [], [], issues, [], []);

    private static Issue SampleIssue(string id) => new(id, "Sanctions", "keep all", "lift all",
    [
        new IssueStake("RUS", new Assessed(95, Provenance.Source("Putin, 19 Jun 2024")), new Assessed(0.3, Provenance.Judge("veto holder")), new Assessed(0.6, Provenance.Judge("j"))),
        new IssueStake("USA", new Assessed(0, Provenance.Source("UNSC vote")), new Assessed(0.4, Provenance.Judge("j")), new Assessed(0.7, Provenance.Judge("j"))),
    ]);

    [Fact]
    public void Scenario_issues_carry_their_bases_and_the_0_100_scale()
    {
        var input = ForecastInputs.FromScenario("s.yaml", ScenarioWith(SampleIssue("sanctions")), null);
        Assert.Equal("sanctions", input.Issue!.Id);
        Assert.Equal((0.0, 100.0), (input.ScaleMin, input.ScaleMax));
        Assert.Equal("source: Putin, 19 Jun 2024", input.Stakeholders[0].PositionBasis);
        Assert.Equal("judgement: veto holder", input.Stakeholders[0].CapabilityBasis);
    }

    [Fact]
    public void An_unknown_issue_id_is_named_with_a_suggestion()
    {
        var s = ScenarioWith(SampleIssue("sanctions"), SampleIssue("transfers"));
        var e = Assert.Throws<InputException>(() => ForecastInputs.FromScenario("s.yaml", s, "sanction"));
        Assert.Contains("did you mean 'sanctions'", e.Message);
        Assert.Contains("choose one with --issue", Assert.Throws<InputException>(() => ForecastInputs.FromScenario("s.yaml", s, null)).Message);
    }

    [Fact]
    public void Perturbation_is_identical_for_any_thread_count_and_seed_dependent()
    {
        var input = ForecastInputs.LoadCsv(ReferenceFiles.Fixture("eu-car-emissions.csv"));
        var spec = PerturbationSpec.Parse("salience=0.1,position=0.5");
        var options = new BargainingOptions { Rounds = 10 };
        var one = PerturbationRunner.Run(input, options, spec, 300, 42, maxThreads: 1);
        var many = PerturbationRunner.Run(input, options, spec, 300, 42, maxThreads: 4);
        Assert.Equal(Application.Output.Json.Serialize(one), Application.Output.Json.Serialize(many));
        var other = PerturbationRunner.Run(input, options, spec, 300, 43, maxThreads: 4);
        Assert.NotEqual(Application.Output.Json.Serialize(one), Application.Output.Json.Serialize(other));
        Assert.Equal(300, one.Median.Histogram.Counts.Sum());
        Assert.Equal(10, one.Influence.Count);
        Assert.True(one.Median.Quantiles[0].Value <= one.Median.Quantiles[^1].Value);
    }

    [Fact]
    public void Perturbation_names_the_actor_whose_inputs_drive_the_forecast()
    {
        // Only the pivotal actor's position is uncertain in effect: B sits at the weighted median with most weight,
        // so jittering positions moves the median mainly through B.
        var input = ForecastInputs.ParseCsv("in.csv", Header + "A,1,0,0.5\nB,5,50,1\nC,1,100,0.5\n");
        var p = PerturbationRunner.Run(input, new BargainingOptions { Rounds = 3 }, PerturbationSpec.Parse("position=5"), 400, 7);
        Assert.Equal("B", p.Influence[0].Actor);
        Assert.True(p.Influence[0].Correlations["position"] > 0.9);
    }

    [Fact]
    public void Perturbation_specs_are_checked()
    {
        Assert.Equal(new PerturbationSpec(0.1, 5, 0), PerturbationSpec.Parse("salience=0.1, position=5"));
        Assert.Contains("did you mean 'salience'", Assert.Throws<InputException>(() => PerturbationSpec.Parse("salince=0.1")).Message);
        Assert.Throws<InputException>(() => PerturbationSpec.Parse("salience=-1"));
        Assert.Throws<InputException>(() => PerturbationSpec.Parse("salience"));
        Assert.Throws<InputException>(() => PerturbationSpec.Parse("salience=0"));
    }

    [Fact]
    public void The_report_names_actors_as_in_the_input_and_keeps_round_zero()
    {
        var input = ForecastInputs.LoadCsv(ReferenceFiles.Fixture("eu-car-emissions.csv"));
        var report = ForecastService.Run(input, new ForecastRequest("x", Model: new BargainingOptions { Rounds = 10 }));
        Assert.Equal(11, report.Rounds.Count);
        Assert.Equal(8.415932315426764, report.Rounds[1].Positions["Belgium"], 12);
        Assert.Equal("Belgium compromises with France", report.Rounds[1].Moves[0].Text);
        Assert.True(report.Model.ScholzFaithful);
        var json = Application.Output.Json.Serialize(report);
        Assert.Contains("\"positions\": {", json);
        Assert.Contains("\"Netherlands\": 4", json);
    }
}
