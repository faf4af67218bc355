using Entangle.Domain;

namespace Entangle.Scenarios.Tests;

/// <summary>"Did you mean" that knows states by their names, and costs nothing for huge strings (issue 16, items 9 and 18).</summary>
public class SuggestTests
{
    private static readonly Suggest.Named[] States =
    [
        new("PRK", ["North Korea", "Democratic People's Republic of Korea", "DPRK"]),
        new("NOR", ["Norway"]),
        new("KOR", ["South Korea", "Republic of Korea", "ROK"]),
        new("GBR", ["United Kingdom", "UK"]),
        new("USA", ["United States", "United States of America"]),
        new("DEU", ["Germany"]),
    ];

    [Fact]
    public void DidYouMean_CodeThatAbbreviatesAName_PutsThatStateFirst()
    {
        // Before: edit distance on codes alone gave "did you mean 'NOR'?" (Norway) for NKR.
        Assert.Equal(" (did you mean 'PRK' (North Korea) or 'NOR' (Norway)?)", Suggest.DidYouMean("NKR", States));
    }

    [Theory]
    [InlineData("North Korea", "PRK")]
    [InlineData("north  korea", "PRK")]
    [InlineData("DPRK", "PRK")]
    [InlineData("North Kora", "PRK")]
    [InlineData("Republic of Korea", "KOR")]
    [InlineData("GER", "DEU")]
    public void DidYouMean_NameOrOtherName_SuggestsTheStateFirst(string word, string expected) =>
        Assert.StartsWith($" (did you mean '{expected}'", Suggest.DidYouMean(word, States));

    [Fact]
    public void DidYouMean_MisspeltCode_StillSuggestsByEditDistance() =>
        Assert.Equal(" (did you mean 'PRK' (North Korea)?)", Suggest.DidYouMean("PRKK", States));

    [Theory]
    [InlineData("nkr", "North Korea", true)]
    [InlineData("nk", "North Korea", true)]
    [InlineData("nor", "North Korea", false)]   // skips the K of Korea
    [InlineData("dprk", "Democratic People's Republic of Korea", true)] // 'of' is a minor word
    [InlineData("prk", "North Korea", false)]   // does not start with the name's first letter
    public void Abbreviates_TakesEveryMajorWordsInitial(string letters, string name, bool expected) =>
        Assert.Equal(expected, Suggest.Abbreviates(letters, name));

    [Theory]
    [InlineData("kitten", "sitting", 3)] // the textbook example
    [InlineData("ca", "ac", 1)]          // one transposition
    [InlineData("", "abc", 3)]
    [InlineData("figuers", "figures", 1)]
    public void Distance_KnownPairs(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggest.Distance(a, b));
        Assert.Equal(expected, Suggest.Distance(b, a));
    }

    [Fact]
    public void Distance_WithALimit_StopsAboveIt() =>
        Assert.True(Suggest.Distance("abcdefgh", "zyxwvuts", 2) > 2);

    [Fact]
    public void DidYouMean_FiveMegabyteWord_IsNotCompared()
    {
        // Before: the distance matrix was sized by both strings; a 5 MB string against a 5-letter id took 1.7 GB.
        var huge = new string('x', 5_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("", Suggest.DidYouMean(huge, ["xxxxx", "yyyyy"]));
        Assert.Equal("", Suggest.DidYouMean(huge, States));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "a huge word allocated a matrix");
    }
}
