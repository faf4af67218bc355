using System.CommandLine;
using System.Globalization;
using Entangle.Application.Ingest;
using Entangle.Cli.Output;
using Entangle.Domain;
using Entangle.Ingest;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle ingest ARTICLE</c>: actors, dates, figures, events and claims from a Dutch or English article, with a fact-check.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var article = new Argument<string>("ARTICLE") { Description = "The article: plain text, HTML or Markdown (UTF-8, at most 4 MiB)" };
        var lang = new Option<string>("--lang") { Description = "Language: nl, en or auto (detect; a file mixing both is refused)", DefaultValueFactory = _ => "auto" };
        var date = new Option<string?>("--date") { Description = "The article's date, YYYY-MM-DD, to resolve 'vorig jaar', 'last month' (default: the latest complete date written in it)" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario whose sourced facts the figures are checked against (e.g. scenarios/russia-dprk-2024.yaml)" };
        var dataDir = DataCommands.DataDirOption();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (stable shape: docs/ingest.md)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for draft.yaml (a draft scenario, every entry draft: true), factcheck.json and factcheck.html; replaced as a whole" };
        var cmd = new Command("ingest", "Read a Dutch or English article: actors (ISO3), quotes, dates, figures, PLOVER events and claims; fact-check its figures and names")
        {
            article, lang, date, scenario, dataDir, json, outDir,
        };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            Language? language = r.GetValue(lang)!.ToLowerInvariant() switch
            {
                "nl" => Language.Nl,
                "en" => Language.En,
                "auto" => null,
                var other => throw new InputException($"--lang {other}: expected nl, en or auto"),
            };
            DateOnly? articleDate = null;
            if (r.GetValue(date) is { } d)
                articleDate = DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? parsed : throw new InputException($"--date {d}: expected a date as YYYY-MM-DD, e.g. 2024-06-23");
            if (r.GetValue(outDir) is { } o) OutFolder.Check(o);
            var request = new IngestRequest(r.GetValue(article)!, language, articleDate, r.GetValue(scenario), r.GetValue(dataDir), DateOnly.FromDateTime(DateTime.Today));
            var (report, extraction, _) = IngestService.Run(request);
            IReadOnlyList<string> files = [];
            if (r.GetValue(outDir) is { } dir)
                files = OutFolder.Write(dir, "entangle ingest", staging => IngestService.Write(staging, request, report, extraction, IngestService.Lexicon));
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(report));
                return CommandRunner.Ok;
            }
            Print(report);
            if (files.Count > 0) Terminal.Line($"Wrote {string.Join(", ", files)}");
            return CommandRunner.Ok;
        }, writes: true));
        return cmd;
    }

    private static void Print(IngestReport r)
    {
        Terminal.Heading($"{r.Article.Title ?? r.Article.File} ({r.Article.Language}, {r.Article.Date ?? "undated"}; {r.Article.Words} words, {r.Article.Sentences} sentences)");
        Terminal.Line($"Actors: {string.Join(", ", r.Actors)}");
        Terminal.Heading("Figures");
        Terminal.Table(["text", "value", "subject", "year", "verdict", "sourced", "cause / note"],
            r.Figures.Select(f => (IReadOnlyList<string>)[f.Text, $"{f.Value.ToString("G6", CultureInfo.InvariantCulture)} {f.Unit}",
                $"{f.Measure} {f.State}{(f.Partner is null ? "" : "–" + f.Partner)}", f.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.FactCheck.Verdict, f.FactCheck.SourcedValue is { } v ? $"{FactChecker.Show(v, f.FactCheck.SourcedUnit ?? "")} [{f.FactCheck.Source}]" : "",
                f.FactCheck.Cause ?? f.FactCheck.Note]));
        if (r.Names.Count > 0)
        {
            Terminal.Heading("Names");
            Terminal.Table(["text", "leaders file", "verdict", "cause / note"],
                r.Names.Select(n => (IReadOnlyList<string>)[n.Text, $"{n.Canonical} ({n.Code})", n.FactCheck.Verdict, n.FactCheck.Cause ?? n.FactCheck.Note]));
        }
        Terminal.Heading("Events (PLOVER)");
        Terminal.Table(["sentence", "date", "event", "source", "target", "trigger", "confidence"],
            r.Events.Select(e => (IReadOnlyList<string>)[(e.Sentence + 1).ToString(CultureInfo.InvariantCulture), e.Date ?? "", e.Plover + (e.Mode is null ? "" : $" ({e.Mode})"),
                string.Join(" ", e.Source), string.Join(" ", e.Target), e.Trigger, e.Confidence.ToString("0.00", CultureInfo.InvariantCulture)]));
        Terminal.Heading("Claims");
        foreach (var c in r.Claims)
            Terminal.Line($"[{c.Sentence + 1}] {c.Kind} ({c.Cue}): if/because: {c.Condition ?? "—"} ⇒ {c.Consequence}  [{string.Join(", ", c.Actors)}]");
        Terminal.Heading("Quotes and attribution");
        foreach (var q in r.Quotes)
            Terminal.Line($"[{q.Sentence + 1}] {(q.Direct ? "“" + q.Text + "”" : "(reported)")} — {q.Speaker ?? "?"}{(q.SpeakerCode is null ? "" : $" ({q.SpeakerCode})")}, cue '{q.Cue}'");
        Terminal.Line($"Verdicts: {r.Verdicts.Consistent} consistent, {r.Verdicts.Inconsistent} inconsistent, {r.Verdicts.Uncheckable} uncheckable (judgements by rule; docs/ingest.md).");
    }
}
