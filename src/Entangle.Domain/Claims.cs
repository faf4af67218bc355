namespace Entangle.Domain;

/// <summary>What a claim says about its metric.</summary>
public enum ClaimDirection
{
    /// <summary>The metric is higher with the scenario as it is than under the counterfactual.</summary>
    HigherWith,
    /// <summary>The metric is lower with the scenario as it is than under the counterfactual.</summary>
    LowerWith,
    /// <summary>The metric, with the scenario as it is, lies below the threshold.</summary>
    Below,
    /// <summary>The metric, with the scenario as it is, lies above the threshold.</summary>
    Above,
}

/// <summary>
/// The counterfactual a claim is tested against: the scenario without some treaties, and/or with some model
/// parameters set (paths as in <c>entangle run --set</c>).
/// </summary>
public sealed record Counterfactual(IReadOnlyList<string> WithoutTreaties, IReadOnlyDictionary<string, double> Set)
{
    /// <summary>A short description, e.g. "without rus-prk-2024".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (WithoutTreaties.Count > 0) parts.Add("without " + string.Join(", ", WithoutTreaties));
        foreach (var (k, v) in Set.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            parts.Add(FormattableString.Invariant($"{k} = {v}"));
        return parts.Count == 0 ? "as is" : string.Join("; ", parts);
    }
}

/// <summary>
/// A proposition a scenario states so that the model can test it: a claim from an article or a briefing, with the
/// sentence it comes from, the metric it is about, the direction it asserts, the counterfactual it compares with,
/// and the smallest effect worth talking about.
/// </summary>
/// <param name="Id">Slug.</param>
/// <param name="Title">A short name.</param>
/// <param name="Quote">The sentence(s) the claim comes from, verbatim in the original language.</param>
/// <param name="Gloss">An English rendering of the quote.</param>
/// <param name="Source">Where the quote is from (publication, date, URL).</param>
/// <param name="Metric">The outcome metric's name (e.g. <c>two_theater_crisis</c>; see docs/escalation.md).</param>
/// <param name="Direction">What the claim asserts about the metric.</param>
/// <param name="Threshold">For <see cref="ClaimDirection.Below"/> and <see cref="ClaimDirection.Above"/>: the probability compared with.</param>
/// <param name="Counterfactual">What the scenario is compared with.</param>
/// <param name="MinimumEffect">The smallest difference (in probability) worth talking about; a judgement.</param>
/// <param name="MinimumEffectBasis">Why that size: the judgement behind it.</param>
/// <param name="Note">How the claim was turned into a metric (itself a judgement).</param>
public sealed record Claim(
    string Id,
    string Title,
    string Quote,
    string Gloss,
    string Source,
    string Metric,
    ClaimDirection Direction,
    double? Threshold,
    Counterfactual Counterfactual,
    double MinimumEffect,
    Provenance MinimumEffectBasis,
    string? Note = null)
{
    /// <summary>The name under which the claims are stored in <c>Scenario.Extensions</c>.</summary>
    public const string SectionName = "claims";

    /// <summary>Where the claim was written (file, line, column), for messages about it; null when built in code.</summary>
    public (string File, int Line, int Column)? Where { get; init; }

    /// <summary>The direction as written in scenario files: higher_with, lower_with, below, above.</summary>
    public string DirectionText => Direction switch
    {
        ClaimDirection.HigherWith => "higher_with",
        ClaimDirection.LowerWith => "lower_with",
        ClaimDirection.Below => "below",
        _ => "above",
    };

    /// <summary>The claim in one line: "two_theater_crisis higher with than without rus-prk-2024 by at least 0.01".</summary>
    public string Statement => Direction switch
    {
        ClaimDirection.HigherWith => FormattableString.Invariant($"{Metric} is higher than {Counterfactual} by at least {MinimumEffect}"),
        ClaimDirection.LowerWith => FormattableString.Invariant($"{Metric} is lower than {Counterfactual} by at least {MinimumEffect}"),
        ClaimDirection.Below => FormattableString.Invariant($"{Metric} is below {Threshold}"),
        _ => FormattableString.Invariant($"{Metric} is above {Threshold}"),
    };
}

/// <summary>Typed access to the <c>claims:</c> section of a scenario.</summary>
public static class ClaimsScenario
{
    /// <summary>The scenario's claims, in file order; empty when it states none.</summary>
    public static IReadOnlyList<Claim> Claims(this Scenario scenario) =>
        scenario.Extensions.TryGetValue(Claim.SectionName, out var v) && v is IReadOnlyList<Claim> list ? list : [];
}
