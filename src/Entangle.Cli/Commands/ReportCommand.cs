using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Entangle.Application.Analysis;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle report</c>: a self-contained HTML briefing.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file" };
        var outDir = new Option<string?>("--out") { Description = "Folder for report.html (self-contained), the charts as PNG and SVG, claims.json and summary.json (default out/SCENARIO-ID-report); replaced as a whole" };
        var runs = new Option<int>("--runs") { Description = "Runs of the escalation Monte Carlo for the outcome probabilities", DefaultValueFactory = _ => 4000 };
        var claimRuns = new Option<int>("--claim-runs") { Description = "Runs per arm for the claims", DefaultValueFactory = _ => 6000 };
        var screenRuns = new Option<int>("--screening-runs") { Description = "Runs per arm at each screening point", DefaultValueFactory = _ => 250 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON" };
        var cmd = new Command("report", "Write a self-contained HTML briefing: situation, alliance network, outcome probabilities, claims with verdicts, sensitivity, provenance");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { outDir, runs, claimRuns, screenRuns, seed, threads, json }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            var isJson = r.GetValue(json);
            var request = new ReportRequest(r.GetValue(runs), r.GetValue(seed), r.GetValue(threads),
                new ClaimsRequest(Runs: r.GetValue(claimRuns), ScreeningRuns: r.GetValue(screenRuns)));
            request.Validate();
            var path = r.GetValue(scenario)!;
            if (r.GetValue(outDir) is { } given) OutFolder.Check(given);
            var dir = r.GetValue(outDir) ?? OutFolder.Check(Path.Combine("out", ScenarioService.Load(path).Info.Id + "-report"));
            var result = OutFolder.Write(dir, "entangle report",
                staging => ReportService.Write(path, staging, request, isJson ? null : m => Console.Error.WriteLine(m + " …")),
                (res, final) => res with { Html = final(res.Html), Files = res.Files.Select(final).ToList() });
            if (isJson)
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(result));
                return CommandRunner.Ok;
            }
            Terminal.Line($"Wrote {result.Html} ({result.Claims} claims, {result.Charts} charts inline) and {result.Files.Count - 1} more files in {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
            return CommandRunner.Ok;
        }, writes: true));
        return cmd;
    }
}
