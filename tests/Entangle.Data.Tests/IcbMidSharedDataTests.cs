using Entangle.Application.Data;
using Entangle.Data.Query;
using Entangle.Domain;
using Xunit.Abstractions;

namespace Entangle.Data.Tests;

/// <summary>
/// ICB v15, COW-MID 5.0 and GML MID from ../shared/data (found by <see cref="TestPaths.SharedData"/>, i.e. the
/// repository's <c>RepoPaths</c> locator), checked against counts taken from the files here and values read by
/// hand from their rows. These tests fail, rather than pass silently, when the data are absent.
/// </summary>
public sealed class IcbMidSharedDataTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDataDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static string Shared(string sub) => TestPaths.RequireSharedData(sub);

    /// <summary>Data rows by a plain line count: non-empty lines after the header (none of these files quotes a line break).</summary>
    private static int DataLines(string dir, string file) => File.ReadLines(Path.Combine(dir, file)).Skip(1).Count(l => l.Length > 0);

    private ReferenceData ImportIcb()
    {
        DataService.Import("icb", Shared("icb"), _tmp.Store);
        return DataService.Open(_tmp.Store);
    }

    [SkippableFact]
    public void Icb_v15_imports_every_row_of_the_three_files()
    {
        var dir = Shared("icb");
        var r = DataService.Import("icb", dir, _tmp.Store);
        Assert.Equal("15", r.Imported.Version);
        using var data = DataService.Open(_tmp.Store);
        Assert.Equal(DataLines(dir, "icb1v15.csv"), data.Icb.Crises.Count);
        Assert.Equal(DataLines(dir, "icb2v15.csv"), data.Icb.AllActors.Count);
        Assert.Equal(DataLines(dir, "icbdy_v15.csv"), data.Icb.DyadYears.Count);
        Assert.Equal((496, 1100, 1363), (data.Icb.Crises.Count, data.Icb.AllActors.Count, data.Icb.DyadYears.Count));
        output.WriteLine($"ICB {data.Icb.Version}: {data.Icb.Crises.Count} crises, {data.Icb.AllActors.Count} actors, {data.Icb.DyadYears.Count} dyad-years");
    }

    // Expected values below were read by hand from the raw rows: icb1v15.csv lines 197 (196), 432 (431) and 133 (132);
    // icb2v15.csv lines 451-453, 948-949 and 308-311; icbdy_v15.csv lines 671-672, 1227 and 450-466.

    [SkippableFact]
    public void Cuban_missile_crisis_196_actors_and_outcomes_are_those_of_the_file()
    {
        using var data = ImportIcb();
        var c = data.Icb.Crisis(196)!;
        Assert.Equal(("CUBAN MISSILES", "1962-10-16", "1962-11-20", 36, 2), (c.Name, c.Trigger.ToString(), c.Termination.ToString(), c.DurationDays, c.Violence));
        Assert.Equal(197, c.Source.Line);
        Assert.Equal(
        [
            (450, 2, "USA", "1962-10-16", 36, 6, 2, 1, 4, 451),
            (451, 40, "CUB", "1962-10-22", 30, 6, 2, 4, 1, 452),
            (452, 365, "RUS", "1962-10-22", 30, 3, 1, 4, 4, 453),
        ], data.Icb.Actors(196).Select(a => (a.Cracno, a.Ccode, a.Actor, a.Trigger.ToString(), a.DurationDays!.Value, a.MajorResponse!.Value,
            a.Violence, a.Outcome!.Value, a.Nuclear!.Value, a.Source.Line)));
        Assert.Equal(["victory", "defeat", "defeat"], data.Icb.Actors(196).Select(a => a.OutcomeName));
        Assert.Equal([(482, 2, 40, 671), (483, 2, 365, 672)],
            data.Icb.Dyads(196).Select(d => (d.CrisisDyad, d.StateA, d.StateB, d.Sources.Single().Line)));
    }

    [SkippableFact]
    public void Kargil_1999_crisis_431_actors_and_outcomes_are_those_of_the_file()
    {
        using var data = ImportIcb();
        var c = data.Icb.Crisis(431)!;
        Assert.Equal(("KARGIL", "1999-05-09", "1999-07-04", 56, 3, 3), (c.Name, c.Trigger.ToString(), c.Termination.ToString(), c.DurationDays, c.Violence, c.ViolenceTiming));
        Assert.Equal(
        [
            (947, 750, "IND", "1999-05-09", 56, 9, 3, 1, 3),
            (948, 770, "PAK", "1999-05-26", 38, 8, 3, 4, 3),
        ], data.Icb.Actors(431).Select(a => (a.Cracno, a.Ccode, a.Actor, a.Trigger.ToString(), a.DurationDays!.Value, a.MajorResponse!.Value,
            a.Violence, a.Outcome!.Value, a.Nuclear!.Value)));
        Assert.All(data.Icb.Actors(431), a => Assert.True(a.HoldsNuclearWeapons));
        var d = Assert.Single(data.Icb.Dyads(431));
        Assert.Equal((877, 750, 947, 770, 948, 1227), (d.CrisisDyad, d.StateA, d.ActorNumberA!.Value, d.StateB, d.ActorNumberB!.Value, d.Sources.Single().Line));
    }

    [SkippableFact]
    public void Korean_war_crisis_132_actors_and_outcomes_are_those_of_the_file()
    {
        using var data = ImportIcb();
        var c = data.Icb.Crisis(132)!;
        Assert.Equal(("KOREAN WAR I", "1950-06-25", "1950-09-30", 99, 4, "full-scale war"),
            (c.Name, c.Trigger.ToString(), c.Termination.ToString(), c.DurationDays, c.Violence, c.ViolenceName));
        var actors = data.Icb.Actors(132);
        Assert.Equal(
        [
            (307, 732, "ROK", 97, 4, 1),
            (308, 2, "USA", 96, 4, 1),
            (309, 710, "CHN", (int?)null, 1, 3),
            (310, 713, "TAW", 95, 1, 3),
        ], actors.Select(a => (a.Cracno, a.Ccode, a.Actor, a.DurationDays, a.Violence, a.Outcome!.Value)));
        Assert.Equal("1950-07", actors[2].Termination.ToString()); // daterm empty in the file
        Assert.Equal([308, 309, 310, 311], actors.Select(a => a.Source.Line));
        var dyads = data.Icb.Dyads(132);
        Assert.Equal(17, dyads.Count);
        var korea = dyads.Single(d => d.StateA == 731 && d.StateB == 732);
        Assert.Equal((333, (int?)null, 307, 466), (korea.CrisisDyad, korea.ActorNumberA, korea.ActorNumberB!.Value, korea.Sources.Single().Line));
    }

    [SkippableFact]
    public void Base_rates_match_a_separate_count_of_the_crisis_file()
    {
        using var data = ImportIcb();
        // python3 -c "import csv,statistics as s;r=[x for x in csv.DictReader(open('icb1v15.csv',encoding='utf-8-sig')) if 1946<=int(x['yrtrig'])<=2019];print(len(r),sum(x['viol']=='4' for x in r),sum(int(x['viol'])>=3 for x in r),s.median(int(x['brexit']) for x in r))"
        //   -> 387 65 166 77   (1918..1999 -> 433 95 203 78; 2000..2019 -> 63 10 19 90)
        // python3 -c "import csv,statistics as s;c={x['crisno'] for x in csv.DictReader(open('icb1v15.csv',encoding='utf-8-sig')) if 1946<=int(x['yrtrig'])<=2019};a=[int(x['trgterra']) for x in csv.DictReader(open('icb2v15.csv',encoding='utf-8-sig')) if x['crisno'] in c and x['trgterra']];print(len(a),s.median(a))"
        //   -> 827 76
        var r = data.Icb.BaseRates(1946, 2019);
        Assert.Equal((387, 65, 166, 77.0, 387, 76.0, 827), (r.Crises, r.FullScaleWar, r.SeriousClashesOrWar, r.MedianDurationDays!.Value,
            r.DurationsCounted, r.MedianActorDurationDays!.Value, r.ActorDurationsCounted));
        Assert.Equal(65.0 / 387, r.FullScaleWarShare!.Value, 12);
        var train = data.Icb.BaseRates(1918, 1999);
        Assert.Equal((433, 95, 203, 78.0), (train.Crises, train.FullScaleWar, train.SeriousClashesOrWar, train.MedianDurationDays!.Value));
        var test = data.Icb.BaseRates(2000, 2019);
        Assert.Equal((63, 10, 19, 90.0), (test.Crises, test.FullScaleWar, test.SeriousClashesOrWar, test.MedianDurationDays!.Value));
        output.WriteLine($"1946-2019: war {r.FullScaleWarShare:P1}, viol>=3 {r.SeriousClashesOrWarShare:P1}, median {r.MedianDurationDays} days");
    }

    [SkippableFact]
    public void Cow_mid_5_0_imports_every_row_and_dispute_2_is_its_line()
    {
        var dir = Shared("cow_mid");
        var r = DataService.Import("mid", dir, _tmp.Store);
        Assert.Equal("5.0", r.Imported.Version);
        using var data = DataService.Open(_tmp.Store);
        Assert.Equal(DataLines(dir, "cow_mid_disps.csv"), data.Mid.Disputes().Count);
        Assert.Equal([DataLines(dir, "cow_mid_disps.csv"), DataLines(dir, "cow_mid_dirdisps.csv"), DataLines(dir, "cow_mid_ddydisps.csv")],
            r.Imported.Files.Select(f => (int)f.Rows));
        Assert.Equal(DataLines(dir, "cow_mid_dirdisps.csv"), data.Mid.Disputes().Sum(d => data.Mid.DirectedYears(d.Dispnum).Count));

        // cow_mid_disps.csv line 2: 2,1902,7,6,1,0,178,208,7,3,0
        var d2 = data.Mid.Dispute(2)!;
        Assert.Equal((1902, 7, 6, 1, 0, 178, 208, 7, 3, false, 2),
            (d2.StartYear, d2.StartMonth!.Value, d2.Outcome!.Value, d2.Settlement!.Value, d2.Fatality!.Value, d2.MinDurationDays!.Value,
             d2.MaxDurationDays!.Value, d2.HighestAction, d2.HostilityLevel, d2.Reciprocated!.Value, d2.Source.Line));

        // python3 -c "import csv;r=[x for x in csv.DictReader(open('cow_mid_dirdisps.csv')) if x['ccode1']=='731' and x['ccode2']=='732' and 1954<=int(x['year'])<=2014];d={x['dispnum']:max(int(x['hostlev1']),int(x['hostlev2'])) for x in r};print(len(d),sum(v>=4 for v in d.values()),sum(v==5 for v in d.values()),len({x['year'] for x in r}))"
        //   -> 29 20 0 54
        var korea = ConflictQueries.Dyad(data, "731", "732", 1954, 2014, gml: false);
        Assert.Equal((29, 20, 0, 54), (korea.Disputes, korea.UseOfForce, korea.MutualWar, korea.DyadYears));
    }

    [SkippableFact]
    public void Gml_imports_every_row_with_its_version_and_the_dispute_coded_in_month_13()
    {
        var dir = Shared("cow_mid");
        var r = DataService.Import("gml", dir, _tmp.Store);
        Assert.Equal("2.2.1", r.Imported.Version);
        Assert.Equal([DataLines(dir, "gml_mid_disps.csv"), DataLines(dir, "gml_dirdisp.csv")], r.Imported.Files.Select(f => (int)f.Rows));
        using var data = DataService.Open(_tmp.Store);
        Assert.Equal(DataLines(dir, "gml_mid_disps.csv"), data.Gml.Disputes().Count);
        Assert.Equal(13, data.Gml.Dispute(1272)!.StartMonth);
        Assert.False(data.Has("mid"));
    }

    [SkippableFact]
    public void The_three_kinds_are_listed_by_data_sources_with_citation_and_licence()
    {
        DataService.Import("icb", Shared("icb"), _tmp.Store);
        DataService.Import("mid", Shared("cow_mid"), _tmp.Store);
        DataService.Import("gml", Shared("cow_mid"), _tmp.Store);
        var s = DataService.Sources(_tmp.Store);
        Assert.Equal(["icb", "mid", "gml"], s.Sources.Select(x => x.Kind));
        Assert.Equal(["icb1v15.csv", "icb2v15.csv", "icbdy_v15.csv"], s.Sources[0].Files.Select(f => f.File));
        Assert.All(s.Sources.SelectMany(x => x.Files), f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Throws<InputException>(() => DataService.Import("icb", Shared("cow_mid"), _tmp.Store));
    }
}
