namespace Entangle.Application.Ingest;

// The stable JSON shape of `entangle ingest --json` and factcheck.json (docs/ingest.md). Field order is as declared.

/// <summary>The article as read.</summary>
/// <param name="DateBasis">Where the article's date came from: given (--date), written in the article, or unknown.</param>
public sealed record ArticleView(string File, string Format, string Language, string? Date, string DateBasis, string? Title, int Words, int Sentences);

/// <summary>A fact-check verdict for one figure or name.</summary>
/// <param name="Verdict">consistent, inconsistent or uncheckable.</param>
/// <param name="SourcedValue">The sourced value compared with, in the figure's unit.</param>
/// <param name="Source">Its citation (scenario source, or dataset, release, file and line).</param>
/// <param name="Origin">Where it was found: the scenario entry or the dataset.</param>
/// <param name="Cause">For an inconsistent figure, the likely cause (a judgement): a unit slip, a wrong year, or the size of the difference.</param>
public sealed record FactCheckView(string Verdict, double? SourcedValue, string? SourcedUnit, int? SourcedYear, string? Source, string? Origin, string? Cause, string Note);

/// <summary>A figure with its unit, subject and verdict.</summary>
public sealed record FigureView(
    string Text, double Value, string Unit, string? State, string? Partner, int? Year, string Measure, string? Qualifier,
    int Sentence, int Start, int Length, string YearBasis, FactCheckView FactCheck);

public sealed record EventView(string Text, string? Date, IReadOnlyList<string> Source, IReadOnlyList<string> Target, string Plover, string Trigger, string? Mode, double Confidence, int Sentence);

public sealed record ClaimView(string Text, string Kind, string? Condition, string Consequence, IReadOnlyList<string> Actors, string Cue, int Sentence);

/// <summary>A person's name checked against the leaders file.</summary>
public sealed record NameView(string Text, int Sentence, int Start, int Length, string Code, string Canonical, string Office, FactCheckView FactCheck);

public sealed record QuoteView(string Text, bool Direct, string? Speaker, string? SpeakerCode, string? Cue, int Sentence);

public sealed record DateView(string Text, string? Date, string Precision, int Sentence, string? Note);

public sealed record ActorMentionView(string Code, string Text, string Kind, int Sentence, int Start, int Length, string? Person);

public sealed record SentenceView(int Index, int Paragraph, int Start, int Length, string Text);

/// <summary>How many figures and names got each verdict.</summary>
public sealed record VerdictCounts(int Consistent, int Inconsistent, int Uncheckable);

/// <summary>Everything `entangle ingest` found, with the fact-check.</summary>
/// <param name="Checked">What the figures were checked against (the scenario, each imported dataset), and what was not available.</param>
public sealed record IngestReport(
    ArticleView Article,
    IReadOnlyList<string> Actors,
    IReadOnlyList<FigureView> Figures,
    IReadOnlyList<EventView> Events,
    IReadOnlyList<ClaimView> Claims,
    IReadOnlyList<NameView> Names,
    IReadOnlyList<QuoteView> Quotes,
    IReadOnlyList<DateView> Dates,
    IReadOnlyList<ActorMentionView> ActorMentions,
    IReadOnlyList<SentenceView> Sentences,
    VerdictCounts Verdicts,
    IReadOnlyList<string> Checked,
    string Text);
