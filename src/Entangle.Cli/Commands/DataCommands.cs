using System.CommandLine;
using System.Globalization;
using Entangle.Application.Data;
using Entangle.Application.Output;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle data import KIND PATH</c> and <c>entangle data sources</c>.</summary>
public static class DataCommands
{
    /// <summary>The <c>data</c> command with its subcommands.</summary>
    public static Command Data()
    {
        var cmd = new Command("data",
            "Reference datasets you downloaded yourself (ATOP, COW, SIPRI): import them into the local store and list their sources");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Sources());
        return cmd;
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Data directory holding entangle.db (default: ${DataService.DataDirVariable}, else ~/.local/share/entangle)",
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON (shape documented in docs/data.md)" };

    private static Command Import()
    {
        var kinds = DataService.Kinds();
        var kind = new Argument<string>("KIND")
        {
            Description = "Dataset kind: " + string.Join("; ", kinds.Select(k => $"{k.Kind} = {k.Dataset}")),
        };
        var path = new Argument<string>("PATH")
        {
            Description = "File or folder to import: " + string.Join("; ", kinds.Select(k => $"{k.Kind}: {k.Expects}")),
        };
        var dataDir = DataDirOption();
        var json = JsonOption();
        var version = new Option<string?>("--dataset-version")
        {
            Description = "Release to record when the files do not state it (e.g. 4.0 for a COW trade export without a version column)",
        };
        var cmd = new Command("import",
            "Import a dataset (all or nothing; every bad row reported as file:line:col, exit 2). Re-importing a KIND replaces it.")
        {
            kind, path, dataDir, json, version,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var dir = DataService.ResolveDataDir(r.GetValue(dataDir));
            var (result, elapsed) = DataService.ImportTimed(r.GetValue(kind)!, r.GetValue(path)!, dir, r.GetValue(version));
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Json.Serialize(result));
                return CommandRunner.Ok;
            }
            var s = result.Imported;
            Terminal.Line($"Imported {s.Kind}: {s.Dataset} {s.Version}, {s.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows " +
                          $"in {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s into {result.Database}");
            Terminal.Table(["role", "file", "rows", "sha256"],
                s.Files.Select(f => (IReadOnlyList<string>)[f.Role, f.File, f.Rows.ToString(CultureInfo.InvariantCulture), f.Sha256]));
            if (s.Notes is not null) Terminal.Line($"Notes: {s.Notes}");
            Terminal.Line($"Cite: {s.Citation}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    private static Command Sources()
    {
        var dataDir = DataDirOption();
        var json = JsonOption();
        var cmd = new Command("sources",
            "List each imported dataset: version, citation, licence, source files with SHA-256, row counts, import time")
        {
            dataDir, json,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var result = DataService.Sources(DataService.ResolveDataDir(r.GetValue(dataDir)));
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Json.Serialize(result));
                return CommandRunner.Ok;
            }
            Terminal.Line($"Data directory: {result.DataDir}");
            if (result.Sources.Count == 0)
                Terminal.Line("Nothing imported yet. Run: entangle data import KIND PATH");
            else
            {
                Terminal.Table(["kind", "dataset", "version", "rows", "imported at"],
                    result.Sources.Select(s => (IReadOnlyList<string>)[s.Kind, s.Dataset, s.Version, s.Rows.ToString(CultureInfo.InvariantCulture), s.ImportedAt]));
                Terminal.Table(["kind", "file", "rows", "sha256"],
                    result.Sources.SelectMany(s => s.Files.Select(f => (IReadOnlyList<string>)[s.Kind, f.File, f.Rows.ToString(CultureInfo.InvariantCulture), f.Sha256])),
                    "Files");
                foreach (var s in result.Sources)
                {
                    Terminal.Heading($"{s.Kind}: {s.Dataset} {s.Version}");
                    Terminal.Line($"Citation: {s.Citation}");
                    Terminal.Line($"Licence:  {s.Licence}");
                    Terminal.Line($"Format:   {s.SourceFormat}");
                    Terminal.Line($"From:     {s.SourcePath}");
                    if (s.Notes is not null) Terminal.Line($"Notes:    {s.Notes}");
                }
            }
            if (result.NotImported.Count > 0) Terminal.Line($"Not imported: {string.Join(", ", result.NotImported)}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
