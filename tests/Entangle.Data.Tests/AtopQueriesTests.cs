using Entangle.Application.Data;
using Entangle.Application.Output;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>The use cases behind <c>entangle data atop</c>, on the fixtures (expected values derived by hand).</summary>
public sealed class AtopQueriesTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public AtopQueriesTests() => DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Year_view_counts_partners_per_state()
    {
        using var data = DataService.Open(_dir.Store);
        var v = AtopQueries.Year(data, 2010, carryForward: false);
        Assert.Equal(4, v.AlliancesInEffect); // 9001, 9002, 9004, 9005
        Assert.Equal(9, v.MemberRowsInEffect);
        Assert.Equal([(2, 2), (200, 2), (220, 2), (230, 2), (20, 1)], v.DefensePartnerCounts.Select(c => (c.Ccode, c.DefensePartners)));
        Assert.All(v.DefensePartnerCounts, c => Assert.Null(c.Abbreviation));
        Assert.False(v.CarriedForward);
    }

    [Fact]
    public void State_view_by_abbreviation_needs_cow_states()
    {
        using (var data = DataService.Open(_dir.Store))
            Assert.Contains("entangle data import cow-states", Assert.Throws<InputException>(() => AtopQueries.StateYear(data, "USA", 2010, false)).Message);
        DataService.Import("cow-states", TestPaths.Fixture("cow-states"), _dir.Store, allowShrink: true);
        using var data2 = DataService.Open(_dir.Store);
        var v = AtopQueries.StateYear(data2, "usa", 1995, false);
        Assert.Equal(2, v.Ccode);
        Assert.Equal("USA", v.Abbreviation);
        Assert.Equal([9001, 9003], v.Alliances.Select(a => a.AtopId));
        Assert.Equal(["nonagg"], v.Alliances[1].Obligations);
        Assert.Equal([365], v.Alliances[1].CoMembers);
        Assert.Equal([20], v.DefensePartners);
        Assert.Contains("\"atopid\": 9001", Json.Serialize(v));
    }

    [Fact]
    public void Alliance_view_lists_rows_with_sources_and_unknown_ids_are_bad_input()
    {
        using var data = DataService.Open(_dir.Store);
        var a = AtopQueries.Alliance(data, 9004);
        Assert.Equal([651, 652], a.MemberStates);
        Assert.Equal(3, a.Members.Count);
        Assert.Equal("ATOP 5.1, atop5_1m.csv:13", a.Members[0].Source);
        Assert.Equal("1960-03-01", a.Members[0].Exit);
        Assert.Null(a.Members[1].Exit);
        Assert.Contains("no ATOP alliance with atopid 1", Assert.Throws<InputException>(() => AtopQueries.Alliance(data, 1)).Message);
    }
}
