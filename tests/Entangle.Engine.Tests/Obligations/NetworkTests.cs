using Entangle.Tests.Shared;
using Entangle.Application.Data;
using Entangle.Application.Obligations;
using Entangle.Engine.Obligations;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>The defence network: a hand-written ATOP fixture (always runs) and the real ATOP 5.1 (when ../shared/data is present).</summary>
public sealed class NetworkTests
{
    private const string AlliancesCsv = """
        atopid,begyr,begmo,begday,endyr,endmo,endday,ineffect,defense,offense,neutral,nonagg,consul
        1,1949,4,4,0,0,0,1,1,0,0,0,1
        2,1960,1,19,0,0,0,1,1,0,0,0,1
        3,1961,7,6,1996,9,10,0,1,0,0,0,0
        4,1961,7,11,0,0,0,1,1,0,0,0,0
        5,2001,7,16,0,0,0,1,0,0,0,0,1
        """;

    // Alliance 2 is asymmetric: the US (2) promises defense, Japan (740) only consultation.
    private const string MembersCsv = """
        atopid,member,phase,yrent,moent,dayent,yrexit,moexit,dayexit,ineffect,defense,offense,neutral,nonagg,consul
        1,2,0,1949,4,4,0,0,0,1,1,0,0,0,1
        1,20,0,1949,4,4,0,0,0,1,1,0,0,0,1
        1,200,0,1949,4,4,0,0,0,1,1,0,0,0,1
        2,2,0,1960,1,19,0,0,0,1,1,0,0,0,1
        2,740,0,1960,1,19,0,0,0,1,0,0,0,0,1
        3,365,0,1961,7,6,1996,9,10,0,1,0,0,0,0
        3,731,0,1961,7,6,1996,9,10,0,1,0,0,0,0
        4,710,0,1961,7,11,0,0,0,1,1,0,0,0,0
        4,731,0,1961,7,11,0,0,0,1,1,0,0,0,0
        5,365,0,2001,7,16,0,0,0,1,0,0,0,0,1
        5,710,0,2001,7,16,0,0,0,1,0,0,0,0,1
        """;

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "entangle-obligation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    private static string FixtureStore()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "atop5_1a.csv"), AlliancesCsv.Replace("\r\n", "\n") + "\n");
        File.WriteAllText(Path.Combine(dir, "atop5_1m.csv"), MembersCsv.Replace("\r\n", "\n") + "\n");
        var store = Path.Combine(dir, "store");
        DataService.Import("atop", dir, store, allowShrink: true);
        return store;
    }

    // By hand, 2010: USA defends CAN, GBR (alliance 1) and JPN (alliance 2) = 3; JPN defends no one but is defended by
    // the US; the DPRK defends China (alliance 4; alliance 3 with Russia ended in 1996); Russia–China (5) is consultation
    // only. Blocs: {USA, CAN, GBR, JPN} and {CHN, PRK}.
    [Fact]
    public void Network_Fixture2010_CountsAndBlocsByHand()
    {
        using var data = DataService.Open(FixtureStore());
        var rep = NetworkService.Build(data, 2010, null);
        var by = rep.States.ToDictionary(s => s.Cow!.Value);
        Assert.Equal((3, 2), (by[2].Defends, by[2].DefendedBy));
        Assert.Equal((0, 1), (by[740].Defends, by[740].DefendedBy));
        Assert.Equal((1, 1), (by[731].Defends, by[731].DefendedBy));
        Assert.Equal((0, 0), (by[365].Defends, by[365].DefendedBy));
        Assert.Equal(2, rep.Blocs.Count);
        Assert.Equal(4, rep.Blocs[0].Size);
        Assert.Equal(2, rep.Blocs[1].Size);
        Assert.Equal(3 + 2 + 2 + 1 + 1, rep.Pledges);
    }

    // 1990: alliance 3 (USSR–DPRK) was in effect, so the DPRK defends both China and the USSR.
    [Fact]
    public void Network_Fixture1990_EndedAllianceStillInEffect()
    {
        using var data = DataService.Open(FixtureStore());
        var by = NetworkService.Build(data, 1990, null).States.ToDictionary(s => s.Cow!.Value);
        Assert.Equal(2, by[731].Defends);
        Assert.Equal(1, by[365].Defends);
    }

    // After ATOP's last year the scenario's treaties apply: Russia–DPRK 2024 (in force 4 Dec 2024) adds RUS↔PRK; NATO
    // (ATOP 3180, absent from this fixture) comes from the scenario with its 32 members; AUKUS adds nothing.
    [Fact]
    public void Network_Fixture2025_ScenarioChangesApplied()
    {
        using var data = DataService.Open(FixtureStore());
        var rep = NetworkService.Build(data, 2025, ObligationFixture.Pinned);
        Assert.True(rep.CarriedForward);
        var by = rep.States.ToDictionary(s => s.State);
        Assert.Equal(2, by["PRK"].Defends);          // CHN (ATOP fixture 4) and RUS (scenario)
        Assert.Equal(1, by["RUS"].Defends);          // PRK only
        Assert.Equal(31, by["SWE"].Defends);         // NATO partners
        Assert.Contains(rep.ScenarioChanges, c => c.Treaty == "rus-prk-2024");
        Assert.Contains(rep.ScenarioChanges, c => c.Treaty == "aukus-2021" && c.Change.Contains("no defence pledge"));
        Assert.Throws<Entangle.Domain.InputException>(() => NetworkService.Build(data, 2025, null));
    }

    [Fact]
    public void DefenseNetwork_MatrixIsDirected_SelfPledgesIgnored()
    {
        var net = DefenseNetwork.Build(4, [new(0, 1, "a"), new(0, 1, "dup"), new(2, 2, "self"), new(3, 2, "b")]);
        Assert.True(net.Binds(0, 1));
        Assert.False(net.Binds(1, 0));
        Assert.False(net.Binds(2, 2));
        Assert.Equal([1, 0, 0, 1], net.Defends);
        Assert.Equal([0, 1, 1, 0], net.DefendedBy);
        Assert.Equal(2, net.Blocs.Count);
    }

    /// <summary>
    /// ATOP 5.1, 2018: for every state, the number of states it is bound to defend and the number bound to defend it
    /// equal a count taken directly from atop5_1m.csv and atop5_1a.csv (defense = 1, member and alliance rows in effect
    /// in 2018 per docs/data.md), independent of the importer and the engine.
    /// </summary>
    [SkippableFact]
    public void Network_Atop2018_DefensePartnersMatchDirectCountForEveryState()
    {
        var dir = SharedAtop();
        var direct = DirectCount(dir, 2018);
        var store = Path.Combine(TempDir(), "store");
        DataService.Import("atop", dir, store);
        using var data = DataService.Open(store);
        var rep = NetworkService.Build(data, 2018, null);
        var engine = rep.States.ToDictionary(s => s.Cow!.Value);
        var states = direct.Out.Keys.Concat(direct.In.Keys).Distinct().Order().ToList();
        Assert.Equal(144, direct.Out.Count); // states with at least one defense partner (docs/data.md)
        foreach (var c in states)
        {
            Assert.True(engine.ContainsKey(c), $"state {c} missing from the network");
            Assert.Equal(direct.Out.GetValueOrDefault(c)?.Count ?? 0, engine[c].Defends);
            Assert.Equal(direct.In.GetValueOrDefault(c)?.Count ?? 0, engine[c].DefendedBy);
        }
        foreach (var (c, v) in engine)
            if (!states.Contains(c)) Assert.Equal((0, 0), (v.Defends, v.DefendedBy));
        Assert.Equal(66, engine[2].Defends); // USA, as docs/data.md states
    }

    private static (Dictionary<int, HashSet<int>> Out, Dictionary<int, HashSet<int>> In) DirectCount(string dir, int year)
    {
        static List<Dictionary<string, string>> Read(string path)
        {
            var lines = File.ReadAllLines(path);
            var header = lines[0].Split(',');
            return lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',')).Select(c => header.Select((h, i) => (h, c[i])).ToDictionary(x => x.h, x => x.Item2)).ToList();
        }
        static int I(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var alliances = Read(Path.Combine(dir, "atop5_1a.csv"))
            .Where(a => I(a["begyr"]) <= year && (I(a["endyr"]) == 0 || I(a["endyr"]) >= year))
            .Select(a => I(a["atopid"])).ToHashSet();
        var rows = Read(Path.Combine(dir, "atop5_1m.csv"))
            .Where(r => alliances.Contains(I(r["atopid"])) && I(r["yrent"]) <= year && (I(r["yrexit"]) == 0 || I(r["yrexit"]) >= year))
            .ToList();
        var outs = new Dictionary<int, HashSet<int>>();
        var ins = new Dictionary<int, HashSet<int>>();
        foreach (var g in rows.GroupBy(r => I(r["atopid"])))
            foreach (var a in g.Where(r => r["defense"] == "1"))
                foreach (var b in g)
                {
                    var (x, y) = (I(a["member"]), I(b["member"]));
                    if (x == y) continue;
                    (outs.TryGetValue(x, out var o) ? o : outs[x] = []).Add(y);
                    (ins.TryGetValue(y, out var n) ? n : ins[y] = []).Add(x);
                }
        return (outs, ins);
    }

    private static string SharedAtop() =>
        Path.GetDirectoryName(RepoPaths.RequireShared("data", "atop", "atop5_1m.csv"))!;
}
