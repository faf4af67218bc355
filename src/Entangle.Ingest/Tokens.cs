using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>A word, number or punctuation mark with its offset in the text.</summary>
public readonly record struct Token(string Text, int Start)
{
    public int End => Start + Text.Length;
    public bool IsWord => Text.Length > 0 && char.IsLetterOrDigit(Text[0]);
    public bool IsCapitalised => Text.Length > 0 && char.IsUpper(Text[0]);
}

/// <summary>Splits text into tokens and sentences.</summary>
public static partial class Tokens
{
    /// <summary>Tokens: abbreviations with dots (U.S.), words (with inner apostrophes), numbers with separators, single marks.</summary>
    public static List<Token> Of(string text, int offset = 0)
    {
        var list = new List<Token>();
        foreach (Match m in TokenRegex().Matches(text)) list.Add(new Token(m.Value, m.Index + offset));
        return list;
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jr", "sr", "vs", "no", "jan", "feb",
        "aug", "sept", "oct", "nov", "dec", "bijv", "o.a", "d.w.z", "mln", "mld", "nr", "art", "blz", "e.g", "i.e", "etc", "inc", "ltd", "co",
    };

    /// <summary>Sentences of one block of text starting at <paramref name="start"/> in the article.</summary>
    public static IEnumerable<(int Start, string Text)> Sentences(string block, int start)
    {
        var from = 0;
        foreach (Match m in Boundary().Matches(block))
        {
            var end = m.Index + m.Length;
            // the word before the full stop: an abbreviation or an initial does not end a sentence
            var head = block[from..m.Index];
            var last = LastWord().Match(head);
            if (m.Value.TrimStart().StartsWith('.') && last.Success && (Abbreviations.Contains(last.Value) || last.Value.Length == 1 && char.IsUpper(last.Value[0])))
                continue;
            var text = block[from..end].Trim();
            if (text.Length > 0) yield return (start + from + (block[from..end].Length - block[from..end].TrimStart().Length), text);
            from = end;
        }
        var rest = block[from..];
        if (rest.Trim().Length > 0) yield return (start + from + (rest.Length - rest.TrimStart().Length), rest.Trim());
    }

    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\d]+(?:['’][\p{L}]+)*|\S")] private static partial Regex TokenRegex();
    [GeneratedRegex(@"(?:[.!?…]+[""”’)\]]*\s+(?=[""“‘(\[]?[\p{Lu}\d])|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{Ll}))")] private static partial Regex Boundary();
    [GeneratedRegex(@"[\p{L}.]+$")] private static partial Regex LastWord();
}

/// <summary>Finds actor names in tokens: longest match first, with the case rules of proper names.</summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, List<NameEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly int _maxTokens;

    public Gazetteer(Lexicon lexicon)
    {
        foreach (var e in lexicon.Names)
        {
            var toks = Tokens.Of(e.Name);
            if (toks.Count == 0) continue;
            var key = Key(toks.Select(t => t.Text));
            if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
            list.Add(e);
            _maxTokens = Math.Max(_maxTokens, toks.Count);
        }
    }

    private static string Key(IEnumerable<string> words) => string.Join(" ", words.Select(w => w.ToLowerInvariant().Replace('’', '\'')));

    private static bool CaseFits(string entryName, string written)
    {
        if (entryName.Length <= 5 && entryName.Count(char.IsLetter) >= 2 && entryName.Where(char.IsLetter).All(char.IsUpper))
            return string.Equals(entryName.Replace('’', '\''), written.Replace('’', '\''), StringComparison.Ordinal);   // acronyms: VS, US, EU, DVK
        return !char.IsUpper(entryName[0]) || char.IsUpper(written[0]);
    }

    /// <summary>Matches in <paramref name="tokens"/>: (first token, token count, entry).</summary>
    public IEnumerable<(int Index, int Count, NameEntry Entry)> Match(IReadOnlyList<Token> tokens, Language language, string text)
    {
        var lang = language == Language.Nl ? "nl" : "en";
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord) continue;
            var found = false;
            for (var n = Math.Min(_maxTokens, tokens.Count - i); n >= 1 && !found; n--)
            {
                if (!tokens[i + n - 1].IsWord) continue;
                if (!_byKey.TryGetValue(Key(tokens.Skip(i).Take(n).Select(t => t.Text)), out var entries)) continue;
                var written = text[tokens[i].Start..tokens[i + n - 1].End];
                var entry = entries.FirstOrDefault(e => (e.Lang == lang || e.Lang == "*") && CaseFits(e.Name, written));
                if (entry is null) continue;
                yield return (i, n, entry);
                i += n - 1;
                found = true;
            }
        }
    }
}
