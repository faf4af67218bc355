using System.CommandLine;
using System.Globalization;
using Entangle.Application.Analysis;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle sensitivity</c>: how an outcome metric depends on the judgement parameters.</summary>
public static class SensitivityCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file with an 'escalation:' section" };
        var metric = new Option<string>("--metric") { Description = "Outcome metric, e.g. two_theater_crisis (see `entangle run --json`)", Required = true };
        var method = new Option<string>("--method") { Description = "morris, oat (one-at-a-time scan, tornado) or sobol (Saltelli sampling)", DefaultValueFactory = _ => "morris" };
        method.AcceptOnlyFromAmong("morris", "oat", "sobol");
        var runs = new Option<int>("--runs") { Description = "Runs at each design point", DefaultValueFactory = _ => 200 };
        var trajectories = new Option<int>("--trajectories") { Description = "Morris trajectories", DefaultValueFactory = _ => 8 };
        var levels = new Option<int>("--levels") { Description = "Points per one-at-a-time scan", DefaultValueFactory = _ => 5 };
        var sobolN = new Option<int>("--sobol-n") { Description = "Saltelli base rows N; N(k+2) design points", DefaultValueFactory = _ => 32 };
        var parameter = new Option<string[]>("--parameter") { Description = "Screen this parameter (repeatable; default: the scenario's uncertain judgements and global judgements)" };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var reps = new Option<int>("--replicates") { Description = "Runs per parameter draw", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var outDir = new Option<string?>("--out") { Description = "Folder for sensitivity.json, effects.csv and the chart (default out/SCENARIO-ID-sensitivity); replaced as a whole" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var cluster = ClusterSession.Option();
        var cmd = new Command("sensitivity", "Sensitivity of an outcome metric to the judgement parameters: tornado (oat), Morris μ*/σ, or Sobol indices");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { metric, method, runs, trajectories, levels, sobolN, parameter, seed, reps, threads, outDir, json, cluster }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = new SensitivityRequest(r.GetValue(metric)!, r.GetValue(method)!, r.GetValue(runs), r.GetValue(trajectories), r.GetValue(levels),
                r.GetValue(sobolN), r.GetValue(seed), r.GetValue(reps), r.GetValue(threads), r.GetValue(parameter) ?? []);
            var path = r.GetValue(scenario)!;
            if (r.GetValue(outDir) is { } given) OutFolder.Check(given);
            var dir = r.GetValue(outDir) ?? OutFolder.Check(Path.Combine("out", ScenarioService.Load(path).Info.Id + "-sensitivity"));
            SensitivityResult result;
            using (var session = ClusterSession.Connect(r.GetValue(cluster)))
            {
                result = SensitivityService.Run(Scenarios.ScenarioSource.File(path), request, default, session?.Executor);
                session?.Report();
            }
            var files = OutFolder.Write(dir, "entangle sensitivity", staging => SensitivityService.Write(result, staging));
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(result));
                return CommandRunner.Ok;
            }
            string F(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";
            Terminal.Heading($"{result.Title}: sensitivity of {result.Metric} ({result.Method}, {result.DesignPoints} design points × {result.RunsPerPoint} runs); as is {F(result.Base.Estimate)} ({F(result.Base.Lo)}–{F(result.Base.Hi)})");
            switch (result.Method)
            {
                case "oat":
                    Terminal.Table(["parameter", "range", "at low end", "at high end", "swing"],
                        result.Effects.Select(e => (IReadOnlyList<string>)[e.Parameter, $"{Screening.Fmt(e.Lo)}–{Screening.Fmt(e.Hi)}", F(e.AtLo), F(e.AtHi), F(e.Swing)]));
                    break;
                case "morris":
                    Terminal.Table(["parameter", "range", "μ*", "μ", "σ"],
                        result.Effects.Select(e => (IReadOnlyList<string>)[e.Parameter, $"{Screening.Fmt(e.Lo)}–{Screening.Fmt(e.Hi)}", F(e.MuStar), F(e.Mu), F(e.Sigma)]));
                    Terminal.Line("μ*: mean absolute change of the probability when the parameter moves across 2/3 of its range, scaled to the whole range; σ: spread of those changes (interactions).");
                    break;
                default:
                    Terminal.Table(["parameter", "range", "S1", "S1 95%", "ST", "ST 95%"],
                        result.Effects.Select(e => (IReadOnlyList<string>)[e.Parameter, $"{Screening.Fmt(e.Lo)}–{Screening.Fmt(e.Hi)}", F(e.First), $"{F(e.FirstLo)}–{F(e.FirstHi)}", F(e.Total), $"{F(e.TotalLo)}–{F(e.TotalHi)}"]));
                    Terminal.Line(result.Caveat);
                    break;
            }
            Terminal.Line($"Wrote {files.Count} files to {dir}/.");
            return CommandRunner.Ok;
        }, writes: true));
        return cmd;
    }
}
