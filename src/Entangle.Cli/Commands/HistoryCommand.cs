using System.CommandLine;
using System.Globalization;
using Entangle.Application.Backtest;
using Entangle.Application.Data;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle history</c>: the hand-written historical scenarios' forecasts beside the ICB outcomes.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("SCENARIO") { Description = "Historical scenario files (default: every file in scenarios/history)", Arity = ArgumentArity.ZeroOrMore };
        var runs = new Option<int>("--runs") { Description = "Runs per scenario", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var calibration = new Option<string?>("--calibration") { Description = "Calibration file whose fitted distributions replace the catalog defaults" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var dataDir = DataCommands.DataDirOption();
        var cmd = new Command("history", "Run the historical scenarios (Cuba 1962, Taiwan Strait 1995, Kargil 1999, Korea 2010 and 2017) and set their forecasts beside the ICB outcomes");
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { runs, seed, threads, calibration, json, dataDir }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var given = r.GetValue(files) is { Length: > 0 } f ? f : Directory.Exists(Path.Combine("scenarios", "history"))
                ? Directory.GetFiles(Path.Combine("scenarios", "history"), "*.yaml").Order(StringComparer.Ordinal).ToArray()
                : throw new Entangle.Domain.InputException("no scenario given and no scenarios/history folder here; give the files");
            var dir = DataService.ResolveDataDir(r.GetValue(dataDir));
            using var data = DataService.Open(dir);
            var result = HistoryService.Run(given, r.GetValue(runs), r.GetValue(seed), r.GetValue(threads), r.GetValue(calibration), data);
            if (r.GetValue(json)) { Console.Out.WriteLine(Application.Output.Json.Serialize(result)); return CommandRunner.Ok; }
            string P(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
            Terminal.Table(["scenario", "as of", ..Targets.All.Select(t => $"P({t})"), "ICB: viol, days"],
                result.Select(h => (IReadOnlyList<string>)[h.Scenario, h.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ..Targets.All.Select(t => P(h.Model[t])),
                    h.Violence is { } v ? $"{v}, {h.DurationDays?.ToString(CultureInfo.InvariantCulture) ?? "?"}" : "(ICB not imported)"]));
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
