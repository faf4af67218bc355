using Entangle.Application.Data;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>The use case behind <c>entangle data lookup</c>, on the fixtures.</summary>
public sealed class StateYearLookupTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public StateYearLookupTests()
    {
        DataService.Import("cow-states", TestPaths.Fixture("cow-states"), _dir.Store, allowShrink: true);
        DataService.Import("cow-nmc", TestPaths.Fixture("cow-nmc"), _dir.Store, allowShrink: true);
        DataService.Import("sipri-milex", TestPaths.Fixture("sipri-milex"), _dir.Store);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Collects_cow_nmc_and_sipri_with_sources()
    {
        using var data = DataService.Open(_dir.Store);
        var v = StateYearLookup.Lookup(data, "RUS", 2000);
        Assert.Equal((365, true, true), (v.Ccode, v.InSystem, v.MajorPower));
        var cinc = v.Figures.Single(f => f.Name == FigureNames.Cinc);
        Assert.Equal(0.055, cinc.Value);
        Assert.Equal("COW NMC 7.0, cow_nmc_v7.0_fixture.csv:4", cinc.Source);
        Assert.Equal("Russia", v.SipriCountry);
        Assert.DoesNotContain(v.Figures, f => f.Name.StartsWith("sipri.", StringComparison.Ordinal)); // fixture sheets start in 2020
        Assert.DoesNotContain(v.Notes, n => n.Contains("no NMC", StringComparison.Ordinal));
    }

    [Fact]
    public void Turns_cow_names_around_for_sipri_and_leaves_status_unknown_after_the_cow_list_ends()
    {
        using var data = DataService.Open(_dir.Store);
        var v = StateYearLookup.Lookup(data, "731", 2021);
        Assert.Equal("Korea, North", v.SipriCountry);
        Assert.Equal("unavailable", v.Figures.Single(f => f.Name == "sipri.current_usd_m").Status);
        Assert.Null(v.InSystem);
        Assert.Contains(v.Notes, n => n.Contains("ends in 2016", StringComparison.Ordinal));
        Assert.Contains(v.Notes, n => n.Contains("no NMC row for ccode 731 in 2021", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_abbreviation_is_bad_input_and_an_unmatched_sipri_name_is_a_note()
    {
        using var data = DataService.Open(_dir.Store);
        Assert.Contains("did you mean 'RUS'", Assert.Throws<InputException>(() => StateYearLookup.Lookup(data, "RUSS", 2000)).Message);
        var v = StateYearLookup.Lookup(data, "USA", 2021);
        Assert.Null(v.SipriCountry);
        Assert.Contains(v.Notes, n => n.Contains("no SIPRI country named 'United States of America'", StringComparison.Ordinal));
    }
}
