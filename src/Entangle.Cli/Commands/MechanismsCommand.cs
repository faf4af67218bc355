using System.CommandLine;
using Entangle.Application.Analysis;
using Entangle.Application.Output;
using Entangle.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle mechanisms SCENARIO [--from X] [--to METRIC]</c>: the paths in the mechanism map (docs/analysis.md).</summary>
public static class MechanismsCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file with an escalation: section" };
        var from = new Option<string[]>("--from") { Description = "A treaty id, parameter path or event id to start from (repeatable; default: every treaty that reaches anything)", AllowMultipleArgumentsPerToken = false };
        var to = new Option<string[]>("--to") { Description = "A metric to reach (repeatable; default: the metrics of the scenario's claims)" };
        var json = new Option<bool>("--json") { Description = "Print JSON (shape in docs/analysis.md)" };
        var svg = new Option<string?>("--svg") { Description = "Also draw the paths as an SVG file" };
        var cmd = new Command("mechanisms", "The mechanism map: paths from a treaty, parameter or event through the model's mechanisms to each metric") { scenario, from, to, json, svg };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            if (r.GetValue(svg) is { } file) OutFolder.CheckFile("--svg", file);
            var res = MechanismsService.Paths(ScenarioSource.File(r.GetValue(scenario)!), r.GetValue(from), r.GetValue(to));
            if (r.GetValue(svg) is { } f) AtomicFile.WriteAllText(f, MechanismsService.Svg(res.Targets));
            if (r.GetValue(json)) { Console.Out.WriteLine(Json.Serialize(res)); return CommandRunner.Ok; }
            Terminal.Heading($"Mechanism map of {res.Scenario}: {res.Nodes} nodes, {res.Edges} edges; from {string.Join(", ", res.From)}");
            foreach (var t in res.Targets)
            {
                Terminal.Line();
                Terminal.Line($"{t.Metric}{(t.Claims.Count > 0 ? $" (claim {string.Join(", ", t.Claims)})" : "")}: {(t.Paths.Count == 0 ? "no path — the model cannot test a claim about it from here" : $"{t.Paths.Count} path(s)")}");
                foreach (var p in t.Paths)
                    Terminal.Line($"  {string.Join(" → ", p.Nodes)}");
                if (t.Paths.Count == 0) Terminal.Line($"  it reads: {string.Join(", ", t.Reads)}");
            }
            return CommandRunner.Ok;
        }, writes: r.GetValue(svg) is not null));
        return cmd;
    }
}
