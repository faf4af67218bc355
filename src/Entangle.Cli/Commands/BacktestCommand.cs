using System.CommandLine;
using System.Globalization;
using Entangle.Application.Backtest;
using Entangle.Application.Data;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle backtest</c>: forecasts for the ICB crises after the split, scored against the outcomes.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var split = new Option<int>("--split") { Description = "First validation year: crises triggered before it are training, from it on validation", DefaultValueFactory = _ => 2000 };
        var targets = new Option<string[]>("--targets") { Description = "Targets (comma-separated or repeated): viol3, viol4, long, intervention (default all)", AllowMultipleArgumentsPerToken = true };
        var lastYear = new Option<int>("--last-year") { Description = "Last validation year (ICB v15 ends in 2019); with --split, a nested split inside the training years (e.g. --split 1980 --last-year 1999)", DefaultValueFactory = _ => 2019 };
        var runs = new Option<int>("--runs") { Description = "Runs per crisis", DefaultValueFactory = _ => 400 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var calibration = new Option<string?>("--calibration") { Description = "Calibration file (entangle calibrate --out FILE) whose fitted distributions replace the catalog defaults" };
        var chart = new Option<string?>("--chart") { Description = "Folder for the reliability diagrams (reliability-TARGET.png/.svg)" };
        var on = new Option<string>("--on") { Description = "Crises to score: validation (from the split year on) or training (before it: an in-sample diagnosis, leave-one-out climatology)", DefaultValueFactory = _ => "validation" };
        on.AcceptOnlyFromAmong("validation", "training");
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var dataDir = DataCommands.DataDirOption();
        var cluster = ClusterSession.Option();
        var cmd = new Command("backtest",
            "Forecast each ICB crisis from the split year on from a scenario generated from what was knowable at its trigger, and score the forecasts (Brier, skill vs climatology, bootstrap 95%) beside reference forecasts");
        foreach (var o in new Option[] { split, lastYear, targets, runs, threads, seed, calibration, on, chart, json, dataDir, cluster }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = new BacktestRequest(r.GetValue(split), r.GetValue(targets), r.GetValue(runs), r.GetValue(seed), r.GetValue(threads), r.GetValue(calibration),
                r.GetValue(lastYear), r.GetValue(on) == "training");
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var asJson = r.GetValue(json);
            var bar = asJson ? null : new ProgressBar("backtest");
            using var session = ClusterSession.Connect(r.GetValue(cluster));
            var result = BacktestService.Run(data, request, bar is null ? null : bar.Report, default, session?.Executor);
            bar?.Done();
            session?.Report();
            if (r.GetValue(chart) is { } dir)
            {
                var files = BacktestCharts.Write(result, dir);
                if (!asJson) Terminal.Line($"wrote {files.Count} charts to {dir}");
            }
            if (asJson) { Console.Out.WriteLine(Application.Output.Json.Serialize(result)); return CommandRunner.Ok; }
            string F(double x) => double.IsNaN(x) ? "—" : x.ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
            string B(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
            Terminal.Heading((result.Scored == "validation"
                    ? $"Backtest: {result.ValidationCrises} ICB crises {result.Split}-{result.LastYear} (trained on {result.TrainingCrises} before {result.Split}), {result.Runs} runs each"
                    : $"In-sample diagnosis: the {result.TrainingCrises} training crises before {result.Split} (leave-one-out climatology; references fitted in-sample), {result.Runs} runs each") +
                (result.Calibration is null ? ", uncalibrated (catalog defaults)" : $", calibration: {result.Calibration}"));
            foreach (var t in result.Targets)
            {
                Terminal.Table(["forecast", "Brier", "Brier 95%", "skill vs climatology", "skill 95%", "AUC", "spread (sd)"],
                    t.Forecasts.Select(f => (IReadOnlyList<string>)[f.Forecast, B(f.Brier.Value), $"{B(f.Brier.Lo)}–{B(f.Brier.Hi)}", F(f.SkillVsClimatology.Value),
                        $"{F(f.SkillVsClimatology.Lo)} to {F(f.SkillVsClimatology.Hi)}", double.IsNaN(f.Auc) ? "—" : B(f.Auc), B(f.Spread)]),
                    $"{t.Description}: {t.Events} of {t.Crises} crises; training base rate {B(t.TrainingBaseRate)} ({t.TrainingCrises} crises)");
                Terminal.Table(["subgroup", "crises", "observed", "model Brier", "clim. Brier", "model skill", "logistic skill", "one-rule skill"],
                    t.Subgroups.Select(s => (IReadOnlyList<string>)[$"{s.Group}: {s.Value}", s.Crises.ToString(CultureInfo.InvariantCulture), B(s.ObservedRate),
                        B(s.ModelBrier), B(s.ClimatologyBrier), F(s.ModelSkill), F(s.LogisticSkill), F(s.OneRuleSkill)]));
            }
            foreach (var s in result.Skipped) Terminal.Line($"skipped: {s}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}

/// <summary>A one-line progress bar on standard error (nothing when it is redirected).</summary>
public sealed class ProgressBar(string label)
{
    private int _last = -1;
    private readonly object _lock = new();

    public void Report(int done, int total)
    {
        if (Console.IsErrorRedirected || total <= 0) return;
        var pct = (int)(100L * done / total);
        lock (_lock)
        {
            if (pct == _last) return;
            _last = pct;
            var filled = pct / 4;
            Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', 25 - filled)}] {pct,3}% ({done}/{total})");
        }
    }

    public void Done() { if (!Console.IsErrorRedirected && _last >= 0) Console.Error.WriteLine(); }
}
