using System.Text.RegularExpressions;

namespace Entangle.Ingest;

/// <summary>Date expressions in Dutch and English, resolved against the article's date.</summary>
public static partial class Dates
{
    private static readonly string[] NlMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    private static readonly string[] EnMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] NlDays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
    private static readonly string[] EnDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static int Month(string word, Language lang)
    {
        var w = word.ToLowerInvariant();
        var i = Array.IndexOf(lang == Language.Nl ? NlMonths : EnMonths, w);
        return i + 1;
    }

    private static Regex For(Language lang) => lang == Language.Nl ? NlPattern() : EnPattern();

    /// <summary>The latest complete date written in the text ("23 juni 2024", "June 23, 2024"), used when no --date is given.</summary>
    public static DateOnly? LatestFullDate(string text, Language lang)
    {
        DateOnly? best = null;
        foreach (Match m in For(lang).Matches(text))
            if (m.Groups["y"].Success && (m.Groups["d"].Success || m.Groups["d2"].Success) && Resolve(m, lang, null) is { Date: { } d } && (best is null || d > best))
                best = d;
        return best;
    }

    /// <summary>Every date expression in <paramref name="text"/> (one sentence), resolved against <paramref name="articleDate"/>.</summary>
    public static IEnumerable<(int Start, int Length, string Text, DateOnly? Date, string Precision, string? Note)> Find(string text, Language lang, DateOnly? articleDate)
    {
        foreach (Match m in For(lang).Matches(text))
        {
            var r = Resolve(m, lang, articleDate);
            if (r is null) continue;
            yield return (m.Index, m.Length, m.Value, r.Value.Date, r.Value.Precision, r.Value.Note);
        }
    }

    private static (DateOnly? Date, string Precision, string? Note)? Resolve(Match m, Language lang, DateOnly? at)
    {
        var g = m.Groups;
        if (g["mon"].Success)
        {
            var month = Month(g["mon"].Value, lang);
            if (month == 0) return null;
            var dayText = g["d"].Success ? g["d"].Value : g["d2"].Success ? g["d2"].Value : null;
            int? year = g["y"].Success ? int.Parse(g["y"].Value) : null;
            var last = g["last"].Success;
            if (dayText is not null)
            {
                var day = int.Parse(dayText);
                if (day < 1 || day > 31) return null;
                if (year is null)
                {
                    if (at is null) return (null, "day", "no article date to resolve the year against");
                    year = at.Value.Year;
                    if (day <= DateTime.DaysInMonth(year.Value, month) && new DateOnly(year.Value, month, day) > at.Value.AddDays(7)) year--;
                }
                if (day > DateTime.DaysInMonth(year.Value, month)) return null;
                return (new DateOnly(year.Value, month, day), "day", null);
            }
            if (year is not null) return (new DateOnly(year.Value, month, 1), "month", null);
            if (at is null) return (null, "month", "no article date to resolve the month against");
            // "afgelopen september", "last September", or a bare month: the latest such month before the article's
            var y = at.Value.Year;
            if (month > at.Value.Month || last && month == at.Value.Month) y--;
            return (new DateOnly(y, month, 1), "month", null);
        }
        if (g["rel"].Success)
        {
            if (at is null) return (null, "day", "no article date to resolve it against");
            var a = at.Value;
            var unit = g["unit"].Value.ToLowerInvariant();
            return unit switch
            {
                "jaar" or "year" => (new DateOnly(a.Year - 1, 1, 1), "year", null),
                "maand" or "month" => (new DateOnly(a.AddMonths(-1).Year, a.AddMonths(-1).Month, 1), "month", null),
                "week" => (Monday(a).AddDays(-7), "week", null),
                "weekend" => (Monday(a).AddDays(-2), "weekend", "the Saturday and Sunday before the article's week"),
                _ => null,
            };
        }
        if (g["dn"].Success)
        {
            if (at is null) return (null, "day", "no article date to resolve it against");
            var word = g["dn"].Value.ToLowerInvariant();
            if (word is "gisteren" or "yesterday") return (at.Value.AddDays(-1), "day", null);
            if (word is "vandaag" or "today") return (at.Value, "day", null);
            var idx = Array.IndexOf(lang == Language.Nl ? NlDays : EnDays, word);
            if (idx < 0) return null;
            var target = (DayOfWeek)((idx + 1) % 7);
            var d = at.Value;
            for (var k = 0; k < 7 && d.DayOfWeek != target; k++) d = d.AddDays(-1);
            return (d, "day", "the latest such weekday on or before the article's date");
        }
        if (g["yr"].Success)
        {
            var y = int.Parse(g["yr"].Value);
            return (new DateOnly(y, 1, 1), "year", null);
        }
        return null;
    }

    private static DateOnly Monday(DateOnly d)
    {
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(-1);
        return d;
    }

    [GeneratedRegex(@"\b(?:(?<last>afgelopen|vorige)\s+)?(?:(?<d>\d{1,2})\s+)?(?<mon>januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)(?:\s+(?<y>(?:19|20)\d{2}))?\b|\b(?:vorig|vorige|afgelopen)(?<rel>)\s+(?<unit>jaar|maand|week|weekend)\b|\b(?<dn>gisteren|vandaag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b|(?<![\d.,+-])\b(?<yr>(?:19|20)\d{2})\b(?![\d+-])", RegexOptions.IgnoreCase)]
    private static partial Regex NlPattern();

    [GeneratedRegex(@"\b(?:(?<last>last)\s+)?(?:(?<d>\d{1,2})\s+)?(?<mon>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?<y>(?:19|20)\d{2}))?\b|\blast(?<rel>)\s+(?<unit>year|month|week|weekend)\b|\b(?<dn>yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?<![\d.,+-])\b(?<yr>(?:19|20)\d{2})\b(?![\d+-])")]
    private static partial Regex EnPattern();
}
