using Entangle.Domain;

namespace Entangle.Engine.Analysis;

/// <summary>What the model says about a claim, under the scenario's assumptions.</summary>
public enum Verdict
{
    Supported,
    Contradicted,
    Inconclusive,
    /// <summary>No path in the mechanism map leads from the counterfactual to the claim's metric: the model cannot tell.</summary>
    Untestable,
    /// <summary>A path exists, but with its mechanism's parameters at the ends of their admitted ranges the effect still
    /// cannot reach the minimum effect: the ranges cap it, whatever the scenario's own values.</summary>
    Bounded,
}

/// <summary>
/// Decides a claim from its estimates. For a comparison ("higher with", "lower with") with minimum effect δ, let
/// d be the difference (with − without) turned so that the claimed direction is positive, and [lo, hi] its 95%
/// interval: <b>supported</b> when lo &gt; 0 and d ≥ δ (an effect in the claimed direction, of a size worth talking
/// about); <b>contradicted</b> when hi &lt; δ (an effect of size δ in the claimed direction is ruled out — the
/// interval-inclusion form of an equivalence test, Schuirmann 1987); <b>inconclusive</b> otherwise. For a level
/// ("below X", "above X"): supported when the with-estimate's interval lies wholly on the claimed side of X,
/// contradicted when it lies wholly on the other side, inconclusive when it straddles X.
/// </summary>
public static class Verdicts
{
    /// <summary>The verdict for a comparison claim.</summary>
    public static Verdict Compare(ClaimDirection direction, double minimumEffect, IntervalEstimate difference)
    {
        var (d, lo, hi) = Directed(direction, difference);
        if (lo > 0 && d >= minimumEffect) return Verdict.Supported;
        if (hi < minimumEffect) return Verdict.Contradicted;
        return Verdict.Inconclusive;
    }

    /// <summary>The verdict for a level claim.</summary>
    public static Verdict Level(ClaimDirection direction, double threshold, IntervalEstimate with) => direction switch
    {
        ClaimDirection.Below => with.Hi < threshold ? Verdict.Supported : with.Lo >= threshold ? Verdict.Contradicted : Verdict.Inconclusive,
        ClaimDirection.Above => with.Lo > threshold ? Verdict.Supported : with.Hi <= threshold ? Verdict.Contradicted : Verdict.Inconclusive,
        _ => throw new ArgumentException("not a level claim", nameof(direction)),
    };

    /// <summary>
    /// True when no stress point lets the effect reach the minimum: at every point (the mechanism's parameters at the
    /// ends of their ranges) the upper end of the paired 95% interval of the difference, turned so that the claimed
    /// direction is positive, lies below <paramref name="minimumEffect"/>. False without stress points.
    /// </summary>
    public static bool CappedBelow(ClaimDirection direction, double minimumEffect, IReadOnlyCollection<IntervalEstimate> stressDifferences) =>
        stressDifferences.Count > 0 && stressDifferences.All(d => Directed(direction, d).Hi < minimumEffect);

    /// <summary>A difference turned so that the claimed direction is positive: (estimate, lo, hi).</summary>
    public static (double Estimate, double Lo, double Hi) Directed(ClaimDirection direction, IntervalEstimate d) => direction switch
    {
        ClaimDirection.HigherWith => (d.Estimate, d.Lo, d.Hi),
        ClaimDirection.LowerWith => (-d.Estimate, -d.Hi, -d.Lo),
        _ => throw new ArgumentException("not a comparison claim", nameof(direction)),
    };

    /// <summary>
    /// The verdict with what the model can tell: <see cref="Verdict.Untestable"/> without a path from the
    /// counterfactual to the metric; <see cref="Verdict.Bounded"/> when the effect is ruled out at the scenario's values
    /// (<paramref name="atScenario"/> is contradicted) and the stress test caps it below the minimum across the ranges;
    /// otherwise the verdict at the scenario's values.
    /// </summary>
    public static Verdict Final(Verdict atScenario, bool hasPath, bool cappedByRanges) =>
        !hasPath ? Verdict.Untestable
        : atScenario == Verdict.Contradicted && cappedByRanges ? Verdict.Bounded
        : atScenario;

    /// <summary>
    /// The value of the claim's decisive quantity whose crossing flips the point verdict: the minimum effect for
    /// comparisons (in the signed difference's scale), the threshold for levels. Used to locate flips in scans.
    /// </summary>
    public static double Boundary(Claim claim) => claim.Direction switch
    {
        ClaimDirection.HigherWith => claim.MinimumEffect,
        ClaimDirection.LowerWith => -claim.MinimumEffect,
        _ => claim.Threshold ?? 0,
    };

    /// <summary>Lower-case name: supported, contradicted, inconclusive, untestable, bounded.</summary>
    public static string Name(this Verdict v) => v.ToString().ToLowerInvariant();
}
