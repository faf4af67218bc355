namespace Entangle.Ingest;

/// <summary>
/// Codes a sentence to one PLOVER event: the strongest trigger in the sentence gives the category; the actors
/// before it are the source and those after it the target (or the reverse after a passive "door"/"by").
/// </summary>
public sealed class EventCoder
{
    private readonly Dictionary<string, List<Trigger>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<Trigger>> _wildFirst = [];

    public EventCoder(Lexicon lexicon, Language language)
    {
        var lang = language == Language.Nl ? "nl" : "en";
        foreach (var t in lexicon.Triggers.Where(t => t.Lang == lang))
        {
            if (t.Words[0].EndsWith('*'))
            {
                if (!_wildFirst.TryGetValue(t.Words[0][0], out var w)) _wildFirst[t.Words[0][0]] = w = [];
                w.Add(t);
            }
            else
            {
                if (!_byFirstWord.TryGetValue(t.Words[0], out var l)) _byFirstWord[t.Words[0]] = l = [];
                l.Add(t);
            }
        }
    }

    private static bool WordMatches(string pattern, string word) =>
        pattern.EndsWith('*') ? word.StartsWith(pattern[..^1], StringComparison.Ordinal) : word == pattern;

    /// <summary>The best trigger in the words: (trigger, index of its first word, index of its last word).</summary>
    public (Trigger Trigger, int First, int Last)? BestTrigger(IReadOnlyList<string> lowerWords)
    {
        (Trigger, int, int)? best = null;
        for (var i = 0; i < lowerWords.Count; i++)
        {
            var w = lowerWords[i];
            if (w.Length == 0) continue;
            IEnumerable<Trigger> wild = _wildFirst.TryGetValue(w[0], out var ws) ? ws : [];
            IEnumerable<Trigger> candidates = _byFirstWord.TryGetValue(w, out var exact) ? exact.Concat(wild) : wild;
            foreach (var t in candidates)
            {
                if (!WordMatches(t.Words[0], w)) continue;
                var last = Follow(t, lowerWords, i);
                if (last is null) continue;
                if (best is null || t.Weight > best.Value.Item1.Weight) best = (t, i, last.Value);
            }
        }
        return best;
    }

    // the trigger's later words, each within three words of the one before
    private static int? Follow(Trigger t, IReadOnlyList<string> words, int at)
    {
        var pos = at;
        for (var k = 1; k < t.Words.Count; k++)
        {
            var found = -1;
            for (var j = pos + 1; j < words.Count && j <= pos + 3; j++)
                if (WordMatches(t.Words[k], words[j])) { found = j; break; }
            if (found < 0) return null;
            pos = found;
        }
        return pos;
    }

    private static readonly HashSet<string> Hypothetical = new(StringComparer.Ordinal)
    {
        "zou", "zouden", "kan", "kunnen", "kon", "konden", "mogelijk", "misschien", "als", "indien",
        "could", "would", "might", "may", "if", "possibly",
    };

    private static readonly HashSet<string> Passive = new(StringComparer.Ordinal) { "door", "by" };

    /// <summary>The event in one sentence, or null when no trigger is found.</summary>
    /// <param name="words">The sentence's word tokens.</param>
    /// <param name="actors">The sentence's actor mentions (token index of each).</param>
    public EventMention? Code(Sentence sentence, IReadOnlyList<Token> words, IReadOnlyList<(int Token, ActorMention Actor)> actors, DateOnly? date)
    {
        var lower = words.Select(t => t.Text.ToLowerInvariant()).ToList();
        if (BestTrigger(lower) is not { } hit) return null;
        var before = actors.Where(a => a.Token < hit.First).ToList();
        var after = actors.Where(a => a.Token > hit.Last).ToList();
        var passiveAt = Enumerable.Range(hit.Last + 1, Math.Max(0, Math.Min(lower.Count, hit.Last + 4) - hit.Last - 1)).FirstOrDefault(i => Passive.Contains(lower[i]), -1);
        List<string> source, target;
        if (passiveAt >= 0 && after.Any(a => a.Token > passiveAt))
        {
            // "ondertekend door Poetin", "was attacked by rebels": the agent follows the trigger
            var agentGroup = Group(after.Where(a => a.Token > passiveAt).ToList(), first: true);
            source = agentGroup;
            target = Codes(before).Except(source).Take(2).ToList();
        }
        else if (before.Count > 0)
        {
            source = Group(before, first: false);
            target = Codes(after).Except(source).Take(2).ToList();
        }
        else
        {
            source = Group(after, first: true);
            target = Codes(after.Skip(source.Count)).Except(source).Take(1).ToList();
        }
        var hypothetical = lower.Any(Hypothetical.Contains);
        var confidence = 0.25 + 0.3 * Math.Min(1, hit.Trigger.Weight / 2.4) + (source.Count > 0 ? 0.25 : 0) + (target.Count > 0 ? 0.2 : 0) - (hypothetical ? 0.2 : 0);
        var triggerText = string.Join(" ", words.Skip(hit.First).Take(hit.Last - hit.First + 1).Select(t => t.Text));
        return new EventMention(sentence.Index, sentence.Text, hit.Trigger.Category, triggerText, source, target, date,
            hypothetical ? "hypothetical" : null, Math.Round(Math.Clamp(confidence, 0.05, 0.95), 2));
    }

    private static List<string> Codes(IEnumerable<(int Token, ActorMention Actor)> list) =>
        list.Select(a => a.Actor.Code).Distinct(StringComparer.Ordinal).ToList();

    // actors next to each other ("Rusland en Noord-Korea", "US and France") act together: take the run nearest the trigger
    private static List<string> Group(List<(int Token, ActorMention Actor)> list, bool first)
    {
        if (list.Count == 0) return [];
        var ordered = first ? list : Enumerable.Reverse(list).ToList();
        var group = new List<(int Token, ActorMention Actor)> { ordered[0] };
        for (var i = 1; i < ordered.Count; i++)
        {
            if (Math.Abs(ordered[i].Token - group[^1].Token) > 3) break;
            group.Add(ordered[i]);
        }
        return Codes(group.OrderBy(g => g.Token));
    }
}
