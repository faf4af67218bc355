using Entangle.Ingest;

namespace Entangle.Ingest.Tests;

/// <summary>Figures and dates in Dutch and English; expected values worked out by hand.</summary>
public class NumbersAndDatesTests
{
    [Theory]
    [InlineData("De handel bedroeg 34 miljard dollar.", 34e9, "USD", null)]
    [InlineData("Rusland heeft 5.580 kernkoppen.", 5580, "warheads", null)]
    [InlineData("De handel bedroeg 1,5 miljard dollar.", 1.5e9, "USD", null)]
    [InlineData("Het land besteedt 3,5 procent van het bbp aan defensie.", 3.5, "percent_gdp", null)]
    [InlineData("Ruim 1.200 soldaten zijn gelegerd in het noorden.", 1200, "personnel", "more_than")]
    [InlineData("Bijna twee miljoen mensen zijn gevlucht.", 2e6, "people", "nearly")]
    [InlineData("De defensie-uitgaven stegen tot 109,5 miljard dollar.", 109.5e9, "USD", null)]
    [InlineData("De bilaterale handel is negen keer zo groot geworden.", 9, "times", null)]
    [InlineData("Het budget is 2,4 mld. dollar.", 2.4e9, "USD", null)]
    public void Dutch_FiguresWithUnits_AreNormalised(string sentence, double value, string unit, string? qualifier)
    {
        var f = Assert.Single(Figures.Find(sentence, Language.Nl));
        Assert.Equal(value, f.Value, 6);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(qualifier, f.Qualifier);
    }

    [Theory]
    [InlineData("Trade reached $34.4 million last year.", 34.4e6, "USD")]
    [InlineData("Trade rose ninefold.", 9, "times")]
    [InlineData("Russia holds 5,580 nuclear warheads.", 5580, "warheads")]
    [InlineData("Military spending reached 2.5% of GDP.", 2.5, "percent_gdp")]
    [InlineData("Some 12,000 troops were deployed.", 12000, "personnel")]
    public void English_FiguresWithUnits_AreNormalised(string sentence, double value, string unit)
    {
        var f = Assert.Single(Figures.Find(sentence, Language.En));
        Assert.Equal(value, f.Value, 6);
        Assert.Equal(unit, f.Unit);
    }

    [Theory]
    [InlineData("Het gaat om 2+2-dialogen en artikel 5 van de NAVO.")]
    [InlineData("Op 19 juni kwamen F-16-jets aan.")]
    [InlineData("Er zijn 1,5-spoordialogen gehouden.")]
    public void Dutch_NumbersWithoutUnits_AreNotFigures(string sentence) => Assert.Empty(Figures.Find(sentence, Language.Nl));

    [Theory]
    [InlineData("5.580", 5580)]
    [InlineData("1,5", 1.5)]
    [InlineData("1.234.567,25", 1234567.25)]
    [InlineData("negen", 9)]
    public void Dutch_Numerals_UseDotsForThousandsAndCommaForDecimals(string text, double value) =>
        Assert.Equal(value, Figures.ParseNumeral(text, Language.Nl));

    [Fact]
    public void Dutch_DotNotFollowedByThreeDigits_IsNotANumber() => Assert.Null(Figures.ParseNumeral("5.58", Language.Nl));

    private static readonly DateOnly Article = new(2024, 6, 23);   // a Sunday

    [Theory]
    [InlineData("op 19 juni", "2024-06-19", "day")]
    [InlineData("afgelopen september", "2023-09-01", "month")]
    [InlineData("sinds september 2023", "2023-09-01", "month")]
    [InlineData("vorig jaar", "2023-01-01", "year")]
    [InlineData("vorige maand", "2024-05-01", "month")]
    [InlineData("vorig weekend", "2024-06-15", "weekend")]
    [InlineData("op woensdag", "2024-06-19", "day")]
    [InlineData("op 28 december", "2023-12-28", "day")]
    public void Dutch_Dates_ResolveAgainstTheArticleDate(string text, string expected, string precision)
    {
        var d = Assert.Single(Dates.Find(text, Language.Nl, Article));
        Assert.Equal(DateOnly.Parse(expected), d.Date);
        Assert.Equal(precision, d.Precision);
    }

    [Theory]
    [InlineData("on June 19", "2024-06-19")]
    [InlineData("last September", "2023-09-01")]
    [InlineData("last year", "2023-01-01")]
    [InlineData("last month", "2024-05-01")]
    [InlineData("on Wednesday", "2024-06-19")]
    public void English_Dates_ResolveAgainstTheArticleDate(string text, string expected)
    {
        var d = Assert.Single(Dates.Find(text, Language.En, Article));
        Assert.Equal(DateOnly.Parse(expected), d.Date);
    }
}
