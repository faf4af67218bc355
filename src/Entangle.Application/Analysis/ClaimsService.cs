using Entangle.Scenarios;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Analysis;

/// <summary>Settings of <c>entangle claims</c>. Defaults keep the bundled scenario under two minutes on two cores.</summary>
/// <param name="Runs">Runs per arm for the claims' estimates.</param>
/// <param name="ScreeningRuns">Runs per arm at each point of the Morris and one-at-a-time designs.</param>
/// <param name="Trajectories">Morris trajectories (r); r(k + 1) design points.</param>
/// <param name="Levels">Points of each one-at-a-time scan, evenly across the parameter's range.</param>
/// <param name="Parameters">Parameters to screen (paths); default: see <see cref="Screening.Select"/>.</param>
/// <param name="Screen">False skips the screening (verdicts only).</param>
/// <param name="Overrides">Parameter overrides <c>PATH=VALUE</c> applied to every arm (a judgement moved to test how the verdicts hang on it). <value>Default none.</value></param>
public sealed record ClaimsRequest(
    int Runs = 6000, int ScreeningRuns = 250, int Trajectories = 5, int Levels = 5, ulong Seed = 1, int Replicates = 5, int Threads = 0,
    IReadOnlyList<string>? Parameters = null, bool Screen = true, IReadOnlyList<string>? Overrides = null);

/// <summary>The result of <c>entangle claims</c>.</summary>
public sealed record ClaimsResult(string Scenario, string Title, ClaimsSettings Settings, IReadOnlyList<ClaimResult> Claims);

/// <summary>How the claims were tested.</summary>
/// <param name="Overrides">The request's parameter overrides (absent when there are none).</param>
public sealed record ClaimsSettings(int Runs, int Replicates, int Draws, ulong Seed, int Steps, int ScreeningRuns, int Trajectories, int Levels,
    IReadOnlyList<ScreenedParameter> Parameters, string VerdictRule, IReadOnlyList<string>? Overrides = null);

/// <summary>One claim's test.</summary>
/// <param name="Verdict">supported, contradicted or inconclusive (under these assumptions).</param>
/// <param name="With">The metric with the scenario as it is.</param>
/// <param name="Without">The metric under the counterfactual.</param>
/// <param name="Difference">With − without, paired 95% interval.</param>
/// <param name="HingesOn">The two or three parameters that most move the verdict.</param>
/// <param name="Screening">Every screened parameter's Morris statistics and scan, in order of influence.</param>
public sealed record ClaimResult(
    string Id, string Title, string Quote, string Gloss, string Source, string Statement, string Metric, string Direction, double? Threshold,
    double MinimumEffect, string MinimumEffectJudgement, string Counterfactual, string Verdict, Est With, Est Without, Est Difference,
    double? VarianceReduction, IReadOnlyList<Hinge> HingesOn, IReadOnlyList<Hinge> Screening, string? Note, string? Replay = null);

/// <summary>
/// How one parameter moves a claim's decisive quantity (the difference for comparisons, the with-estimate for
/// levels): Morris μ*, μ and σ per whole range, the one-at-a-time scan, and where the verdict flips.
/// </summary>
/// <param name="FlipsAt">The parameter value at which the scan's point estimate crosses the claim's boundary
/// (minimum effect or threshold), by linear interpolation between scan points; null when it does not cross in range.</param>
public sealed record Hinge(string Parameter, double MuStar, double Mu, double Sigma, double Lo, double Hi, double? FlipsAt,
    string VerdictAtLo, string VerdictAtHi, IReadOnlyList<ScanPoint> Scan);

/// <summary>One point of a one-at-a-time scan.</summary>
public sealed record ScanPoint(double Value, double Estimate, double Lo, double Hi, string Verdict);

