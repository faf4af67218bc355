using Entangle.Domain;

namespace Entangle.Scenarios.Tests;

/// <summary>
/// Checks that belong in validation, each located (issue 16): a new author's mistakes (item 15), names in
/// suggestions (item 9), and what <c>run</c> and <c>forecast</c> used to find only at run time (item 19).
/// </summary>
public class ValidationTests
{
    private const string Header = "scenario: { id: t, title: T, as_of: 2024-06-23 }\n";

    private const string States = """
        states:
          - { id: RUS, name: Russia }
          - { id: PRK, name: North Korea, other_names: [DPRK] }
          - { id: NOR, name: Norway }
          - { id: USA, name: United States }
        theaters:
          - { id: korea, name: Korea }
          - { id: europe, name: Europe }

        """;

    private static IReadOnlyList<Diagnostic> Errors(string yaml)
    {
        var dir = TestFiles.Write(("s.yaml", yaml));
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Path.Combine(dir, "s.yaml")));
        return e.Diagnostics;
    }

    private static Scenario Load(string yaml) => ScenarioLoader.Load(Path.Combine(TestFiles.Write(("s.yaml", yaml)), "s.yaml"));

    // ---- item 9

    [Fact]
    public void UnknownParty_SuggestsTheStateWhoseNameItAbbreviates()
    {
        var d = Assert.Single(Errors(Header + States + "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, NKR], source: x, in_force: 2024-01-01 }\n"));
        Assert.Equal("treaty 't', 'parties' names unknown state 'NKR' (did you mean 'PRK' (North Korea) or 'NOR' (Norway)?)", d.Message);
        Assert.Equal((11, 51), (d.Line, d.Column));
    }

    [Fact]
    public void UnknownStakeholder_WrittenAsAName_SuggestsItsCode()
    {
        var d = Assert.Single(Errors(Header + States + "relations:\n  - { id: r, kind: trade, from: RUS, to: North Korea, description: d, judgement: j }\n"));
        Assert.EndsWith("names unknown state or organization 'North Korea' (did you mean 'PRK' (North Korea)?)", d.Message);
    }

    // ---- item 15

    [Fact]
    public void BareStake_SaysWhichFormIsRequired()
    {
        var d = Assert.Single(Errors(Header + States.Replace("  - { id: korea, name: Korea }", "  - { id: korea, name: Korea, stakeholders: [{ state: PRK, stake: 1.0 }] }")));
        Assert.Equal("theater 'korea', stakeholder 'PRK': 'stake' should be an assessed value { value: …, judgement: \"…\" } (or source: \"…\" in place of judgement), got '1.0'", d.Message);
        Assert.Equal((8, 67), (d.Line, d.Column));
    }

    [Fact]
    public void BareEscalationEstimate_SaysWhichFormsAreRequired()
    {
        var d = Assert.Single(Errors(Header + States + "escalation:\n  actors:\n    - { state: RUS, resolve: 1.2 }\n"));
        Assert.Contains("'resolve' should be an estimate { value: …, judgement: \"…\" }", d.Message);
        Assert.Contains("or a distribution { dist: uniform, lo: …, hi: …, judgement: \"…\" }; got '1.2'", d.Message);
    }

    [Fact]
    public void MisspeltStakeholderRole_IsAnErrorWithASuggestion()
    {
        // Before: 'belligerant' was accepted silently.
        var d = Assert.Single(Errors(Header + States.Replace("  - { id: korea, name: Korea }",
            "  - { id: korea, name: Korea, stakeholders: [{ state: PRK, role: belligerant, stake: { value: 1, judgement: j } }] }")));
        Assert.Equal("theater 'korea', stakeholder 'PRK': 'role' = 'belligerant' is not one of belligerent, supporter, guarantor, bystander, stakeholder (did you mean 'belligerent'?)", d.Message);
    }

    [Fact]
    public void TreatyWithoutInForce_LoadsWithALocatedWarning()
    {
        var s = Load(Header + States + "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, PRK], signed: 2024-06-19, source: x }\n");
        var w = Assert.Single(s.Warnings);
        Assert.Equal("treaty 't' has no 'in_force' date, so it is never in force and obliges no one; add 'in_force: YYYY-MM-DD' (or 'in_force: ~' for a treaty signed but not yet in force)", w.Message);
        Assert.Equal((11, 11), (w.Line, w.Column));
        Assert.Empty(Load(Header + States + "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, PRK], in_force: 2024-06-19, source: x }\n").Warnings);
    }

    [Fact]
    public void BundledScenario_HasNoWarnings() => Assert.Empty(ScenarioLoader.Load(TestFiles.BundledScenario).Warnings);

    // ---- item 19: escalation

    private static string Escalation(string theaters, string actors = "") =>
        Header + States + "escalation:\n" + (actors == "" ? "" : "  actors:\n" + actors) + "  theaters:\n" + theaters;

    private const string J = "judgement: j";

    [Fact]
    public void StartLevelAboveTheLadder_IsLocated()
    {
        var d = Assert.Single(Errors(Escalation($"    - {{ theater: korea, start_level: {{ value: 30, {J} }}, side_a: [USA], side_b: [PRK] }}\n")));
        Assert.Equal("escalation theater 'korea', start_level: 'value' = 30 is out of range; it must lie in [0, 9]", d.Message);
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void StateOnBothSides_OrTwice_IsLocatedAtTheSecondMention()
    {
        var ds = Errors(Escalation(
            $"    - {{ theater: korea, start_level: {{ value: 3, {J} }}, side_a: [USA, USA], side_b: [PRK, USA] }}\n" +
            $"    - {{ theater: europe, start_level: {{ value: 3, {J} }}, side_a: [USA], side_b: [RUS], supporters: [{{ state: RUS, side: b, help: {{ value: 0.1, {J} }} }}] }}\n"));
        Assert.Equal(3, ds.Count);
        Assert.Equal("escalation theater 'korea': 'USA' is listed twice in 'side_a'", ds[0].Message);
        Assert.Equal("escalation theater 'korea': 'USA' is on both sides ('side_a' and 'side_b')", ds[1].Message);
        Assert.Equal("escalation theater 'europe': 'RUS' is both in 'side_b' and a supporter", ds[2].Message);
        Assert.Equal((12, 80), (ds[0].Line, ds[0].Column));
    }

    [Fact]
    public void EmptySide_IsLocated()
    {
        var d = Assert.Single(Errors(Escalation($"    - {{ theater: korea, start_level: {{ value: 3, {J} }}, side_a: [], side_b: [PRK] }}\n")));
        Assert.Equal("escalation theater 'korea': 'side_a' is empty; each side needs at least one state", d.Message);
        Assert.Equal((12, 74), (d.Line, d.Column));
    }

    [Fact]
    public void DeploymentSharesAboveOne_AreLocatedAtTheDeployments()
    {
        var d = Assert.Single(Errors(Escalation(
            $"    - {{ theater: korea, start_level: {{ value: 3, {J} }}, side_a: [USA], side_b: [PRK] }}\n",
            $"    - state: USA\n      deployments:\n        - {{ theater: korea, share: {{ value: 0.7, {J} }} }}\n        - {{ theater: europe, share: {{ dist: uniform, lo: 0.2, hi: 0.5, {J} }} }}\n")));
        Assert.Equal("escalation actor 'USA': deployment shares can add up to 1.2; they must not exceed 1", d.Message);
        Assert.Equal((13, 7), (d.Line, d.Column));
    }

    [Fact]
    public void EventTensionOutsideTheLadder_IsLocated()
    {
        // Before: tension 2147483647 crashed `run` with IndexOutOfRangeException.
        var d = Assert.Single(Errors(Header + States + $"events:\n  - {{ id: e, kind: shock, title: E, probability: {{ value: 0.1, {J} }}, effects: [{{ target: korea, parameter: tension, value: 2147483647 }}], {J} }}\n"));
        Assert.Equal("event 'e', effect: 'value' = 2147483647 is out of range; it must lie in [0, 9]", d.Message);
        Assert.Equal(11, d.Line);
    }

    [Fact]
    public void EventEffectTheEngineDoesNotRead_IsAWarning()
    {
        var s = Load(Header + States + $"events:\n  - {{ id: e, kind: shock, title: E, probability: {{ value: 0.1, {J} }}, effects: [{{ target: korea, parameter: tensoin, value: 1 }}], {J} }}\n");
        Assert.Contains("parameter 'tensoin' is not read by the escalation engine", Assert.Single(s.Warnings).Message);
        Assert.Contains("(did you mean 'tension'?)", s.Warnings[0].Message);
    }

    // ---- item 19: bargaining

    private static string Issue(string capability, string salience = "0.5") =>
        Header + States + "issues:\n  - id: i\n    title: I\n    low: a\n    high: b\n    stakeholders:\n" +
        $"      - {{ actor: RUS, position: {{ value: 10, {J} }}, capability: {{ value: {capability}, {J} }}, salience: {{ value: {salience}, {J} }} }}\n" +
        $"      - {{ actor: PRK, position: {{ value: 90, {J} }}, capability: {{ value: 1, {J} }}, salience: {{ value: {salience}, {J} }} }}\n";

    [Fact]
    public void CapabilityThatWouldOverflow_IsLocated()
    {
        // Before: `forecast` printed "mean Infinity" and exited 0.
        var d = Assert.Single(Errors(Issue("1.79e308")));
        Assert.Equal("issue 'i', stakeholder 'RUS', capability: 'value' = 1.79e308 is too large; numbers in a scenario lie within ±1e15", d.Message);
        Assert.Equal(16, d.Line);
    }

    [Fact]
    public void NoSalienceAnywhere_IsLocatedAtTheStakeholders()
    {
        var d = Assert.Single(Errors(Issue("1", salience: "0")));
        Assert.Contains("every stakeholder has capability × salience = 0", d.Message);
        Assert.Equal((15, 5), (d.Line, d.Column));
    }

    [Fact]
    public void EmptyStakeholders_IsLocated()
    {
        var d = Assert.Single(Errors(Header + States + "issues:\n  - { id: i, title: I, low: a, high: b, stakeholders: [] }\n"));
        Assert.Equal("issue 'i': 'stakeholders' is empty; a forecast needs at least one", d.Message);
    }
}
