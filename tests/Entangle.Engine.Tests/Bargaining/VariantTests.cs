using Entangle.Engine.Bargaining;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>The named alternatives to the Scholz-faithful behaviour, and invariants that hold for every variant.</summary>
public class VariantTests
{
    private static IReadOnlyList<BargainingActor> Random(int n, ulong seed)
    {
        var rng = new RandomStream(seed);
        return Enumerable.Range(0, n).Select(i => new BargainingActor(
            $"A{i}", 0.05 + rng.NextDouble(), Math.Round(100 * rng.NextDouble()), Math.Round(0.05 + 0.95 * rng.NextDouble(), 2))).ToList();
    }

    // The replication's own critique (jmckib, bdm_scholz_model.py, docstring of best_offer): "Belgium compromises with
    // Netherlands to an extreme position rather than with France" in round 4 — choosing by distance picks France.
    [Fact]
    public void Choosing_compromises_by_distance_makes_Belgium_compromise_with_France_in_round_4()
    {
        var actors = ScholzReplicationTests.EuCarEmissions();
        var faithful = BargainingModel.Run(actors, new BargainingOptions { Rounds = 4 });
        var byDistance = BargainingModel.Run(actors, new BargainingOptions { Rounds = 4, CompromiseChoice = CompromiseChoice.ByDistanceMoved });
        Assert.Contains("Belgium compromises with Netherlands", faithful.Rounds[4].Moves.Select(m => m.Describe(faithful.Actors)));
        Assert.Contains("Belgium compromises with France", byDistance.Rounds[4].Moves.Select(m => m.Describe(byDistance.Actors)));
        // Rounds 1–3 have one compromise offer each for Belgium, so they agree.
        for (var t = 1; t <= 3; t++) Assert.Equal(faithful.Rounds[t].Positions, byDistance.Rounds[t].Positions);
    }

    [Fact]
    public void As_published_capitulation_never_fires_and_the_intended_rule_does()
    {
        var intendedCapitulations = 0;
        for (ulong seed = 1; seed <= 60; seed++)
        {
            var actors = Random(8, seed);
            var published = BargainingModel.Run(actors, new BargainingOptions { Rounds = 5 });
            Assert.DoesNotContain(published.Rounds.SelectMany(r => r.Moves), m => m.Kind == MoveKind.Capitulation);
            var intended = BargainingModel.Run(actors, new BargainingOptions { Rounds = 5, Capitulation = CapitulationRule.Intended });
            foreach (var m in intended.Rounds.SelectMany(r => r.Moves).Where(m => m.Kind == MoveKind.Capitulation))
            {
                intendedCapitulations++;
                Assert.True(m.EuCounterpartChallenges > 0 && m.EuActorChallenges < 0
                    && m.EuCounterpartChallenges < Math.Abs(m.EuActorChallenges));
            }
        }
        Assert.True(intendedCapitulations > 0, "the intended capitulation rule never fired on 60 random issues");
    }

    [Fact]
    public void Sequential_risk_update_differs_and_depends_on_order()
    {
        var actors = ScholzReplicationTests.EuCarEmissions();
        var simultaneous = BargainingModel.Run(actors, new BargainingOptions { Rounds = 1 });
        var sequential = BargainingModel.Run(actors, new BargainingOptions { Rounds = 1, RiskUpdate = RiskUpdate.Sequential });
        Assert.NotEqual(simultaneous.Rounds[1].RiskExponents, sequential.Rounds[1].RiskExponents);
        // The first actor in input order sees everyone at r = 1, exactly as in the simultaneous update.
        Assert.Equal(simultaneous.Rounds[1].RiskExponents![0], sequential.Rounds[1].RiskExponents![0], 12);

        var reversed = BargainingModel.Run(actors.Reverse().ToList(), new BargainingOptions { Rounds = 1, RiskUpdate = RiskUpdate.Sequential });
        var rByName = reversed.Actors.Zip(reversed.Rounds[1].RiskExponents!).ToDictionary(t => t.First, t => t.Second);
        Assert.Contains(sequential.Actors.Select((a, i) => Math.Abs(rByName[a] - sequential.Rounds[1].RiskExponents![i])), d => d > 1e-6);
    }

    [Fact]
    public void Sequential_incremental_update_matches_a_full_recomputation()
    {
        // The sequential update patches the numerators voter by voter; the offers then use a full recomputation.
        // If the patches were wrong, the r of later actors would differ from those computed with fresh tables.
        // Check: r_i of actor i equals what a simultaneous-style computation gives when every other actor's r is
        // fixed at its post-update value for actors before i and at 1 for those after (round 1).
        var actors = Random(7, 99);
        var seq = BargainingModel.Run(actors, new BargainingOptions { Rounds = 1, RiskUpdate = RiskUpdate.Sequential });
        var r = seq.Rounds[1].RiskExponents!;
        for (var i = 0; i < actors.Count; i++)
        {
            var exponents = Enumerable.Range(0, actors.Count).Select(k => k < i ? r[k] : 1.0).ToArray();
            Assert.Equal(NaiveRisk(actors, exponents, i), r[i], 9);
        }
    }

