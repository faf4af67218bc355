using Entangle.Domain;

namespace Entangle.Engine.Analysis;

/// <summary>What the model says about a claim, under the scenario's assumptions.</summary>
public enum Verdict { Supported, Contradicted, Inconclusive }

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
        var (d, lo, hi) = direction switch
        {
            ClaimDirection.HigherWith => (difference.Estimate, difference.Lo, difference.Hi),
            ClaimDirection.LowerWith => (-difference.Estimate, -difference.Hi, -difference.Lo),
            _ => throw new ArgumentException("not a comparison claim", nameof(direction)),
        };
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
    /// The value of the claim's decisive quantity whose crossing flips the point verdict: the minimum effect for
    /// comparisons (in the signed difference's scale), the threshold for levels. Used to locate flips in scans.
    /// </summary>
    public static double Boundary(Claim claim) => claim.Direction switch
    {
        ClaimDirection.HigherWith => claim.MinimumEffect,
        ClaimDirection.LowerWith => -claim.MinimumEffect,
        _ => claim.Threshold ?? 0,
    };

    /// <summary>Lower-case name: supported, contradicted, inconclusive.</summary>
    public static string Name(this Verdict v) => v.ToString().ToLowerInvariant();
}
