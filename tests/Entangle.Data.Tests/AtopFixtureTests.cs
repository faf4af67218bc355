using Entangle.Application.Data;
using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>
/// ATOP import and the "in effect in year Y" rules, on the hand-written fixture (Fixtures/atop, invented
/// alliances 9001-9005). Expected values are derived by hand from the fixture rows; see Fixtures/README.md.
/// </summary>
public sealed class AtopFixtureTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly ReferenceData _data;

    public AtopFixtureTests()
    {
        DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);
        _data = DataService.Open(_dir.Store);
    }

    public void Dispose()
    {
        _data.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Imports_every_alliance_and_membership_row()
    {
        Assert.Equal([9001, 9002, 9003, 9004, 9005], _data.Atop.Alliances.Select(a => a.AtopId));
        Assert.Equal(16, _data.Atop.Memberships.Count);
        Assert.Equal("5.1", _data.Atop.Version);
        Assert.Equal(2018, _data.Atop.CoverageEndYear);
    }

    [Fact]
    public void Membership_counts_are_distinct_states_over_all_phases_and_spells()
    {
        Assert.Equal([2, 20], _data.Atop.MemberStates(9001));
        Assert.Equal([200, 210, 220, 230], _data.Atop.MemberStates(9002));
        Assert.Equal([651, 652], _data.Atop.MemberStates(9004)); // 651 has two spells
    }

    [Fact]
    public void Alliance_fields_and_partial_dates()
    {
        var a = _data.Atop.Alliance(9003)!;
        Assert.Equal("1990-05-10", a.Begin.ToString());
        Assert.Equal("2000-12-31", a.End.ToString());
        Assert.False(a.InEffectAtEndOfData);
        Assert.True(a.Obligations.NonAggression);
        Assert.Equal(["nonagg"], a.Obligations.Names);
        var ongoing = _data.Atop.Alliance(9004)!;
        Assert.Null(ongoing.End);
        Assert.Null(ongoing.SpecificThreat); // empty in the file
        Assert.True(ongoing.InEffectIn(2018));
    }

    [Fact]
    public void Exit_year_zero_means_ongoing_and_both_phases_count_in_a_transition_year()
    {
        var rows1965 = _data.Atop.MemberObligations(1965);
        // 9001: 2 rows; 9002: phases 1 and 2 of 200, 210, 220 = 6 rows; 9004: only 652 (651 out 1960-1970).
        Assert.Equal(9, rows1965.Count);
        Assert.Equal(2, rows1965.Count(r => r.AtopId == 9002 && r.Member == 200));
        Assert.DoesNotContain(rows1965, r => r.Member == 651);

        var m = _data.Atop.Members(9001).Single(r => r.Member == 20);
        Assert.Null(m.Exit);
        Assert.True(m.InEffectAtEndOfData);
    }

    [Fact]
    public void A_member_counts_in_its_exit_year_but_not_after()
    {
        Assert.Contains(_data.Atop.MemberObligations(1980), r => r.AtopId == 9002 && r.Member == 210);
        Assert.DoesNotContain(_data.Atop.MemberObligations(1981), r => r.AtopId == 9002 && r.Member == 210);
        Assert.Contains(_data.Atop.MemberObligations(2000), r => r.AtopId == 9003);
        Assert.DoesNotContain(_data.Atop.MemberObligations(2001), r => r.AtopId == 9003);
    }

    [Fact]
    public void Defense_partners_follow_the_documented_definition()
    {
        // Hand derivation for 2010: 9001 (2<->20, both defense), 9002 phase 2 (200, 220, 230; 210 left 1980),
        // 9005 asymmetric (2 promises defense, 70 does not), 9003 ended 2000, 9004 consultation only.
        var p = _data.Atop.DefensePartners(2010);
        Assert.Equal([2, 20, 200, 220, 230], p.Keys);
        Assert.Equal([20, 70], p[2]);
        Assert.Equal([2], p[20]);
        Assert.Equal([220, 230], p[200]);
        Assert.Equal([200, 230], p[220]);
        Assert.Equal([200, 220], p[230]);
        Assert.False(p.ContainsKey(70));

        var p1980 = _data.Atop.DefensePartners(1980);
        Assert.Equal([200, 220, 230], p1980[210]);
        // 1965: phase 1 of 9002 has no defense, phase 2 does; the year counts.
        Assert.Equal([210, 220], _data.Atop.DefensePartners(1965)[200]);
        Assert.Equal([20], _data.Atop.DefensePartners(1955)[2]);
    }

    [Fact]
    public void Obligation_edges_or_the_phases_touching_a_year_and_carry_sources()
    {
        var e = _data.Atop.ObligationEdges(1965).Single(x => x.From == 200 && x.To == 210);
        Assert.True(e.Obligations.Defense);
        Assert.True(e.Obligations.Consultation);
        Assert.Equal(2, e.Sources.Count);
        Assert.All(e.Sources, s => Assert.Equal("atop5_1m.csv", s.File));
        Assert.Equal([4, 7], e.Sources.Select(s => s.Line).Order());

        var nonagg = _data.Atop.ObligationEdges(1995).Where(x => x.AtopId == 9003).ToList();
        Assert.Equal([(2, 365), (365, 2)], nonagg.Select(x => (x.From, x.To)));
        Assert.All(nonagg, x => Assert.Equal(["nonagg"], x.Obligations.Names));
    }

    [Fact]
    public void Defense_conditions_and_threat_codes_are_kept()
    {
        var r = _data.Atop.Members(9002).First(x => x.Member == 200 && x.Phase == 2);
        Assert.True(r.Conditional);
        Assert.True(r.DefenseConditions.Conditional);
        Assert.True(r.DefenseConditions.Location);
        Assert.False(r.DefenseConditions.SpecificAdversary);
        Assert.Equal(1, r.SpecificThreat);
        Assert.Null(_data.Atop.Members(9004)[0].SpecificThreat);
    }

    [Fact]
    public void Years_after_the_end_of_the_data_need_an_explicit_carry_forward()
    {
        var ex = Assert.Throws<InputException>(() => _data.Atop.MemberObligations(2019));
        Assert.Contains("ends in 2018", ex.Message);
        var carried = _data.Atop.MemberObligations(2024, carryForward: true);
        Assert.All(carried, r => Assert.Null(r.Exit));
        Assert.Equal(9, carried.Count);
    }

    [Fact]
    public void Every_row_keeps_its_provenance()
    {
        var a = _data.Atop.Alliance(9002)!;
        Assert.Equal("atop5_1a.csv", a.Source.File);
        Assert.Equal(3, a.Source.Line);
        Assert.Equal("5.1", a.Source.Version);
        Assert.Equal("ATOP", a.Source.Dataset);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TestPaths.Fixture("atop/atop5_1a.csv"))));
        Assert.Equal(sha, a.Source.Sha256);
        var m = _data.Atop.Members(9004).Where(x => x.Member == 651).Select(x => x.Source.Line);
        Assert.Equal([13, 14], m);
    }
}
