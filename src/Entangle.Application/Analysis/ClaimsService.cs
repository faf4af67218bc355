using Entangle.Scenarios;
using Entangle.Application.Escalation;
using Entangle.Application.Sweeps;
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
/// <param name="StressRuns">Runs per arm at each point of the stress test (the mechanism's parameters at the ends of their ranges). <value>Default 500.</value></param>
public sealed record ClaimsRequest(
    int Runs = 6000, int ScreeningRuns = 250, int Trajectories = 5, int Levels = 5, ulong Seed = 1, int Replicates = 5, int Threads = 0,
    IReadOnlyList<string>? Parameters = null, bool Screen = true, IReadOnlyList<string>? Overrides = null, int StressRuns = 500);

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
    double? VarianceReduction, IReadOnlyList<Hinge> HingesOn, IReadOnlyList<Hinge> Screening, string? Note, string? Replay = null,
    IReadOnlyList<ClaimPath>? Paths = null, string? Mechanism = null, StressTest? Stress = null, string? VerdictAtScenario = null);

/// <summary>A path in the mechanism map from the claim's counterfactual to its metric (docs/analysis.md).</summary>
public sealed record ClaimPath(IReadOnlyList<string> Nodes, IReadOnlyList<string> Mechanisms);

/// <summary>
/// The stress test of a claim: the effect with the mechanism's own parameters at the ends of their screening ranges,
/// one at a time and all together. For a comparison the effect is turned so that the claimed direction is positive;
/// for a level claim it is the signed difference with − without (the comparison shown beside the level).
/// </summary>
/// <param name="Lo">The smallest effect over the stress points (point estimate).</param>
/// <param name="Hi">The largest effect over the stress points (point estimate).</param>
/// <param name="HiUpper">The largest upper end of a stress point's 95% interval: below the minimum effect, the ranges cap the effect.</param>
/// <param name="LoAt">The stress point that gives <paramref name="Lo"/> (which parameter at which end).</param>
/// <param name="HiAt">The stress point that gives <paramref name="Hi"/>.</param>
/// <param name="Effect">What the effect is: "directed difference" (comparison) or "difference with − without" (level claim).</param>
public sealed record StressTest(IReadOnlyList<ScreenedParameter> Parameters, IReadOnlyList<StressPoint> Points, double Lo, double Hi, double HiUpper,
    string? LoAt = null, string? HiAt = null, string? Effect = null);

