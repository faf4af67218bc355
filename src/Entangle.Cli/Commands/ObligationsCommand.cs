using System.CommandLine;
using Entangle.Application.Obligations;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;
using Entangle.Engine.Obligations;

namespace Entangle.Cli.Commands;

/// <summary>
/// <c>entangle obligations query SCENARIO --attacker A --target B</c> (short: <c>obligations SCENARIO …</c>), <c>entangle obligations cascade …</c>
/// (how a war spreads, wave by wave) and <c>entangle obligations network</c> (the ATOP defence network for a year).
/// </summary>
public static class ObligationsCommand
{
    private sealed record QueryOptions(
        Argument<string> Scenario, Option<string> Attacker, Option<string> Target, Option<string?> Where,
        Option<string?> Asset, Option<string?> On, Option<string[]> War, Option<bool> Json);

    private static QueryOptions MakeOptions() => new(
        new Argument<string>("SCENARIO") { Description = "Scenario YAML file" },
        new Option<string>("--attacker") { Description = "The attacking state (ISO3)", Required = true },
        new Option<string>("--target") { Description = "The attacked state (ISO3)", Required = true },
        new Option<string?>("--where") { Description = "Where: a territory (JPN-senkaku), theater (korea) or area (south-china-sea); default: the target's home territory" },
        new Option<string?>("--asset") { Description = "Attack the target's armed-forces, public-vessels or aircraft at --where instead of its territory" },
        new Option<string?>("--on") { Description = "Date YYYY-MM-DD on which treaties and parties are evaluated (default: the scenario's as_of)" },
        new Option<string[]>("--war") { Description = "A war assumed under way, INITIATOR:DEFENDER (e.g. RUS:UKR); adds to the wars the scenario's theaters record", AllowMultipleArgumentsPerToken = false },
        new Option<bool>("--json") { Description = "Print JSON (shape in docs/obligations.md)" });

    private static void Add(Command c, QueryOptions o)
    {
        c.Arguments.Add(o.Scenario);
        foreach (Option x in new Option[] { o.Attacker, o.Target, o.Where, o.Asset, o.On, o.War, o.Json }) c.Options.Add(x);
    }

    /// <summary>The <c>obligations</c> group: <c>query</c>, <c>cascade</c>, <c>network</c>.</summary>
    public static Command Create()
    {
        var cmd = new Command("obligations",
            "Treaty obligations: query (which states a treaty obliges to join if ATTACKER attacks TARGET), cascade (how the war spreads), " +
            "network (ATOP defence network for a year). 'entangle obligations SCENARIO …' is short for 'entangle obligations query SCENARIO …'");
        cmd.Subcommands.Add(Query());
        cmd.Subcommands.Add(Cascade());
        cmd.Subcommands.Add(NetworkCommand.Create());
        return cmd;
    }

    /// <summary>
    /// Rewrites the short form <c>obligations SCENARIO …</c> to <c>obligations query SCENARIO …</c>. Only a word
    /// that names a YAML file (or an existing file) counts as a scenario, so a misspelt subcommand still gets
    /// "did you mean".
    /// </summary>
    public static string[] Normalise(string[] args)
    {
        if (args.Length < 2 || args[0] != "obligations") return args;
        var next = args[1];
        if (next is "query" or "cascade" or "network" || next.StartsWith('-')) return args;
        var yaml = next.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || next.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return yaml || File.Exists(next) ? ["obligations", "query", .. args[1..]] : args;
    }

