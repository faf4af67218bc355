using System.Globalization;
using System.Text;
using Entangle.Ingest;

namespace Entangle.Application.Ingest;

/// <summary>
/// The draft scenario: actors as states and organizations, dated events, claim skeletons. Every entry is
/// <c>draft: true</c> with the sentence it came from, so nothing extracted passes as a sourced fact.
/// </summary>
public static class DraftWriter
{
    private static readonly Dictionary<string, (string Id, string Name, string Kind)> Organisations = new(StringComparer.Ordinal)
    {
        ["NATO"] = ("nato", "North Atlantic Treaty Organization", "alliance"),
        ["UN"] = ("un", "United Nations", "other"),
        ["UNSC"] = ("unsc", "UN Security Council", "un-body"),
        ["EU"] = ("eu", "European Union", "union"),
    };

    /// <summary>YAML double-quoted scalar.</summary>
    public static string Q(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
            sb.Append(ch switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        return sb.Append('"').ToString();
    }

    public static string Write(IngestReport r, Extraction x, Lexicon lexicon, DateOnly today)
    {
        var sb = new StringBuilder();
        var asOf = r.Article.Date ?? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = new string(Path.GetFileNameWithoutExtension(r.Article.File).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (slug.Length == 0) slug = "article";
        string Sentence(int i) => x.Sentences[i].Text;
        sb.AppendLine($"# Draft scenario written by `entangle ingest` from {r.Article.File} ({r.Article.Language}, dated {r.Article.Date ?? "unknown"}: {r.Article.DateBasis}).");
        sb.AppendLine("# Everything below is `draft: true` and quotes the sentence it came from: nothing here is a sourced fact until an");
        sb.AppendLine("# analyst checks it, cites a source and removes `draft: true`. Figures with their fact-check verdicts are listed in the");
        sb.AppendLine("# comments at the end and in factcheck.html / factcheck.json. Format: docs/scenario-format.md; ingest: docs/ingest.md.");
        sb.AppendLine("scenario:");
        sb.AppendLine($"  id: draft-{slug}");
        sb.AppendLine($"  title: {Q("Draft from the article: " + (r.Article.Title ?? r.Article.File))}");
        sb.AppendLine($"  as_of: {asOf}");
        sb.AppendLine($"  description: {Q($"Extracted by entangle ingest: {r.Actors.Count} actors, {r.Events.Count(e => e.Date is not null)} dated events, {r.Claims.Count} claims. Not checked by an analyst.")}");
        sb.AppendLine("  sources:");
        sb.AppendLine($"    - {Q($"Article: {r.Article.File} (draft extraction by entangle ingest; every entry quotes its sentence)")}");

        var states = r.Actors.Where(a => !Organisations.ContainsKey(a)).ToList();
        var orgs = r.Actors.Where(Organisations.ContainsKey).ToList();
        if (states.Count > 0)
        {
            sb.AppendLine("states:");
            foreach (var code in states)
            {
                var first = x.Actors.First(a => a.Code == code);
                sb.AppendLine($"  - id: {code}");
                sb.AppendLine($"    name: {Q(lexicon.EnglishName.GetValueOrDefault(code, code))}");
                sb.AppendLine("    draft: true");
                sb.AppendLine($"    sentence: {Q(Sentence(first.Sentence))}");
                sb.AppendLine($"    note: {Q($"first named as '{first.Text}' ({first.Kind}) in sentence {first.Sentence + 1}; named {x.Actors.Count(a => a.Code == code)} time(s)")}");
            }
        }
        if (orgs.Count > 0)
        {
            sb.AppendLine("organizations:");
            foreach (var code in orgs)
            {
                var (id, name, kind) = Organisations[code];
                var first = x.Actors.First(a => a.Code == code);
                sb.AppendLine($"  - id: {id}");
                sb.AppendLine($"    name: {Q(name)}");
                sb.AppendLine($"    kind: {kind}");
                sb.AppendLine("    members: []");
                sb.AppendLine($"    judgement: {Q("draft: members to be filled in by the analyst")}");
                sb.AppendLine("    draft: true");
                sb.AppendLine($"    sentence: {Q(Sentence(first.Sentence))}");
            }
        }
        string Ref(string code) => Organisations.TryGetValue(code, out var o) ? o.Id : code;
        var dated = r.Events.Where(e => e.Date is not null && e.Source.Concat(e.Target).Any()).ToList();
        if (dated.Count > 0)
        {
            sb.AppendLine("events:");
            foreach (var e in dated)
            {
                var actors = e.Source.Concat(e.Target).Distinct(StringComparer.Ordinal).Select(Ref).ToList();
                sb.AppendLine($"  - id: s{e.Sentence + 1:000}-{e.Plover.ToLowerInvariant()}");
                sb.AppendLine("    kind: fact");
                sb.AppendLine($"    date: {e.Date}");
                sb.AppendLine($"    title: {Q($"{e.Plover} (PLOVER): {string.Join(", ", e.Source)}{(e.Target.Count > 0 ? " → " + string.Join(", ", e.Target) : "")} ('{e.Trigger}')")}");
                sb.AppendLine($"    actors: [{string.Join(", ", actors)}]");
                sb.AppendLine($"    judgement: {Q($"draft: coded by entangle ingest from sentence {e.Sentence + 1} (confidence {e.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}{(e.Mode is null ? "" : ", " + e.Mode)}); not a sourced fact")}");
                sb.AppendLine("    draft: true");
                sb.AppendLine($"    sentence: {Q(e.Text)}");
            }
        }
        if (r.Claims.Count > 0)
        {
            sb.AppendLine("claims:");
            foreach (var c in r.Claims)
            {
                sb.AppendLine($"  - id: s{c.Sentence + 1:000}-{c.Kind}");
                sb.AppendLine($"    title: {Q($"{c.Kind} claim in sentence {c.Sentence + 1} (draft)")}");
                sb.AppendLine($"    quote: {Q(c.Text)}");
                sb.AppendLine($"    gloss: \"\"   # English gloss: for the analyst to write");
                sb.AppendLine($"    source: {Q($"Article {r.Article.File}, sentence {c.Sentence + 1}")}");
                sb.AppendLine($"    note: {Q($"condition: {c.Condition ?? "(none stated)"} | consequence: {c.Consequence} | actors: {string.Join(", ", c.Actors)} | cue: '{c.Cue}'. To test it, add metric, direction, counterfactual and minimum_effect (docs/analysis.md) and remove draft: true.")}");
                sb.AppendLine("    draft: true");
                sb.AppendLine($"    sentence: {Q(c.Text)}");
            }
        }
        sb.AppendLine();
        sb.AppendLine("# Figures in the article and their fact-check (see factcheck.html):");
        foreach (var f in r.Figures)
            sb.AppendLine($"#   sentence {f.Sentence + 1}: '{f.Text}' = {f.Value.ToString("R", CultureInfo.InvariantCulture)} {f.Unit}, {f.Measure} {f.State}{(f.Partner is null ? "" : "–" + f.Partner)} {f.Year}: {f.FactCheck.Verdict}" +
                          (f.FactCheck.SourcedValue is { } v ? $" (sourced {FactChecker.Show(v, f.FactCheck.SourcedUnit ?? "")}, {f.FactCheck.Origin})" : "") +
                          (f.FactCheck.Cause is { } cause ? $"; {cause}" : ""));
        foreach (var n in r.Names.Where(n => n.FactCheck.Verdict == "inconsistent"))
            sb.AppendLine($"#   sentence {n.Sentence + 1}: name '{n.Text}': {n.FactCheck.Cause}");
        return sb.ToString();
    }
}
