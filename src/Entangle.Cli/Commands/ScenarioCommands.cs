using System.CommandLine;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle validate</c> and <c>entangle show</c>.</summary>
public static class ScenarioCommands
{
    public static Command Validate()
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario YAML files to check", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("validate", "Check scenario files; print every problem as file:line:col and exit 2 if any") { files };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            foreach (var f in r.GetValue(files)!)
            {
                var s = ScenarioService.Load(f);
                Terminal.Line($"{f}: ok ({s.States.Count} states, {s.Treaties.Count} treaties, {s.Theaters.Count} theaters)");
            }
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    public static Command Show()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario YAML file" };
        var cmd = new Command("show", "Print a scenario: actors with figures and sources, treaties with clauses, theaters, relations") { file };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var s = ScenarioService.Load(r.GetValue(file)!);
            Terminal.Line(s.Info.Title);
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
