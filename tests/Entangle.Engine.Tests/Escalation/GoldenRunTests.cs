using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Entangle.Application.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// The golden run (issue 9): Golden/golden.yaml (two theaters, four actors, six monthly steps) through the real loader
/// and ensemble gives exactly the counts that Golden/golden.py, a re-implementation that shares no code with the
/// engine, computes for the same runs, seed and replicates.
/// </summary>
public class GoldenRunTests
{
    private const int Runs = 2000, Replicates = 10;
    private const ulong Seed = 7;

    private static string Folder => Path.Combine(RepoPaths.RepoRoot, "tests", "Entangle.Engine.Tests", "Escalation", "Golden");

    [Fact]
    public void GoldenRun_EngineCountsEqualTheIndependentScriptExactly()
    {
        var request = new EscalationRequest(Runs: Runs, Seed: Seed, Replicates: Replicates, Threads: 2);
        var model = EscalationService.Load(Path.Combine(Folder, "golden.yaml"), request);
        // the metrics every command reports, and who paid a threshold premium (the premiums are paid, not only weighed)
        var premiums = Enumerable.Range(0, model.ActorCount)
            .Select(a => new OutcomeDefinition($"premium_paid.{model.Actors[a]}", "paid a threshold premium", s => s.PremiumPaid[a] > 0));
        var arm = new Arm("baseline", model, [.. Metrics.For(model), .. premiums]);
        var result = Ensemble.Run([arm], [DesignPoint.None], EscalationService.Options(request), record: true)[0][0];
        var engine = Counts(model, arm, result);

        using var script = JsonDocument.Parse(RunScript());
        var root = script.RootElement;
        var python = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Number && !p.Name.StartsWith("draw.", StringComparison.Ordinal)) python[p.Name] = p.Value.GetInt64();

        // the script knows every metric the engine reports
        var missing = arm.Outcomes.Select(o => o.Name).Where(n => !python.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "golden.py does not report: " + string.Join(", ", missing));

        // the same obligations table, from the clause, by hand
        Assert.Equal(root.GetProperty("obligation_rows").EnumerateArray().Select(x => x.GetString()!).ToArray(),
            model.Obligations.Select(o => $"{o.Treaty}:{o.Article}:{o.Ally}:{o.Partner}:{o.Theater}:{o.TriggerLevel}").ToArray());

        // the same parameter draws, to the last bit
        var p0 = new double[model.SlotCount];
        var drawn = 0;
        foreach (var d in root.EnumerateObject().Where(x => x.Name.StartsWith("draw.", StringComparison.Ordinal)))
        {
            var parts = d.Name.Split('.', 3);
            Ensemble.Draw(model, Seed, int.Parse(parts[1], CultureInfo.InvariantCulture), p0);
            var slot = model.ParameterPaths.ToList().IndexOf(parts[2]);
            Assert.True(model.SpecAt(slot).IsDistribution, parts[2] + " is not drawn");
            Assert.Equal(BitConverter.DoubleToInt64Bits(p0[slot]), BitConverter.DoubleToInt64Bits(d.Value.GetDouble()));
            drawn++;
        }
        Assert.Equal(6, drawn); // draws 0–2 of global.accident and actor.BBB.resolve

        // every count exactly (a count absent on one side is zero there)
        var diffs = engine.Keys.Union(python.Keys)
            .Where(k => engine.GetValueOrDefault(k) != python.GetValueOrDefault(k))
            .Select(k => $"{k}: engine {engine.GetValueOrDefault(k)}, golden.py {python.GetValueOrDefault(k)}").ToList();
        Assert.True(diffs.Count == 0, $"{diffs.Count} counts differ:\n" + string.Join("\n", diffs));

        // the scenario exercises each mechanism the script re-implements, so agreement is not agreement on zeros
        foreach (var k in new[]
                 {
                     "first_war", "war.north", "war.south", "nuclear_signal", "ally_entry", "obligation_triggered.ac-pact", "intervention",
                     "crisis_ends.north.settlement", "crisis_ends.north.freeze", "crisis_ends.north.normal", "crisis_ends.south.settlement",
                     "crisis_ends.south.freeze", "event.borduria-test", "event.drusselstein-raid", "forces_moved_out.AAA.north", "ends_below_start.north", "premium_paid.AAA", "premium_paid.BBB", "premium_paid.CCC", "premium_paid.DDD",
                 })
            Assert.True(engine[k] > 0 && engine[k] < Runs, $"{k} = {engine[k]} of {Runs}: the golden scenario no longer exercises it");
    }

    /// <summary>Every metric's hits (and trials, for conditional ones) and the recorder's integer tallies, by name.</summary>
    private static SortedDictionary<string, long> Counts(CompiledModel m, Arm arm, ArmResult r)
    {
        var c = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var def in arm.Outcomes)
        {
            c[def.Name] = r.Metrics[def.Name].TotalHits;
            if (def.Condition is not null) c[def.Name + ".trials"] = r.Metrics[def.Name].TotalTrials;
        }
        var st = r.Statistics!;
        int nT = m.TheaterCount, nL = m.Ladder.Levels.Count, T = m.Steps, draws = (Runs + Replicates - 1) / Replicates;
        var kinds = Enum.GetValues<Termination>();
        void Add(string key, long v) { if (v != 0) c[key] = v; }
        for (var t = 0; t < nT; t++)
        {
            var id = m.Theaters[t];
            for (var k = 0; k <= T; k++)
                for (var l = 0; l < nL; l++) Add($"level.{id}.{k}.{l}", st.LevelCounts[(t * (T + 1) + k) * nL + l]);
            for (var l = 0; l < nL; l++)
            {
                long sum = 0;
                for (var d = 0; d < draws; d++) sum += st.MaxLevelDraw[(t * nL + l) * draws + d];
                Add($"max_level.{id}.{l}", sum);
            }
            Add($"crisis_runs.{id}", st.CrisisRuns[t]);
            foreach (var kind in kinds.Where(x => x != Termination.None))
                for (var k = 0; k <= T; k++)
                    Add($"end.{id}.{kind.ToString().ToLowerInvariant()}.{k}", st.EndCounts[(t * kinds.Length + (int)kind) * (T + 1) + k]);
        }
        for (var k = 0; k <= T; k++) Add($"first_war_step.{k}", st.FirstWarCounts[k]);
        return c;
    }

    /// <summary>Runs golden.py with python3 from PATH and returns what it printed.</summary>
    private static string RunScript()
    {
        var python = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
        Assert.True(python is not null, "python3 is not on PATH: the golden-run test runs tests/Entangle.Engine.Tests/Escalation/Golden/golden.py with it; install python3 (apt-get install python3)");
        var psi = new ProcessStartInfo(python!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder,
        };
        foreach (var a in new[] { "golden.py", "--runs", $"{Runs}", "--seed", $"{Seed}", "--replicates", $"{Replicates}" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"golden.py exited with code {p.ExitCode}:\n{stderr.Result}");
        return stdout.Result;
    }
}
