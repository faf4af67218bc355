namespace Entangle.Ingest.Evaluation;

/// <summary>
/// The naive baseline ingest's event coder is compared with: one keyword per PLOVER category (the category's own verb),
/// matched as a word prefix; the first category in the list whose keyword occurs wins. Actors: the first country name
/// in the text is the source and the second the target.
/// </summary>
public sealed class KeywordBaseline
{
    private static readonly (string Category, string Keyword)[] Keywords =
    [
        ("AGREE", "agree"), ("CONSULT", "consult"), ("SUPPORT", "support"), ("CONCEDE", "concede"), ("COOPERATE", "cooperat"),
        ("AID", "aid"), ("RETREAT", "retreat"), ("REQUEST", "request"), ("ACCUSE", "accus"), ("REJECT", "reject"),
        ("THREATEN", "threat"), ("PROTEST", "protest"), ("SANCTION", "sanction"), ("MOBILIZE", "mobiliz"), ("COERCE", "coerc"),
        ("ASSAULT", "attack"),
    ];

    private readonly Gazetteer _gazetteer;

    public KeywordBaseline(Lexicon? lexicon = null) => _gazetteer = new Gazetteer(lexicon ?? Lexicon.Default);

    public Prediction Code(string text)
    {
        var words = Tokens.Of(text).Where(t => t.IsWord).Select(t => t.Text.ToLowerInvariant()).ToList();
        var category = Keywords.FirstOrDefault(k => words.Any(w => w.StartsWith(k.Keyword, StringComparison.Ordinal))).Category;
        var tokens = Tokens.Of(text);
        var countries = _gazetteer.Match(tokens, Language.En, text).Where(m => m.Entry.Kind == "name").Select(m => m.Entry.Code).Distinct(StringComparer.Ordinal).ToList();
        return new Prediction(category, countries.Take(1).ToList(), countries.Skip(1).Take(1).ToList());
    }
}
