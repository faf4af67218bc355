using Entangle.Application.Data;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>COW states, NMC, SIPRI and trade importers on the hand-written fixtures, in both accepted layouts.</summary>
public sealed class OtherDatasetFixtureTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Cow_states_peacesciencer_layout()
    {
        var r = DataService.Import("cow-states", TestPaths.Fixture("cow-states"), _dir.Store, allowShrink: true);
        Assert.Equal("2016", r.Imported.Version);
        Assert.Equal(8, r.Imported.Rows);
        Assert.StartsWith("peacesciencer", r.Imported.SourceFormat);
        using var data = DataService.Open(_dir.Store);
        var s = data.CowStates;
        Assert.Equal(("RUS", "Russia"), (s.Lookup(365)!.Abbreviation, s.Lookup(365)!.Name));
        Assert.Equal(731, s.Lookup("prk")!.Ccode);
        Assert.Null(s.Lookup(999));
        Assert.Contains("did you mean 'PRK'", Assert.Throws<InputException>(() => s.Require("PRJ")).Message);
        Assert.Equal([2, 365], s.SystemMembers(1917));
        Assert.Equal([2], s.SystemMembers(1920)); // Russia out of the system 1917-12 to 1922
        Assert.Null(s.StateIn(365, 1920));
        Assert.Equal("1922-01-01", s.StateIn(365, 1922)!.Start.ToString());
        Assert.Equal(4, s.StateIn(365, 1922)!.Source.Line);
        Assert.Equal([2, 365, 731, 732], s.SystemMembers(2000));
        Assert.True(s.IsMajorPower(2, 1898));
        Assert.False(s.IsMajorPower(2, 1897));
        Assert.Equal([2, 365], s.MajorPowers(2016));
        Assert.Equal(2016, s.CoverageEndYear);
        Assert.Equal(("cow_states.csv", 5), (s.Lookup(731)!.Source.File, s.Lookup(731)!.Source.Line));
    }

    [Fact]
    public void Cow_states_original_layout_with_crlf_and_majors_abbreviations()
    {
        var r = DataService.Import("cow-states", TestPaths.Fixture("cow-states-original"), _dir.Store, allowShrink: true);
        Assert.Equal(["majors2016.csv", "states2016.csv"], r.Imported.Files.Select(f => f.File).Order());
        Assert.StartsWith("COW CSV", r.Imported.SourceFormat);
        using var data = DataService.Open(_dir.Store);
        Assert.Equal("North Korea", data.CowStates.Lookup(731)!.Name);
        Assert.Equal([2], data.CowStates.MajorPowers(2000));
    }

    [Fact]
    public void Nmc_both_layouts_treat_NA_empty_and_minus_9_as_missing()
    {
        var r = DataService.Import("cow-nmc", TestPaths.Fixture("cow-nmc"), _dir.Store, allowShrink: true);
        Assert.Equal("7.0", r.Imported.Version);
        using (var data = DataService.Open(_dir.Store))
        {
            var n = data.Nmc.Get(2, 2001)!;
            Assert.Null(n.Milex);
            Assert.Null(n.Irst);
            Assert.Equal(11, n.Milper);
            Assert.Equal(0.055, data.Nmc.Get(365, 2000)!.Cinc);
            Assert.Null(data.Nmc.Get(365, 2001));
            Assert.Equal(("cow_nmc_v7.0_fixture.csv", 3), (n.Source.File, n.Source.Line));
        }
        var o = DataService.Import("cow-nmc", TestPaths.Fixture("cow-nmc-original/NMC-60-abridged.csv"), _dir.Store, allowShrink: true);
        Assert.Equal("6.0", o.Imported.Version);
        using (var data = DataService.Open(_dir.Store))
        {
            var n = data.Nmc.Get(2, 2001)!;
            Assert.Null(n.Milex);
            Assert.Null(n.Irst);
            Assert.Equal(301, n.Tpop);
            Assert.Null(data.Nmc.Get(365, 2000)); // replaced by the second import
        }
    }

    [Fact]
    public void Sipri_sheets_measures_regions_and_cell_status()
    {
        var r = DataService.Import("sipri-milex", TestPaths.Fixture("sipri-milex"), _dir.Store);
        Assert.Equal("data to 2023", r.Imported.Version);
        Assert.Equal(2, r.Imported.Files.Count);
        using var data = DataService.Open(_dir.Store);
        var s = data.Sipri;
        Assert.Equal(["current_usd_m", "share_gdp"], s.Measures());
        Assert.Equal(["Korea, North", "Korea, South", "Russia", "USSR", "Yemen"], s.Countries());
        var ru = s.Get("russia", 2022)!;
        Assert.Equal(750, ru.Value);
        Assert.Equal("value", ru.Status);
        Assert.Equal("Russia", ru.Country);
        Assert.Equal("83", ru.Notes);
        Assert.Equal(("sipri_fixture_currentusd.csv", 13, 21), (ru.Source.File, ru.Source.Line, ru.Source.Column));
        Assert.Equal("unavailable", s.Get("Russia", 2023)!.Status);
        Assert.Null(s.Get("Russia", 2023)!.Value);
        Assert.Equal("not_independent", s.Get("USSR", 2020)!.Status);
        Assert.Equal(0.026, s.Get("Korea, South", 2021, "share_gdp")!.Value);
        Assert.Null(s.Get("Yemen", 2021)); // empty cell: no row
        Assert.Contains("did you mean 'Russia'", Assert.Throws<InputException>(() => s.Get("Rusia", 2022)).Message);
        Assert.Contains("did you mean 'share_gdp'", Assert.Throws<InputException>(() => s.Get("Russia", 2022, "share_gpd")).Message);
    }

    [Fact]
    public void Sipri_bad_cell_is_reported_at_its_line_and_column()
    {
        var f = _dir.Write("in/s.csv",
            "\"Military expenditure by country, in millions of US$ at current prices and exchange rates, 2020-2021\"\n" +
            "Country,Notes,2020,2021\nEurope\nRussia,,12,n/a\n");
        var ex = Assert.Throws<InputException>(() => DataService.Import("sipri-milex", f, _dir.Store));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(("s.csv", 4, 12), (d.File, d.Line, d.Column));
        Assert.Contains("'n/a' is not a number", d.Message);
    }

    [Fact]
    public void Trade_peacesciencer_layout_orients_flows_as_asked()
    {
        var r = DataService.Import("cow-trade", TestPaths.Fixture("cow-trade"), _dir.Store, version: "4.0", allowShrink: true);
        Assert.Equal("4.0", r.Imported.Version);
        using var data = DataService.Open(_dir.Store);
        var t = data.Trade.Flows(2, 20, 2000)!;
        Assert.Equal((100.5, 200.0), (t.ImportsOfAFromB!.Value, t.ImportsOfBFromA!.Value));
        var back = data.Trade.Flows(20, 2, 2000)!;
        Assert.Equal((200.0, 100.5), (back.ImportsOfAFromB!.Value, back.ImportsOfBFromA!.Value));
        Assert.Equal((101.0, 199.0), (back.SmoothedImportsOfBFromA!.Value, back.SmoothedImportsOfAFromB!.Value));
        Assert.Null(data.Trade.Flows(2, 365, 2000)!.ImportsOfBFromA);
        Assert.Null(data.Trade.Flows(2, 731, 2000));
        Assert.Equal(("cow_trade_ndy_fixture.csv", 2), (t.Source.File, t.Source.Line));
    }

    [Fact]
    public void Trade_original_layout_reads_the_version_column_and_minus_9()
    {
        var r = DataService.Import("cow-trade", TestPaths.Fixture("cow-trade-original"), _dir.Store);
        Assert.Equal("4.0", r.Imported.Version);
        Assert.StartsWith("COW dyadic", r.Imported.SourceFormat);
        using var data = DataService.Open(_dir.Store);
        Assert.Null(data.Trade.Flows(365, 2, 2000)!.ImportsOfAFromB);
        Assert.Equal(10, data.Trade.Flows(365, 2, 2000)!.ImportsOfBFromA);
    }

    [Fact]
    public void A_version_flag_that_contradicts_the_file_is_bad_input()
    {
        var ex = Assert.Throws<InputException>(() => DataService.Import("cow-trade", TestPaths.Fixture("cow-trade-original"), _dir.Store, "3.0"));
        Assert.Contains("contradicts the version column", ex.Message);
    }
}
