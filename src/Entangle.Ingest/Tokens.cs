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

    // case matters: "VS." ends a sentence (de VS), "vs." does not (versus)
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep", "Jr", "Sr", "vs", "No", "Jan", "Feb",
        "Aug", "Sept", "Oct", "Nov", "Dec", "bijv", "o.a", "d.w.z", "mln", "mld", "nr", "art", "blz", "e.g", "i.e", "etc", "Inc", "Ltd", "Co",
        "dhr", "mevr", "drs", "ir", "mr", "prof", "dr",
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
    private readonly List<NameEntry> _fuzzy = [];
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);

    public Gazetteer(Lexicon lexicon)
    {
        foreach (var e in lexicon.Names)
        {
            var toks = Tokens.Of(e.Name);
            if (toks.Count == 0) continue;
            var key = Key(toks.Select(t => t.Text));
            for (var k = 1; k <= toks.Count; k++) _prefixes.Add(Key(toks.Take(k).Select(t => t.Text)));
            if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
            list.Add(e);
            _maxTokens = Math.Max(_maxTokens, toks.Count);
            if (toks.Count == 1 && e.Name.Length >= 7 && e.Kind is "name" or "demonym" or "capital") _fuzzy.Add(e);
        }
    }

    /// <summary>Optimal string alignment distance, capped: returns <paramref name="cap"/> + 1 as soon as it is exceeded.</summary>
    public static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap) return cap + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > cap) return cap + 1;
        }
        return d[a.Length, b.Length];
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
            // keys for 1..max tokens from here, built once: "noord", "noord -", "noord - korea", …
            var max = Math.Min(_maxTokens, tokens.Count - i);
            var keys = new string[max + 1];
            var sb = new System.Text.StringBuilder();
            for (var n = 1; n <= max; n++)
            {
                if (n > 1) sb.Append(' ');
                sb.Append(tokens[i + n - 1].Text.ToLowerInvariant().Replace('’', '\''));
                keys[n] = sb.ToString();
                if (!_prefixes.Contains(keys[n])) { max = n; break; }   // no name starts with these words
            }
            for (var n = max; n >= 1 && !found; n--)
            {
                if (!tokens[i + n - 1].IsWord) continue;
                if (!_byKey.TryGetValue(keys[n], out var entries)) continue;
                var written = text[tokens[i].Start..tokens[i + n - 1].End];
                var entry = entries.FirstOrDefault(e => (e.Lang == lang || e.Lang == "*") && CaseFits(e.Name, written));
                if (entry is null) continue;
                yield return (i, n, entry);
                i += n - 1;
                found = true;
            }
            // a genitive: "Ruslands", "Moskou's", "Russia's"
            if (!found && tokens[i].IsCapitalised && tokens[i].Text.Length >= 5)
            {
                var w = tokens[i].Text;
                var stem = w.EndsWith("'s") || w.EndsWith("’s") ? w[..^2] : w.EndsWith('s') ? w[..^1] : null;
                if (stem is not null && _byKey.TryGetValue(Key([stem]), out var gen)
                    && gen.FirstOrDefault(e => (e.Lang == lang || e.Lang == "*") && e.Kind is "name" or "capital" or "leader" && CaseFits(e.Name, stem)) is { } g)
                {
                    yield return (i, 1, g);
                    found = true;
                }
            }
            // a misspelt country name ("Filipijnen" for "Filippijnen"): one edit away from a long single-word name
            if (!found && tokens[i].IsCapitalised && tokens[i].Text.Length >= 7 && !_byKey.ContainsKey(Key([tokens[i].Text])))
            {
                var w = tokens[i].Text;
                var near = _fuzzy.FirstOrDefault(e => e.Name[0] == w[0] && Math.Abs(e.Name.Length - w.Length) <= 1 && (e.Lang == lang || e.Lang == "*") && Distance(e.Name, w, 1) <= 1);
                if (near is not null) yield return (i, 1, near with { Kind = near.Kind + "-misspelt" });
            }
        }
    }
}
