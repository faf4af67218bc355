using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>The formats an article may come in.</summary>
public enum ArticleFormat { Text, Html, Markdown }

/// <summary>Turns HTML, Markdown or plain text into paragraphs of plain text, and tells the language.</summary>
public static partial class TextInput
{
    /// <summary>Guesses the format from the file name, else from the content.</summary>
    public static ArticleFormat Sniff(string? fileName, string text)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (ext is ".html" or ".htm" or ".xhtml") return ArticleFormat.Html;
        if (ext is ".md" or ".markdown") return ArticleFormat.Markdown;
        var head = text.AsSpan(0, Math.Min(text.Length, 2000)).TrimStart();
        if (head.StartsWith("<") && HtmlTag().IsMatch(head.ToString())) return ArticleFormat.Html;
        return ArticleFormat.Text;
    }

    /// <summary>Plain text with paragraphs separated by blank lines; markup removed, entities decoded, whitespace tidied.</summary>
    public static string Normalise(string text, ArticleFormat format)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (format == ArticleFormat.Html)
        {
            text = ScriptOrStyle().Replace(text, " ");
            text = Comment().Replace(text, " ");
            text = BlockEnd().Replace(text, "\n\n");
            text = LineBreak().Replace(text, "\n");
            text = AnyTag().Replace(text, " ");
            text = WebUtility.HtmlDecode(text);
        }
        else if (format == ArticleFormat.Markdown)
        {
            text = MdImage().Replace(text, "$1");
            text = MdLink().Replace(text, "$1");
            text = MdHeading().Replace(text, "");
            text = MdQuote().Replace(text, "");
            text = MdEmphasis().Replace(text, "$2");
            text = text.Replace("`", "");
        }
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
            sb.Append(ch switch { '\u00a0' or '\u2009' or '\u202f' or '\t' => ' ', _ when char.IsControl(ch) && ch != '\n' => ' ', _ => ch });
        var lines = sb.ToString().Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return string.Join("\n", lines).Trim();
    }

    /// <summary>
    /// Paragraphs as blocks of lines: a blank line ends a paragraph; inside one, a line that starts with a bullet
    /// starts a new block and other lines are joined to the line before (hard-wrapped text).
    /// </summary>
    public static IReadOnlyList<(int Paragraph, int Start, string Text)> Blocks(string text)
    {
        var blocks = new List<(int, int, string)>();
        var paragraph = 0;
        var pos = 0;
        int? start = null;
        var current = new StringBuilder();
        var lastWasBlank = true;
        void Flush()
        {
            if (start is not null && current.Length > 0) blocks.Add((paragraph, start.Value, current.ToString()));
            current.Clear();
            start = null;
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                Flush();
                if (!lastWasBlank) paragraph++;
                lastWasBlank = true;
            }
            else
            {
                var bullet = line.StartsWith("- ") || line.StartsWith("* ") || line.StartsWith("• ");
                if (bullet || current.Length > 0 && EndsBlock(current)) Flush();
                if (start is null) { start = pos; current.Append(line); }
                else
                {
                    // joined with a space where the text has a newline: offsets stay those of the text
                    current.Append(' ').Append(line);
                }
                lastWasBlank = false;
            }
            pos += line.Length + 1;
        }
        Flush();
        return blocks;
    }

    private static bool EndsBlock(StringBuilder sb) => sb[^1] is ':' or ';';

    private static readonly HashSet<string> NlWords = new(StringComparer.Ordinal)
    {
        "de", "het", "een", "en", "van", "dat", "op", "te", "zijn", "niet", "met", "voor", "die", "aan", "er", "ook", "bij",
        "door", "naar", "om", "zou", "kan", "wordt", "hun", "dit", "deze", "heeft", "werd", "wel", "nog", "maar", "tussen", "tegen", "zich",
    };

    private static readonly HashSet<string> EnWords = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "that", "on", "to", "are", "not", "with", "for", "which", "it", "by", "be", "was", "this", "have", "has",
        "from", "would", "could", "its", "their", "said", "were", "will", "been", "they", "against", "between", "an",
    };

    /// <summary>Counts of Dutch and English function words in <paramref name="text"/>.</summary>
    public static (int Nl, int En, int Words) Score(string text)
    {
        int nl = 0, en = 0, words = 0;
        foreach (Match m in Word().Matches(text))
        {
            words++;
            var w = m.Value.ToLowerInvariant();
            if (NlWords.Contains(w)) nl++;
            if (EnWords.Contains(w)) en++;
        }
        return (nl, en, words);
    }

    /// <summary>
    /// The article's language. Throws <see cref="IngestInputException"/> when it cannot be told or when substantial
    /// parts are in each language (each at least a fifth of the paragraphs' words, and 40 words or more).
    /// </summary>
    public static Language Detect(IReadOnlyList<(int Paragraph, int Start, string Text)> blocks)
    {
        int nlWords = 0, enWords = 0, nlBlocks = 0, enBlocks = 0, nl = 0, en = 0;
        foreach (var (_, _, text) in blocks)
        {
            var s = Score(text);
            nl += s.Nl; en += s.En;
            if (s.Words < 8 || s.Nl + s.En < 3) continue;
            if (s.Nl >= 2 * s.En) { nlWords += s.Words; nlBlocks++; }
            else if (s.En >= 2 * s.Nl) { enWords += s.Words; enBlocks++; }
        }
        var total = nlWords + enWords;
        if (nlWords >= 40 && enWords >= 40 && nlWords >= total / 5 && enWords >= total / 5)
            throw new IngestInputException(
                $"the article mixes languages: {nlBlocks} paragraph(s) read as Dutch ({nlWords} words) and {enBlocks} as English ({enWords} words); " +
                "split it into one file per language, or pass --lang nl or --lang en to read it as one");
        if (nl + en < 3)
            throw new IngestInputException("cannot tell the article's language (too few Dutch or English words); pass --lang nl or --lang en");
        return nl >= en ? Language.Nl : Language.En;
    }

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")] private static partial Regex HtmlTag();
    [GeneratedRegex(@"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex ScriptOrStyle();
    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)] private static partial Regex Comment();
    [GeneratedRegex(@"</(p|div|h[1-6]|li|tr|blockquote|section|article|header|footer|ul|ol|table|title)\s*>|<(p|h[1-6]|li|ul|ol|blockquote)\b[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex BlockEnd();
    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)] private static partial Regex LineBreak();
    [GeneratedRegex(@"<[^>]*>")] private static partial Regex AnyTag();
    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")] private static partial Regex MdImage();
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")] private static partial Regex MdLink();
    [GeneratedRegex(@"^\s{0,3}#{1,6}\s*", RegexOptions.Multiline)] private static partial Regex MdHeading();
    [GeneratedRegex(@"^\s{0,3}>\s?", RegexOptions.Multiline)] private static partial Regex MdQuote();
    [GeneratedRegex(@"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")] private static partial Regex MdEmphasis();
    [GeneratedRegex(@" {2,}")] private static partial Regex Spaces();
    [GeneratedRegex(@"\p{L}+")] private static partial Regex Word();
}