/// <summary>
/// <c>entangle claims</c>: tests each claim a scenario states against its counterfactual with paired runs, then
/// screens the judgement parameters (Morris elementary effects and a one-at-a-time scan, all with common random
/// numbers) to find what the verdict hinges on.
/// </summary>
public static class ClaimsService
{
    public const string VerdictRule =
        "comparison: supported when the 95% interval of the difference excludes 0 and the estimate reaches the minimum effect in the claimed direction; " +
        "contradicted when the interval excludes an effect of the minimum size in that direction; otherwise inconclusive. " +
        "level: supported when the interval lies on the claimed side of the threshold, contradicted when on the other side; otherwise inconclusive.";

    /// <summary>
    /// The model of one arm as <c>claims</c> runs it: "baseline" (the scenario with the request's own changes), or
    /// "claim:ID" (that claim's counterfactual on top), so that <c>replay --arm</c> repeats any run of <c>claims</c>.
    /// </summary>
    public static CompiledModel ArmModel(string path, EscalationRequest request, string arm) => ArmModel(ScenarioSource.File(path), request, arm);

    /// <summary>The model of one arm (see the path overload) from a scenario of any source.</summary>
    public static CompiledModel ArmModel(ScenarioSource source, EscalationRequest request, string arm)
    {
        var path = source.Name;
        if (arm == "baseline") return EscalationService.Load(source, request);
        if (!arm.StartsWith("claim:", StringComparison.Ordinal))
            throw new InputException($"arm '{arm}': use baseline or claim:ID (a claim of the scenario)");
        var scenario = source.Load();
        var id = arm["claim:".Length..];
        var claims = scenario.Claims();
        var c = claims.FirstOrDefault(x => x.Id == id)
            ?? throw new InputException($"arm '{arm}': the scenario has no claim '{id}'{Suggest.DidYouMean(id, claims.Select(x => x.Id))}");
        return Counterfactual(scenario, request, c.Counterfactual, path);
    }

