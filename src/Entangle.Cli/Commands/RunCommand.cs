using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Entangle.Application.Escalation;
using Entangle.Application.Output;
using Entangle.Cli.Output;
using Spectre.Console;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle run</c>: the escalation Monte Carlo.</summary>
public static class RunCommand
{
    /// <summary>Options shared by <c>run</c> and <c>replay</c>.</summary>
    internal sealed class Common
    {
        public readonly Argument<string> Scenario = new("SCENARIO") { Description = "Scenario YAML file with an 'escalation:' section" };
        public readonly Option<ulong> Seed = new("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        public readonly Option<int?> Steps = new("--steps") { Description = "Number of steps (default: the scenario's, usually 24 months)" };
        public readonly Option<int> Replicates = new("--replicates") { Description = "Dynamics replicates per parameter draw", DefaultValueFactory = _ => 10 };
        public readonly Option<string[]> Set = new("--set") { Description = "Override a parameter by path, e.g. --set actor.USA.resolve=0.8 (repeatable)", AllowMultipleArgumentsPerToken = false };
        public readonly Option<string[]> Without = new("--without-treaty") { Description = "Remove a treaty before running (repeatable)" };
        public readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON" };

        public void AddTo(Command c) { c.Arguments.Add(Scenario); c.Options.Add(Seed); c.Options.Add(Steps); c.Options.Add(Replicates); c.Options.Add(Set); c.Options.Add(Without); c.Options.Add(Json); }

        public EscalationRequest Request(ParseResult r, int runs = 1, int threads = 0) => new(
            runs, r.GetValue(Seed), r.GetValue(Steps), threads, r.GetValue(Replicates), r.GetValue(Set) ?? [], r.GetValue(Without) ?? []);
    }

    public static Command Create()
    {
        var common = new Common();
        var runs = new Option<int>("--runs") { Description = "Number of runs", DefaultValueFactory = _ => 10_000 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var noCharts = new Option<bool>("--no-charts") { Description = "Write the JSON, CSV and report tables without rendering the PNG/SVG charts (faster for scripted what-ifs)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for summary.json, CSVs, charts and report.html (default out/SCENARIO-ID)" };
        var cmd = new Command("run", "Run the escalation Monte Carlo: outcome probabilities with 95% intervals, fan charts, an HTML report");
        common.AddTo(cmd);
        cmd.Options.Add(runs); cmd.Options.Add(threads); cmd.Options.Add(outDir); cmd.Options.Add(noCharts);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = common.Request(r, r.GetValue(runs), r.GetValue(threads)).Validate();
            if (r.GetValue(outDir) is { } given) OutFolder.Check(given);
            var model = EscalationService.Load(r.GetValue(common.Scenario)!, request);
            var dir = r.GetValue(outDir) ?? OutFolder.Check(Path.Combine("out", model.Scenario.Info.Id));
            var json = r.GetValue(common.Json);
            var watch = Stopwatch.StartNew();
            EscalationSummary summary;
            if (!json && Terminal.Rich)
            {
                summary = null!;
                AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"{request.Runs:N0} runs", maxValue: request.Runs);
                        var gate = new object();
                        summary = EscalationService.Run(model, request, done => { lock (gate) task.Value = Math.Max(task.Value, done); }, r.GetValue(common.Scenario));
                    });
            }
            else summary = EscalationService.Run(model, request, null, r.GetValue(common.Scenario));
            watch.Stop();
            var files = OutFolder.Write(dir, "entangle run", staging => EscalationExporter.WriteAll(summary, staging, !r.GetValue(noCharts)));
            if (json)
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(summary));
                return CommandRunner.Ok;
            }
            Print(summary, watch.Elapsed, dir, files.Count);
            return CommandRunner.Ok;
        }, writes: true));
        return cmd;
    }

    private static void Print(EscalationSummary s, TimeSpan elapsed, string dir, int files)
    {
        var inv = CultureInfo.InvariantCulture;
        Terminal.Heading($"{s.Title}: {s.Runs:N0} runs, {s.Steps} {s.StepUnit}s from {s.Start:yyyy-MM-dd}, seed {s.Seed}"
            + (s.Overrides.Count > 0 ? $"; overrides: {string.Join(", ", s.Overrides)}" : "")
            + (s.RemovedTreaties.Count > 0 ? $"; without {string.Join(", ", s.RemovedTreaties)}" : ""));
        Terminal.Line("Levels: 0 normal · 1 pressure/sanctions · 2 confrontation · 3 mobilization · 4 armed clashes · 5 war · 6 nuclear signalling · 7 local nuclear use · 8 homeland strikes · 9 general nuclear war. "
            + "Intervals respect the parameter draws (clusters); 'epistemic share' is the part of an outcome's variance due to what we do not know (the parameter draws) rather than to chance.");
        string Row(string k) => k;
        var headline = s.Outcomes.Where(kv => !kv.Key.StartsWith("event.", StringComparison.Ordinal) && !kv.Key.StartsWith("ends_", StringComparison.Ordinal)).ToList();
        Terminal.Table(["outcome", "p", "95% interval", "epistemic share", "meaning"],
            headline.Select(kv => (IReadOnlyList<string>)[Row(kv.Key), kv.Value.P.ToString("0.000", inv), $"{kv.Value.Lo.ToString("0.000", inv)}–{kv.Value.Hi.ToString("0.000", inv)}",
                kv.Value.Epistemic?.EpistemicShare.ToString("0.00", inv) ?? "—", kv.Value.Description]));
        Terminal.Table(["theater", "start", "median end", "highest level reached (share of runs)"],
            s.Theaters.Select(t => (IReadOnlyList<string>)[t.Id, t.StartLevel.ToString(inv), t.Fan[^1].Q50.ToString(inv),
                string.Join("  ", t.MaxLevel.Where(l => l.P > 0).Select(l => $"{l.Level}:{l.P.ToString("0.000", inv)}"))]));
        if (s.TimeToFirstWar.MedianStep is { } med)
            Terminal.Line($"First new war in {s.TimeToFirstWar.P.ToString("0.000", inv)} of runs; median step {med}, mean {s.TimeToFirstWar.MeanStep?.ToString("0.0", inv)}.");
        foreach (var sh in s.ForceShares)
            Terminal.Line($"Force share {sh.Actor} in {sh.Theater}: {sh.Points[0].Mean.ToString("0.000", inv)} → {sh.Points[^1].Mean.ToString("0.000", inv)} (95% of runs {sh.Points[^1].Lo.ToString("0.00", inv)}–{sh.Points[^1].Hi.ToString("0.00", inv)})");
        foreach (var w in s.Warnings) Terminal.Line($"warning: {w}");
        var rate = s.Runs / Math.Max(1e-9, elapsed.TotalSeconds);
        Terminal.Line($"{s.Runs:N0} runs in {elapsed.TotalSeconds.ToString("0.00", inv)} s ({rate.ToString("N0", inv)} runs/s, {(s.Decisions / Math.Max(1e-9, elapsed.TotalSeconds)).ToString("N0", inv)} decisions/s). Wrote {files} files to {dir}/ (report.html).");
    }
}
