using System.Globalization;
using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>A number as written, with its unit, before a subject is given to it.</summary>
public sealed record RawFigure(int Start, int Length, string Text, double Value, string Unit, string? Qualifier, string? Scale);

/// <summary>Numbers with units in Dutch and English: separators, number words, scale words (miljard = 1e9).</summary>
public static partial class Figures
{
    private static readonly Dictionary<string, double> NlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["een"] = 1, ["één"] = 1, ["twee"] = 2, ["drie"] = 3, ["vier"] = 4, ["vijf"] = 5, ["zes"] = 6, ["zeven"] = 7, ["acht"] = 8,
        ["negen"] = 9, ["tien"] = 10, ["elf"] = 11, ["twaalf"] = 12, ["twintig"] = 20, ["dertig"] = 30, ["veertig"] = 40,
        ["vijftig"] = 50, ["honderd"] = 100, ["duizend"] = 1000, ["half"] = 0.5, ["anderhalf"] = 1.5,
    };

    private static readonly Dictionary<string, double> EnWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["hundred"] = 100, ["thousand"] = 1000, ["half"] = 0.5, ["a"] = 1,
    };

    private static readonly Dictionary<string, double> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duizend"] = 1e3, ["thousand"] = 1e3, ["miljoen"] = 1e6, ["mln"] = 1e6, ["mln."] = 1e6, ["million"] = 1e6, ["mn"] = 1e6,
        ["miljard"] = 1e9, ["mld"] = 1e9, ["mld."] = 1e9, ["mrd"] = 1e9, ["billion"] = 1e9, ["bn"] = 1e9, ["biljoen"] = 1e12, ["trillion"] = 1e12, ["tn"] = 1e12,
    };

    /// <summary>Parses a numeral as written in <paramref name="lang"/>: "5.580" and "1,5" in Dutch, "5,580" and "1.5" in English.</summary>
    public static double? ParseNumeral(string s, Language lang)
    {
        if (NlWords.TryGetValue(s, out var w) && lang == Language.Nl) return w;
        if (EnWords.TryGetValue(s, out w) && lang == Language.En) return w;
        char group = lang == Language.Nl ? '.' : ',', dec = lang == Language.Nl ? ',' : '.';
        // a group separator must be followed by exactly three digits each time
        var parts = s.Split(dec);
        if (parts.Length > 2) return null;
        var intPart = parts[0];
        if (intPart.Contains(group))
        {
            var groups = intPart.Split(group);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)) return null;
            intPart = string.Concat(groups);
        }
        var text = parts.Length == 2 ? intPart + "." + parts[1] : intPart;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>Every figure with a unit or a scale word in one sentence.</summary>
    public static IEnumerable<RawFigure> Find(string sentence, Language lang)
    {
        // most sentences have no figure: skip them unless they hold a digit or a unit or scale word
        if (!(lang == Language.Nl ? NlHint() : EnHint()).IsMatch(sentence)) yield break;
        var regex = lang == Language.Nl ? NlFigure() : EnFigure();
        foreach (Match m in regex.Matches(sentence))
        {
            var g = m.Groups;
            var num = ParseNumeral(g["num"].Value, lang);
            if (num is null) continue;
            var value = num.Value;
            string? scaleWord = null;
            if (g["scale"].Success)
            {
                scaleWord = g["scale"].Value.ToLowerInvariant();
                value *= Scales[scaleWord.TrimEnd('.')];
            }
            var unitText = g["unit"].Success ? g["unit"].Value.ToLowerInvariant() : "";
            var cur = g["cur"].Success || g["cur2"].Success;
            string? unit = cur ? (g["cur"].Value.Contains('€') || unitText.StartsWith("euro") ? "EUR" : "USD") : Unit(unitText, g["gdp"].Success);
            if (unit is null) continue;
            if (unit is "people" or "personnel" or "warheads" && value != Math.Floor(value)) continue;
            var q = g["q"].Success ? Qualifier(g["q"].Value) : null;
            yield return new RawFigure(m.Index + (g["q"].Success ? g["q"].Index - m.Index : 0), m.Length - (g["q"].Success ? g["q"].Index - m.Index : 0),
                m.Value[(g["q"].Success ? g["q"].Index - m.Index : 0)..].Trim(), value, unit, q, scaleWord);
        }
    }

    private static string? Unit(string u, bool gdp)
    {
        if (u.Length == 0) return null;
        if (u is "%" or "procent" or "percent" or "per cent" or "procentpunt") return gdp ? "percent_gdp" : "percent";
        if (u.StartsWith("dollar") || u is "usd" or "us-dollar" or "amerikaanse dollar") return "USD";
        if (u.StartsWith("euro")) return "EUR";
        if (u is "keer" or "maal" or "times" or "fold" or "-fold" or "keer zo groot" || u.StartsWith("keer")) return "times";
        if (u.StartsWith("kernkop") || u.StartsWith("kernwapen") || u.StartsWith("atoomwapen") || u.StartsWith("warhead") || u.StartsWith("nuclear warhead") || u.StartsWith("nuclear weapon")) return "warheads";
        if (u.StartsWith("soldat") || u.StartsWith("troep") || u.StartsWith("militair") || u.StartsWith("manschap") || u.StartsWith("troop")
            || u.StartsWith("soldier") || u.StartsWith("personnel") || u.StartsWith("service member") || u.StartsWith("militairen")) return "personnel";
        if (u.StartsWith("mens") || u.StartsWith("inwoner") || u.StartsWith("burger") || u.StartsWith("people") || u.StartsWith("civilian")
            || u.StartsWith("resident") || u.StartsWith("person") || u.StartsWith("vluchteling") || u.StartsWith("refugee") || u.StartsWith("arbeid") || u.StartsWith("worker")) return "people";
        return null;
    }

    private static string Qualifier(string q) => q.ToLowerInvariant() switch
    {
        "meer dan" or "ruim" or "over" or "more than" or "bijna meer dan" or "upwards of" or "ten minste" or "minstens" or "at least" => "more_than",
        "minder dan" or "less than" or "under" or "fewer than" or "hooguit" or "at most" => "less_than",
        "bijna" or "nearly" or "almost" or "nagenoeg" => "nearly",
        _ => "about",
    };

    [GeneratedRegex(@"\d|keer|maal|duizend|miljoen|miljard|mln|mld|mrd|biljoen|procent|dollar|euro|kernkop|kernwapen|atoomwapen|soldaten|troepen|militairen|manschappen|mensen|inwoners|burgers|vluchtelingen|arbeiders", RegexOptions.IgnoreCase)]
    private static partial Regex NlHint();

    [GeneratedRegex(@"\d|times|fold|thousand|million|billion|trillion|\bmn\b|\bbn\b|\btn\b|percent|per cent|dollar|euro|warhead|nuclear weapons|troops|soldiers|personnel|service members|people|civilians|residents|refugees|workers", RegexOptions.IgnoreCase)]
    private static partial Regex EnHint();

    [GeneratedRegex(@"(?:(?<q>meer dan|minder dan|ruim|bijna|ongeveer|circa|zo'n|ten minste|minstens|hooguit|nagenoeg|rond de)\s+)?(?:(?<cur>\$|US\$|€|USD)\s?)?(?<![\p{L}\d.,])(?<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd|anderhalf)(?![\d.,]\d)\s*(?:(?<scale>duizend|miljoen|mln\.?|miljard|mld\.?|mrd|biljoen)\s*)?(?<unit>(?<cur2>dollars?|US-dollars?|amerikaanse dollars?|euro'?s?)\b|%|procent\b|procentpunt\b|keer\b|maal\b|kernkoppen\b|kernkop\b|kernwapens\b|atoomwapens\b|soldaten\b|troepen\b|militairen\b|manschappen\b|mensen\b|inwoners\b|burgers\b|vluchtelingen\b|arbeiders\b)?(?<gdp>\s+(?:van\s+(?:het|zijn|hun)\s+)?(?:bbp|bnp|bruto binnenlands product)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex NlFigure();

    [GeneratedRegex(@"(?:(?<q>more than|less than|fewer than|nearly|almost|about|around|some|roughly|approximately|over|under|at least|at most|upwards of)\s+)?(?:(?<cur>\$|US\$|€|USD)\s?)?(?<![\p{L}\d.,])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)(?![\d.,]\d)\s*(?:-?(?<scale>thousand|million|mn|billion|bn|trillion|tn)\s*)?(?<unit>(?<cur2>dollars?|euros?)\b|%|percent\b|per cent\b|times\b|-?fold\b|nuclear warheads\b|warheads?\b|nuclear weapons\b|troops\b|soldiers\b|military personnel\b|personnel\b|service members\b|people\b|civilians\b|residents\b|refugees\b|workers\b)?(?<gdp>\s+of\s+(?:its\s+|their\s+|the\s+country's\s+)?(?:GDP|gross domestic product)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex EnFigure();
}
