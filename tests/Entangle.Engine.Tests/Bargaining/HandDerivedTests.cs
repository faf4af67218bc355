using Entangle.Engine.Bargaining;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>
/// A two-actor case worked by hand from the equations in docs/bargaining.md (not from our output).
/// A: c = 1, s = 0.5, x = 0; B: c = 1, s = 1, x = 1; range = 1.
/// </summary>
public class HandDerivedTests
{
    private static readonly BargainingActor[] Actors = [new("A", 1, 0, 0.5), new("B", 1, 1, 1)];

    // Weights w = c s: A 0.5, B 1. Distances are 0 or 1, so every u is 0 or 1 whatever r is.
    // Denominator = Σ_k w_k Σ_a Σ_b |u_kb − u_ka| = 2 w_A + 2 w_B = 3.
    // P(A beats B) = w_A / 3 = 1/6 (only A votes for A); P(B beats A) = w_B / 3 = 1/3.
    // At r = 1, d = 1: U_s = 2, U_f = −2, U_sq = 0, so EU(i challenges j) = 2 − 4 s_j + 4 s_j P_ij.
    // danger_A = EU(B challenges A) = 2 − 2 + 2/3 = 2/3; danger_B = EU(A challenges B) = 2 − 4 + 4/6 = −4/3.
    // R_A = (4/3 − 2/3 + 4/3) / 2 = 1 → r_A = (2/3)/(4/3) = 0.5; R_B = −1 → r_B = 2.
    // A receives with r = 0.5: U_sq = 2 − 4·√0.5 = 2 − 2√2.
    //   eu_AB = −4/3 − U_sq = 2√2 − 10/3 < 0; eu_BA = 2/3 − U_sq = 2√2 − 4/3 > |eu_AB| → compromise,
    //   x_A' = 0 + (1 − 0) |eu_AB / eu_BA| = (10/3 − 2√2) / (2√2 − 4/3).
    // B receives with r = 2: U_sq = 1; eu_AB (as B sees it) = −4/3 − 1 < 0 → no offer; B stays at 1.
    [Fact]
    public void Round_one_matches_the_hand_derivation()
    {
        var result = BargainingModel.Run(Actors, new BargainingOptions { Rounds = 1, RecordIntermediates = true });
        var im = result.Rounds[1].Intermediates!;
        Assert.Equal(3.0, im.VoteDenominator, 12);
        Assert.Equal(1.0 / 6, im.WinProbability[0][1], 12);
        Assert.Equal(1.0 / 3, im.WinProbability[1][0], 12);
        Assert.Equal(2.0 / 3, im.Danger[0], 12);
        Assert.Equal(-4.0 / 3, im.Danger[1], 12);
        Assert.Equal(0.5, im.RiskExponents[0], 12);
        Assert.Equal(2.0, im.RiskExponents[1], 12);

        var root8 = 2 * Math.Sqrt(2);
        var expectedA = (10.0 / 3 - root8) / (root8 - 4.0 / 3);
        var round = result.Rounds[1];
        Assert.Equal(expectedA, round.Positions[0], 12);
        Assert.Equal(1.0, round.Positions[1]);
        var move = Assert.Single(round.Moves);
        Assert.Equal("A compromises with B", move.Describe(result.Actors));
        Assert.Equal(root8 - 10.0 / 3, move.EuActorChallenges, 12);
        Assert.Equal(root8 - 4.0 / 3, move.EuCounterpartChallenges, 12);
        Assert.Equal((0.5 * expectedA + 1.0) / 1.5, round.Mean, 12);
        // Median: B's position beats A's by w_A·(0 − (1 − x_A)) + w_B·((1 − x_A) − 0) = 0.5 (1 − x_A) > 0.
        Assert.Equal(1.0, round.Median);
    }

    // BDM 1994 rule on the same pair: d_k = |x_k − x_B| − |x_k − x_A| is +1 for A, −1 for B,
    // so Σ w d = 0.5 − 1 < 0 → P(A beats B) = 0 and P(B beats A) = 0.5 / 1.5 = 1/3.
    [Fact]
    public void Bdm1994_probability_matches_the_hand_derivation()
    {
        var result = BargainingModel.Run(Actors, new BargainingOptions
        {
            Rounds = 1, RecordIntermediates = true, Probability = ProbabilityRule.Bdm1994,
        });
        var im = result.Rounds[1].Intermediates!;
        Assert.Equal(0.0, im.WinProbability[0][1], 12);
        Assert.Equal(1.0 / 3, im.WinProbability[1][0], 12);
    }

    [Fact]
    public void Identical_positions_never_move()
    {
        var result = BargainingModel.Run([new("A", 1, 5, 0.5), new("B", 2, 5, 1)], new BargainingOptions { Rounds = 3 });
        Assert.All(result.Rounds, r => Assert.Equal([5.0, 5.0], r.Positions));
        Assert.All(result.Rounds, r => Assert.Empty(r.Moves));
        Assert.Equal(5.0, result.Final.Median);
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => BargainingModel.Run([]));
        Assert.Throws<ArgumentException>(() => BargainingModel.Run([new("A", -1, 0, 0.5), new("B", 1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => BargainingModel.Run([new("A", 1, 0, 1.5), new("B", 1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => BargainingModel.Run([new("A", 1, double.NaN, 0.5), new("B", 1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => BargainingModel.Run([new("A", 0, 0, 0.5), new("B", 1, 1, 0)]));
    }
}
