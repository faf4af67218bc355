namespace Entangle.Domain;

/// <summary>One problem with the user's input, located where possible: <c>file:line:col: message</c>.</summary>
public sealed record Diagnostic(string? File, int? Line, int? Column, string Message)
{
    /// <summary>Which kind of limit the input broke, if it broke one rather than being wrong (a front end may answer differently: the server says 413 or 422).</summary>
    public InputLimit Limit { get; init; }

    public override string ToString() =>
        File is null ? Message
        : Line is null ? $"{File}: {Message}"
        : $"{File}:{Line}:{Column ?? 1}: {Message}";
}

/// <summary>Whether a problem is a broken limit, and of which kind.</summary>
public enum InputLimit
{
    /// <summary>Not a limit: the input is wrong.</summary>
    None,

    /// <summary>A size limit: bytes of a file or of all files, the number of files, the length of a text.</summary>
    Size,

    /// <summary>A structural limit: includes nested too deep, mappings and lists nested too deep, aliases standing for too many values.</summary>
    Structure,
}

/// <summary>
/// Thrown when user input (a scenario, a CSV, an option value) is wrong. Front ends print every diagnostic
/// and exit with code 2, having written nothing.
/// </summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>How many problems were found; more than <see cref="Diagnostics"/> holds when the list was capped.</summary>
    public long Total { get; init; } = diagnostics.Count;

    public InputException(string message) : this([new Diagnostic(null, null, null, message)]) { }
    public InputException(string file, string message) : this([new Diagnostic(file, null, null, message)]) { }
}

/// <summary>
/// "Did you mean …" suggestions: by edit distance on ids, and, where candidates have names, by the names too
/// (<c>North Korea</c> or <c>NKR</c> → <c>PRK</c>). Words and candidates longer than <see cref="MaxLength"/> are
/// not compared, so a huge string costs nothing.
/// </summary>
public static class Suggest
{
    /// <summary>The longest word or candidate compared, in characters. Longer ones get no suggestion.</summary>
    public const int MaxLength = 64;

    /// <summary>A candidate id with the names it is known by (a state's name and other names).</summary>
    public sealed record Named(string Id, IReadOnlyList<string> Names);

