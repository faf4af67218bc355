using Entangle.Application.Backtest;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Tests.Shared;
using Xunit.Abstractions;

namespace Entangle.Backtest.Tests;

/// <summary>The hand-written historical scenarios (scenarios/history): they load, are dated as of their ICB trigger, compile and run.</summary>
public sealed class HistoryScenarioTests(ITestOutputHelper output)
{
    private static string Dir => Path.Combine(RepoPaths.RepoRoot, "scenarios", "history");

    public static IEnumerable<object[]> Files() =>
        HistoryService.Crisis.Keys.Order(StringComparer.Ordinal).Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Files))]
    public void Loads_is_dated_at_its_trigger_and_runs(string id)
    {
        var path = Path.Combine(Dir, id + ".yaml");
        var s = ScenarioService.Load(path);
        Assert.Equal(id, s.Info.Id);
        var m = EscalationService.Compile(s, new EscalationRequest(), null, path);
        Assert.Equal(s.Info.AsOf, m.Start);
        Assert.Equal(1, m.TheaterCount);
        // every figure is dated no later than the scenario (nothing learned after the trigger)
        Assert.All(s.States.SelectMany(st => st.Figures), f => Assert.True(f.Year <= s.Info.AsOf.Year, $"{f.Name} {f.Year} after {s.Info.AsOf}"));
        Assert.All(s.Treaties, t => Assert.True(t.InForce <= s.Info.AsOf));
        var r = HistoryService.Run([path], 300, 1, 1, null, null).Single();
        Assert.Equal(HistoryService.Crisis[id], r.Crisno);
        Assert.All(r.Model.Values, p => Assert.InRange(p, 0, 1));
        Assert.True(r.Model[Targets.Serious] >= r.Model[Targets.War]);
        output.WriteLine($"{id}: {string.Join(", ", r.Model.Select(kv => $"{kv.Key} {kv.Value:0.00}"))}");
    }

    [Fact]
    public void Nuclear_status_and_treaties_are_those_of_the_trigger_date()
    {
        var cuba = EscalationService.Compile(ScenarioService.Load(Path.Combine(Dir, "cuba-1962.yaml")), new EscalationRequest());
        Assert.Equal([true, false, true], new[] { "USA", "CUB", "RUS" }.Select(x => cuba.IsNuclear(cuba.ActorIndex(new StateId(x)))));
        var cheonan = EscalationService.Compile(ScenarioService.Load(Path.Combine(Dir, "korea-2010-cheonan.yaml")), new EscalationRequest());
        Assert.True(cheonan.IsNuclear(cheonan.ActorIndex(new StateId("PRK")))); // first test 2006-10-09
        Assert.Contains(cheonan.Obligations, o => o.Treaty == "usa-kor-1953" && o.Ally.Iso3 == "USA" && o.Partner.Iso3 == "KOR");
        var kargil = EscalationService.Compile(ScenarioService.Load(Path.Combine(Dir, "kargil-1999.yaml")), new EscalationRequest());
        Assert.True(kargil.IsNuclear(kargil.ActorIndex(new StateId("PAK")))); // first test 1998-05-28, a year before the trigger
    }

    [Fact]
    public void Nuclear_first_tests_file_is_complete_and_sourced()
    {
        var t = NuclearFirstTests.All;
        Assert.Equal([2, 365, 200, 220, 710, 750, 770, 731], t.Select(x => x.Ccode));
        Assert.All(t, x => Assert.Contains("Arms Control Association", x.Source));
        Assert.Null(NuclearFirstTests.Before(731, new DateOnly(2006, 10, 9))); // not before the day of the test
        Assert.NotNull(NuclearFirstTests.Before(731, new DateOnly(2006, 10, 10)));
    }
}