    private static Command Query()
    {
        var o = MakeOptions();
        var cmd = new Command("query",
            "Which states a treaty obliges to join if ATTACKER attacks TARGET (where, when), by which clause, how firmly, under which reading");
        Add(cmd, o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var s = ScenarioService.Load(r.GetValue(o.Scenario)!);
            var q = ObligationsService.MakeQuery(s, r.GetValue(o.Attacker)!, r.GetValue(o.Target)!, r.GetValue(o.Where),
                r.GetValue(o.Asset), r.GetValue(o.On), r.GetValue(o.War));
            var rep = ObligationsService.Query(s, q);
            if (r.GetValue(o.Json)) Console.Out.WriteLine(Json.Serialize(rep));
            else PrintQuery(rep);
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    private static void PrintQuery(ObligationsReport r)
    {
        Terminal.Heading($"{r.Attack.Attacker} attacks {r.Attack.Target} at {string.Join("; ", r.Attack.Sites)} on {r.On}");
        if (r.Hindsight is { } h) Terminal.Line(h);
        if (r.Attack.TargetBeganWar) Terminal.Line($"Counter-attack: {r.Attack.BeganWarBasis} ({r.Attack.BeganWarSource})");
        Terminal.Table(["state", "treaty", "clause", "strength", "reading", "why the trigger matches", "why the scope matches"],
            r.Obliged.Select(f => (IReadOnlyList<string>)[f.State, f.Treaty, $"Art. {f.Clause}", ObligationEngine.StrengthName(f.Strength), f.Reading, f.Trigger, f.Scope]),
            "Obliged");
        Terminal.Table(["state", "treaty", "reading", "why not"],
            r.NotObliged.Select(f => (IReadOnlyList<string>)[f.State, f.Treaty, f.Reading ?? "all", f.Reason]),
            "Party to a relevant treaty but not obliged");
        var clauses = r.Obliged.GroupBy(f => (f.Treaty, f.Clause)).Select(g => g.First()).ToList();
        foreach (var c in clauses)
        {
            Terminal.Line();
            Terminal.Line($"{c.Treaty} Art. {c.Clause}: \"{c.Text}\"");
            Terminal.Line($"  source: {c.Source}");
            if (c.Exceptions.Count > 0) Terminal.Line($"  exceptions (ATOP codes): {string.Join(", ", c.Exceptions)}");
            if (c.Credibility is { } cr) Terminal.Line($"  credibility prior {cr.Value:0.##} ({cr.BasisKind}: {cr.Basis})");
        }
        var split = r.Status.Where(s => s.Status == ObligationStatus.DependsOnReading).Select(s => s.State).ToList();
        if (split.Count > 0)
        {
            Terminal.Line();
            Terminal.Line($"Depends on the reading of the text: {string.Join(", ", split)} — both readings are listed above.");
        }
    }

    private static Command Cascade()
    {
        var o = MakeOptions();
        var home = new Option<bool>("--homeland-strikes") { Description = "Assume belligerents also strike each other's home territory (escalation assumption)" };
        var certain = new Option<bool>("--certain-only") { Description = "Follow only obligations that hold under every reading" };
        var dot = new Option<string?>("--dot") { Description = "Write the cascade as Graphviz DOT to this file" };
        var svg = new Option<string?>("--svg") { Description = "Write the cascade as SVG (drawn without Graphviz) to this file" };
        var png = new Option<string?>("--png") { Description = "Write the cascade as PNG (needs Graphviz 'dot' on PATH)" };
        var cmd = new Command("cascade",
            "How a war spreads under treaty obligations: wave 1 are the states obliged by the attack, wave 2 those obliged by wave 1's entry, … until a wave obliges no one");
        Add(cmd, o);
        foreach (Option x in new Option[] { home, certain, dot, svg, png }) cmd.Options.Add(x);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            foreach (var (name, file) in new[] { ("--dot", r.GetValue(dot)), ("--svg", r.GetValue(svg)), ("--png", r.GetValue(png)) })
                if (file is not null) OutFolder.CheckFile(name, file);
            var s = ScenarioService.Load(r.GetValue(o.Scenario)!);
            var q = ObligationsService.MakeQuery(s, r.GetValue(o.Attacker)!, r.GetValue(o.Target)!, r.GetValue(o.Where),
                r.GetValue(o.Asset), r.GetValue(o.On), r.GetValue(o.War));
            var rep = CascadeService.Run(s, q, new CascadeOptions(r.GetValue(home), r.GetValue(certain)));
            var dotText = CascadeService.Dot(rep);
            if (r.GetValue(png) is { } pngPath) CascadeService.WritePng(dotText, pngPath);
            if (r.GetValue(dot) is { } dotPath) AtomicFile.WriteAllText(dotPath, dotText);
            if (r.GetValue(svg) is { } svgPath) AtomicFile.WriteAllText(svgPath, CascadeService.Svg(rep));
            if (r.GetValue(o.Json)) Console.Out.WriteLine(Json.Serialize(rep));
            else PrintCascade(rep);
            return CommandRunner.Ok;
        }, writes: r.GetValue(dot) is not null || r.GetValue(svg) is not null || r.GetValue(png) is not null));
        return cmd;
    }

    private static void PrintCascade(CascadeReport r)
    {
        Terminal.Heading($"Cascade: {r.Attack.Attacker} attacks {r.Attack.Target} at {string.Join("; ", r.Attack.Sites)} on {r.On}");
        Terminal.Table(["wave", "state", "defends", "against", "treaty", "clause", "strength", "reading", "depends on"],
            r.Edges.Select(e => (IReadOnlyList<string>)[e.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture), e.State, e.Defends, e.Against,
                e.Treaty, $"Art. {e.Clause}", ObligationEngine.StrengthName(e.Strength), e.Reading, e.DependsOn.Count == 0 ? "-" : string.Join("; ", e.DependsOn)]),
            "Waves (wave 0: " + $"{r.Attack.Attacker} attacks {r.Attack.Target})");
        Terminal.Line($"Stop: {r.Stop}.");
        var chained = r.Edges.Where(e => e.OutsideTheater).ToList();
        if (chained.Count > 0)
            Terminal.Table(["wave", "states", "treaty", "clause", "attack outside the theater"],
                chained.GroupBy(e => (e.Wave, e.Treaty, e.Clause, e.Attack))
                    .Select(g => (IReadOnlyList<string>)[g.Key.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        string.Join(" ", g.Select(e => e.State).Distinct()), g.Key.Treaty, $"Art. {g.Key.Clause}", g.Key.Attack]),
                "Where treaties chain theaters together");
        if (r.Conflicts.Count > 0)
            Terminal.Table(["wave", "state", "defends", "treaty", "note"], r.Conflicts.Select(c => (IReadOnlyList<string>)[c.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture), c.State, c.Defends, c.Treaty, c.Note]), "Conflicting obligations");
        Terminal.Table(["states", "treaty", "why the chain stops here"],
            r.NotTriggered.GroupBy(h => (h.Treaty, h.Reason)).OrderBy(g => g.Key.Treaty, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<string>)[string.Join(" ", g.Select(h => h.State)), g.Key.Treaty, g.Key.Reason]),
            "Parties to relevant treaties never obliged");
    }
}
