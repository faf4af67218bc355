using System.CommandLine;

namespace Entangle.Cli.Commands;

/// <summary>Every top-level command, in the order <c>--help</c> lists them. Add one line per new command.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ScenarioCommands.Validate();
        yield return ScenarioCommands.Show();
        yield return ScenarioCommands.New();
        yield return ObligationsCommand.Create();
        yield return ForecastCommand.Create();
        yield return DataCommands.Data();
        yield return RunCommand.Create();
        yield return ReplayCommand.Create();
        yield return CompareCommand.Create();
        yield return ClaimsCommand.Create();
        yield return MechanismsCommand.Create();
        yield return SensitivityCommand.Create();
        yield return ReportCommand.Create();
        yield return IngestCommand.Create();
        yield return BacktestCommand.Create();
        yield return CalibrateCommand.Create();
        yield return HistoryCommand.Create();
        yield return SweepCommand.Create();
        yield return SiloCommand.Create();
        yield return ServeCommand.Create();
    }
}
