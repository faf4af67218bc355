using System.CommandLine;
using System.Globalization;
using Entangle.Application.Bargaining;
using Entangle.Application.Output;
using Entangle.Cli.Output;
using Entangle.Domain;
using Entangle.Engine.Bargaining;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle forecast</c>: the expected-utility bargaining model on a scenario issue or a CSV.</summary>
public static class ForecastCommand
{
    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var input = new Argument<string>("INPUT")
        {
            Description = "A scenario YAML (with --issue) or a CSV with columns Actor,Capability,Position,Salience",
        };
        var issue = new Option<string?>("--issue") { Description = "Scenario issue id (needed when the scenario has several)" };
        var rounds = new Option<int>("--rounds") { Description = "Bargaining rounds", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (shape: docs/bargaining.md)" };
        var intermediates = new Option<bool>("--intermediates")
        {
            Description = "Also report each round's risk step: danger sums, R, r, and P and EU matrices at r = 1 (table: danger, R, r)",
        };
        var chart = new Option<string?>("--chart")
        {
            Description = "Write a chart of positions over rounds: PATH.png or PATH.svg, or a stem for both (with --perturb also STEM-distribution.*)",
        };
        var perturb = new Option<string?>("--perturb")
        {
            Description = "Run over noisy inputs, e.g. salience=0.1,position=5,capability=0.2 (uniform ±; capability relative)",
        };
        var runs = new Option<int>("--runs") { Description = "Perturbed runs (with --perturb)", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed for perturbed runs", DefaultValueFactory = _ => 1UL };
        var salience = new Option<string>("--salience-scale")
        {
            Description = "CSV salience scale: auto (0–1 unless a value exceeds 1), unit (0–1) or percent (0–100)",
            DefaultValueFactory = _ => "auto",
        };
        var risk = new Option<string>("--risk-update")
        {
            Description = "simultaneous (Scholz-faithful: all r from EUs at r = 1) or sequential (one actor after another)",
            DefaultValueFactory = _ => "simultaneous",
        };
        var capitulation = new Option<string>("--capitulation")
        {
            Description = "as-published (Scholz-faithful; never fires) or intended (eu_ji > 0 > eu_ij, eu_ji < |eu_ij|)",
            DefaultValueFactory = _ => "as-published",
        };
        var compromise = new Option<string>("--compromise-choice")
        {
            Description = "weighted-position (Scholz-faithful; favours low positions) or distance (least movement)",
            DefaultValueFactory = _ => "weighted-position",
        };
        var probability = new Option<string>("--probability")
        {
            Description = "scholz (votes with the voter's r over all absolute votes) or bdm1994 (BDM 1994 rule)",
            DefaultValueFactory = _ => "scholz",
        };
        var q = new Option<double>("--status-quo-probability")
        {
            Description = "Q, probability that the status quo persists without a challenge (Scholz et al.: 1)",
            DefaultValueFactory = _ => 1.0,
        };
        var cmd = new Command("forecast",
            "Forecast how a contested issue settles: Bueno de Mesquita's expected-utility model as replicated by Scholz, Calbert & Smith (2011)")
        {
            input, issue, rounds, json, intermediates, chart, perturb, runs, seed, salience, risk, capitulation, compromise, probability, q,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            if (r.GetValue(chart) is { } chartPath) OutFolder.CheckFile("--chart", chartPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || chartPath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? chartPath : chartPath + ".png");
            var settings = new ForecastSettings(r.GetValue(issue), r.GetValue(rounds), r.GetValue(salience)!, r.GetValue(risk)!, r.GetValue(capitulation)!,
                r.GetValue(compromise)!, r.GetValue(probability)!, r.GetValue(q), r.GetValue(perturb),
                r.GetResult(runs) is { Implicit: false } ? r.GetValue(runs) : null, r.GetResult(seed) is { Implicit: false } ? r.GetValue(seed) : null,
                r.GetValue(intermediates));
            var report = ForecastService.Run(settings.ToRequest(r.GetValue(input)!, field => "--" + field.Replace('_', '-')));
            var written = r.GetValue(chart) is { } c ? ForecastChart.Write(report, c) : [];

            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Json.Serialize(report));
                foreach (var w in written) Console.Error.WriteLine($"wrote {w}");
                return CommandRunner.Ok;
            }
            Print(report);
            foreach (var w in written) Terminal.Line($"wrote {w}");
            return CommandRunner.Ok;
        }, writes: r.GetValue(chart) is not null));
        return cmd;
    }

    private static void Print(ForecastReport report)
    {
        Terminal.Heading(report.Issue is { } i ? $"{i.Title} ({i.Id}): 0 = {i.Low}, 100 = {i.High}" : report.Source);
        if (report.Issue?.Description is { } about) Terminal.Line(about);
        Terminal.Line($"salience scale: {report.SalienceNote}");
        var m = report.Model;
        Terminal.Line($"model: risk-update={m.RiskUpdate}, capitulation={m.Capitulation}, compromise-choice={m.CompromiseChoice}, " +
                      $"probability={m.Probability}, Q={F(m.StatusQuoProbability)}{(m.ScholzFaithful ? " (Scholz-faithful)" : " (variant)")}");

        if (report.Issue is not null)
        {
            Terminal.Table(["Stakeholder", "Capability", "Position", "Salience", "Bases"],
                report.Stakeholders.Select(s => (IReadOnlyList<string>)[s.Actor, F(s.Capability), F(s.Position), F(s.Salience),
                    $"capability: {s.CapabilityBasis}; position: {s.PositionBasis}; salience: {s.SalienceBasis}"]),
                "Inputs");
        }

        var headers = new List<string> { "Actor" };
        headers.AddRange(report.Rounds.Select(r => r.Round.ToString(CultureInfo.InvariantCulture)));
        var rows = report.Stakeholders.Select(s =>
        {
            var row = new List<string> { s.Actor };
            row.AddRange(report.Rounds.Select(r => F(r.Positions[s.Actor])));
            return (IReadOnlyList<string>)row;
        }).ToList();
        var mean = new List<string> { "mean" };
        mean.AddRange(report.Rounds.Select(r => F(r.Mean)));
        var median = new List<string> { "median" };
        median.AddRange(report.Rounds.Select(r => F(r.Median)));
        rows.Add(mean);
        rows.Add(median);
        Terminal.Table(headers, rows, "Positions by round");
        if (report.Forecast.Cycle is { } cycle) Terminal.Line($"warning: {cycle.Note}.");

        var moves = report.Rounds.SelectMany(r => r.Moves.Select(mv => (IReadOnlyList<string>)[
            r.Round.ToString(CultureInfo.InvariantCulture), mv.Text, $"{F(mv.From)} → {F(mv.To)}",
            $"{mv.EuActorChallenges:0.####} / {mv.EuCounterpartChallenges:0.####}"])).ToList();
        if (moves.Count == 0) Terminal.Line("No challenges succeeded: nobody moved.");
        else Terminal.Table(["Round", "Move", "Position", "eu_ij / eu_ji"], moves, "Challenges and outcomes (receiver's view)");

        foreach (var round in report.Rounds.Where(r => r.Intermediates is not null))
        {
            var im = round.Intermediates!;
            Terminal.Table(["Actor", "danger (Σ EU of challenges to it, r = 1)", "R", "r"],
                report.Stakeholders.Select(s => (IReadOnlyList<string>)
                    [s.Actor, $"{im.Danger[s.Actor]:0.######}", $"{im.RiskAcceptance[s.Actor]:0.######}", $"{im.RiskExponents[s.Actor]:0.######}"]),
                $"Round {round.Round}: risk step" + (im.VoteDenominator is { } d ? $" (vote denominator at r = 1: {d:0.######})" : ""));
        }

        Terminal.Line($"Forecast after round {report.Forecast.Round}: median {F(report.Forecast.Median)}, mean {F(report.Forecast.Mean)}" +
                      (report.Forecast.Cycle is { } c ? $" (one phase of a {c.Period}-round cycle: see the warning above)" : ""));

        if (report.Perturbation is not { } p) return;
        Terminal.Heading($"Uncertainty: {p.Runs} runs with {p.Spec} (seed {p.Seed})");
        Terminal.Table(["Figure", "min", .. PerturbationRunner.Probabilities.Select(q => $"q{q * 100:0}"), "max", "average"],
            new[] { ("median (forecast)", p.Median), ("mean", p.Mean) }.Select(t => (IReadOnlyList<string>)
                [t.Item1, F(t.Item2.Min), .. t.Item2.Quantiles.Select(q => F(q.Value)), F(t.Item2.Max), F(t.Item2.Average)]),
            "Distribution of the final round");
        var h = p.Median.Histogram;
        var most = Math.Max(1, h.Counts.Max());
        var bars = h.Counts.Select((count, b) => (IReadOnlyList<string>)
            [$"{F(h.Edges[b])}–{F(h.Edges[b + 1])}", count.ToString(CultureInfo.InvariantCulture), new string('#', (int)Math.Round(40.0 * count / most))])
            .Where(row => row[1] != "0").ToList();
        Terminal.Table(["Median", "Runs", ""], bars, "Histogram of the forecast (empty bins omitted)");
        Terminal.Table(["Stakeholder", "Influence", .. PerturbationSpec.Inputs.Select(i => $"corr({i})")],
            p.Influence.Select(inf => (IReadOnlyList<string>)
                [inf.Actor, $"{inf.Score:0.###}", .. PerturbationSpec.Inputs.Select(i => inf.Correlations.TryGetValue(i, out var c) ? $"{c:0.###}" : "")]),
            $"Whose inputs move the forecast ({p.InfluenceOn}) most");
    }
}
