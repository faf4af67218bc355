using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Entangle.Application.Data;
using Entangle.Application.Output;
using Entangle.Data.Query;
using Entangle.Data.Store;
using Entangle.Domain;
using Entangle.Ingest;

namespace Entangle.Application.Ingest;

/// <summary>What to ingest and what to check it against.</summary>
/// <param name="Language">nl, en or auto (null).</param>
/// <param name="Scenario">A scenario whose sourced facts the figures are checked against.</param>
/// <param name="DataDir">The data directory holding entangle.db; null for the default one (used only when it exists).</param>
/// <param name="Today">For the draft's as_of when the article has no date (the clock is the caller's).</param>
public sealed record IngestRequest(string Article, Language? Language, DateOnly? Date, string? Scenario, string? DataDir, DateOnly Today);

/// <summary>The use case behind <c>entangle ingest</c>: read an article, extract, fact-check, and write a draft scenario and a report.</summary>
public static class IngestService
{
    /// <summary>The largest article read, in bytes (4 MiB: a long article is under 100 KB).</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    private static readonly Lazy<Extractor> Engine = new(() => new Extractor());

    /// <summary>Reads the article's bytes as UTF-8 text, refusing what is not an article (exit 2 with a message).</summary>
    public static string ReadArticle(string path)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a folder; give an article file (plain text, HTML or Markdown)");
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        var length = new FileInfo(path).Length;
        if (length == 0) throw new InputException(path, "the file is empty; give an article (plain text, HTML or Markdown)");
        if (length > MaxBytes)
            throw new InputException(path, $"is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes; ingest reads articles of at most {MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (4 MiB). Split it into articles");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > MaxBytes) throw new InputException(path, "grew past 4 MiB while being read");
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var (l, c) = LineCol(bytes, nul);
            throw new InputException([new Diagnostic(path, l, c, $"is not text: a NUL byte at byte {nul} (a binary file?); give an article as plain text, HTML or Markdown")]);
        }
        var start = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes.AsSpan(start), chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var (l, c) = LineCol(bytes, start + read);
            throw new InputException([new Diagnostic(path, l, c, $"is not UTF-8 text: invalid byte 0x{bytes[start + read]:X2} at byte {start + read}; save the article as UTF-8")]);
        }
        var text = new string(chars, 0, written);
        var control = text.Count(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t' or '\f'));
        if (control > text.Length / 100 + 2) throw new InputException(path, $"is not text: {control} control characters (a binary file?)");
        if (string.IsNullOrWhiteSpace(text)) throw new InputException(path, "the file holds only white space; give an article");
        return text;
    }

    private static (int Line, int Col) LineCol(byte[] bytes, int offset)
    {
        int line = 1, col = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; col = 1; }
            else if ((bytes[i] & 0xC0) != 0x80) col++;
        }
        return (line, col);
    }

    /// <summary>Extracts and fact-checks the article.</summary>
    public static (IngestReport Report, Extraction Extraction, Scenario? Scenario) Run(IngestRequest request)
    {
        var text = ReadArticle(request.Article);
        Scenario? scenario = request.Scenario is null ? null : Entangle.Scenarios.ScenarioLoader.Load(request.Scenario);
        Extraction x;
        try
        {
            x = Engine.Value.Extract(text, new ExtractOptions(request.Language, request.Date, request.Article));
        }
        catch (IngestInputException e)
        {
            throw new InputException(request.Article, e.Message);
        }
        var dataDir = request.DataDir is not null ? DataService.ResolveDataDir(request.DataDir) : DataService.ResolveDataDir(null);
        if (request.DataDir is not null && !Directory.Exists(dataDir))
            throw new InputException($"--data-dir {request.DataDir}: folder not found");
        using var data = File.Exists(Path.Combine(dataDir, DataStore.FileName)) ? new ReferenceData(dataDir) : null;
        var checker = new FactChecker(scenario, data);
        var report = Build(request, x, checker, TextInput.Sniff(request.Article, text).ToString().ToLowerInvariant());
        return (report, x, scenario);
    }

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IngestReport Build(IngestRequest request, Extraction x, FactChecker checker, string format)
    {
        var figures = x.Figures.Select(f => new FigureView(f.Text, f.Value, f.Unit, f.State, f.Partner, f.Year, f.Measure, f.Qualifier,
            f.Sentence, f.Start, f.Length, f.YearBasis, checker.Check(f))).ToList();
        var names = x.Names.Select(n => new NameView(n.Text, n.Sentence, n.Start, n.Length, n.Code, n.Canonical, n.Office, FactChecker.Check(n))).ToList();
        var verdicts = figures.Select(f => f.FactCheck.Verdict).Concat(names.Select(n => n.FactCheck.Verdict)).ToList();
        return new IngestReport(
            new ArticleView(Path.GetFileName(request.Article), format, x.Language == Language.Nl ? "nl" : "en", Iso(x.ArticleDate), x.DateBasis, x.Title, x.Words, x.Sentences.Count),
            x.ActorCodes.Order(StringComparer.Ordinal).ToList(),
            figures,
            x.Events.Select(e => new EventView(e.Text, Iso(e.Date), e.Source, e.Target, e.Plover, e.Trigger, e.Mode, e.Confidence, e.Sentence)).ToList(),
            x.Claims.Select(c => new ClaimView(c.Text, c.Kind, c.Condition, c.Consequence, c.Actors, c.Cue, c.Sentence)).ToList(),
            names,
            x.Quotes.Select(q => new QuoteView(q.Text, q.Direct, q.Speaker, q.SpeakerCode, q.Cue, q.Sentence)).ToList(),
            x.Dates.Select(d => new DateView(d.Text, Iso(d.Date), d.Precision, d.Sentence, d.Note)).ToList(),
            x.Actors.Select(a => new ActorMentionView(a.Code, a.Text, a.Kind, a.Sentence, a.Start, a.Length, a.Person)).ToList(),
            x.Sentences.Select(s => new SentenceView(s.Index, s.Paragraph, s.Start, s.Length, s.Text)).ToList(),
            new VerdictCounts(verdicts.Count(v => v == "consistent"), verdicts.Count(v => v == "inconsistent"), verdicts.Count(v => v == "uncheckable")),
            checker.Checked,
            x.Text);
    }

    /// <summary>Writes draft.yaml, factcheck.json and factcheck.html into <paramref name="folder"/> (a staging folder); returns the paths.</summary>
    public static IReadOnlyList<string> Write(string folder, IngestRequest request, IngestReport report, Extraction x, Lexicon lexicon)
    {
        var draft = Path.Combine(folder, "draft.yaml");
        File.WriteAllText(draft, DraftWriter.Write(report, x, lexicon, request.Today), new UTF8Encoding(false));
        var json = Path.Combine(folder, "factcheck.json");
        File.WriteAllText(json, Json.Serialize(report) + "\n", new UTF8Encoding(false));
        var html = Path.Combine(folder, "factcheck.html");
        File.WriteAllText(html, FactCheckHtml.Write(report), new UTF8Encoding(false));
        return [draft, json, html];
    }

    /// <summary>The engine's tables, for writers that name actors.</summary>
    public static Lexicon Lexicon => Engine.Value.Lexicon;
}
