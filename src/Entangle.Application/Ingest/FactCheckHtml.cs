using System.Globalization;
using System.Net;
using System.Text;

namespace Entangle.Application.Ingest;

/// <summary>The fact-check report: the article's text with each figure and checked name highlighted by its verdict.</summary>
public static class FactCheckHtml
{
    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Write(IngestReport r)
    {
        var marks = r.Figures.Select(f => (f.Start, f.Length, f.FactCheck.Verdict, Tip: Tip(f), Id: $"fig-{f.Start}"))
            .Concat(r.Names.Select(n => (n.Start, n.Length, n.FactCheck.Verdict, Tip: n.FactCheck.Cause ?? n.FactCheck.Note, Id: $"name-{n.Start}")))
            .OrderBy(m => m.Start).ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fact-check: ").Append(E(r.Article.Title ?? r.Article.File)).Append("</title>\n<style>\n");
        sb.Append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5;color:#222}")
          .Append("mark{padding:0 .15em;border-radius:.2em}mark.consistent{background:#cdeccd}mark.inconsistent{background:#f7c4c4;outline:2px solid #c00}mark.uncheckable{background:#e6e6e6}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .4rem;vertical-align:top;text-align:left}")
          .Append(".text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fcfcfc}.v-inconsistent{color:#a00;font-weight:bold}\n</style></head><body>\n");
        sb.Append("<h1>Fact-check of ").Append(E(r.Article.Title ?? r.Article.File)).Append("</h1>\n");
        sb.Append("<p>").Append(E($"{r.Article.File}: {r.Article.Language}, dated {r.Article.Date ?? "unknown"} ({r.Article.DateBasis}); {r.Article.Words} words, {r.Article.Sentences} sentences. " +
                                  $"Verdicts: {r.Verdicts.Consistent} consistent, {r.Verdicts.Inconsistent} inconsistent, {r.Verdicts.Uncheckable} uncheckable. " +
                                  "Verdicts and likely causes are judgements by rule (docs/ingest.md); the sourced values carry their sources.")).Append("</p>\n");
        sb.Append("<p>Actors: ").Append(E(string.Join(", ", r.Actors))).Append("</p>\n<h2>Checked against</h2><ul>");
        foreach (var c in r.Checked) sb.Append("<li>").Append(E(c)).Append("</li>");
        sb.Append("</ul>\n<h2>Figures</h2>\n<table><tr><th>text</th><th>value</th><th>subject</th><th>year</th><th>verdict</th><th>sourced value</th><th>source</th><th>cause / note</th></tr>\n");
        foreach (var f in r.Figures)
            sb.Append("<tr><td><a href=\"#fig-").Append(f.Start).Append("\">").Append(E(f.Text)).Append("</a></td><td>")
              .Append(E(f.Value.ToString("R", CultureInfo.InvariantCulture) + " " + f.Unit)).Append("</td><td>")
              .Append(E($"{f.Measure} {f.State}{(f.Partner is null ? "" : "–" + f.Partner)}")).Append("</td><td>").Append(f.Year).Append("</td><td class=\"v-").Append(f.FactCheck.Verdict).Append("\">")
              .Append(f.FactCheck.Verdict).Append("</td><td>").Append(E(f.FactCheck.SourcedValue is { } v ? FactChecker.Show(v, f.FactCheck.SourcedUnit ?? "") : ""))
              .Append("</td><td>").Append(E(f.FactCheck.Source)).Append(f.FactCheck.Origin is null ? "" : "<br><small>" + E(f.FactCheck.Origin) + "</small>")
              .Append("</td><td>").Append(E(f.FactCheck.Cause ?? f.FactCheck.Note)).Append("</td></tr>\n");
        sb.Append("</table>\n<h2>Names</h2>\n<table><tr><th>text</th><th>leaders file</th><th>verdict</th><th>source</th><th>cause / note</th></tr>\n");
        foreach (var n in r.Names)
            sb.Append("<tr><td><a href=\"#name-").Append(n.Start).Append("\">").Append(E(n.Text)).Append("</a></td><td>").Append(E($"{n.Canonical} ({n.Code}), {n.Office}"))
              .Append("</td><td class=\"v-").Append(n.FactCheck.Verdict).Append("\">").Append(n.FactCheck.Verdict).Append("</td><td>").Append(E(n.FactCheck.Source))
              .Append("</td><td>").Append(E(n.FactCheck.Cause ?? n.FactCheck.Note)).Append("</td></tr>\n");
        sb.Append("</table>\n<h2>Text</h2>\n<div class=\"text\">");
        var pos = 0;
        foreach (var m in marks)
        {
            if (m.Start < pos || m.Start + m.Length > r.Text.Length) continue;
            sb.Append(E(r.Text[pos..m.Start]));
            sb.Append("<mark id=\"").Append(m.Id).Append("\" class=\"").Append(m.Verdict).Append("\" title=\"").Append(E(m.Verdict + ": " + m.Tip)).Append("\">")
              .Append(E(r.Text.Substring(m.Start, m.Length))).Append("</mark>");
            pos = m.Start + m.Length;
        }
        sb.Append(E(r.Text[pos..])).Append("</div>\n");
        sb.Append("<p><small>Country names: Unicode CLDR (Unicode License v3). Event categories: PLOVER, Open Event Data Alliance, CC BY-SA 4.0. Written by entangle ingest.</small></p>\n</body></html>\n");
        return sb.ToString();
    }

    private static string Tip(FigureView f) =>
        f.FactCheck.SourcedValue is { } v ? $"sourced {FactChecker.Show(v, f.FactCheck.SourcedUnit ?? "")} ({f.FactCheck.Source}); {f.FactCheck.Cause ?? f.FactCheck.Note}" : f.FactCheck.Note;
}
