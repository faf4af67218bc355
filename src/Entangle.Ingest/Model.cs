namespace Entangle.Ingest;

/// <summary>The two languages ingest reads.</summary>
public enum Language { Nl, En }

/// <summary>One sentence of the article, with its character span in the normalised text.</summary>
public sealed record Sentence(int Index, int Paragraph, int Start, int Length, string Text);

/// <summary>A mention of an actor: a country name, demonym, capital, leader or organisation, coded.</summary>
/// <param name="Code">ISO 3166-1 alpha-3 for states; NATO, UN, UNSC or EU for organisations.</param>
/// <param name="Kind">name, demonym, capital, leader or org.</param>
/// <param name="Person">For a leader or official: the canonical name from the leaders file.</param>
public sealed record ActorMention(string Code, string Text, string Kind, int Sentence, int Start, int Length, string? Person = null);

/// <summary>A quotation or reported statement with its attribution.</summary>
/// <param name="Direct">True for text inside quotation marks; false for reported speech ("volgens X", "X said that").</param>
/// <param name="Speaker">Who says it, as written; null when the sentence does not say.</param>
/// <param name="SpeakerCode">The speaker's actor code when the speaker phrase names one.</param>
/// <param name="Cue">The word that marks the attribution (zei, stelde, volgens, said, according to).</param>
public sealed record Quote(int Sentence, string Text, bool Direct, string? Speaker, string? SpeakerCode, string? Cue);

/// <summary>A date expression resolved against the article's date.</summary>
/// <param name="Date">The resolved day (the first day for a month, year or weekend); null when it cannot be resolved.</param>
/// <param name="Precision">day, weekend, week, month or year.</param>
public sealed record DateMention(string Text, int Sentence, int Start, int Length, DateOnly? Date, string Precision, string? Note = null);

/// <summary>A figure with its unit and subject.</summary>
/// <param name="Value">Normalised: 34 miljard dollar is 3.4e10; 5.580 is 5580; a percentage is in percent (2.5, not 0.025).</param>
/// <param name="Unit">USD (current dollars), warheads, personnel, people, percent_gdp, percent, times or EUR.</param>
/// <param name="State">The state the figure is about (ISO3), or null when the text does not say.</param>
/// <param name="Partner">For a bilateral figure (trade): the other state.</param>
/// <param name="Year">The year the figure is for.</param>
/// <param name="Measure">trade, trade_growth, milex, milex_share_gdp, gdp, warheads, military_personnel, population, people or other.</param>
/// <param name="Qualifier">more_than, less_than, about or nearly, as the text hedges the number.</param>
/// <param name="Scale">The scale word as written (miljard, million), for naming unit slips.</param>
public sealed record FigureMention(
    string Text, int Sentence, int Start, int Length, double Value, string Unit, string? State, string? Partner, int? Year,
    string Measure, string? Qualifier, string? Scale, string YearBasis);

/// <summary>An event coded to a PLOVER category.</summary>
/// <param name="Source">PLOVER's actor(s) (who acts).</param>
/// <param name="Target">PLOVER's recipient(s).</param>
/// <param name="Mode">hypothetical when the sentence only says it could or would happen; else null.</param>
/// <param name="Confidence">0–1: a heuristic score from the trigger's weight and whether actors were found (a judgement, not a probability).</param>
public sealed record EventMention(
    int Sentence, string Text, string Plover, string Trigger, IReadOnlyList<string> Source, IReadOnlyList<string> Target,
    DateOnly? Date, string? Mode, double Confidence);

/// <summary>A conditional or causal statement.</summary>
/// <param name="Kind">conditional (if … then), causal (because, leads to) or possibility (could, would).</param>
public sealed record ClaimMention(int Sentence, string Text, string Kind, string? Condition, string Consequence, IReadOnlyList<string> Actors, string Cue);

/// <summary>A person's name compared with the leaders file.</summary>
/// <param name="Exact">False when the surname matches a listed person but the given name does not ("Jack Sullivan").</param>
public sealed record NameMention(string Text, int Sentence, int Start, int Length, string Code, string Canonical, bool Exact, string Office, string Source);

/// <summary>Everything ingest extracts from one article.</summary>
public sealed record Extraction(
    Language Language,
    DateOnly? ArticleDate,
    string DateBasis,
    string? Title,
    string Text,
    int Words,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<ActorMention> Actors,
    IReadOnlyList<Quote> Quotes,
    IReadOnlyList<DateMention> Dates,
    IReadOnlyList<FigureMention> Figures,
    IReadOnlyList<EventMention> Events,
    IReadOnlyList<ClaimMention> Claims,
    IReadOnlyList<NameMention> Names)
{
    /// <summary>Distinct actor codes, in order of first mention.</summary>
    public IReadOnlyList<string> ActorCodes => Actors.Select(a => a.Code).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>Input the engine cannot read: empty, not text, mixed languages. The message is for the user.</summary>
public sealed class IngestInputException(string message) : Exception(message);