/// <summary>The <c>escalation: calibration:</c> reference: fitted distributions replace the defaults, not what the scenario sets.</summary>
public sealed class CalibrationReferenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "entangle-calref-" + Guid.NewGuid().ToString("N"));

    public CalibrationReferenceTests() => Directory.CreateDirectory(_dir);

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Write(string calibrationLine, string accident)
    {
        var src = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "scenarios", "history", "kargil-1999.yaml"));
        var cal = Path.Combine(RepoPaths.RepoRoot, "scenarios", "calibration", "icb-before-2000.json");
        src = src.Replace("escalation:\n", $"escalation:\n{calibrationLine.Replace("CAL", cal)}\n  globals:\n    accident: {{ value: {accident}, judgement: \"set by this scenario\" }}\n");
        var path = Path.Combine(_dir, "kargil.yaml");
        File.WriteAllText(path, src);
        return path;
    }

    [Fact]
    public void Calibrated_distributions_replace_only_the_defaults()
    {
        var path = Write("  calibration: CAL", "0.02");
        var m = EscalationService.Compile(ScenarioService.Load(path), new EscalationRequest(), null, path);
        var settle = m.Spec("global.settlement_rate");
        // the committed calibration is a posterior of joint draws (calibrate --method brier --posterior): each fitted
        // parameter is drawn from the file's draws, whose mean the file also records
        var file = Application.Calibration.CalibrationFile.Read(Path.Combine(RepoPaths.RepoRoot, "scenarios", "calibration", "icb-before-2000.json"));
        var draws = Assert.IsType<Entangle.Domain.Escalation.Estimate.Draws>(settle);
        Assert.Equal(file.Draws!.Count, draws.Values.Count);
        Assert.True(file.Draws.Count >= 2, "a posterior of one draw carries no parameter uncertainty");
        Assert.StartsWith("calibrated (brier", settle.Basis.Text);
        Assert.Equal(file.Parameters.Single(p => p.Path == "global.settlement_rate").Mean, settle.Mean, 5);
        Assert.Equal(file.Parameters.Single(p => p.Path == "actor.*.lambda").Mean, m.Spec("actor.IND.lambda").Mean, 5);
        Assert.NotEqual(30, m.Spec("actor.IND.lambda").Mean); // not the catalog default
        Assert.Equal(0.02, m.Spec("global.accident").Mean); // the scenario's own value stays
        Assert.Equal("judgement", m.Spec("stake.IND.kashmir").Basis.Kind); // scenario-specific stakes stay
        Assert.Equal(1.0, m.Spec("stake.IND.kashmir").Mean);
    }

    [Fact]
    public void A_calibration_posterior_is_drawn_jointly_one_whole_draw_per_run()
    {
        var path = Path.Combine(RepoPaths.RepoRoot, "scenarios", "history", "kargil-1999.yaml");
        var m = EscalationService.Compile(ScenarioService.Load(path), new EscalationRequest(), null, path);
        var rows = new double[][] { [10, 0.1], [20, 0.2], [30, 0.3], [40, 0.4] };
        var file = new Application.Calibration.CalibrationFile(Application.Calibration.CalibrationFile.FormatName, "brier", "test", 2000, 1, 1, 4, 4, 0,
            [], [new("actor.*.lambda", 25, 12.9, 2, 60, 2, 60, 10), new("global.settlement_rate", 0.25, 0.129, 0.01, 0.6, 0.01, 0.6, 0.1)], [], 4, "test",
            rows.Select((v, i) => new Application.Calibration.CalibrationDraw(v, i)).ToList());
        var c = file.Apply(m);
        Assert.IsType<Entangle.Domain.Escalation.Estimate.Draws>(c.Spec("global.settlement_rate"));
        int Slot(string p) => c.ParameterPaths.ToList().IndexOf(p);
        int lamInd = Slot("actor.IND.lambda"), lamPak = Slot("actor.PAK.lambda"), settle = Slot("global.settlement_rate");
        Assert.True(lamInd >= 0 && lamPak >= 0 && settle >= 0);
        var seen = new HashSet<int>();
        var p = new double[c.ParameterPaths.Count];
        for (var d = 0; d < 200; d++)
        {
            Entangle.Engine.Escalation.Ensemble.Draw(c, 7, d, p);
            // every parameter of the run comes from the same row of the posterior: the draws stay joint
            var row = Array.FindIndex(rows, r => r[0] == p[lamInd] && r[1] == p[settle]);
            Assert.True(row >= 0, $"draw {d}: lambda {p[lamInd]} and settlement rate {p[settle]} are not one row of the posterior");
            Assert.Equal(p[lamInd], p[lamPak]);
            seen.Add(row);
        }
        Assert.Equal(4, seen.Count); // and every row is drawn
    }

    [Fact]
    public void A_missing_calibration_file_is_a_located_error()
    {
        var path = Write("  calibration: no-such-file.json", "0.02");
        var e = Assert.Throws<InputException>(() => ScenarioService.Load(path));
        Assert.Contains("calibration file 'no-such-file.json' not found", e.Message);
        Assert.Contains("kargil.yaml:", e.Message);
    }
}