    /// <summary>The model of a claim's counterfactual: its treaties removed and its parameters set, on top of <paramref name="request"/>.</summary>
    private static CompiledModel Counterfactual(Scenario scenario, EscalationRequest request, Counterfactual cf, string path)
    {
        var m = EscalationService.Compile(scenario, request with { WithoutTreaties = [.. request.WithoutTreaties ?? [], .. cf.WithoutTreaties] }, null, path);
        if (cf.Set.Count > 0)
            m = m.WithOverrides(cf.Set.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new KeyValuePair<string, Domain.Escalation.Estimate>(kv.Key, Domain.Escalation.Estimate.Judged(kv.Value, $"counterfactual of a claim: {cf}"))));
        return m;
    }

    /// <summary>Tests the claims of a scenario file.</summary>
    public static ClaimsResult Test(string path, ClaimsRequest request, Action<string>? status = null) => Test(ScenarioSource.File(path), request, status);

    /// <summary>Tests every claim of a scenario from any source; <paramref name="cancel"/> stops the work between chunks of runs.</summary>
    public static ClaimsResult Test(ScenarioSource source, ClaimsRequest request, Action<string>? status = null, CancellationToken cancel = default)
    {
        var path = source.Name;
        CompareService.Check(request.Runs, request.Replicates);
        CompareService.Check(request.ScreeningRuns, request.Replicates);
        if (request.Trajectories < 2) throw new InputException($"trajectories {request.Trajectories}: Morris needs at least 2");
        if (request.Levels < 2) throw new InputException($"levels {request.Levels}: a scan needs at least 2 points");
        var scenario = source.Load();
        var claims = scenario.Claims();
        if (claims.Count == 0) throw new InputException(path, "the scenario states no claims; add a 'claims:' section (docs/analysis.md)");
        var armRequest = new EscalationRequest(Overrides: request.Overrides);
        var baseModel = EscalationService.Compile(scenario, armRequest, null, path);
        var baseline = EscalationService.Arm(baseModel);

        // check metric names; group claims by counterfactual so each variant is run once
        var errors = new List<Diagnostic>();
        var names = baseline.Outcomes.Select(o => o.Name).ToList();
        foreach (var c in claims)
            if (!names.Contains(c.Metric, StringComparer.Ordinal))
                errors.Add(new Diagnostic(c.Where?.File ?? path, c.Where?.Line, c.Where?.Column,
                    $"claim '{c.Id}': unknown metric '{c.Metric}'{Suggest.DidYouMean(c.Metric, names)}; the metrics are listed by `entangle run --json` (docs/escalation.md)"));
        if (errors.Count > 0) throw new InputException(errors);
        var keys = claims.Select(c => c.Counterfactual.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var arms = new List<Arm> { baseline };
        foreach (var key in keys)
        {
            var cf = claims.First(c => c.Counterfactual.ToString() == key).Counterfactual;
            var where = claims.First(c => c.Counterfactual.ToString() == key).Where;
            try
            {
                arms.Add(EscalationService.Arm(Counterfactual(scenario, armRequest, cf, path), $"claim-counterfactual:{key}"));
            }
            catch (InputException e)
            {
                throw new InputException(e.Diagnostics.Select(d => new Diagnostic(where?.File ?? path, where?.Line, where?.Column, $"counterfactual '{key}': {d.Message}")).ToList());
            }
        }
        int ArmOf(Claim c) => 1 + keys.IndexOf(c.Counterfactual.ToString());

        status?.Invoke($"estimating {claims.Count} claims: {request.Runs} runs in each of {arms.Count} arms");
        var draws = request.Runs / request.Replicates;
        var options = new EnsembleOptions(draws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        var main = Cancellable.Run(cancel, () => Ensemble.Run(arms, [DesignPoint.None], options, false, Cancellable.Progress(null, cancel)))[0];

        IReadOnlyList<ScreenedParameter> parameters = [];
        MorrisDesign? morris = null;
        OatDesign? oat = null;
        ArmResult[][]? screened = null;
        var sDraws = request.ScreeningRuns / request.Replicates;
        var sOptions = new EnsembleOptions(sDraws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        if (request.Screen)
        {
            parameters = Screening.Select(baseline, request.Parameters);
            if (parameters.Count > 0)
            {
                var k = parameters.Count;
                morris = Morris.Design(k, request.Trajectories, new RandomStream(Seed.Derive(request.Seed, "morris")));
                oat = OneAtATime.Design(new double[k], request.Levels);
                var points = new List<DesignPoint>();
                foreach (var x in morris.Points) points.Add(Fix(parameters, x, null));
                for (var p = 0; p < oat.Points.Length; p++) points.Add(Fix(parameters, oat.Points[p], oat.Parameter[p]));
                status?.Invoke($"screening {k} parameters: {points.Count} design points × {arms.Count} arms × {request.ScreeningRuns} runs");
                screened = Cancellable.Run(cancel, () => Ensemble.Run(arms, points, sOptions, false, Cancellable.Progress(null, cancel)));
            }
        }

        var results = new List<ClaimResult>();
        foreach (var c in claims)
        {
            var a = ArmOf(c);
            var with = Metrics.Clusters(main[0].Metrics[c.Metric]);
            var without = Metrics.Clusters(Ensemble.Counts(main[a], c.Metric, options));
            var (verdict, _, diff, vr, _) = Decide(c, with, without);
            var hinges = new List<Hinge>();
            if (screened is not null && morris is not null && oat is not null)
            {
                var nM = morris.Points.Length;
                double Q(int p) => Decide(c, Metrics.Clusters(screened[p][0].Metrics[c.Metric]), Metrics.Clusters(Ensemble.Counts(screened[p][a], c.Metric, sOptions))).Quantity;
                var effects = Morris.Analyse(morris, Enumerable.Range(0, nM).Select(Q).ToArray());
                for (var i = 0; i < parameters.Count; i++)
                {
                    var scan = new List<ScanPoint>();
                    foreach (var p in oat.PointsOf(i))
                    {
                        var d = Decide(c, Metrics.Clusters(screened[nM + p][0].Metrics[c.Metric]), Metrics.Clusters(Ensemble.Counts(screened[nM + p][a], c.Metric, sOptions)));
                        scan.Add(new ScanPoint(Est.R(parameters[i].At(oat.Value[p])), Est.R(d.Shown.Estimate), Est.R(d.Shown.Lo), Est.R(d.Shown.Hi), d.Verdict.Name()));
                    }
                    var flip = OneAtATime.Crossing(scan.Select(s => s.Value).ToList(), scan.Select(s => s.Estimate).ToList(), Verdicts.Boundary(c));
                    var e = effects[i];
                    hinges.Add(new Hinge(parameters[i].Path, Est.R(e.MuStar), Est.R(e.Mu), Est.R(e.Sigma), Est.R(parameters[i].Lo), Est.R(parameters[i].Hi),
                        flip is { } f ? Est.R(f) : null, scan[0].Verdict, scan[^1].Verdict, scan));
                }
            }
            // rank: parameters whose scan crosses the verdict boundary first, then by μ*; ties by path
            var ranked = hinges.OrderByDescending(h => h.FlipsAt is not null).ThenByDescending(h => h.MuStar).ThenBy(h => h.Parameter, StringComparer.Ordinal).ToList();
            var top = ranked.Where(h => h.MuStar > 0 || h.FlipsAt is not null).Take(3).ToList();
            results.Add(new ClaimResult(c.Id, c.Title, c.Quote, c.Gloss, c.Source, c.Statement, c.Metric, c.DirectionText, c.Threshold,
                c.MinimumEffect, c.MinimumEffectBasis.Text, c.Counterfactual.ToString(), verdict.Name(),
                Est.Of(PairedDifference.Proportion(with)), Est.Of(PairedDifference.Proportion(without)), Est.Of(diff),
                vr is { } v ? Est.R(v) : null, top, ranked, c.Note,
                EscalationService.ReplayCommand(path, scenario.Info.Id, new EscalationRequest(Seed: request.Seed, Replicates: request.Replicates), $"claim:{c.Id}")
                + $" (run N = draw × {request.Replicates} + replicate; --arm baseline for the scenario as it is)"));
        }
        return new ClaimsResult(scenario.Info.Id, scenario.Info.Title,
            new ClaimsSettings(draws * request.Replicates, request.Replicates, draws, request.Seed, baseModel.Steps,
                request.Screen ? sDraws * request.Replicates : 0, request.Trajectories, request.Levels, parameters, VerdictRule,
                request.Overrides is { Count: > 0 } ov ? ov : null),
            results);
    }

    /// <summary>
    /// A claim's verdict from the two arms' counts, with the quantity the screening follows (the difference for a
    /// comparison, the with-estimate for a level claim) and the interval shown for it.
    /// </summary>
    public static (Verdict Verdict, double Quantity, IntervalEstimate Difference, double? VarianceReduction, IntervalEstimate Shown)
        Decide(Claim c, ClusterCounts with, ClusterCounts without)
    {
        var r = PairedDifference.Estimate(with, without);
        if (c.Direction is ClaimDirection.Below or ClaimDirection.Above)
        {
            var p = PairedDifference.Proportion(with);
            return (Verdicts.Level(c.Direction, c.Threshold ?? 0, p), p.Estimate, r.Difference, r.VarianceReduction, p);
        }
        return (Verdicts.Compare(c.Direction, c.MinimumEffect, r.Difference), r.Difference.Estimate, r.Difference, r.VarianceReduction, r.Difference);
    }


    /// <summary>A design point fixing every screened parameter (Morris) or only one (a scan; <paramref name="only"/>).</summary>
    internal static DesignPoint Fix(IReadOnlyList<ScreenedParameter> ps, double[] unit, int? only)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < ps.Count; i++)
            if (only is null || only == i) d[ps[i].Path] = ps[i].At(unit[i]);
        return new DesignPoint(d);
    }
}
