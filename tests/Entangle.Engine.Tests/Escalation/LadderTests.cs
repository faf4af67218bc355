using Entangle.Tests.Shared;
using System.Text.Json;
using Entangle.Engine.Escalation;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>The condensed ladder against Kahn's 44 rungs.</summary>
public class LadderTests
{
    /// <summary>shared/reference/escalation/kahn_ladder_44.json, looked for in ../shared above the repository (or any ancestor).</summary>
    private static string KahnReference() => RepoPaths.RequireShared("reference", "escalation", "kahn_ladder_44.json");

    [Fact]
    public void Ladder_MapsEveryKahnRungToExactlyOneLevel()
    {
        var lad = Ladder.Default;
        Assert.Equal(10, lad.Levels.Count);
        var owner = new int[45];
        foreach (var l in lad.Levels)
            if (l.KahnFrom > 0)
                for (var r = l.KahnFrom; r <= l.KahnTo; r++) { Assert.Equal(0, owner[r]); owner[r] = l.Level; }
        for (var r = 1; r <= 44; r++) Assert.NotEqual(0, owner[r]);
        // MID hostility never falls as the ladder rises, and war starts at MID 5
        for (var i = 1; i < lad.Levels.Count; i++) Assert.True(lad.Levels[i].MidHostility >= lad.Levels[i - 1].MidHostility);
        Assert.Equal(5, lad.Levels[lad.WarLevel].MidHostility);
        Assert.Equal(4, lad.Levels[lad.WarLevel - 1].MidHostility);
        // costs and risks rise with the level
        for (var i = 1; i < lad.Levels.Count; i++)
        {
            Assert.True(lad.Levels[i].Cost > lad.Levels[i - 1].Cost);
            Assert.True(lad.Levels[i].CatastropheRisk >= lad.Levels[i - 1].CatastropheRisk);
        }
        // each threshold sits exactly where Kahn puts it: between the levels holding rungs (before_rung - 1) and before_rung
        foreach (var th in lad.Thresholds)
        {
            Assert.Equal(th.BelowLevel, owner[th.KahnBeforeRung - 1]);
            Assert.Equal(th.AboveLevel, owner[th.KahnBeforeRung]);
        }
    }

    [SkippableFact]
    public void Ladder_AgreesWithKahnReferenceFile_WhenPresent()
    {
        var path = KahnReference(); // skipped (or failed under ENTANGLE_REQUIRE_SHARED=1) when ../shared is absent
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal(44, root.GetProperty("rungs").GetArrayLength());
        var lad = Ladder.Default;
        var kahnThresholds = root.GetProperty("thresholds").EnumerateArray()
            .Select(t => (Name: t.GetProperty("name").GetString()!, Before: t.GetProperty("before_rung").GetInt32())).ToList();
        Assert.Equal(6, kahnThresholds.Count);
        // every one of Kahn's thresholds is one of ours, except 'City targeting', which falls inside general nuclear war
        foreach (var (name, before) in kahnThresholds)
        {
            var ours = lad.Thresholds.SingleOrDefault(t => t.Name == name);
            if (name == "City targeting") { Assert.Null(ours); Assert.Equal(lad.Top, lad.Levels.Single(l => l.KahnFrom <= before && before <= l.KahnTo).Level); continue; }
            Assert.NotNull(ours);
            Assert.Equal(before, ours.KahnBeforeRung);
        }
        // Kahn's groups are not split across our levels except where a threshold or a MID boundary requires it
        var groups = root.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("rungs").EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToList();
        Assert.Equal(7, groups.Count);
        Assert.Equal(1, groups[0][0]);
        Assert.Equal(44, groups[^1][1]);
    }
}
