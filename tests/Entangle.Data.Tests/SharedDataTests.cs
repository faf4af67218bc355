using System.Globalization;
using Entangle.Application.Data;
using Entangle.Data.Query;
using Xunit.Abstractions;

namespace Entangle.Data.Tests;

/// <summary>
/// Imports the real datasets from ../shared/data when present (see <see cref="TestPaths.RequireSharedData"/>) and checks
/// them against counts taken directly from the files by code in this class, independent of the importers.
/// When the data are absent each test is reported as skipped (a failure under ENTANGLE_REQUIRE_SHARED=1).
/// </summary>
public sealed class SharedDataTests(ITestOutputHelper output)
{
    /// <summary>A minimal reader for the plain (unquoted) ATOP CSVs, independent of Entangle's CSV reader.</summary>
    private static List<Dictionary<string, string>> ReadPlainCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            return header.Select((h, i) => (h, cells[i])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }


    [SkippableFact]
    public void Atop_5_1_gives_789_alliances_and_member_counts_match_the_member_file()
    {
        var dir = TestPaths.RequireSharedData("atop");
        using var tmp = new TempDataDir();
        var result = DataService.Import("atop", dir, tmp.Store);
        Assert.Equal("5.1", result.Imported.Version);
        using var data = DataService.Open(tmp.Store);
        Assert.Equal(789, data.Atop.Alliances.Count);

        var m = ReadPlainCsv(Path.Combine(dir, "atop5_1m.csv"));
        Assert.Equal(m.Count, data.Atop.Memberships.Count);
        // NATO, PRC-DPRK 1961, USSR-DPRK 1961, Russia-DPRK 2000, Arab League (a member with two spells).
        foreach (var id in new[] { 3180, 3445, 3440, 4940, 3015 })
        {
            var direct = m.Where(r => r["atopid"] == id.ToString(CultureInfo.InvariantCulture))
                .Select(r => int.Parse(r["member"], CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.NotEmpty(direct);
            Assert.Equal(direct, data.Atop.MemberStates(id));
            output.WriteLine($"atopid {id}: {direct.Count} members");
        }
        Assert.Equal([710, 731], data.Atop.MemberStates(3445));
    }

    [SkippableFact]
    public void Atop_defense_partners_in_2018_match_a_count_taken_from_the_member_file()
    {
        var dir = TestPaths.RequireSharedData("atop");
        using var tmp = new TempDataDir();
        DataService.Import("atop", dir, tmp.Store);
        using var data = DataService.Open(tmp.Store);
        var partners = data.Atop.DefensePartners(2018);

        // Direct count, written from the definition in docs/data.md.
        static bool InEffect(Dictionary<string, string> r, int y) =>
            int.Parse(r["yrent"], CultureInfo.InvariantCulture) <= y
            && (r["yrexit"] == "0" || int.Parse(r["yrexit"], CultureInfo.InvariantCulture) >= y);
        var rows = ReadPlainCsv(Path.Combine(dir, "atop5_1m.csv")).Where(r => InEffect(r, 2018)).ToList();
        var direct = new SortedDictionary<int, SortedSet<int>>();
        foreach (var a in rows.Where(r => r["defense"] == "1"))
            foreach (var b in rows.Where(r => r["atopid"] == a["atopid"] && r["member"] != a["member"]))
            {
                var from = int.Parse(a["member"], CultureInfo.InvariantCulture);
                if (!direct.TryGetValue(from, out var set)) direct[from] = set = [];
                set.Add(int.Parse(b["member"], CultureInfo.InvariantCulture));
            }
        Assert.Equal(direct.Keys, partners.Keys);
        foreach (var (state, set) in direct) Assert.Equal(set, partners[state]);
        output.WriteLine($"2018: {partners.Count} states with defense partners; USA {partners[2].Count}, Russia {partners[365].Count}, PRC {partners[710].Count}, DPRK {partners[731].Count}");
        Assert.Contains(731, partners[710]); // PRC-DPRK 1961 treaty, in effect in 2018
    }

    [SkippableFact]
    public void Cow_states_nmc_and_sipri_values_match_the_files()
    {
        var misc = TestPaths.RequireSharedData("cow_misc");
        var nmc = TestPaths.RequireSharedData("cow_nmc");
        var sipri = TestPaths.RequireSharedData("sipri_milex");
        using var tmp = new TempDataDir();
        DataService.Import("cow-states", misc, tmp.Store);
        var n = DataService.Import("cow-nmc", nmc, tmp.Store);
        var s = DataService.Import("sipri-milex", sipri, tmp.Store);
        Assert.Equal("7.0", n.Imported.Version);
        Assert.Equal(File.ReadLines(Path.Combine(nmc, "cow_nmc_v7.0_peacesciencer.csv")).Count() - 1, n.Imported.Rows);
        Assert.Equal(3, s.Imported.Files.Count);
        using var data = DataService.Open(tmp.Store);

        Assert.Equal(("RUS", "Russia"), (data.CowStates.Lookup(365)!.Abbreviation, data.CowStates.Lookup(365)!.Name));
        Assert.Equal("PRK", data.CowStates.Lookup(731)!.Abbreviation);

        // NMC: the line for USA 2016 read directly.
        var line = File.ReadLines(Path.Combine(nmc, "cow_nmc_v7.0_peacesciencer.csv")).Select((l, i) => (l, i + 1))
            .First(x => x.l.StartsWith("2,2016,", StringComparison.Ordinal));
        var cells = line.l.Split(',');
        var rec = data.Nmc.Get(2, 2016)!;
        Assert.Equal(double.Parse(cells[8], CultureInfo.InvariantCulture), rec.Cinc);
        Assert.Equal(double.Parse(cells[2], CultureInfo.InvariantCulture), rec.Milex);
        Assert.Equal(line.Item2, rec.Source.Line);

        // SIPRI: Russia 2022 in current US$, read directly from the sheet.
        var sheet = Path.Combine(sipri, "sipri_1949_2024_milex_currentusd.csv");
        var lines = File.ReadAllLines(sheet);
        var header = lines.First(l => l.StartsWith("Country,", StringComparison.Ordinal)).Split(',');
        var ru = lines.Select((l, i) => (l, i + 1)).First(x => x.l.StartsWith("Russia,", StringComparison.Ordinal));
        var expected = double.Parse(ru.l.Split(',')[Array.IndexOf(header, "2022")], CultureInfo.InvariantCulture);
        var got = data.Sipri.Get("Russia", 2022)!;
        Assert.Equal(expected, got.Value);
        Assert.Equal(ru.Item2, got.Source.Line);
        Assert.Equal("not_independent", data.Sipri.Get("USSR", 2000)!.Status);
        Assert.NotNull(data.Sipri.Get("Korea, North", 2020, "share_gdp"));
    }

    [SkippableFact]
    public void Cow_trade_dyadic_imports_every_row()
    {
        var dir = TestPaths.RequireSharedData("cow_trade");
        using var tmp = new TempDataDir();
        var r = DataService.Import("cow-trade", dir, tmp.Store, version: "4.0");
        var file = Path.Combine(dir, "cow_trade_ndy.csv");
        Assert.Equal(File.ReadLines(file).Count() - 1, r.Imported.Rows);
        using var data = DataService.Open(tmp.Store);
        // "2,20,1920,612,735,..." is the first data line of the peacesciencer export.
        var first = File.ReadLines(file).Skip(1).First().Split(',');
        var t = data.Trade.Flows(20, 2, int.Parse(first[2], CultureInfo.InvariantCulture))!;
        Assert.Equal(double.Parse(first[4], CultureInfo.InvariantCulture), t.ImportsOfAFromB);
        Assert.Equal(double.Parse(first[3], CultureInfo.InvariantCulture), t.ImportsOfBFromA);
        Assert.Equal(2, t.Source.Line);
    }

    [SkippableFact]
    public void Known_row_counts_equal_the_data_lines_of_the_files_they_name()
    {
        // Each entry of KnownRowCounts, and the file in ../shared/data it was counted in (its SHA-256 prefix is in the source).
        var files = new Dictionary<(string Kind, string Role), string>
        {
            [("atop", "alliance-level")] = Path.Combine(TestPaths.RequireSharedData("atop"), "atop5_1a.csv"),
            [("atop", "member-level")] = Path.Combine(TestPaths.RequireSharedData("atop"), "atop5_1m.csv"),
            [("cow-states", "states")] = Path.Combine(TestPaths.RequireSharedData("cow_misc"), "cow_states.csv"),
            [("cow-states", "majors")] = Path.Combine(TestPaths.RequireSharedData("cow_misc"), "cow_majors.csv"),
            [("cow-nmc", "state-year")] = Path.Combine(TestPaths.RequireSharedData("cow_nmc"), "cow_nmc_v7.0_peacesciencer.csv"),
            [("cow-trade", "dyad-year")] = Path.Combine(TestPaths.RequireSharedData("cow_trade"), "cow_trade_ndy.csv"),
        };
        Assert.Equal(files.Keys.Order(), Entangle.Data.Importers.KnownRowCounts.All.Select(k => (k.Kind, k.Role)).Order());
        foreach (var k in Entangle.Data.Importers.KnownRowCounts.All)
        {
            var file = files[(k.Kind, k.Role)];
            Assert.Equal(File.ReadLines(file).Count(l => l.Length > 0) - 1, k.Rows);
            using var stream = File.OpenRead(file);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
            Assert.Contains($"SHA-256 {sha[..8]}", k.Source);
            output.WriteLine($"{k.Kind} {k.Version} {k.Role}: {k.Rows} rows in {Path.GetFileName(file)} ({sha[..16]})");
        }
    }
}
