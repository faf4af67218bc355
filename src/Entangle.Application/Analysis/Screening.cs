using System.Globalization;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Analysis;

/// <summary>A parameter screened by the sensitivity methods, with the range it is varied over and why.</summary>
/// <param name="Path">Parameter path (as in <c>entangle run --set</c>).</param>
/// <param name="Value">Its value or distribution in the scenario.</param>
/// <param name="Lo">Lower end of the range screened.</param>
/// <param name="Hi">Upper end of the range screened.</param>
/// <param name="Range">How the range was chosen.</param>
/// <param name="Basis">source or judgement: the provenance kind of the scenario's value.</param>
/// <param name="Text">The scenario's citation or reasoning for the value.</param>
public sealed record ScreenedParameter(string Path, string Value, double Lo, double Hi, string Range, string Basis, string Text)
{
    /// <summary>The value at position <paramref name="u"/> (0–1) of the range.</summary>
    public double At(double u) => Lo + u * (Hi - Lo);
}

/// <summary>Which parameters to screen, and over which ranges.</summary>
public static class Screening
{
    /// <summary>The name that selects every parameter of the model (every catalog parameter, λ and the ladder included).</summary>
    public const string All = "all";

    /// <summary>
    /// The parameters to screen: the ones named (a path; a pattern with '*', e.g. <c>ladder.*</c> or <c>actor.*.lambda</c>;
    /// or <see cref="All"/>, every parameter of the model: each catalog scope, λ, the ladder's columns and the thresholds'
    /// premiums included), or by default every judgement parameter the scenario gives as a
    /// distribution (the analyst's own statement that it is uncertain) plus every model-wide (<c>global.*</c>)
    /// judgement, plus the judgement parameters of the mechanisms on the claims' paths (<paramref name="onPaths"/>).
    /// Sourced figures are not screened unless named.
    /// </summary>
    public static IReadOnlyList<ScreenedParameter> Select(Arm baseline, IReadOnlyList<string>? named, IReadOnlyList<string>? onPaths = null)
    {
        var paths = baseline.Model.ParameterPaths;
        IEnumerable<string> chosen;
        if (named is { Count: > 0 })
        {
            var errors = new List<Diagnostic>();
            var list = new List<string>();
            foreach (var n in named)
            {
                if (n == All || n.Contains('*'))
                {
                    // a pattern: every parameter of the model it matches, in slot order ('*' any run of characters)
                    var rx = n == All ? null : new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(n).Replace("\\*", ".*") + "$");
                    var hit = paths.Where(p => rx is null || rx.IsMatch(p)).ToList();
                    if (hit.Count == 0) errors.Add(new Diagnostic(null, null, null, $"parameter: the pattern '{n}' matches no parameter of the model (e.g. ladder.*, actor.*.lambda, fault_line.*; or '{All}')"));
                    list.AddRange(hit);
                }
                else if (!baseline.HasParameter(n))
                    errors.Add(new Diagnostic(null, null, null, $"parameter: unknown parameter '{n}'{Suggest.DidYouMean(n, paths)}"));
                else list.Add(n);
            }
            if (errors.Count > 0) throw new InputException(errors);
            chosen = list.Distinct(StringComparer.Ordinal);
        }
        else
            chosen = paths.Where(p =>
            {
                var spec = baseline.Model.Spec(p);
                return spec.Basis.IsJudgement && (spec.IsDistribution || p.StartsWith("global.", StringComparison.Ordinal)
                    || ((onPaths?.Contains(p, StringComparer.Ordinal) ?? false) && IsMechanism(p)));
            });
        return chosen.Select(p => Describe(p, baseline.Model.Spec(p))).Where(p => p.Hi > p.Lo).ToList();
    }

    /// <summary>A parameter of a mechanism the claims' paths run through (flows, links, fault lines, the pivot, spirals), not a
    /// share, stake, help or force figure: those the scenario states, and they are screened when given as distributions.</summary>
    private static bool IsMechanism(string path) =>
        path.StartsWith("flow.", StringComparison.Ordinal) || path.StartsWith("link.", StringComparison.Ordinal)
        || path.StartsWith("fault_line.", StringComparison.Ordinal)
        || path.EndsWith("." + ParameterCatalog.Actor.CapabilityResponse.Name, StringComparison.Ordinal)
        || path.EndsWith("." + ParameterCatalog.Actor.ArmsReaction.Name, StringComparison.Ordinal)
        || path.EndsWith("." + ParameterCatalog.Actor.ArmsFatigue.Name, StringComparison.Ordinal);

    /// <summary>
    /// The range of one parameter: a distribution's support (a normal's mean ± 2 standard deviations, inside its
    /// bounds); a point value v ± 50% (a judgement about how far a judgement might be off), kept inside the
    /// parameter's allowed range (shares and probabilities in [0, 1]); a point value of 0 is varied over [0, 0.1].
    /// </summary>
    public static ScreenedParameter Describe(string path, Estimate spec)
    {
        double lo, hi;
        string how;
        switch (spec)
        {
            case Estimate.Normal g:
                lo = Math.Max(g.Lo, g.Mu - 2 * g.Sd); hi = Math.Min(g.Hi, g.Mu + 2 * g.Sd); how = "mean ± 2 sd of its distribution";
                break;
            case { IsDistribution: true }:
                (lo, hi) = spec.Range; how = "support of its distribution";
                break;
            default:
                var v = spec.Mean;
                if (v == 0) { lo = 0; hi = 0.1; how = "0 to 0.1 (point value 0)"; }
                else { lo = Math.Min(0.5 * v, 1.5 * v); hi = Math.Max(0.5 * v, 1.5 * v); how = "point value ± 50%"; }
                var (min, max) = Bounds(path);
                lo = Math.Max(lo, min); hi = Math.Min(hi, max);
                break;
        }
        return new ScreenedParameter(path, spec.ToString()!, lo, hi, how, spec.Basis.Kind, spec.Basis.Text);
    }

    private static (double Min, double Max) Bounds(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (path.StartsWith("share.", StringComparison.Ordinal) || path.StartsWith("help.", StringComparison.Ordinal)
            || path.EndsWith(".probability", StringComparison.Ordinal)) return (0, 1);
        var info = ParameterCatalog.ForPath(path) ?? ParameterCatalog.GlobalParameters.Concat(ParameterCatalog.ActorParameters).Concat(ParameterCatalog.PairParameters)
            .Concat(ParameterCatalog.NormalisationParameters).FirstOrDefault(p => p.Name == name);
        return info is null ? (double.NegativeInfinity, double.PositiveInfinity) : (info.Min, info.Max);
    }

    /// <summary>Formats a number for tables: up to 4 significant decimals, invariant.</summary>
    public static string Fmt(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
