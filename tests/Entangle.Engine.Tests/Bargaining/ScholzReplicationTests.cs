using System.Text.Json;
using Entangle.Engine.Bargaining;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>
/// Reproduces, for the EU car-emissions example (Bueno de Mesquita 1994, p. 78; Scholz, Calbert &amp; Smith 2011,
/// Table 1), what the Scholz-faithful Python replication (jmckib/bdm-scholz-expected-utility-model @ 55f63e9)
/// computes over 10 rounds: the expected values are that program's output, not ours.
/// </summary>
public class ScholzReplicationTests
{
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(ReferenceFiles.Fixture("eu-car-emissions.expected.json"))).RootElement;

    internal static IReadOnlyList<BargainingActor> EuCarEmissions()
    {
        var lines = File.ReadAllLines(ReferenceFiles.Fixture("eu-car-emissions.csv")).Skip(1);
        return lines.Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            return new BargainingActor(f[0], double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }

    private static BargainingResult Run() =>
        BargainingModel.Run(EuCarEmissions(), new BargainingOptions { Rounds = 10, RecordIntermediates = true });

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [SkippableFact]
    public void Committed_fixtures_equal_the_shared_reference_when_present()
    {
        foreach (var name in new[] { "eu-car-emissions.csv", "eu-car-emissions.expected.json" })
        {
            var shared = ReferenceFiles.Shared(name);
            Assert.Equal(File.ReadAllText(shared), File.ReadAllText(ReferenceFiles.Fixture(name)));
        }
    }

    [Fact]
    public void Actors_and_position_range_match()
    {
        var result = Run();
        Assert.Equal(Expected.GetProperty("actors").EnumerateArray().Select(a => a.GetString()!), result.Actors);
        Assert.Equal(Expected.GetProperty("position_range").GetDouble(), result.PositionRange);
    }

    [Fact]
    public void Positions_means_and_medians_match_every_round_to_1e_9()
    {
        var result = Run();
        var rounds = Expected.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(rounds.Count, result.Rounds.Count);
        for (var t = 0; t < rounds.Count; t++)
        {
            var e = rounds[t];
            var a = result.Rounds[t];
            Assert.Equal(e.GetProperty("round").GetInt32(), a.Round);
            var positions = Doubles(e.GetProperty("positions"));
            for (var i = 0; i < positions.Length; i++)
                Assert.True(Math.Abs(positions[i] - a.Positions[i]) <= 1e-9,
                    $"round {t}, {result.Actors[i]}: expected {positions[i]:R}, got {a.Positions[i]:R}");
            Assert.True(Math.Abs(e.GetProperty("mean").GetDouble() - a.Mean) <= 1e-9, $"round {t} mean {a.Mean:R}");
            Assert.True(Math.Abs(e.GetProperty("median").GetDouble() - a.Median) <= 1e-9, $"round {t} median {a.Median:R}");
        }
    }

    [Fact]
    public void Risk_exponents_match_at_their_printed_precision()
    {
        var result = Run();
        foreach (var e in Expected.GetProperty("rounds").EnumerateArray().Skip(1))
        {
            var t = e.GetProperty("round").GetInt32();
            var expected = Doubles(e.GetProperty("risk_exponents"));
            var actual = result.Rounds[t].RiskExponents!;
            for (var i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(Math.Round(actual[i], 6) - expected[i]) < 1e-12,
                    $"round {t}, {result.Actors[i]}: r expected {expected[i]}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void Moves_are_the_same_and_named_the_same_way()
    {
        var result = Run();
        foreach (var e in Expected.GetProperty("rounds").EnumerateArray().Skip(1))
        {
            var t = e.GetProperty("round").GetInt32();
            var expected = e.GetProperty("moves").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.Equal(expected, result.Rounds[t].Moves.Select(m => m.Describe(result.Actors)).ToList());
        }
    }

    [Fact]
    public void Round_one_intermediates_match()
    {
        var im = Run().Rounds[1].Intermediates!;
        var e = Expected.GetProperty("round1_intermediates");
        Assert.True(Math.Abs(e.GetProperty("vote_denominator_r1").GetDouble() - im.VoteDenominator) <= 1e-9,
            $"denominator {im.VoteDenominator:R}");
        AssertRounded(Doubles(e.GetProperty("danger_sum")), im.Danger, 12, "danger");
        AssertRounded(Doubles(e.GetProperty("R")), im.RiskAcceptance, 9, "R");
        AssertRounded(Doubles(e.GetProperty("r")), im.RiskExponents, 9, "r");
        var p = e.GetProperty("p_win_r1_rows_i_cols_j").EnumerateArray().ToList();
        var eu = e.GetProperty("eu_challenge_r1_rows_i_cols_j").EnumerateArray().ToList();
        for (var i = 0; i < p.Count; i++)
        {
            AssertRounded(Doubles(p[i]), im.WinProbability[i], 6, $"P row {i}");
            AssertRounded(Doubles(eu[i]), im.ChallengeUtility[i], 6, $"EU row {i}");
        }
    }

    /// <summary>Each actual value, rounded to the printed number of decimals, equals the printed value.</summary>
    private static void AssertRounded(double[] expected, IReadOnlyList<double> actual, int decimals, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(Math.Round(actual[i], decimals) - expected[i]) < Math.Pow(10, -decimals) / 100,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
