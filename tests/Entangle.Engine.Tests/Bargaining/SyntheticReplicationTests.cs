using System.Text.Json;
using Entangle.Application.Bargaining;
using Entangle.Engine.Bargaining;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>
/// Two synthetic 12-actor issues (positions 0–100, generated for this test) run through the published Scholz-faithful
/// Python replication (jmckib/bdm-scholz-expected-utility-model @ 55f63e9, Python 2.7.18) for 10 rounds; its printed
/// output (12 significant digits) is the expected value. 86 moves in all, so many more branches than the EU example.
/// </summary>
public class SyntheticReplicationTests
{
    [Theory]
    [InlineData("synthetic-12-seed11")]
    [InlineData("synthetic-12-seed23")]
    public void Matches_the_python_replication_round_by_round(string name)
    {
        var input = ForecastInputs.LoadCsv(ReferenceFiles.Fixture(name + ".csv"));
        var result = BargainingModel.Run(input.Actors(), new BargainingOptions { Rounds = 10 });
        var expected = JsonDocument.Parse(File.ReadAllText(ReferenceFiles.Fixture(name + ".expected.json"))).RootElement
            .GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(11, expected.Count);
        static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-10 * Math.Max(1, Math.Abs(a));
        foreach (var e in expected)
        {
            var t = e.GetProperty("round").GetInt32();
            var round = result.Rounds[t];
            Assert.True(Close(e.GetProperty("median").GetDouble(), round.Median), $"round {t} median {round.Median:R}");
            Assert.True(Close(e.GetProperty("mean").GetDouble(), round.Mean), $"round {t} mean {round.Mean:R}");
            var moves = e.GetProperty("moves").EnumerateArray().ToList();
            Assert.Equal(moves.Select(m => m.GetProperty("text").GetString()!), round.Moves.Select(m => m.Describe(result.Actors)));
            for (var k = 0; k < moves.Count; k++)
            {
                Assert.True(Close(moves[k].GetProperty("to").GetDouble(), round.Moves[k].To), $"round {t} move {k} to {round.Moves[k].To:R}");
                Assert.True(Close(moves[k].GetProperty("eu_ij").GetDouble(), round.Moves[k].EuActorChallenges), $"round {t} move {k} eu_ij");
                Assert.True(Close(moves[k].GetProperty("eu_ji").GetDouble(), round.Moves[k].EuCounterpartChallenges), $"round {t} move {k} eu_ji");
            }
        }
    }
}
