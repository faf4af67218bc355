using Entangle.Application.Data;
using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>ICB, COW-MID and GML imports and queries on the hand-made fixtures (Fixtures/icb, mid, mid-original, gml, *-broken).</summary>
public sealed class IcbMidFixtureTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Icb_fixture_imports_every_level_with_its_provenance()
    {
        var r = DataService.Import("icb", TestPaths.Fixture("icb"), _dir.Store);
        Assert.Equal("15", r.Imported.Version);
        Assert.Equal([("crisis-level", "icb1v15.csv", 3L), ("actor-level", "icb2v15.csv", 5L), ("dyad-year", "icbdy_v15.csv", 4L)],
            r.Imported.Files.Select(f => (f.Role, f.File, f.Rows)));
        Assert.All(r.Imported.Files, f => Assert.Equal(64, f.Sha256.Length));

        using var data = DataService.Open(_dir.Store);
        var icb = data.Icb;
        Assert.Equal([901, 902, 903], icb.Crises.Select(c => c.Crisno));
        var strait = icb.Crisis(901)!;
        Assert.Equal(("FIXTURE STRAIT", "1990-03", "1990-05-02", 45, 3), (strait.Name, strait.Trigger.ToString(), strait.Termination.ToString(), strait.DurationDays, strait.Violence));
        Assert.Equal(("serious clashes", 7, 2), (strait.ViolenceName, strait.ProtractedConflictId, strait.CrisisActors));
        Assert.Null(strait.Gravity); // no gravcr column in the fixture
        Assert.Null(icb.Crisis(902)!.ProtractedConflictId); // empty pcid
        Assert.Equal(("ICB", "15", "icb1v15.csv", 2), (strait.Source.Dataset, strait.Source.Version, strait.Source.File, strait.Source.Line));

        var actors = icb.Actors(901);
        Assert.Equal([("CHN", 710, 2, "compromise", true), ("TAW", 713, 2, "compromise", false)],
            actors.Select(a => (a.Actor, a.Ccode, a.Outcome!.Value, a.OutcomeName!, a.HoldsNuclearWeapons!.Value)));
        Assert.Null(actors[1].DurationDays);
        Assert.Equal(3, actors[1].Source.Line);

        var dyads = icb.Dyads(902);
        var d = Assert.Single(dyads);
        Assert.Equal((2, 750, 770, 3, 4), (d.CrisisDyad, d.StateA, d.StateB, d.ActorNumberA!.Value, d.ActorNumberB!.Value));
        Assert.Equal([1995, 1996], d.Years);
        Assert.Equal([3, 4], d.Sources.Select(s => s.Line));
        Assert.Null(icb.Dyads(903)[0].ActorNumberB); // 9999: not a crisis actor
    }

    [Fact]
    public void Icb_base_rates_on_the_fixture_are_the_hand_counts()
    {
        DataService.Import("icb", TestPaths.Fixture("icb"), _dir.Store);
        using var data = DataService.Open(_dir.Store);
        // 1990-1999: crises 901 (viol 3, brexit 45) and 902 (viol 4, brexit 68); actors' trgterra 45, -, 68, 52.
        var r = data.Icb.BaseRates(1990, 1999);
        Assert.Equal((2, 1, 2, 56.5, 2, 52.0, 3), (r.Crises, r.FullScaleWar, r.SeriousClashesOrWar, r.MedianDurationDays!.Value, r.DurationsCounted,
            r.MedianActorDurationDays!.Value, r.ActorDurationsCounted));
        Assert.Equal((0.5, 1.0), (r.FullScaleWarShare!.Value, r.SeriousClashesOrWarShare!.Value));
        var none = data.Icb.BaseRates(1800, 1801);
        Assert.Equal((0, (double?)null, (double?)null), (none.Crises, none.FullScaleWarShare, none.MedianDurationDays));
        Assert.Throws<InputException>(() => data.Icb.BaseRates(2000, 1990));
    }

    [Fact]
    public void Broken_icb_files_report_every_problem_at_its_line_and_column_and_leave_the_store_as_it_was()
    {
        DataService.Import("icb", TestPaths.Fixture("icb"), _dir.Store);
        var before = DataService.Sources(_dir.Store).Sources.Single();

        var ex = Assert.Throws<InputException>(() => DataService.Import("icb", TestPaths.Fixture("icb-broken"), _dir.Store));
        // Columns counted by a separate script over the fixture lines (characters before the field + 1).
        Assert.Equal(
        [
            "icb1v15.csv:3:25", "icb1v15.csv:4:41", "icb1v15.csv:5:6", "icb1v15.csv:6:31", "icb1v15.csv:7:10",
            "icb2v15.csv:3:27", "icb2v15.csv:4:6", "icb2v15.csv:5:1",
            "icbdy_v15.csv:3:29", "icbdy_v15.csv:4:27", "icbdy_v15.csv:5:62",
        ], ex.Diagnostics.Select(p => $"{p.File}:{p.Line}:{p.Column}"));
        var m = ex.Diagnostics.Select(p => p.Message).ToList();
        Assert.Equal("'motrig' must be between 1 and 12, not 13", m[0]);
        Assert.Equal("'viol' must be between 1 and 4, not 5", m[1]);
        Assert.Equal("crisno 901 appears twice (first on line 2)", m[2]);
        Assert.Equal("termination 2002-06 is before the trigger 2003-05", m[3]);
        Assert.Equal("'crisname' is empty; a value is required", m[4]);
        Assert.Equal("'datrig' must be a whole number or empty, not 'x'", m[5]);
        Assert.Equal("crisno 998 is not in the crisis-level file icb1v15.csv", m[6]);
        Assert.Equal("row has 16 fields but the header has 15", m[7]);
        Assert.Equal("statea and stateb are both 710", m[8]);
        Assert.Equal("actnuma 1 is actor 710 of crisis 901 in icb2v15.csv, not statea 750 of crisis 901", m[9]);
        Assert.Equal("crdynum 1, year 1990 appears twice (first on line 2)", m[10]);

        // All or nothing: the earlier import is intact, not replaced by the good rows of the broken files.
        var after = DataService.Sources(_dir.Store).Sources.Single();
        Assert.Equal(before.Files, after.Files);
        Assert.Equal(before with { Files = [] }, after with { Files = [] });
        using var data = DataService.Open(_dir.Store);
        Assert.Equal([901, 902, 903], data.Icb.Crises.Select(c => c.Crisno));
        Assert.Equal("FIXTURE STRAIT", data.Icb.Crisis(901)!.Name);
    }

    [Fact]
    public void One_bad_row_among_good_ones_writes_nothing_at_all()
    {
        var lines = File.ReadAllLines(TestPaths.Fixture("icb/icb1v15.csv")).ToList();
        lines.Add("ICB1,904,FIXTURE LATE,2005,2,1,2005,3,1,28,9,1,1,1,"); // viol 9 on line 5
        var file = _dir.Write("one-bad/icb1v15.csv", string.Join('\n', lines) + "\n");
        var ex = Assert.Throws<InputException>(() => DataService.Import("icb", file, _dir.Store));
        var p = Assert.Single(ex.Diagnostics);
        Assert.Equal(("icb1v15.csv", 5), (p.File, p.Line));
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
        using var data = DataService.Open(_dir.Store);
        Assert.False(data.Has("icb"));
        Assert.Contains("entangle data import icb PATH", Assert.Throws<InputException>(() => data.Icb).Message);
    }

    [Fact]
    public void Mid_fixture_imports_three_files_stores_minus_nine_as_null_and_infers_5_0_from_coverage()
    {
        var r = DataService.Import("mid", TestPaths.Fixture("mid"), _dir.Store);
        Assert.Equal("5.0", r.Imported.Version);
        Assert.Contains("inferred from coverage (disputes to 2014)", r.Imported.Notes);
        Assert.Equal([("dispute-level", 3L), ("directed dispute-year", 10L), ("directed dyad-year", 4L)],
            r.Imported.Files.Select(f => (f.Role, f.Rows)));

        using var data = DataService.Open(_dir.Store);
        var d = data.Mid.Dispute(9002)!;
        Assert.Equal((2012, 7, 17, 4, true), (d.StartYear, d.StartMonth!.Value, d.HighestAction, d.HostilityLevel, d.Reciprocated!.Value));
        Assert.Equal(((int?)null, (int?)null, (int?)null, (int?)null), (d.Outcome, d.Settlement, d.Fatality, d.EndYear)); // -9, and no endyear column
        Assert.Equal(3, d.Source.Line);

        var years = data.Mid.DyadYears(731, 732);
        Assert.Equal([(9001, 2010, 3, false, false), (9002, 2012, 4, true, false), (9002, 2013, 4, true, false)],
            years.Select(y => (y.Dispnum, y.Year, y.Hihost, y.MutualForce, y.MutualWar)));
        Assert.Equal([(9001, 2010), (9002, 2012)], data.Mid.DyadYears(731, 732, oneDisputePerYear: true).Select(y => (y.Dispnum, y.Year)));

        var war = ConflictQueries.Dispute(data, 9003, gml: false);
        Assert.Equal([2, 750], war.SideA);
        Assert.Equal([770], war.SideB);
        Assert.Equal([(2, 770, false), (750, 770, true)], war.DyadYears.Select(y => (y.Ccode1, y.Ccode2, y.MutualWar)));

        var dyad = ConflictQueries.Dyad(data, "731", "732", 2011, null, gml: false);
        Assert.Equal((1, 1, 1, 0, 2), (dyad.Disputes, dyad.UseOfForce, dyad.MutualForce, dyad.MutualWar, dyad.DyadYears));
    }

    [Fact]
    public void Mid_in_the_cow_layout_keeps_participants_and_the_version_column()
    {
        var r = DataService.Import("mid", TestPaths.Fixture("mid-original"), _dir.Store);
        Assert.Equal("5.0", r.Imported.Version);
        Assert.Equal(["dispute-level", "participant-level"], r.Imported.Files.Select(f => f.Role));
        using var data = DataService.Open(_dir.Store);
        var d = data.Mid.Dispute(9102)!;
        Assert.Equal((2013, 9, 2014, 12, 1, 2), (d.StartYear, d.StartMonth!.Value, d.EndYear!.Value, d.EndMonth!.Value, d.NumA!.Value, d.NumB!.Value));
        Assert.Equal([(710, true, 4), (2, false, 3), (740, false, 4)],
            data.Mid.Participants(9102).Select(p => (p.Ccode, p.SideA, p.HostilityLevel)));
        Assert.Equal("CHN", data.Mid.Participants(9102)[0].Abbreviation);
        Assert.Empty(data.Mid.DirectedYears(9102));
    }

    [Fact]
    public void Gml_fixture_takes_its_version_from_the_files_and_keeps_the_odd_month()
    {
        var r = DataService.Import("gml", TestPaths.Fixture("gml"), _dir.Store);
        Assert.Equal("2.2.1", r.Imported.Version);
        using var data = DataService.Open(_dir.Store);
        var d = data.Gml.Dispute(9201)!;
        Assert.Equal(13, d.StartMonth); // kept as in the file, as GML 2.2.1 codes dispute 1272
        var v = ConflictQueries.Dispute(data, 9201, gml: true);
        Assert.Equal([365, 371], v.SideA);
        Assert.Equal([369], v.SideB);
        Assert.Equal((2, 1), (v.NumA!.Value, v.NumB!.Value)); // GML's numa/numb, repeated on the directed rows
        Assert.Equal("GML MID 2.2.1", v.Dataset);
        Assert.Throws<InputException>(() => data.Gml.DyadYears(2, 200, oneDisputePerYear: true));
        // The two codings are separate kinds: importing GML did not import COW-MID.
        Assert.False(data.Has("mid"));
    }

    [Fact]
    public void Broken_mid_files_report_every_problem_and_write_nothing()
    {
        var ex = Assert.Throws<InputException>(() => DataService.Import("mid", TestPaths.Fixture("mid-broken"), _dir.Store));
        Assert.Equal(
        [
            "cow_mid_dirdisps.csv:3:10", "cow_mid_dirdisps.csv:4:25", "cow_mid_dirdisps.csv:5:1", "cow_mid_dirdisps.csv:6:39",
            "cow_mid_disps.csv:3:19", "cow_mid_disps.csv:4:17", "cow_mid_disps.csv:5:30",
        ], ex.Diagnostics.Select(p => $"{p.File}:{p.Line}:{p.Column}"));
        var m = ex.Diagnostics.Select(p => p.Message).ToList();
        Assert.Equal("ccode1 and ccode2 are both 731", m[0]);
        Assert.StartsWith("ccode1 732 and ccode2 731 are on the same side (sidea1 = sidea2 = 1)", m[1]);
        Assert.Equal("dispnum 9009 is not in the dispute-level file cow_mid_disps.csv", m[2]);
        Assert.Equal("'hostlev1' must be between 1 and 5, not 6", m[3]);
        Assert.Equal("mindur 130 is greater than maxdur 100", m[4]);
        Assert.Equal("'fatality' must be between 0 and 6, not 7", m[5]);
        Assert.Equal("'hostlev' is missing ('-9'); a value is required", m[6]);
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
    }

    [Fact]
    public void Import_all_finds_icb_mid_and_gml_in_subfolders()
    {
        var downloads = Path.Combine(_dir.Path, "downloads");
        foreach (var sub in new[] { "icb", "mid", "gml" })
        {
            // COW-MID and GML files share one folder in ../shared/data/cow_mid; do the same here.
            var target = Path.Combine(downloads, sub == "icb" ? "icb" : "cow_mid");
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(TestPaths.Fixture(sub)))
                File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        }
        var r = DataService.ImportAll(downloads, _dir.Store);
        Assert.Equal(["icb", "mid", "gml"], r.Imported.Select(s => s.Kind));
        Assert.Equal(["gml_mid_disps.csv", "gml_dirdisp.csv"], r.Imported[2].Files.Select(f => f.File));
        Assert.Equal(["cow_mid_disps.csv", "cow_mid_dirdisps.csv", "cow_mid_ddydisps.csv"], r.Imported[1].Files.Select(f => f.File));
        var sources = DataService.Sources(_dir.Store);
        Assert.Equal(["icb", "mid", "gml"], sources.Sources.Select(s => s.Kind));
        Assert.All(sources.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Citation) || string.IsNullOrWhiteSpace(s.Licence)));
        Assert.Contains("Gibler", sources.Sources[2].Citation);
        Assert.Contains("Palmer", sources.Sources[1].Citation);
        Assert.Contains("Brecher", sources.Sources[0].Citation);
    }

    [Fact]
    public void Queries_name_the_crisis_and_dispute_that_does_not_exist()
    {
        DataService.Import("icb", TestPaths.Fixture("icb"), _dir.Store);
        DataService.Import("mid", TestPaths.Fixture("mid"), _dir.Store);
        using var data = DataService.Open(_dir.Store);
        Assert.Equal("no ICB crisis 42; ICB 15 numbers its crises 901-903", Assert.Throws<InputException>(() => ConflictQueries.Crisis(data, 42)).Message);
        Assert.Equal("no dispute 42 in COW-MID 5.0", Assert.Throws<InputException>(() => ConflictQueries.Dispute(data, 42, gml: false)).Message);
        Assert.Contains("entangle data import gml PATH", Assert.Throws<InputException>(() => ConflictQueries.Dispute(data, 9001, gml: true)).Message);
    }
}