/// <summary>One stress point: which parameters were set where, and the effect with its 95% interval.</summary>
/// <param name="Runs">Runs per arm behind the point (the stress test's own, or the screening scan's when it reuses that point).</param>
public sealed record StressPoint(string Setting, double Estimate, double Lo, double Hi, int? Runs = null);

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
        "level: supported when the interval lies on the claimed side of the threshold, contradicted when on the other side; otherwise inconclusive. " +
        "untestable: the mechanism map has no path from the counterfactual to the metric. " +
        "bounded: a comparison contradicted at the scenario's values whose stress test (the path's own parameters at the ends of their ranges) keeps the interval's upper end below the minimum effect at every point.";

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
    /// <remarks>
    /// <paramref name="progress"/> receives (runs done, runs planned) over the three phases: the estimate, the screening
    /// and the stress test. Each phase's runs join the plan when the phase starts (the screening and stress designs
    /// depend on the map and on the estimate), so the planned total grows at each phase. The result does not depend on it.
    /// </remarks>
    public static ClaimsResult Test(ScenarioSource source, ClaimsRequest request, Action<string>? status = null, CancellationToken cancel = default,
        ISweepExecutor? executor = null, Action<long, long>? progress = null)
    {
        var phases = new PhasedProgress(progress, cancel);
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

        // the mechanism map of the scenario as it is: the paths from each claim's counterfactual to its metric
        var map = MechanismMap.Build(baseModel, baseline.Outcomes);
        var claimPaths = claims.ToDictionary(c => c.Id, c => PathsOf(map, c), StringComparer.Ordinal);

        status?.Invoke($"estimating {claims.Count} claims: {request.Runs} runs in each of {arms.Count} arms");
        var draws = request.Runs / request.Replicates;
        var options = new EnsembleOptions(draws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        var payloads = new[] { Sweep.Payload(source, scenario) };
        // each arm as a worker compiles it: the request's overrides, and for a counterfactual the claim whose counterfactual it is
        var overrides = request.Overrides ?? [];
        var armSpecs = arms.Select((arm, i) => (arm, i == 0 ? new ArmSpec(arm.Name, 0, [], overrides)
            : new ArmSpec(arm.Name, 0, [], overrides, claims.First(c => c.Counterfactual.ToString() == keys[i - 1]).Id))).ToList();
        var main = Cancellable.Run(cancel, () => Sweep.Ensemble(payloads, armSpecs, [DesignPoint.None], options, executor, phases.Next(), cancel))[0];

        IReadOnlyList<ScreenedParameter> parameters = [];
        MorrisDesign? morris = null;
        OatDesign? oat = null;
        ArmResult[][]? screened = null;
        var sDraws = request.ScreeningRuns / request.Replicates;
        var sOptions = new EnsembleOptions(sDraws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        if (request.Screen)
        {
            parameters = Screening.Select(baseline, request.Parameters,
                map.ParametersOn(claimPaths.Values.SelectMany(ps => ps).Select(p => new MapPath(p.Nodes, p.Mechanisms))));
            if (parameters.Count > 0)
            {
                var k = parameters.Count;
                morris = Morris.Design(k, request.Trajectories, new RandomStream(Seed.Derive(request.Seed, "morris")));
                oat = OneAtATime.Design(new double[k], request.Levels);
                var points = new List<DesignPoint>();
                foreach (var x in morris.Points) points.Add(Fix(parameters, x, null));
                for (var p = 0; p < oat.Points.Length; p++) points.Add(Fix(parameters, oat.Points[p], oat.Parameter[p]));
                status?.Invoke($"screening {k} parameters: {points.Count} design points × {arms.Count} arms × {request.ScreeningRuns} runs");
                screened = Cancellable.Run(cancel, () => Sweep.Ensemble(payloads, armSpecs, points, sOptions, executor, phases.Next(), cancel));
            }
        }

        // the stress test: for each claim with a path, the parameters of its paths at
        // the ends of their ranges (one at a time, then all low and all high), with common random numbers
        var stressDraws = Math.Max(1, request.StressRuns / request.Replicates);
        var stressOptions = new EnsembleOptions(stressDraws * request.Replicates, request.Seed, request.Replicates, request.Threads);
        var atScenario = new Dictionary<string, (Verdict Verdict, IntervalEstimate Diff, double? Vr, ClusterCounts With, ClusterCounts Without)>(StringComparer.Ordinal);
        foreach (var c in claims)
        {
            var with = Metrics.Clusters(main[0].Metrics[c.Metric]);
            var without = Metrics.Clusters(Ensemble.Counts(main[ArmOf(c)], c.Metric, options));
            var d = Decide(c, with, without);
            atScenario[c.Id] = (d.Verdict, d.Difference, d.VarianceReduction, with, without);
        }
        // every claim with a path is stressed (its effect's range is reported); only a contradicted comparison can turn
        // bounded, so only those get stress points of their own at StressRuns runs (the bounded verdict reads their
        // intervals). The others reuse the screening's one-at-a-time scan where it already ran the same point (a
        // parameter at an end of its range, the others as in the scenario; ScreeningRuns runs) and run the rest at
        // StressRuns. Points with equal settings are run once.
        var stressPlans = new Dictionary<string, (IReadOnlyList<ScreenedParameter> Ps, List<(string Setting, int Point, bool FromScreening)> Points)>(StringComparer.Ordinal);
        var stressPoints = new List<DesignPoint>();
        var stressIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var screenIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        if (screened is not null && oat is not null)
            for (var i = 0; i < parameters.Count; i++)
            {
                var ends = oat.PointsOf(i).ToList();
                screenIndex[PointKey(Fix(parameters, oat.Points[ends[0]], i))] = morris!.Points.Length + ends[0];
                screenIndex[PointKey(Fix(parameters, oat.Points[ends[^1]], i))] = morris.Points.Length + ends[^1];
            }
        foreach (var c in claims)
        {
            if (claimPaths[c.Id].Count == 0) continue;
            var ps = map.ParametersOn(claimPaths[c.Id].Select(p => new MapPath(p.Nodes, p.Mechanisms))).Where(baseline.HasParameter)
                .Select(p => Screening.Describe(p, baseModel.Spec(p))).Where(p => p.Hi > p.Lo).ToList();
            if (ps.Count == 0) continue;
            var candidate = c.Direction is ClaimDirection.HigherWith or ClaimDirection.LowerWith && atScenario[c.Id].Verdict == Verdict.Contradicted;
            var pts = new List<(string, int, bool)>();
            foreach (var (setting, point) in StressDesign(ps))
            {
                var key = PointKey(point);
                if (!candidate && screenIndex.TryGetValue(key, out var sp)) { pts.Add((setting, sp, true)); continue; }
                if (!stressIndex.TryGetValue(key, out var at)) { at = stressPoints.Count; stressIndex[key] = at; stressPoints.Add(point); }
                pts.Add((setting, at, false));
            }
            stressPlans[c.Id] = (ps, pts);
        }
        ArmResult[][]? stressed = null;
        if (stressPoints.Count > 0)
        {
            status?.Invoke($"stress test: {stressPoints.Count} points × {arms.Count} arms × {stressOptions.Runs} runs");
            stressed = Cancellable.Run(cancel, () => Ensemble.Run(arms, stressPoints, stressOptions, false, phases.Next()));
        }

        var results = new List<ClaimResult>();
        foreach (var c in claims)
        {
            var a = ArmOf(c);
            var (verdictAtScenario, diff, vr, with, without) = atScenario[c.Id];
            StressTest? stress = null;
            var diffs = new List<IntervalEstimate>();
            var level = c.Direction is ClaimDirection.Below or ClaimDirection.Above;
            if (stressPlans.TryGetValue(c.Id, out var plan))
            {
                var pts = new List<StressPoint>();
                foreach (var (setting, at, fromScreening) in plan.Points)
                {
                    var r = fromScreening ? screened![at] : stressed![at];
                    var dd = PairedDifference.Estimate(Metrics.Clusters(r[0].Metrics[c.Metric]), Metrics.Clusters(Ensemble.Counts(r[a], c.Metric, fromScreening ? sOptions : stressOptions))).Difference;
                    diffs.Add(dd);
                    var (e, lo, hi) = level ? (dd.Estimate, dd.Lo, dd.Hi) : Verdicts.Directed(c.Direction, dd);
                    pts.Add(new StressPoint(setting, Est.R(e), Est.R(lo), Est.R(hi), fromScreening ? sOptions.Runs : stressOptions.Runs));
                }
                // the first point in design order wins a tie, so the extremes' settings do not depend on anything else
                var min = pts.Aggregate((x, y) => y.Estimate < x.Estimate ? y : x);
                var max = pts.Aggregate((x, y) => y.Estimate > x.Estimate ? y : x);
                stress = new StressTest(plan.Ps, pts, min.Estimate, max.Estimate, pts.Max(p => p.Hi), min.Setting, max.Setting,
                    level ? "difference with − without" : "directed difference");
            }
            var paths = claimPaths[c.Id];
            var capped = !level && Verdicts.CappedBelow(c.Direction, c.MinimumEffect, diffs);
            var verdict = Verdicts.Final(verdictAtScenario, paths.Count > 0, capped);
            var mechanism = Explain(map, c, paths, verdict, stress);
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
                + $" (run N = draw × {request.Replicates} + replicate; --arm baseline for the scenario as it is)",
                paths, mechanism, stress, verdictAtScenario.Name()));
        }
        return new ClaimsResult(scenario.Info.Id, scenario.Info.Title,
            new ClaimsSettings(draws * request.Replicates, request.Replicates, draws, request.Seed, baseModel.Steps,
                request.Screen ? sDraws * request.Replicates : 0, request.Trajectories, request.Levels, parameters, VerdictRule,
                request.Overrides is { Count: > 0 } ov ? ov : null),
            results);
    }

    /// <summary>The paths in the map from a claim's counterfactual (its removed treaties and set parameters) to its metric.</summary>
    public static IReadOnlyList<ClaimPath> PathsOf(MechanismMap map, Claim c)
    {
        var target = MapNode.Metric(c.Metric);
        var sources = c.Counterfactual.WithoutTreaties.Select(MapNode.Treaty).Concat(c.Counterfactual.Set.Keys.Select(MapNode.Param));
        return sources.SelectMany(s => map.Paths(s, target)).Select(p => new ClaimPath(p.Nodes, p.Mechanisms)).ToList();
    }

    /// <summary>A design point's identity: its settings in path order (12 significant digits, so a scan's end Lo + 1·(Hi − Lo) is the range's Hi).</summary>
    private static string PointKey(DesignPoint p) =>
        string.Join(";", p.Fixed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value.ToString("G12", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Stress points: each parameter at its low and its high end (the others as in the scenario), then all low and all high.</summary>
    private static List<(string Setting, DesignPoint Point)> StressDesign(IReadOnlyList<ScreenedParameter> ps)
    {
        var list = new List<(string, DesignPoint)>();
        string F(double x) => Screening.Fmt(x);
        foreach (var p in ps)
        {
            list.Add(($"{p.Path} = {F(p.Lo)}", new DesignPoint(new Dictionary<string, double>(StringComparer.Ordinal) { [p.Path] = p.Lo })));
            list.Add(($"{p.Path} = {F(p.Hi)}", new DesignPoint(new Dictionary<string, double>(StringComparer.Ordinal) { [p.Path] = p.Hi })));
        }
        if (ps.Count > 1)
        {
            list.Add(("all at their low ends", new DesignPoint(ps.ToDictionary(p => p.Path, p => p.Lo, StringComparer.Ordinal))));
            list.Add(("all at their high ends", new DesignPoint(ps.ToDictionary(p => p.Path, p => p.Hi, StringComparer.Ordinal))));
        }
        return list;
    }

    /// <summary>Why the verdict: the mechanism that produces it, in one paragraph (the paths, the missing link, the stress range).</summary>
    private static string Explain(MechanismMap map, Claim c, IReadOnlyList<ClaimPath> paths, Verdict verdict, StressTest? stress)
    {
        var from = c.Counterfactual.ToString();
        var metric = MapNode.Metric(c.Metric);
        if (paths.Count == 0)
        {
            var sources = c.Counterfactual.WithoutTreaties.Select(MapNode.Treaty).Concat(c.Counterfactual.Set.Keys.Select(MapNode.Param)).ToList();
            var reached = sources.SelectMany(map.Reachable).ToHashSet(StringComparer.Ordinal);
            var inputs = map.InputsOf(metric);
            return $"No path in the mechanism map from the counterfactual ({from}) to {c.Metric}: the metric reads {(inputs.Count == 0 ? "nothing" : string.Join(", ", inputs))}, "
                + $"and the counterfactual reaches none of them (it reaches {string.Join(", ", reached.Where(n => !sources.Contains(n)).OrderBy(x => x, StringComparer.Ordinal).Take(8))}{(reached.Count > 9 ? ", …" : "")}). "
                + "The missing link is a mechanism from what the treaty changes to what the metric reads; the model cannot test the claim.";
        }
        var shortest = paths[0];
        var text = $"Shortest path: {string.Join(" → ", shortest.Nodes)} ({string.Join("; ", shortest.Mechanisms.Distinct())}).";
        if (stress is not null)
            text += FormattableString.Invariant($" Stress test over {string.Join(", ", stress.Parameters.Select(p => p.Path))}: the {stress.Effect} ranges {stress.Lo:0.####} (at {stress.LoAt}) to {stress.Hi:0.####} (at {stress.HiAt}), largest upper 95% end {stress.HiUpper:0.####}, against a minimum of {c.MinimumEffect}.");
        else text += " No parameter of the path's mechanisms has a range to stress.";
        return verdict switch
        {
            Verdict.Bounded => text + " Even at the ends of those ranges the mechanism cannot move the metric by the minimum effect: the ranges cap it.",
            Verdict.Contradicted => text + (stress is null
                ? " At the scenario's values the effect is ruled out; no parameter of the path's own mechanisms is free to stress."
                : " At the scenario's values the effect is ruled out, but some end of a range lets it reach the minimum: the verdict rests on the scenario's values."),
            _ => text,
        };
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

    /// <summary>Progress over consecutive phases: each phase's (done, total) is added to the phases before it.</summary>
    private sealed class PhasedProgress(Action<long, long>? progress, CancellationToken cancel)
    {
        private long _before, _current;

        /// <summary>The engine callback for the next phase (null when nobody listens and nothing can cancel).</summary>
        public Action<int, int>? Next()
        {
            _before += _current;
            _current = 0;
            if (progress is null) return Cancellable.Progress(null, cancel);
            return (done, total) =>
            {
                cancel.ThrowIfCancellationRequested();
                _current = Math.Max(_current, total);
                progress(_before + done, _before + total);
            };
        }
    }
}
