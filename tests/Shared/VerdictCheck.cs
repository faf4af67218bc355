using System.Text.Json;

namespace Entangle.Tests.Shared;

/// <summary>
/// The verdict rule of docs/analysis.md, written again from the documentation (not by calling the engine), so that a
/// test can check that every printed verdict follows from the printed estimates.
/// </summary>
public static class VerdictCheck
{
    /// <summary>The verdict a claim's JSON (direction, minimum_effect, threshold, with, difference) implies.</summary>
    public static string Expected(JsonElement claim)
    {
        // untestable: no path in the mechanism map from the counterfactual to the metric
        if (claim.TryGetProperty("paths", out var paths) && paths.ValueKind == JsonValueKind.Array && paths.GetArrayLength() == 0) return "untestable";
        var atScenario = AtScenario(claim);
        // bounded: contradicted at the scenario's values, and every stress point's upper 95% end below the minimum effect
        if (atScenario == "contradicted" && claim.TryGetProperty("stress", out var stress) && stress.ValueKind == JsonValueKind.Object
            && stress.GetProperty("hi_upper").GetDouble() < claim.GetProperty("minimum_effect").GetDouble())
            return "bounded";
        return atScenario;
    }

    /// <summary>The verdict at the scenario's values, from the estimates alone (supported, contradicted, inconclusive).</summary>
    public static string AtScenario(JsonElement claim)
    {
        var direction = claim.GetProperty("direction").GetString();
        if (direction is "below" or "above")
        {
            var w = claim.GetProperty("with");
            double lo = w.GetProperty("lo").GetDouble(), hi = w.GetProperty("hi").GetDouble(), x = claim.GetProperty("threshold").GetDouble();
            return direction == "below"
                ? hi < x ? "supported" : lo >= x ? "contradicted" : "inconclusive"
                : lo > x ? "supported" : hi <= x ? "contradicted" : "inconclusive";
        }
        var d = claim.GetProperty("difference");
        double e = d.GetProperty("estimate").GetDouble(), l = d.GetProperty("lo").GetDouble(), h = d.GetProperty("hi").GetDouble();
        if (direction == "lower_with") (e, l, h) = (-e, -h, -l);
        var min = claim.GetProperty("minimum_effect").GetDouble();
        // the printed numbers are rounded to 6 decimals: a verdict on a knife edge cannot be checked from them
        if (Math.Abs(l) < 1e-6 || Math.Abs(e - min) < 1e-6 || Math.Abs(h - min) < 1e-6) return claim.GetProperty("verdict_at_scenario").GetString()!;
        return l > 0 && e >= min ? "supported" : h < min ? "contradicted" : "inconclusive";
    }
}
