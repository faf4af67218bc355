using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>Conditional, causal and possibility statements: "Als … dan …", "aangezien …", "zou … kunnen", "if … then", "could lead to".</summary>
public static partial class ClaimFinder
{
    /// <summary>The claim a sentence makes, or null. <paramref name="actorStarts"/> are the offsets (in the sentence) of actor mentions.</summary>
    public static ClaimMention? Find(Sentence s, Language lang, IReadOnlyList<string> actors, IReadOnlyList<int> actorStarts)
    {
        var text = s.Text.TrimStart('-', ' ', '“', '"');
        var nl = lang == Language.Nl;
        Match m;
        // 1. a sentence that opens with a condition: "Als X, (dan) Y", "If X, (then) Y"; an explicit "dan"/"then" marks the split
        if ((m = (nl ? NlIfThen() : EnIfThen()).Match(text)).Success
            || (m = (nl ? NlIfFirst() : EnIfFirst()).Match(text)).Success)
            return new ClaimMention(s.Index, s.Text, "conditional", Tidy(m.Groups["c"].Value), Tidy(m.Groups["q"].Value), actors, m.Groups["cue"].Value.ToLowerInvariant());
        // 2. a condition after the main clause: "… kan veranderen als Rusland …", "… could escalate if China …"
        if ((m = (nl ? NlIfAfter() : EnIfAfter()).Match(text)).Success && Modal(m.Groups["q"].Value, nl)
            && ActorSoonAfter(s, text, m.Groups["c"].Index, actorStarts))
            return new ClaimMention(s.Index, s.Text, "conditional", Tidy(m.Groups["c"].Value), Tidy(m.Groups["q"].Value), actors, m.Groups["cue"].Value.ToLowerInvariant());
        // 3. cause and effect: "Y, aangezien X", "X zou ertoe kunnen leiden dat Y", "Y because X", "X could lead to Y"
        if ((m = (nl ? NlLeadsTo() : EnLeadsTo()).Match(text)).Success)
            return new ClaimMention(s.Index, s.Text, "causal", Tidy(m.Groups["c"].Value), Tidy(m.Groups["q"].Value), actors, m.Groups["cue"].Value.ToLowerInvariant());
        if ((m = (nl ? NlBecause() : EnBecause()).Match(text)).Success)
        {
            var cue = m.Groups["cue"].Value.ToLowerInvariant();
            // "X, waardoor Y" and "X so that Y" put the cause first
            var causeFirst = cue is "waardoor" or "zodat" or "so that";
            return new ClaimMention(s.Index, s.Text, "causal", Tidy(m.Groups[causeFirst ? "q" : "c"].Value), Tidy(m.Groups[causeFirst ? "c" : "q"].Value), actors, cue);
        }
        // 4. a possibility stated as a claim about the future: "zou … kunnen", "could", "risks"
        if ((m = (nl ? NlPossible() : EnPossible()).Match(text)).Success)
            return new ClaimMention(s.Index, s.Text, "possibility", Tidy(m.Groups["c"].Value) is { Length: > 0 } c ? c : null, Tidy(m.Groups["q"].Value), actors, m.Groups["cue"].Value.ToLowerInvariant());
        return null;
    }

    private static bool Modal(string clause, bool nl) => (nl ? NlModal() : EnModal()).IsMatch(clause);

    private static bool ActorSoonAfter(Sentence s, string text, int index, IReadOnlyList<int> actorStarts)
    {
        var offset = s.Text.Length - text.Length;
        var from = index + offset;
        var window = s.Text[from..Math.Min(s.Text.Length, from + 40)];
        return actorStarts.Any(a => a >= from && a < from + window.Length);
    }

    private static string Tidy(string s) => s.Trim().Trim(',', ';', ':', ' ', '.', '“', '”', '"').Trim();

    [GeneratedRegex(@"^(?:(?:En|Maar|Want)\s+(?<cue>als|indien|wanneer|mocht|mochten|zodra)|(?<cue>Als|Indien|Wanneer|Mocht|Mochten|Zodra))\s+(?<c>[^,]{5,}?),\s*(?:dan\s+)?(?<q>.{5,})$")]
    private static partial Regex NlIfFirst();

    [GeneratedRegex(@"^(?:(?:And|But)\s+(?<cue>if|should|unless|once|when)|(?<cue>If|Should|Unless|Once|When))\s+(?<c>[^,]{5,}?),\s*(?:then\s+)?(?<q>.{5,})$")]
    private static partial Regex EnIfFirst();

    [GeneratedRegex(@"^(?:(?:En|Maar|Want)\s+(?<cue>als|indien|wanneer|mocht|mochten)|(?<cue>Als|Indien|Wanneer|Mocht|Mochten))\s+(?<c>.{5,}?),\s*dan\s+(?<q>.{5,})$")]
    private static partial Regex NlIfThen();

    [GeneratedRegex(@"^(?:(?:And|But)\s+(?<cue>if|unless)|(?<cue>If|Unless))\s+(?<c>.{5,}?),\s*then\s+(?<q>.{5,})$")]
    private static partial Regex EnIfThen();

    [GeneratedRegex(@"^(?<q>.{10,}?)\s+(?<cue>als|indien|wanneer)\s+(?<c>.{5,})$")]
    private static partial Regex NlIfAfter();

    [GeneratedRegex(@"^(?<q>.{10,}?)\s+(?<cue>if|unless)\s+(?<c>.{5,})$")]
    private static partial Regex EnIfAfter();

    [GeneratedRegex(@"\b(?:zou|zouden|kan|kunnen|zal|zullen)\b")] private static partial Regex NlModal();
    [GeneratedRegex(@"\b(?:could|would|might|may|will|can)\b")] private static partial Regex EnModal();

    [GeneratedRegex(@"^(?<c>.{5,}?)\s+(?<cue>(?:zou|zouden|kan|kunnen|zal|zullen)\s+(?:ertoe\s+)?(?:kunnen\s+)?leiden|leidt|leidde|leiden)\s+(?:ertoe\s+)?(?:tot|dat)\s+(?<q>.{5,})$")]
    private static partial Regex NlLeadsTo();

    [GeneratedRegex(@"^(?<c>.{5,}?)\s+(?<cue>(?:could|would|might|may|will)\s+(?:lead|result)|leads|led|results|resulted|risks|threatens)\s+(?:to|in)?\s*(?<q>.{5,})$")]
    private static partial Regex EnLeadsTo();

    [GeneratedRegex(@"^(?<q>.{10,}?),?\s+(?<cue>aangezien|omdat|doordat|vanwege|waardoor|zodat)\s+(?<c>.{5,})$")]
    private static partial Regex NlBecause();

    [GeneratedRegex(@"^(?<q>.{10,}?),?\s+(?<cue>because|since|as a result of|due to|so that)\s+(?<c>.{5,})$")]
    private static partial Regex EnBecause();

    [GeneratedRegex(@"^(?<c>.*?)\b(?<cue>zou|zouden)\s+(?<q>.*\bkunnen\b.*)$")]
    private static partial Regex NlPossible();

    [GeneratedRegex(@"^(?<c>.*?)\b(?<cue>could|would|might)\s+(?<q>.{5,})$")]
    private static partial Regex EnPossible();
}
