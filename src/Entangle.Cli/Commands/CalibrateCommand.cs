using System.CommandLine;
using System.Globalization;
using Entangle.Application.Calibration;
using Entangle.Application.Data;
using Entangle.Application.Output;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle calibrate</c>: fits global engine parameters to the ICB crises (and MID disputes) before the split.</summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = "abc (rejection ABC, posterior distributions), smm (simulated method of moments, a point) or brier (the point with the best Brier score of the per-crisis forecasts, a proper score)", DefaultValueFactory = _ => "abc" };
        method.AcceptOnlyFromAmong("abc", "smm", "brier");
        var outFile = new Option<string?>("--out") { Description = "Calibration file to write (JSON; default out/calibration.json)" };
        var split = new Option<int>("--split") { Description = "Crises triggered before this year are fitted; later ones are never read by the fit", DefaultValueFactory = _ => 2000 };
        var points = new Option<int>("--points") { Description = "Parameter points drawn from the prior", DefaultValueFactory = _ => 96 };
        var runs = new Option<int>("--runs") { Description = "Runs per training crisis at each point", DefaultValueFactory = _ => 20 };
        var accept = new Option<double>("--accept") { Description = "ABC: share of points accepted", DefaultValueFactory = _ => 0.1 };
        var checkRuns = new Option<int>("--check-runs") { Description = "Runs per crisis when checking the fitted parameters", DefaultValueFactory = _ => 60 };
        var maxCrises = new Option<int>("--max-crises") { Description = "Use an evenly spaced subset of at most this many training crises (0: all; for quick runs)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds: each later round samples the box of the previous round's accepted points", DefaultValueFactory = _ => 2 };
        var posterior = new Option<bool>("--posterior") { Description = "brier: keep, by ABC on the Brier loss, every point of the last round whose loss cannot be told from the optimum's (within 2 standard errors of the paired per-crisis difference): a posterior of joint draws that calibrated runs sample" };
        var json = new Option<bool>("--json") { Description = "Print the calibration file as JSON" };
        var dataDir = DataCommands.DataDirOption();
        var cluster = ClusterSession.Option();
        var cmd = new Command("calibrate",
            "Fit the escalation engine's global parameters (λ, settlement and freeze rates, ladder costs, the war threshold premium, intervention bias) to ICB crises before the split and MID both-nuclear disputes, by ABC, SMM or the Brier score of the per-crisis forecasts");
        foreach (var o in new Option[] { method, outFile, split, points, runs, accept, checkRuns, maxCrises, rounds, posterior, seed, threads, json, dataDir, cluster }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = new CalibrationRequest(r.GetValue(method)!, r.GetValue(split), r.GetValue(points), r.GetValue(runs), r.GetValue(accept),
                r.GetValue(checkRuns), r.GetValue(seed), r.GetValue(threads), r.GetValue(maxCrises), r.GetValue(rounds), r.GetValue(posterior));
            var path = r.GetValue(outFile) ?? Path.Combine("out", "calibration.json");
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            using var session = ClusterSession.Connect(r.GetValue(cluster));
            var bars = new Dictionary<string, ProgressBar>();
            var file = CalibrationService.Run(data, request, (stage, done, total) =>
            {
                lock (bars)
                {
                    if (!bars.TryGetValue(stage, out var b)) { foreach (var o in bars.Values) o.Done(); bars[stage] = b = new ProgressBar(stage); }
                    b.Report(done, total);
                }
            }, session?.Executor);
            session?.Report();
            foreach (var b in bars.Values) b.Done();
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(path, Json.Serialize(file) + "\n");
            if (r.GetValue(json)) { Console.Out.WriteLine(Json.Serialize(file)); return CommandRunner.Ok; }
            string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
            Terminal.Heading($"Calibration ({file.Method}) on {file.TrainingCrises} ICB crises before {file.Split}: {file.Points} points in all × {file.RunsPerCrisis} runs" +
                (file.Tolerance is { } t ? $", {file.Accepted} accepted, tolerance {F(t)}" : ""));
            Terminal.Table(["parameter", "fitted", "sd", "optimum", "prior"], file.Parameters.Select(p => (IReadOnlyList<string>)[p.Path, F(p.Mean), F(p.Sd),
                p.Best is { } b ? F(b) : "—", $"uniform({F(p.PriorLo)}, {F(p.PriorHi)})"]));
            Terminal.Table(["moment", "observed", "se", "model", "met (within 2 se)"],
                file.Targets.Select(t => (IReadOnlyList<string>)[t.Name, F(t.Observed), F(t.StandardError), F(t.Simulated), t.Met ? "yes" : "no"]));
            Terminal.Line($"wrote {path}");
            return CommandRunner.Ok;
        }, writes: true));
        return cmd;
    }
}