    /// <summary>The closest candidate to <paramref name="word"/>, if one is close enough to be a likely misspelling.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        if (word.Length > MaxLength) return null;
        var w = word.ToLowerInvariant();
        var limit = Math.Max(1, Math.Min(3, word.Length / 3 + 1));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c.Length > MaxLength || Math.Abs(c.Length - w.Length) > limit) continue;
            var d = Distance(w, c.ToLowerInvariant(), Math.Min(limit, bestDistance));
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)) { bestDistance = d; best = c; }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary><c> (did you mean 'X'?)</c> or an empty string.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } c ? $" (did you mean '{c}'?)" : "";

    /// <summary>Candidates prepared once (sorted, lower-cased, too-long ones dropped) for many look-ups.</summary>
    public sealed class Index
    {
        internal readonly string[] Ids;
        internal readonly string[] Lower;

        public Index(IEnumerable<string> candidates)
        {
            Ids = candidates.Where(c => c.Length <= MaxLength).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            Lower = Ids.Select(c => c.ToLowerInvariant()).ToArray();
        }
    }

    /// <summary><c> (did you mean 'X'?)</c> or an empty string, from a prepared <see cref="Index"/>.</summary>
    public static string DidYouMean(string word, Index index)
    {
        if (word.Length > MaxLength) return "";
        var w = word.ToLowerInvariant();
        var limit = Math.Max(1, Math.Min(3, word.Length / 3 + 1));
        var best = -1;
        var bestDistance = limit + 1;
        for (var i = 0; i < index.Ids.Length; i++)
        {
            var d = Distance(w, index.Lower[i], bestDistance - 1);
            if (d < bestDistance) { bestDistance = d; best = i; }
        }
        return best >= 0 ? $" (did you mean '{index.Ids[best]}'?)" : "";
    }

    /// <summary>
    /// <c> (did you mean 'PRK' (North Korea)?)</c>, with up to two suggestions, or an empty string. A candidate
    /// whose name or other name <paramref name="word"/> is, abbreviates (<c>NKR</c>, <c>DPRK</c>) or nearly
    /// spells comes before the id closest by edit distance.
    /// </summary>
    public static string DidYouMean(string word, IReadOnlyCollection<Named> candidates)
    {
        var ids = Candidates(word, candidates).Take(2).ToList();
        if (ids.Count == 0) return "";
        string Say(Named n) => n.Names.Count > 0 && !string.Equals(n.Names[0], n.Id, StringComparison.OrdinalIgnoreCase) ? $"'{n.Id}' ({n.Names[0]})" : $"'{n.Id}'";
        return $" (did you mean {string.Join(" or ", ids.Select(Say))}?)";
    }

    /// <summary>Candidates for <paramref name="word"/>, best first: name spelt out, name abbreviated, name misspelt, id misspelt.</summary>
    public static IEnumerable<Named> Candidates(string word, IReadOnlyCollection<Named> candidates)
    {
        if (word.Length > MaxLength) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var key = Normal(word);
        var ordered = candidates.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        foreach (var c in ordered)
            if (c.Names.Any(n => n.Length <= MaxLength && Normal(n) == key) && seen.Add(c.Id)) yield return c;
        var letters = new string(key.Where(char.IsLetterOrDigit).ToArray());
        if (letters.Length >= 2)
            foreach (var c in ordered)
                if (c.Names.Any(n => n.Length <= MaxLength && Abbreviates(letters, n)) && seen.Add(c.Id)) yield return c;
        // names by edit distance only for words of name length: short codes are too close to short names ("UK")
        var byName = word.Length < 4 ? []
            : ordered.SelectMany(c => c.Names.Where(n => n.Length is >= 4 and <= MaxLength).Select(n => (c, n))).ToList();
        if (Closest(word, byName.Select(x => x.n)) is { } name && byName.First(x => x.n == name).c is var named && seen.Add(named.Id))
            yield return named;
        if (Closest(word, ordered.Select(c => c.Id)) is { } id && seen.Add(id)) yield return ordered.First(c => c.Id == id);
    }

    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal) { "of", "the", "and", "for", "de", "du", "la" };

    /// <summary>Lower case, single spaces, no surrounding space.</summary>
    private static string Normal(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Whether <paramref name="letters"/> (lower case) abbreviates <paramref name="name"/>: it starts with the
    /// name's first letter, uses the name's letters in order, and takes the first letter of every word that is
    /// not a minor word (<c>nkr</c> and <c>nk</c> abbreviate "North Korea"; <c>nor</c> does not).
    /// </summary>
    public static bool Abbreviates(string letters, string name)
    {
        var words = name.ToLowerInvariant().Split([' ', '-', ',', '.', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries); // "People's" stays one word
        var text = new System.Text.StringBuilder();
        var initials = new List<(int At, bool Required)>();
        foreach (var w in words)
        {
            var clean = new string(w.Where(char.IsLetterOrDigit).ToArray());
            if (clean.Length == 0) continue;
            initials.Add((text.Length, !MinorWords.Contains(clean)));
            text.Append(clean);
        }
        var n = text.ToString();
        if (n.Length == 0 || letters.Length == 0 || letters[0] != n[0]) return false;
        var isInitial = new bool[n.Length];
        foreach (var (at, required) in initials) if (required) isInitial[at] = true;
        // memo[i, j]: can letters[i..] be matched in n[j..] without skipping a required initial
        var memo = new sbyte[letters.Length + 1, n.Length + 1];
        bool Match(int i, int j)
        {
            if (memo[i, j] != 0) return memo[i, j] > 0;
            bool ok;
            if (i == letters.Length)
            {
                ok = true;
                for (var k = j; k < n.Length && ok; k++) if (isInitial[k]) ok = false;
            }
            else
            {
                ok = false;
                for (var k = j; k < n.Length && !ok; k++)
                {
                    if (n[k] == letters[i] && Match(i + 1, k + 1)) ok = true;
                    if (isInitial[k]) break; // a required initial cannot be skipped
                }
            }
            memo[i, j] = (sbyte)(ok ? 1 : -1);
            return ok;
        }
        return Match(0, 0);
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b) => Distance(a, b, int.MaxValue);

    /// <summary>
    /// The distance, or any value above <paramref name="limit"/> as soon as it must exceed it. Three rows of
    /// memory; strings up to <see cref="MaxLength"/> use the stack.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var n = b.Length + 1;
        Span<int> rows = n * 3 <= 3 * (MaxLength + 1) ? stackalloc int[n * 3] : new int[n * 3];
        Span<int> prev2 = rows[..n], prev = rows.Slice(n, n), cur = rows.Slice(2 * n, n);
        for (var j = 0; j < n; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j < n; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, prev2[j - 2] + 1);
                cur[j] = d;
                if (d < rowMin) rowMin = d;
            }
            // every later value is at least the smallest of the two rows a transposition can reach back to
            if (rowMin > limit && (i == 1 || Min(prev) > limit)) return limit + 1;
            var t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        return prev[n - 1];
    }

    private static int Min(Span<int> row)
    {
        var m = int.MaxValue;
        foreach (var x in row) if (x < m) m = x;
        return m;
    }
}
