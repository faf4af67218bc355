using Entangle.Domain;

namespace Entangle.Scenarios.Tests;

/// <summary>Broken scenarios: each gives a located message that names the problem.</summary>
public class ScenarioLoaderTests
{
    private const string Header = """
        scenario:
          id: t
          title: Test
          as_of: 2024-06-23
        """;

    private const string TwoStates = """
        states:
          - { id: RUS, cow: 365, name: Russia }
          - { id: PRK, cow: 731, name: North Korea }
        """;

    private static IReadOnlyList<Diagnostic> Errors(string yaml, string name = "s.yaml", params (string, string)[] more)
    {
        var dir = TestFiles.Write([(name, yaml), .. more]);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Path.Combine(dir, name)));
        Assert.NotEmpty(e.Diagnostics);
        return e.Diagnostics;
    }

    private static Diagnostic Single(IReadOnlyList<Diagnostic> ds, string fragment) =>
        Assert.Single(ds, d => d.Message.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public void Load_MinimalFixture_ReadsEverySection()
    {
        var s = ScenarioLoader.Load(TestFiles.Fixture("minimal.yaml"));
        Assert.Equal("minimal", s.Info.Id);
        Assert.Equal(2, s.States.Count);
        Assert.Equal(109.5e9, s.State(new StateId("RUS"))!.Figure(FigureNames.MilexUsd)!.Value);
        Assert.True(s.State(new StateId("PRK"))!.Figure(FigureNames.WarheadsTotal)!.Basis.IsJudgement);
        var art4 = Assert.Single(s.Treaty("rus-prk-2024")!.Clauses);
        Assert.Equal(TriggerEvent.ArmedInvasion, art4.Trigger.Event);
        Assert.Equal(TriggerEvent.ArmedAttack, art4.Renderings[0].Trigger!.Event);
        Assert.Equal(ClauseStrength.Automatic, art4.Strength);
        Assert.Single(s.Issues); // from the included file
        Assert.Equal(34.4e6, s.Relations[0].Value);
    }

    [Fact]
    public void Load_BadYaml_GivesLineAndColumn()
    {
        var d = Assert.Single(Errors(Header + "\nstates:\n  - { id: RUS, name: [unclosed\n"));
        Assert.StartsWith("not valid YAML", d.Message);
        Assert.NotNull(d.Line);
        Assert.True(d.Line >= 6);
    }

    [Fact]
    public void Load_UnknownField_IsAnErrorWithSuggestion()
    {
        var d = Single(Errors(Header + "\nstates:\n  - { id: RUS, cow: 365, name: Russia, figuers: [] }\n"), "unknown field 'figuers'");
        Assert.Contains("did you mean 'figures'", d.Message);
        Assert.Equal(6, d.Line);
        Assert.Equal(40, d.Column);
    }

    [Fact]
    public void Load_UnknownParty_SuggestsTheClosestId()
    {
        var yaml = Header + "\n" + TwoStates + """

            treaties:
              - id: t1
                name: T
                kind: other
                parties: [RUS, PRKK]
                source: x
            """;
        var d = Single(Errors(yaml), "unknown state 'PRKK'");
        Assert.Contains("did you mean 'PRK'", d.Message);
        Assert.Equal((12, 20), (d.Line, d.Column));
    }

    [Fact]
    public void Load_DatesOutOfOrder_NamesBothDates()
    {
        var yaml = Header + "\n" + TwoStates + """

            treaties:
              - id: t1
                name: T
                kind: other
                parties: [RUS, PRK]
                signed: 2024-06-19
                in_force: 2024-01-01
                source: x
            """;
        var d = Single(Errors(yaml), "dates out of order");
        Assert.Contains("'in_force' (2024-01-01) is before 'signed' (2024-06-19)", d.Message);
        Assert.Equal(14, d.Line);
    }

    [Fact]
    public void Load_DuplicateId_PointsAtBothDefinitions()
    {
        var yaml = Header + "\nstates:\n  - { id: RUS, name: Russia }\n  - { id: RUS, name: Russia again }\n";
        var d = Single(Errors(yaml), "duplicate state id 'RUS'");
        Assert.Equal(7, d.Line);
        Assert.Contains("first defined at", d.Message);
        Assert.Contains(":6:", d.Message);
    }

    [Fact]
    public void Load_ValueOutOfRange_GivesTheRange()
    {
        var yaml = Header + "\n" + TwoStates + """

            issues:
              - id: i1
                title: I
                low: a
                high: b
                stakeholders:
                  - actor: RUS
                    position: { value: 140, judgement: "j" }
                    capability: { value: 1, judgement: "j" }
                    salience: { value: 0.5, judgement: "j" }
            """;
        var d = Single(Errors(yaml), "out of range");
        Assert.Contains("[0, 100]", d.Message);
        Assert.Equal((15, 28), (d.Line, d.Column));
    }

    [Fact]
    public void Load_FigureWithoutSource_IsAnError()
    {
        var yaml = Header + "\nstates:\n  - id: RUS\n    name: Russia\n    figures:\n      - { name: milex_usd, value: 1.0e9, year: 2023 }\n";
        var d = Single(Errors(yaml), "has no source");
        Assert.Contains("figure 'milex_usd'", d.Message);
        Assert.Equal((9, 9), (d.Line, d.Column));
    }

    /// <summary>
    /// Every <c>source:</c> in the minimal fixture, by line, with the entity it belongs to: taking any one away must be
    /// refused with a message located in that file, naming the entity. This is what lets the bundled-scenario tests
    /// rely on every loaded item having provenance.
    /// </summary>
    [Theory]
    [InlineData(12, "figure 'milex_usd'")]
    [InlineData(22, "organization 'unsc'")]
    [InlineData(36, "treaty 'rus-prk-2024'")]
    [InlineData(41, "treaty 'rus-prk-2024', Art. 4: missing required")]
    [InlineData(46, "rendering")]
    [InlineData(67, "relation 'trade-rus-prk-2023'")]
    [InlineData(74, "event 'signing'")]
    [InlineData(79, "correction 'trade-unit'")]
    public void Load_AnyItemWithoutItsSource_IsALocatedError(int line, string entity)
    {
        var lines = File.ReadAllLines(TestFiles.Fixture("minimal.yaml"));
        Assert.Contains("source:", lines[line - 1]);
        lines[line - 1] = System.Text.RegularExpressions.Regex.IsMatch(lines[line - 1], @"^\s*source:")
            ? ""                                                           // a block mapping: drop the line
            : System.Text.RegularExpressions.Regex.Replace(lines[line - 1], @",\s*source:\s*""[^""]*""", ""); // a flow mapping: drop the key
        Assert.DoesNotContain("source:", lines[line - 1]);
        var dir = TestFiles.Write(("minimal.yaml", string.Join("\n", lines) + "\n"),
            ("minimal-part.yaml", File.ReadAllText(TestFiles.Fixture("minimal-part.yaml"))));
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Path.Combine(dir, "minimal.yaml")));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal("minimal.yaml", Path.GetFileName(d.File));
        Assert.NotNull(d.Line);
        Assert.InRange(d.Line!.Value, line - 8, line);
        Assert.Contains(entity, d.Message);
        Assert.Contains("source", d.Message);
    }

    [Fact]
    public void Load_IncludeCycle_IsReportedWithThePath()
    {
        var root = Header + "\ninclude: [a.yaml]\n";
        var a = "include: [b.yaml]\n";
        var b = "include: [a.yaml]\n";
        var d = Single(Errors(root, "root.yaml", ("a.yaml", a), ("b.yaml", b)), "include cycle");
        Assert.EndsWith("b.yaml", d.File);
        Assert.Matches(@"a\.yaml → \S*b\.yaml → \S*a\.yaml$", d.Message);
        Assert.Equal((1, 11), (d.Line, d.Column));
    }

    [Fact]
    public void Load_WrongType_SaysWhatWasExpected()
    {
        var d = Single(Errors(Header + "\nstates:\n  - { id: RUS, cow: three, name: Russia }\n"), "'cow' should be a whole number");
        Assert.Contains("got 'three'", d.Message);
        Assert.Equal((6, 21), (d.Line, d.Column));
    }

    [Fact]
    public void Load_EmptyFile_IsAnError()
    {
        var d = Assert.Single(Errors("# nothing here\n\n"));
        Assert.Contains("the file is empty", d.Message);
        Assert.Equal((1, 1), (d.Line, d.Column));
    }

    [Fact]
    public void Load_MissingInclude_IsAnError()
    {
        var d = Single(Errors(Header + "\ninclude: [nowhere.yaml]\n"), "included file 'nowhere.yaml' not found");
        Assert.Equal((5, 11), (d.Line, d.Column));
    }

    [Fact]
    public void Load_UnknownEnumValue_ListsTheChoices()
    {
        var yaml = Header + "\n" + TwoStates + """

            treaties:
              - id: t1
                name: T
                kind: alliance
                parties: [RUS, PRK]
                source: x
                clauses:
                  - article: "1"
                    kind: defence
                    text: "…"
                    source: x
                    trigger: { event: armed-attack, by: any }
                    scope: { anywhere: true }
                    strength: automatic
            """;
        var d = Single(Errors(yaml), "'kind' = 'defence'");
        Assert.Contains("did you mean 'defense'", d.Message);
    }

    [Fact]
    public void Load_ManyProblems_AreAllReportedAtOnce()
    {
        var yaml = Header + """

            states:
              - { id: RUS, name: Russia, colour: red }
              - { id: rus2, name: Lower }
            relations:
              - { id: r1, kind: trade, from: RUS, to: XYZ, description: d, judgement: j }
            """;
        var ds = Errors(yaml);
        Assert.Contains(ds, d => d.Message.Contains("unknown field 'colour'"));
        Assert.Contains(ds, d => d.Message.Contains("ISO 3166-1 alpha-3"));
        Assert.True(ds.Count >= 2);
    }

    [Fact]
    public void Load_IncludedFileWithHeader_IsAnError()
    {
        var d = Single(Errors(Header + "\ninclude: [p.yaml]\n", "root.yaml", ("p.yaml", Header + "\n")), "must not have a 'scenario:' header");
        Assert.EndsWith("p.yaml", d.File);
    }

    [Fact]
    public void Load_SupersessionThatDisagrees_IsLocatedAtTheOlderTreaty()
    {
        var yaml = Header + "\n" + TwoStates + """

            treaties:
              - { id: old, name: Old, kind: other, parties: [RUS, PRK], source: x, superseded_by: new }
              - { id: new, name: New, kind: other, parties: [RUS, PRK], source: x }
            """;
        var d = Single(Errors(yaml), "does not list it under 'supersedes'");
        Assert.Equal((9, 11), (d.Line, d.Column));
    }

    [Fact]
    public void Load_UnknownReferences_AreReportedAlongsideOtherProblems_InLineOrder()
    {
        var yaml = Header + "\n" + TwoStates + """

            treaties:
              - { id: t1, name: T, kind: other, parties: [RUS, PRKK], source: x, signed: 2024-06-19, in_force: 2024-01-01 }
            """;
        var ds = Errors(yaml);
        Assert.Equal(2, ds.Count);
        Assert.Contains("dates out of order", ds[1].Message);
        Assert.Contains("unknown state 'PRKK'", ds[0].Message);
        Assert.True(ds[0].Column < ds[1].Column);
    }
}
