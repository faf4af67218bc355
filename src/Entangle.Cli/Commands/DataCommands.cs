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
            "Reference datasets you downloaded yourself (ATOP, COW, SIPRI, ICB, MID): import them into the local store and list their sources");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Sources());
        cmd.Subcommands.Add(Atop());
        cmd.Subcommands.Add(Lookup());
        cmd.Subcommands.Add(ConflictCommands.Icb());
        cmd.Subcommands.Add(ConflictCommands.Mid());
        return cmd;
    }

    internal static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Data directory holding entangle.db (default: ${DataService.DataDirVariable}, else ~/.local/share/entangle)",
    };

    internal static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON (shape documented in docs/data.md)" };

    private static Command Import()
    {
        var kinds = DataService.Kinds();
        var kind = new Argument<string>("KIND")
        {
            Description = "Dataset kind: " + string.Join("; ", kinds.Select(k => $"{k.Kind} = {k.Dataset}")) +
                          "; all = every kind found in PATH and its immediate subfolders",
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
        var allowShrink = new Option<bool>("--allow-shrink")
        {
            Description = "Import a file with fewer rows than its release is known to hold, or fewer than the import it replaces (refused otherwise as a likely truncated download)",
        };
        var cmd = new Command("import",
            "Import a dataset (all or nothing; every bad row reported as file:line:col, exit 2). Re-importing a KIND replaces it.")
        {
            kind, path, dataDir, json, version, allowShrink,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var dir = DataService.ResolveDataDir(r.GetValue(dataDir));
            if (string.Equals(r.GetValue(kind), DataService.AllKinds, StringComparison.OrdinalIgnoreCase))
            {
                if (r.GetValue(version) is not null)
                    throw new Entangle.Domain.InputException("--dataset-version cannot be used with KIND all (it would apply to every dataset)");
                var all = DataService.ImportAll(r.GetValue(path)!, dir, r.GetValue(allowShrink));
                if (r.GetValue(json)) { Console.Out.WriteLine(Json.Serialize(all)); return CommandRunner.Ok; }
                Terminal.Table(["kind", "dataset", "version", "rows", "files"],
                    all.Imported.Select(s => (IReadOnlyList<string>)[s.Kind, s.Dataset, s.Version, s.Rows.ToString(CultureInfo.InvariantCulture),
                        string.Join(" ", s.Files.Select(f => f.File))]));
                if (all.NotFound.Count > 0) Terminal.Line($"Not found: {string.Join(", ", all.NotFound)}");
                Terminal.Line($"Into {all.Database}. Citations and licences: entangle data sources");
                return CommandRunner.Ok;
            }
            var (result, elapsed) = DataService.ImportTimed(r.GetValue(kind)!, r.GetValue(path)!, dir, r.GetValue(version), r.GetValue(allowShrink));
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
        }, writes: true));
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

    private static Command Atop()
    {
        var dataDir = DataDirOption();
        var json = JsonOption();
        var year = new Option<int?>("--year") { Description = "Year: alliances and member rows in effect, defense partners per state" };
        var state = new Option<string?>("--state") { Description = "With --year: one state's alliances, obligations and defense partners (COW code, or abbreviation once cow-states is imported)" };
        var alliance = new Option<int?>("--alliance") { Description = "One alliance (atopid) with every member-level row and its source line" };
        var carry = new Option<bool>("--carry-forward")
        {
            Description = "Allow a year after the end of ATOP (2018), assuming memberships ongoing at the end of the data continue (a judgement)",
        };
        var cmd = new Command("atop",
            "Query the imported ATOP data: obligations in effect in a year (see docs/data.md for the definition), one state, or one alliance")
        {
            year, state, alliance, carry, dataDir, json,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var asJson = r.GetValue(json);
            if (r.GetValue(alliance) is { } id)
            {
                var a = AtopQueries.Alliance(data, id);
                if (asJson) { Console.Out.WriteLine(Json.Serialize(a)); return CommandRunner.Ok; }
                Terminal.Line($"ATOP {a.AtopId}: {a.Begin} to {a.End ?? "in effect at end of data"}; obligations: {string.Join(", ", a.Obligations)}; " +
                              $"{a.MemberStates.Count} member states ({a.Source})");
                Terminal.Table(["member", "abb", "phase", "entry", "exit", "obligations", "source"],
                    a.Members.Select(m => (IReadOnlyList<string>)[m.Member.ToString(CultureInfo.InvariantCulture), m.MemberAbbreviation ?? "",
                        m.Phase.ToString(CultureInfo.InvariantCulture), m.Entry, m.Exit ?? "ongoing", string.Join(" ", m.Obligations), m.Source]));
                return CommandRunner.Ok;
            }
            if (r.GetValue(year) is not { } y)
                throw new Entangle.Domain.InputException("give --year Y (optionally with --state S) or --alliance ID");
            if (r.GetValue(state) is { } s)
            {
                var v = AtopQueries.StateYear(data, s, y, r.GetValue(carry));
                if (asJson) { Console.Out.WriteLine(Json.Serialize(v)); return CommandRunner.Ok; }
                Terminal.Line($"{v.Abbreviation ?? v.Ccode.ToString(CultureInfo.InvariantCulture)} in {v.Year} ({v.Dataset}{(v.CarriedForward ? ", CARRIED FORWARD past the end of the data: a judgement" : "")}): " +
                              $"{v.Alliances.Count} alliances, {v.DefensePartners.Count} defense partners");
                Terminal.Table(["atopid", "obligations", "co-members", "sources"],
                    v.Alliances.Select(a => (IReadOnlyList<string>)[a.AtopId.ToString(CultureInfo.InvariantCulture), string.Join(" ", a.Obligations),
                        a.CoMembers.Count <= 8 ? string.Join(" ", a.CoMembers) : $"{a.CoMembers.Count} states (--json lists them)",
                        string.Join("; ", a.Sources)]));
                Terminal.Line($"Defense partners: {string.Join(" ", v.DefensePartners)}");
                return CommandRunner.Ok;
            }
            var view = AtopQueries.Year(data, y, r.GetValue(carry));
            if (asJson) { Console.Out.WriteLine(Json.Serialize(view)); return CommandRunner.Ok; }
            Terminal.Line($"{view.Dataset}, {view.Year}{(view.CarriedForward ? " (CARRIED FORWARD past the end of the data: a judgement)" : "")}: " +
                          $"{view.AlliancesInEffect} alliances and {view.MemberRowsInEffect} member rows in effect; " +
                          $"{view.DefensePartnerCounts.Count} states with defense partners");
            Terminal.Table(["ccode", "abb", "defense partners"],
                view.DefensePartnerCounts.Select(c => (IReadOnlyList<string>)[c.Ccode.ToString(CultureInfo.InvariantCulture), c.Abbreviation ?? "",
                    c.DefensePartners.ToString(CultureInfo.InvariantCulture)]));
            Terminal.Line($"Definition: {view.Definition}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    private static Command Lookup()
    {
        var dataDir = DataDirOption();
        var json = JsonOption();
        var state = new Option<string>("--state")
        {
            Description = "COW code, or COW abbreviation once cow-states is imported (e.g. RUS, PRK)",
            Required = true,
        };
        var year = new Option<int>("--year") { Description = "Year", Required = true };
        var sipri = new Option<string?>("--sipri-country") { Description = "SIPRI's name for the country when it differs from the COW name (e.g. \"Korea, North\")" };
        var cmd = new Command("lookup",
            "Everything the imported reference data say about one state in one year: COW status, NMC figures, SIPRI cells, each with its source line")
        {
            state, year, sipri, dataDir, json,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            using var data = DataService.Open(DataService.ResolveDataDir(r.GetValue(dataDir)));
            var v = StateYearLookup.Lookup(data, r.GetValue(state)!, r.GetValue(year), r.GetValue(sipri));
            if (r.GetValue(json)) { Console.Out.WriteLine(Json.Serialize(v)); return CommandRunner.Ok; }
            static string YesNo(bool? b) => b is null ? "unknown" : b.Value ? "yes" : "no";
            Terminal.Line($"{v.Name ?? "?"} ({v.Abbreviation ?? "?"}, COW {v.Ccode}) in {v.Year}: in system {YesNo(v.InSystem)}, major power {YesNo(v.MajorPower)}" +
                          (v.SipriCountry is null ? "" : $"; SIPRI country '{v.SipriCountry}'"));
            Terminal.Table(["figure", "value", "unit", "status", "source"],
                v.Figures.Select(f => (IReadOnlyList<string>)[f.Name, f.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "missing", f.Unit, f.Status ?? "", f.Source]));
            foreach (var n in v.Notes) Terminal.Line($"Note: {n}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
