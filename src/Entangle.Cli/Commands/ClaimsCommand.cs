using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Entangle.Application.Analysis;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle claims</c>: tests the claims a scenario states.</summary>
public static class ClaimsCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file with 'escalation:' and 'claims:' sections" };
        var runs = new Option<int>("--runs") { Description = "Runs per arm for the verdicts", DefaultValueFactory = _ => 6000 };
        var screenRuns = new Option<int>("--screening-runs") { Description = "Runs per arm at each screening point", DefaultValueFactory = _ => 250 };
        var trajectories = new Option<int>("--trajectories") { Description = "Morris trajectories", DefaultValueFactory = _ => 5 };
        var levels = new Option<int>("--levels") { Description = "Points per one-at-a-time scan", DefaultValueFactory = _ => 5 };
        var parameter = new Option<string[]>("--parameter") { Description = "Screen this parameter (repeatable; default: the scenario's uncertain judgements and global judgements)" };
        var noScreen = new Option<bool>("--no-screening") { Description = "Only the verdicts, no screening" };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var reps = new Option<int>("--replicates") { Description = "Runs per parameter draw", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var set = new Option<string[]>("--set") { Description = "Set a parameter in every arm, PATH=VALUE, e.g. treaty.rus-prk-2024.credibility=0.3 (repeatable): how the verdicts hang on a judgement" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var cluster = ClusterSession.Option();
        var cmd = new Command("claims", "Test the scenario's claims: estimates with and without the counterfactual, a verdict, and what it hinges on");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { runs, screenRuns, trajectories, levels, parameter, noScreen, seed, reps, threads, set, json, cluster }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = new ClaimsRequest(r.GetValue(runs), r.GetValue(screenRuns), r.GetValue(trajectories), r.GetValue(levels), r.GetValue(seed),
                r.GetValue(reps), r.GetValue(threads), r.GetValue(parameter) ?? [], !r.GetValue(noScreen), r.GetValue(set) is { Length: > 0 } ov ? ov : null);
            var isJson = r.GetValue(json);
            var watch = Stopwatch.StartNew();
            using var session = ClusterSession.Connect(r.GetValue(cluster));
            var result = ClaimsService.Test(Scenarios.ScenarioSource.File(r.GetValue(scenario)!), request, isJson ? null : msg => Console.Error.WriteLine(msg + " …"), default, session?.Executor);
            session?.Report();
            if (isJson)
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(result));
                return CommandRunner.Ok;
            }
            Print(result, watch.Elapsed);
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    private static string P(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
    private static string S(double x) => x.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static void Print(ClaimsResult res, TimeSpan elapsed)
    {
        var s = res.Settings;
        Terminal.Heading($"{res.Title}: {res.Claims.Count} claims, {s.Runs:N0} paired runs per arm over {s.Steps} steps, seed {s.Seed}");
        Terminal.Table(["claim", "metric", "with", "without", "difference (95% interval)", "stress range", "verdict", "hinges on"],
            res.Claims.Select(c => (IReadOnlyList<string>)[c.Id, c.Metric + (c.Threshold is { } t ? $" ({c.Direction} {P(t)})" : ""), $"{P(c.With.Estimate)} ({P(c.With.Lo)}–{P(c.With.Hi)})",
                P(c.Without.Estimate), $"{S(c.Difference.Estimate)} ({S(c.Difference.Lo)} … {S(c.Difference.Hi)})",
                c.Stress is { } st ? $"[{S(st.Lo)}, {S(st.Hi)}]" : "none", c.Verdict,
                string.Join(", ", c.HingesOn.Select(h => h.Parameter))]));
        foreach (var c in res.Claims)
        {
            Terminal.Line();
            Terminal.Line($"{c.Id} — {c.Title}: {c.Verdict.ToUpperInvariant()} under these assumptions");
            Terminal.Line($"  “{Short(c.Quote)}”");
            Terminal.Line($"  ({Short(c.Gloss)})");
            Terminal.Line($"  Claim: {c.Statement}.");
            Terminal.Line($"  With: {P(c.With.Estimate)} ({P(c.With.Lo)}–{P(c.With.Hi)}); {c.Counterfactual}: {P(c.Without.Estimate)} ({P(c.Without.Lo)}–{P(c.Without.Hi)}); " +
                          $"difference {S(c.Difference.Estimate)} ({S(c.Difference.Lo)} … {S(c.Difference.Hi)})" +
                          (c.VarianceReduction is { } v ? $", pairing cut the variance ×{v.ToString("0.0", CultureInfo.InvariantCulture)}." : "."));
            if (c.Paths is { Count: > 0 } paths)
            {
                Terminal.Line($"  Paths from the counterfactual to {c.Metric} ({paths.Count}{(paths.Count >= 12 ? ", the shortest" : "")}):");
                foreach (var p in paths.Take(5)) Terminal.Line($"    {string.Join(" → ", p.Nodes)}");
            }
            if (c.Mechanism is { } mech) Terminal.Line($"  Why: {mech}");
            if (c.Stress is { } st)
                Terminal.Line($"  Stress test ({st.Points.Count} points, the path's parameters at the ends of their ranges; {st.Effect}): " +
                              $"min {S(st.Lo)} at {st.LoAt}, max {S(st.Hi)} at {st.HiAt}, largest upper 95% end {S(st.HiUpper)}.");
            else if (c.Paths is { Count: > 0 }) Terminal.Line("  Stress test: none (no parameter on the paths has a range).");
            foreach (var h in c.HingesOn)
                Terminal.Line($"  hinges on {h.Parameter} (μ* {P(h.MuStar)}, range {Screening.Fmt(h.Lo)}–{Screening.Fmt(h.Hi)}): {h.VerdictAtLo} at {Screening.Fmt(h.Lo)}, {h.VerdictAtHi} at {Screening.Fmt(h.Hi)}" +
                              (h.FlipsAt is { } f ? $"; the estimate crosses the boundary at {Screening.Fmt(f)}" : "; no crossing in range"));
        }
        Terminal.Line();
        Terminal.Line($"Screened {s.Parameters.Count} parameters with {s.Trajectories} Morris trajectories and {s.Levels}-point scans, {s.ScreeningRuns} runs per arm per point. Verdict rule: docs/analysis.md.");
        Terminal.Line($"Took {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
    }

    private static string Short(string s) => s.Length <= 220 ? s : s[..217] + "…";
}
