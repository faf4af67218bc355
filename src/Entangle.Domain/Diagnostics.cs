namespace Entangle.Domain;

/// <summary>One problem with the user's input, located where possible: <c>file:line:col: message</c>.</summary>
public sealed record Diagnostic(string? File, int? Line, int? Column, string Message)
{
    public override string ToString() =>
        File is null ? Message
        : Line is null ? $"{File}: {Message}"
        : $"{File}:{Line}:{Column ?? 1}: {Message}";
}

/// <summary>
/// Thrown when user input (a scenario, a CSV, an option value) is wrong. Front ends print every diagnostic
/// and exit with code 2, having written nothing.
/// </summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    public InputException(string message) : this([new Diagnostic(null, null, null, message)]) { }
    public InputException(string file, string message) : this([new Diagnostic(file, null, null, message)]) { }
}

/// <summary>"Did you mean …" suggestions by edit distance.</summary>
public static class Suggest
{
    /// <summary>The closest candidate to <paramref name="word"/>, if one is close enough to be a likely misspelling.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            var d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        var limit = Math.Max(1, Math.Min(3, word.Length / 3 + 1));
        return bestDistance <= limit ? best : null;
    }

    /// <summary><c> (did you mean 'X'?)</c> or an empty string.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } c ? $" (did you mean '{c}'?)" : "";

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