    /// <summary>A direct transcription of the equations, O(n⁵): r_i from danger sums under the given exponents.</summary>
    private static double NaiveRisk(IReadOnlyList<BargainingActor> a, double[] r, int i)
    {
        var n = a.Count;
        var range = a.Max(x => x.Position) - a.Min(x => x.Position);
        double Vote(int k, double xi, double xj) =>
            a[k].Capability * a[k].Salience * (Math.Pow(Math.Abs(a[k].Position - xj) / range, r[k]) - Math.Pow(Math.Abs(a[k].Position - xi) / range, r[k]));
        double P(int p, int q)
        {
            if (a[p].Position == a[q].Position) return 0;
            double top = 0, all = 0;
            for (var k = 0; k < n; k++) top += Math.Max(0, Vote(k, a[p].Position, a[q].Position));
            for (var k = 0; k < n; k++) for (var x = 0; x < n; x++) for (var y = 0; y < n; y++) all += Math.Abs(Vote(k, a[x].Position, a[y].Position));
            return top / all;
        }
        double Eu(int p, int q, double rr)
        {
            var d = Math.Abs(a[p].Position - a[q].Position) / range;
            var us = 2 - 4 * Math.Pow(0.5 - 0.5 * d, rr);
            var uf = 2 - 4 * Math.Pow(0.5 + 0.5 * d, rr);
            var usq = 2 - 4 * Math.Pow(0.5, rr);
            var pr = P(p, q);
            return a[q].Salience * (pr * us + (1 - pr) * uf) + (1 - a[q].Salience) * us - usq;
        }
        var danger = Enumerable.Range(0, n).Select(b => Enumerable.Range(0, n).Where(k => k != b).Sum(k => Eu(k, b, r[b]))).ToArray();
        var R = (2 * danger[i] - danger.Max() - danger.Min()) / (danger.Max() - danger.Min());
        return (1 - R / 3) / (1 + R / 3);
    }

    [Theory]
    [InlineData(RiskUpdate.Simultaneous, CapitulationRule.AsPublished, CompromiseChoice.ByWeightedPosition, ProbabilityRule.Scholz)]
    [InlineData(RiskUpdate.Sequential, CapitulationRule.Intended, CompromiseChoice.ByDistanceMoved, ProbabilityRule.Bdm1994)]
    [InlineData(RiskUpdate.Simultaneous, CapitulationRule.Intended, CompromiseChoice.ByDistanceMoved, ProbabilityRule.Bdm1994)]
    public void Invariants_hold_on_random_issues(RiskUpdate risk, CapitulationRule cap, CompromiseChoice comp, ProbabilityRule prob)
    {
        for (ulong seed = 100; seed < 130; seed++)
        {
            var actors = Random(2 + (int)(seed % 9), seed);
            var options = new BargainingOptions { Rounds = 6, RiskUpdate = risk, Capitulation = cap, CompromiseChoice = comp, Probability = prob };
            var result = BargainingModel.Run(actors, options);
            var lo = actors.Min(a => a.Position);
            var hi = actors.Max(a => a.Position);
            foreach (var round in result.Rounds)
            {
                Assert.All(round.Positions, x => Assert.InRange(x, lo, hi));
                Assert.InRange(round.Mean, lo - 1e-9, hi + 1e-9);
                Assert.Contains(round.Median, round.Positions);
                if (round.RiskExponents is { } rs) Assert.All(rs, r => Assert.InRange(r, 0.5 - 1e-12, 2 + 1e-12));
                foreach (var m in round.Moves)
                {
                    Assert.Equal(m.To, round.Positions[m.Actor]);
                    if (m.Kind == MoveKind.Compromise)
                        Assert.Equal(m.From + (result.Rounds[round.Round - 1].Positions[m.Counterpart] - m.From)
                            * Math.Abs(m.EuActorChallenges / m.EuCounterpartChallenges), m.To, 12);
                    else Assert.Equal(result.Rounds[round.Round - 1].Positions[m.Counterpart], m.To);
                }
            }
            // Same inputs, same result.
            Assert.Equal(result.Final.Positions, BargainingModel.Run(actors, options).Final.Positions);
            Assert.Equal((result.Final.Median, result.Final.Mean), BargainingModel.Forecast(actors, options));
        }
    }

    [Fact]
    public void The_median_is_the_weighted_median_of_held_positions()
    {
        for (ulong seed = 200; seed < 240; seed++)
        {
            var actors = Random(3 + (int)(seed % 12), seed);
            var result = BargainingModel.Run(actors, new BargainingOptions { Rounds = 0 });
            // Σ w |x − m| is minimised by a weighted median; check the model's median attains the minimum.
            double Cost(double m) => actors.Sum(a => a.Capability * a.Salience * Math.Abs(a.Position - m));
            var best = actors.Min(a => Cost(a.Position));
            Assert.True(Cost(result.Final.Median) <= best + 1e-9);
        }
    }
}
