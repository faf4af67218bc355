using System.CommandLine;
using Entangle.Application.Data;
using Entangle.Application.Obligations;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle obligations network --year 2018</c>: the defence-obligation network from imported ATOP.</summary>
public static class NetworkCommand
{
    /// <summary>The <c>network</c> subcommand.</summary>
    public static Command Create()
    {
        var year = new Option<string>("--year") { Description = "The year (ATOP 5.1 covers 1815–2018; later years need --scenario)", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario whose treaties record changes after ATOP's last year (NATO accessions, Russia–DPRK 2024, …)" };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Reference-data directory with ATOP imported (default: ${DataService.DataDirVariable} or ~/.local/share/entangle)" };
        var blocs = new Option<int>("--blocs") { Description = "How many of the largest blocs to list", DefaultValueFactory = _ => 10 };
        var matrix = new Option<string?>("--matrix") { Description = "Also write the all-pairs matrix as CSV to this file" };
        var json = new Option<bool>("--json") { Description = "Print JSON (shape in docs/obligations.md)" };
        var cmd = new Command("network",
            "Defence obligations over all state pairs for a year: how many states each is bound to defend, how many are bound to defend it, the largest alliance blocs")
            { year, scenario, dataDir, blocs, matrix, json };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            if (r.GetValue(matrix) is { } m) OutFolder.CheckFile("--matrix", m);
            var y = NetworkService.ParseYear(r.GetValue(year)!);
            var s = r.GetValue(scenario) is { } sp ? ScenarioService.Load(sp) : null;
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var rep = NetworkService.Build(data, y, s, r.GetValue(blocs));
            if (r.GetValue(matrix) is { } mp) AtomicFile.WriteAllText(mp, NetworkService.MatrixCsv(data, y, s));
            if (r.GetValue(json)) { Console.Out.WriteLine(Json.Serialize(rep)); return CommandRunner.Ok; }
            Terminal.Heading($"Defence obligations, {rep.Year}: {rep.StateCount} states, {rep.Pledges} directed pledges");
            Terminal.Line(rep.Basis);
            if (rep.ScenarioChanges.Count > 0)
                Terminal.Table(["treaty", "change", "source"], rep.ScenarioChanges.Select(c => (IReadOnlyList<string>)[c.Treaty, c.Change, c.Source]), "Changes from the scenario");
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Terminal.Table(["state", "cow", "bound to defend", "defended by"],
                rep.States.Where(x => x.Defends + x.DefendedBy > 0).OrderByDescending(x => x.Defends).ThenBy(x => x.State, StringComparer.Ordinal)
                    .Select(x => (IReadOnlyList<string>)[x.State, x.Cow?.ToString(inv) ?? "", x.Defends.ToString(inv), x.DefendedBy.ToString(inv)]),
                "States with defence obligations");
            Terminal.Table(["size", "members"], rep.Blocs.Select(b => (IReadOnlyList<string>)[b.Size.ToString(inv), string.Join(" ", b.Members)]), "Largest alliance blocs");
            return CommandRunner.Ok;
        }, writes: r.GetValue(matrix) is not null));
        return cmd;
    }
}
