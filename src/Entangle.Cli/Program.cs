using System.CommandLine;
using Entangle.Cli.Commands;

var root = new RootCommand(
    "Entangle: a workbench for the strategic system around a crisis — states, treaties, theaters, issues — " +
    "and the engines that run on it (treaty obligations, bargaining forecasts, escalation Monte Carlo).");

foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);

return root.Parse(args).Invoke();
