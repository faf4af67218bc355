using System.CommandLine;
using System.Globalization;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle validate</c> and <c>entangle show</c>.</summary>
public static class ScenarioCommands
{
    public static Command Validate()
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario YAML files to check (with everything they include)", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("validate", "Check scenario files; print every problem as file:line:col and exit 2 if there is any") { files };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            // Each file is checked on its own: a problem in one (of any kind) never stops the files after it.
            var problems = new List<Entangle.Domain.Diagnostic>();
            long total = 0;
            foreach (var f in r.GetValue(files)!)
            {
                try
                {
                    var s = ScenarioService.Load(f);
                    foreach (var w in s.Warnings) Console.Error.WriteLine((w with { Message = "warning: " + w.Message }).ToString());
                    Terminal.Line($"{f}: ok — {s.States.Count} states, {s.Organizations.Count} organizations, {s.Treaties.Count} treaties " +
                                  $"({s.Treaties.Sum(t => t.Clauses.Count)} clauses), {s.Theaters.Count} theaters, {s.Relations.Count} relations, " +
                                  $"{s.Issues.Count} issues, {s.Events.Count} events" +
                                  (s.Warnings.Count > 0 ? $"; {s.Warnings.Count} warning{(s.Warnings.Count == 1 ? "" : "s")}" : ""));
                }
                catch (Entangle.Domain.InputException e)
                {
                    problems.AddRange(e.Diagnostics);
                    total += e.Total;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add(new Entangle.Domain.Diagnostic(f, null, null, $"internal error while checking this file ({e.GetType().Name}); please report it"));
                    total++;
                }
            }
            if (problems.Count > 0) throw new Entangle.Domain.InputException(problems) { Total = total };
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    /// <summary><c>entangle new NAME</c>: a small, commented, valid scenario to start from.</summary>
    public static Command New()
    {
        var name = new Argument<string>("SCENARIO-NAME") { Description = "Name of the new scenario, e.g. baltic-2025; writes baltic-2025.yaml (never over an existing file)" };
        var cmd = new Command("new", "Write a small, commented, valid scenario to start from (two allies, a rival, a treaty, a theater, an issue, an event)") { name };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var path = ScenarioTemplate.Write(r.GetValue(name)!, DateOnly.FromDateTime(DateTime.Today));
            Terminal.Line($"wrote {path}; check it with: entangle validate {path}");
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    public static Command Show()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario YAML file" };
        var year = new Option<int?>("--year") { Description = "Show, for each figure, the latest value not after this year" };
        var json = new Option<bool>("--json") { Description = "Print JSON (shape documented in docs/cli.md)" };
        var cmd = new Command("show", "Print a scenario: states with figures and sources, treaties with clause texts, theaters, relations, issues, events") { file, year, json };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var view = ScenarioView.Of(ScenarioService.Load(r.GetValue(file)!), r.GetValue(year));
            if (r.GetValue(json)) Console.Out.WriteLine(Json.Serialize(view));
            else Print(view);
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    /// <summary>Money and head counts abbreviated (bn, mn); everything else printed in full.</summary>
    private static string Num(double v, string? unit = null) =>
        unit is not ("current US$" or "persons") ? v.ToString("#,0.#######", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 1e9 ? (v / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " bn"
        : Math.Abs(v) >= 1e6 ? (v / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " mn"
        : v.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Members as of <paramref name="asOf"/> (yyyy-MM-dd): current ones with their entry date, then those who had
    /// left by then and those yet to join, each with both dates.
    /// </summary>
    internal static string Members(IReadOnlyList<MemberView> members, string asOf)
    {
        static string Span(MemberView m) => m.To is null ? $"from {m.From}" : $"{m.From ?? "?"} to {m.To}";
        var current = members.Where(m => string.CompareOrdinal(m.From ?? "", asOf) <= 0 && (m.To is null || string.CompareOrdinal(m.To, asOf) > 0));
        var former = members.Where(m => m.To is not null && string.CompareOrdinal(m.To, asOf) <= 0).ToList();
        var later = members.Where(m => m.From is not null && string.CompareOrdinal(m.From, asOf) > 0).ToList();
        var text = string.Join(", ", current.Select(m => m.State
            + (m.From is null && m.To is null ? "" : $" ({(m.To is null ? m.From : $"{m.From ?? "?"} to {m.To}")})")
            + (m.Veto == true ? " veto" : "")));
        if (former.Count > 0) text += $"; former: {string.Join(", ", former.Select(m => $"{m.State} ({Span(m)})"))}";
        if (later.Count > 0) text += $"; not yet: {string.Join(", ", later.Select(m => $"{m.State} ({Span(m)})"))}";
        return text;
    }

    private static void Print(ScenarioView v)
    {
        Terminal.Heading($"{v.Scenario.Title} (as of {v.Scenario.AsOf})");
        if (v.Scenario.Description is { } d) Terminal.Line(d);

        Terminal.Heading("States and their figures");
        Terminal.Table(["state", "figure", "value", "unit", "year", "source"],
            v.States.SelectMany(s => s.Figures.Count == 0
                ? [(IReadOnlyList<string>)[$"{s.Iso3} {s.Name}", "—", "", "", "", ""]]
                : s.Figures.Select(f => (IReadOnlyList<string>)[$"{s.Iso3} {s.Name}", f.Name, Num(f.Value, f.Unit), f.Unit ?? "", f.Year.ToString(CultureInfo.InvariantCulture), f.Note is null ? f.Source : $"{f.Source} [note: {f.Note}]"])));

        if (v.Organizations.Count > 0)
        {
            Terminal.Heading("Organizations");
            Terminal.Table(["id", "name", $"members on {v.Scenario.AsOf}"], v.Organizations.Select(o => (IReadOnlyList<string>)[o.Id, o.Name,
                Members(o.Members, v.Scenario.AsOf)]));
        }

        Terminal.Heading("Treaties and their operative clauses");
        foreach (var t in v.Treaties)
        {
            Terminal.Line();
            Terminal.Line($"{t.Name} [{t.Id}] — {t.Kind}; parties {Members(t.Parties, v.Scenario.AsOf)}");
            Terminal.Line($"  signed {t.Signed ?? "?"}, in force {t.InForce ?? "?"}{(t.Ended is null ? "" : $", ended {t.Ended}")}" +
                          $"{(t.Supersedes.Count > 0 ? $", supersedes {string.Join(", ", t.Supersedes)}" : "")}{(t.SupersededBy is null ? "" : $", superseded by {t.SupersededBy}")}. Source: {t.Source}");
            foreach (var c in t.Clauses)
            {
                Terminal.Line($"  Art. {c.Article} ({c.Kind}, {c.Strength}): \"{c.Text}\"");
                Terminal.Line($"    source: {c.Source}");
                foreach (var r in c.Renderings)
                {
                    Terminal.Line($"    other rendering [{r.Id}] {r.Label}: \"{r.Text}\"");
                    Terminal.Line($"      source: {r.Source}");
                }
                Terminal.Line($"    coded as: on {c.Trigger}; scope {c.Scope}{(c.Exceptions.Count > 0 ? $"; exceptions {string.Join(", ", c.Exceptions)}" : "")}");
                if (c.Credibility is { } cr) Terminal.Line($"    credibility prior {cr.Value:0.##} ({cr.Source})");
            }
        }

        if (v.Theaters.Count > 0)
        {
            Terminal.Heading("Theaters");
            Terminal.Table(["id", "name", "territories", "stakeholders"], v.Theaters.Select(t => (IReadOnlyList<string>)[t.Id, t.Name,
                string.Join(", ", t.Territories), string.Join(", ", t.Stakeholders.Select(s => $"{s.State} ({s.Role}, {s.Stake:0.##})"))]));
        }
        if (v.Relations.Count > 0)
        {
            Terminal.Heading("Relations");
            Terminal.Table(["kind", "between", "what", "value", "source"], v.Relations.Select(r => (IReadOnlyList<string>)[r.Kind,
                r.From + (r.Directed ? " → " : " – ") + r.To, r.Description,
                r.Value is null ? "" : $"{Num(r.Value.Value, r.Unit)} {r.Unit}{(r.Year is null ? "" : $" ({r.Year})")}", r.Source]));
        }
        if (v.Issues.Count > 0)
        {
            Terminal.Heading("Issues (for forecasts)");
            foreach (var i in v.Issues)
            {
                Terminal.Line($"{i.Title} [{i.Id}]: 0 = {i.Low}, 100 = {i.High}");
                Terminal.Table(["actor", "position", "capability", "salience"], i.Stakeholders.Select(s => (IReadOnlyList<string>)[s.Actor,
                    $"{s.Position.Value:0.##} ({s.Position.Basis})", $"{s.Capability.Value:0.###} ({s.Capability.Basis})", $"{s.Salience.Value:0.##} ({s.Salience.Basis})"]));
            }
        }
        if (v.Events.Count > 0)
        {
            Terminal.Heading("Events");
            Terminal.Table(["date", "kind", "event", "source"], v.Events.Select(e => (IReadOnlyList<string>)[e.Date ?? "", e.Kind +
                (e.Probability is null ? "" : $" p={e.Probability.Value:0.###}"), e.Title, e.Source]));
        }
        if (v.Corrections.Count > 0)
        {
            Terminal.Heading("Corrections to the source article");
            Terminal.Table(["the article says", "the sourced fact", "source"], v.Corrections.Select(c => (IReadOnlyList<string>)[c.ArticleSays, c.Fact, c.Source]));
        }
    }
}
