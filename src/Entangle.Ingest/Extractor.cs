using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>Options for one extraction.</summary>
/// <param name="Language">The language, or null to detect it.</param>
/// <param name="ArticleDate">The article's date, or null to take the latest complete date written in it.</param>
public sealed record ExtractOptions(Language? Language = null, DateOnly? ArticleDate = null, string? FileName = null);

/// <summary>
/// The extraction engine: from an article's text to sentences, quotes, actors, dates, figures, events and claims.
/// Pure: it reads only the text given and the tables shipped in the assembly.
/// </summary>
public sealed partial class Extractor
{
    private readonly Lexicon _lexicon;
    private readonly Gazetteer _gazetteer;
    private readonly Dictionary<Language, EventCoder> _coders = [];

    private readonly Dictionary<string, Leader> _bySurname;

    public Extractor(Lexicon? lexicon = null)
    {
        _lexicon = lexicon ?? Lexicon.Default;
        _bySurname = _lexicon.Leaders.GroupBy(l => l.Surname, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        _gazetteer = new Gazetteer(_lexicon);
        foreach (var l in Enum.GetValues<Language>()) _coders[l] = new EventCoder(_lexicon, l);
    }

    public Lexicon Lexicon => _lexicon;

    /// <summary>Reads one article. Throws <see cref="IngestInputException"/> for text it cannot read.</summary>
    public Extraction Extract(string raw, ExtractOptions? options = null)
    {
        options ??= new ExtractOptions();
        if (string.IsNullOrWhiteSpace(raw)) throw new IngestInputException("the article is empty");
        var format = TextInput.Sniff(options.FileName, raw);
        var text = TextInput.Normalise(raw, format);
        var blocks = TextInput.Blocks(text);
        var words = blocks.Sum(b => TextInput.Score(b.Text).Words);
        if (words < 3) throw new IngestInputException($"the article has no text to read ({words} word(s) after removing markup)");
        var lang = options.Language ?? TextInput.Detect(blocks);
        var date = options.ArticleDate ?? Dates.LatestFullDate(text, lang);
        var dateBasis = options.ArticleDate is not null ? "given (--date)" : date is not null ? "latest complete date written in the article" : "unknown";

        var sentences = new List<Sentence>();
        foreach (var (paragraph, start, blockText) in blocks)
            foreach (var (sStart, sText) in Tokens.Sentences(blockText, start))
                sentences.Add(new Sentence(sentences.Count, paragraph, sStart, sText.Length, sText));

        var actors = new List<ActorMention>();
        var names = new List<NameMention>();
        var dates = new List<DateMention>();
        var quotes = new List<Quote>();
        var claims = new List<ClaimMention>();
        var events = new List<EventMention>();
        var perSentence = new List<(List<Token> Words, List<(int Token, ActorMention Actor)> Actors)>();
        var coder = _coders[lang];

        foreach (var s in sentences)
        {
            var tokens = Tokens.Of(s.Text);
            var mentions = new List<(int Token, ActorMention Actor)>();
            foreach (var (i, n, e) in _gazetteer.Match(tokens, lang, s.Text))
            {
                var a = new ActorMention(e.Code, s.Text[tokens[i].Start..tokens[i + n - 1].End], e.Kind, s.Index, s.Start + tokens[i].Start,
                    tokens[i + n - 1].End - tokens[i].Start, e.Leader?.Canonical);
                mentions.Add((i, a));
                actors.Add(a);
            }
            names.AddRange(CheckNames(s, tokens));
            var sentenceDates = Dates.Find(s.Text, lang, date).ToList();
            foreach (var d in sentenceDates)
                dates.Add(new DateMention(d.Text, s.Index, s.Start + d.Start, d.Length, d.Date, d.Precision, d.Note));
            quotes.AddRange(QuotesIn(s, lang, mentions.Select(m => m.Actor).ToList()));
            var codes = mentions.Select(m => m.Actor.Code).Distinct(StringComparer.Ordinal).ToList();
            if (ClaimFinder.Find(s, lang, codes, mentions.Select(m => m.Actor.Start - s.Start).ToList()) is { } claim) claims.Add(claim);
            var eventDate = sentenceDates.FirstOrDefault(d => d.Date is not null && d.Precision is "day" or "weekend").Date
                            ?? sentenceDates.FirstOrDefault(d => d.Date is not null).Date;
            // word tokens only, with actor positions re-indexed onto them
            var wordIndex = new Dictionary<int, int>();
            var wordTokens = new List<Token>();
            for (var i = 0; i < tokens.Count; i++)
                if (tokens[i].IsWord) { wordIndex[i] = wordTokens.Count; wordTokens.Add(tokens[i]); }
            var wordMentions = mentions.Select(m => (wordIndex.GetValueOrDefault(m.Token), m.Actor)).ToList();
            if (coder.Code(s, wordTokens, wordMentions, eventDate) is { } ev) events.Add(ev);
            perSentence.Add((wordTokens, wordMentions));
        }

        var figures = FiguresIn(sentences, lang, date, actors, dates);
        var title = sentences.Count > 0 && sentences[0].Paragraph == 0 && !sentences[0].Text.EndsWith('.') ? sentences[0].Text : null;
        return new Extraction(lang, date, dateBasis, title, text, words, sentences, actors, quotes, dates, figures, events, claims, names);
    }

    // ---------------------------------------------------------------- names against the leaders file

    private IEnumerable<NameMention> CheckNames(Sentence s, List<Token> tokens)
    {
        var bySurname = _bySurname;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!bySurname.TryGetValue(tokens[i].Text, out var leader)) continue;
            var given = tokens[i - 1];
            if (!given.IsWord || !given.IsCapitalised || i - 1 == 0 && tokens.Count > 2 && !leader.GivenNames.Contains(given.Text)) continue;
            if (given.Text.All(char.IsUpper)) continue;
            var exact = leader.GivenNames.Contains(given.Text, StringComparer.Ordinal);
            if (!exact && !LooksLikeGivenName(given.Text)) continue;
            yield return new NameMention(s.Text[given.Start..tokens[i].End], s.Index, s.Start + given.Start, tokens[i].End - given.Start,
                leader.Code, leader.Canonical, exact, leader.OfficeEn, leader.Source);
        }
    }

    // a capitalised word that is not a common sentence opener or a title
    private static bool LooksLikeGivenName(string w) =>
        w.Length >= 2 && w.Skip(1).All(char.IsLower) && !NotGivenNames.Contains(w);

    private static readonly HashSet<string> NotGivenNames = new(StringComparer.Ordinal)
    {
        "De", "Het", "Een", "En", "Maar", "Dat", "Die", "Dit", "Zo", "Ook", "Toen", "Volgens", "Minister", "President", "Adviseur",
        "The", "A", "And", "But", "Mr", "Mrs", "Ms", "Dr", "President", "Secretary", "Minister", "General", "Adviser", "Advisor", "Senator",
        "When", "While", "After", "As", "So", "Then", "Said", "Told", "Says", "Premier", "Leider", "Leader",
    };

    // ---------------------------------------------------------------- quotes and attribution

    private static readonly string[] NlCues = ["zei", "zegt", "zeggen", "stelde", "stelt", "verklaarde", "verklaart", "benadrukte", "benadrukt", "schreef", "schrijft",
        "citeerde", "noemde", "opmerkte", "merkte", "aldus", "volgens", "herhaalden", "herhaalde", "kondigde", "aan te kondigen", "suggereert", "liet weten", "meldde", "geschreven"];
    private static readonly string[] EnCues = ["said", "says", "told", "stated", "added", "noted", "wrote", "according to", "announced", "stressed", "declared", "warned", "insisted", "argued"];

    private static readonly Regex NlCueRegex = new($@"\b(?:{string.Join("|", NlCues.OrderByDescending(c => c.Length).Select(Regex.Escape))})\b");
    private static readonly Regex EnCueRegex = new($@"\b(?:{string.Join("|", EnCues.OrderByDescending(c => c.Length).Select(Regex.Escape))})\b");

    private static IEnumerable<Quote> QuotesIn(Sentence s, Language lang, IReadOnlyList<ActorMention> actors)
    {
        var lower = s.Text.ToLowerInvariant();
        var first = (lang == Language.Nl ? NlCueRegex : EnCueRegex).Match(lower);
        string? cue = first.Success ? first.Value : null;
        var cueAt = first.Success ? first.Index : -1;
        string? speaker = null;
        if (cue is not null) speaker = Speaker(s.Text, cue, cueAt, lang);
        var speakerCode = speaker is null ? null : actors.FirstOrDefault(a => speaker.Contains(a.Text, StringComparison.Ordinal))?.Code;
        var any = false;
        foreach (Match q in QuoteMarks().Matches(s.Text))
        {
            var inner = q.Groups["t"].Success ? q.Groups["t"].Value : q.Groups["u"].Value;
            if (inner.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3) continue;   // scare quotes around a term
            any = true;
            yield return new Quote(s.Index, inner.Trim(), true, speaker, speakerCode, cue);
        }
        if (!any && cue is not null && speaker is not null)
            yield return new Quote(s.Index, s.Text, false, speaker, speakerCode, cue);
    }

    private static string? Speaker(string text, string cue, int cueAt, Language lang)
    {
        var after = text[(cueAt + cue.Length)..].TrimStart();
        var before = text[..cueAt].TrimEnd();
        // "zei Ushakov", "said Ushakov", "volgens Blinken": a name right after the cue
        var name = LeadingName().Match(after);
        if (name.Success) return name.Value.Trim();
        if (cue is "volgens" or "according to" or "aldus") return NounPhrase(after);
        // "Putin said", "Izvestia heeft geschreven": a name just before the cue
        var run = CapitalisedRun().Matches(before);
        if (run.Count > 0 && before[(run[^1].Index + run[^1].Length)..].Trim() is "" or "heeft" or "had" or "has" or "have" or "is" or "was" or "werd")
            return run[^1].Value.Trim();
        // "zei de woordvoerder van het Chinese ministerie": the subject after an inverted verb
        if (after.StartsWith("de ") || after.StartsWith("het ") || after.StartsWith("the ")) return NounPhrase(after);
        if (run.Count > 0) return run[^1].Value.Trim();
        var subject = SubjectBefore().Match(before);
        return subject.Success ? subject.Value.Trim() : null;
    }

    private static readonly HashSet<string> Function = new(StringComparer.Ordinal) { "de", "het", "van", "voor", "der", "en", "the", "of", "for", "and" };

    // an article and what follows: capitalised words and function words, with at most two other words ("de woordvoerder van het Chinese ministerie van Buitenlandse Zaken")
    private static string? NounPhrase(string s)
    {
        var stop = s.IndexOfAny([',', ';', ':', '“', '"', '.', '(']);
        var words = (stop >= 0 ? s[..stop] : s).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var taken = new List<string>();
        var content = 0;
        foreach (var w in words)
        {
            if (w is "dat" or "that" or "die" or "who" or "which") break;
            if (!char.IsUpper(w[0]) && !Function.Contains(w) && ++content > 2) break;
            taken.Add(w);
        }
        while (taken.Count > 0 && Function.Contains(taken[^1])) taken.RemoveAt(taken.Count - 1);
        return taken.Count == 0 ? null : string.Join(' ', taken);
    }

    [GeneratedRegex(@"“(?<t>[^”]{2,})”|""(?<u>[^""]{2,})""")] private static partial Regex QuoteMarks();
    [GeneratedRegex(@"(?:\p{Lu}[\p{L}-]+)(?:\s+(?:\p{Lu}[\p{L}-]+|van|de|der|von))*")] private static partial Regex CapitalisedRun();
    [GeneratedRegex(@"^\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)*")] private static partial Regex LeadingName();
    [GeneratedRegex(@"(?:de|het|the)\s+[\p{L}\s-]{3,60}$", RegexOptions.IgnoreCase)] private static partial Regex SubjectBefore();

    // ---------------------------------------------------------------- figures and their subjects

    private static readonly (string Measure, string[] Words)[] MeasureWords =
    [
        ("milex_share_gdp", ["defensie-uitgaven", "defensieuitgaven", "militaire uitgaven", "defensiebudget", "defensiebegroting", "military spending", "military expenditure", "defence spending", "defense spending", "defense budget", "defence budget"]),
        ("trade", ["handel", "handelsvolume", "handelsomzet", "trade", "export", "import", "uitvoer", "invoer"]),
        ("gdp", ["bbp", "bnp", "bruto binnenlands product", "economie", "gdp", "gross domestic product", "economy"]),
        ("population", ["inwoners", "bevolking", "population", "inhabitants"]),
    ];

    private List<FigureMention> FiguresIn(List<Sentence> sentences, Language lang, DateOnly? articleDate, List<ActorMention> actors, List<DateMention> dates)
    {
        var result = new List<FigureMention>();
        var states = actors.Where(a => a.Code.Length == 3 && a.Code.All(char.IsUpper)).ToList();
        foreach (var s in sentences)
        {
            var lower = s.Text.ToLowerInvariant();
            foreach (var f in Figures.Find(s.Text, lang))
            {
                var measure = MeasureOf(f, lower);
                if (f.Unit == "times" && measure is not ("trade" or "gdp" or "milex" or "population")) continue;   // "twee keer nadenken" is an idiom
                if (f.Unit == "times") measure += "_growth";
                // the subject: states named in the sentence; for a bilateral figure with fewer than two, the pair the article is about
                var here = states.Where(a => a.Sentence == s.Index).Select(a => a.Code).Distinct(StringComparer.Ordinal).ToList();
                var bilateral = measure.StartsWith("trade") || lower.Contains("bilater") || lower.Contains("tussen") || lower.Contains("between");
                string? state = null, partner = null;
                if (bilateral)
                {
                    var pair = here.Concat(Context(states, s)).Distinct(StringComparer.Ordinal).Take(2).ToList();
                    state = pair.ElementAtOrDefault(0);
                    partner = pair.ElementAtOrDefault(1);
                }
                else state = here.FirstOrDefault() ?? Context(states, s).FirstOrDefault();
                var (year, basis) = YearOf(s, f, dates, articleDate);
                result.Add(new FigureMention(f.Text, s.Index, s.Start + f.Start, f.Length, f.Value, f.Unit, state, partner, year, measure, f.Qualifier, f.Scale, basis));
            }
        }
        return result;
    }

    // states by how often the paragraph and the one before name them, then the whole article
    private static IEnumerable<string> Context(List<ActorMention> states, Sentence s)
    {
        var near = states.Where(a => a.Sentence <= s.Index && a.Sentence >= s.Index - 8).GroupBy(a => a.Code)
            .Select(g => (Code: g.Key, Count: g.Count(), First: g.Min(a => a.Start)));
        var all = states.GroupBy(a => a.Code).Select(g => (Code: g.Key, Count: g.Count(), First: g.Min(a => a.Start)));
        return near.OrderByDescending(x => x.Count).ThenBy(x => x.First).Select(x => x.Code)
            .Concat(all.OrderByDescending(x => x.Count).ThenBy(x => x.First).Select(x => x.Code));
    }

    private static string MeasureOf(RawFigure f, string lowerSentence)
    {
        switch (f.Unit)
        {
            case "warheads": return "warheads";
            case "personnel": return "military_personnel";
            case "people": return lowerSentence.Contains("inwoner") || lowerSentence.Contains("bevolking") || lowerSentence.Contains("population") ? "population" : "people";
        }
        foreach (var (measure, words) in MeasureWords)
            if (words.Any(w => lowerSentence.Contains(w)))
                return measure == "milex_share_gdp" ? (f.Unit == "percent_gdp" ? "milex_share_gdp" : "milex") : measure;
        return f.Unit == "percent_gdp" ? "gdp_share" : "other";
    }

    private static (int? Year, string Basis) YearOf(Sentence s, RawFigure f, List<DateMention> dates, DateOnly? articleDate)
    {
        var inSentence = dates.Where(d => d.Sentence == s.Index && d.Date is not null).ToList();
        if (inSentence.FirstOrDefault(d => d.Precision == "year") is { } y) return (y.Date!.Value.Year, $"'{y.Text}' in the sentence");
        if (inSentence.FirstOrDefault() is { } any) return (any.Date!.Value.Year, $"'{any.Text}' in the sentence");
        return articleDate is { } a ? (a.Year, "the article's year (the sentence names none)") : (null, "unknown");
    }
}
