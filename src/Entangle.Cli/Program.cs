using System.CommandLine;
using System.CommandLine.Invocation;
using Entangle.Cli.Commands;
using Entangle.Cli.Output;

var root = new RootCommand(
    "Entangle: a workbench for the strategic system around a crisis — states, treaties, theaters, issues — " +
    "and the engines that run on it (treaty obligations, bargaining forecasts, escalation Monte Carlo).");

foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);

try
{
    var parsed = root.Parse(args.Length == 0 ? ["--help"] : ObligationsCommand.Normalise(args));
    if (parsed.Action is ParseErrorAction)
    {
        foreach (var line in ParseErrors.Describe(parsed)) Console.Error.WriteLine(line);
        return CommandRunner.BadInput;
    }
    if (ParseErrors.Describe(parsed) is { Count: > 0 } misspelt && parsed.Action is not System.CommandLine.Help.HelpAction)
    {
        // parsed without error, but an option-like token was taken as a positional argument (`run --rusn`)
        foreach (var line in misspelt) Console.Error.WriteLine(line);
        return CommandRunner.BadInput;
    }
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return CommandRunner.Unexpected(e);
}
