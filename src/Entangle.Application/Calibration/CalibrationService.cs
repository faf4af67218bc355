using System.Globalization;
using Entangle.Application.Backtest;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Calibration;

/// <summary>A parameter the calibration fits, with its prior range (uniform).</summary>
public sealed record CalibratedParameter(string Path, double Lo, double Hi, string Meaning);

/// <summary>What to calibrate.</summary>
/// <param name="Points">Parameter points drawn from the prior (a scrambled stratified design).</param>
/// <param name="Runs">Runs per training crisis at each point.</param>
/// <param name="AcceptShare">ABC: the share of points accepted (the tolerance is the distance of the last accepted).</param>
/// <param name="CheckRuns">Runs per crisis for the final check of the fitted parameters.</param>
/// <param name="Posterior">brier: also accept, by ABC on the loss, the last round's points that cannot be told from the optimum (a posterior of joint draws).</param>
/// <param name="MaxCrises">Use only every k-th training crisis so that at most this many remain (0: all); for the small CI version.</param>
public sealed record CalibrationRequest(string Method = "abc", int Split = 2000, int Points = 96, int Runs = 20, double AcceptShare = 0.1,
    int CheckRuns = 60, ulong Seed = 1, int Threads = 0, int MaxCrises = 0, int Rounds = 2, bool Posterior = false)
{
    /// <summary>
    /// Throws <see cref="InputException"/> naming the first field out of range by its request name (not a CLI flag;
    /// the front end that took the value shows it), before any work (<see cref="CalibrationService.Run"/> calls this).
    /// </summary>
    public CalibrationRequest Validate()
    {
        if (Method is not ("abc" or "smm" or "brier")) throw new InputException($"method {Method}: must be abc, smm or brier");
        if (Points < 2) throw new InputException($"points {Points}: must be at least 2");
        if (Runs < 1) throw new InputException($"runs {Runs}: must be at least 1");
        if (Threads < 0) throw new InputException($"threads {Threads}: must be 0 (all cores) or more");
        if (Rounds < 1 || Rounds > 5) throw new InputException($"rounds {Rounds}: must lie in 1..5");
        if (Posterior && Method != "brier") throw new InputException($"posterior: only with method brier (abc gives a posterior of its own; smm gives a point)");
        return this;
    }
}

/// <summary>The training moments the fit matches, each with its sampling error.</summary>
public sealed record Moments(double WarShare, double SeriousShare, double MedianDays, double LongShare, double InterventionShare,
    double NuclearPairWarShare, int NuclearPairCrises, double? MidBothNuclearMutualForce, int MidBothNuclearDisputes, int Crises)
{
    public IReadOnlyList<(string Name, double Value)> Named =>
    [
        ("war share (viol = 4)", WarShare), ("serious-violence share (viol >= 3)", SeriousShare), ("median duration, days", MedianDays),
        ("share longer than 6 months", LongShare), ("superpower military intervention share", InterventionShare),
        ("war share between nuclear-armed adversaries", NuclearPairWarShare),
        ("MID both-nuclear mutual use of force (model: clashes in both-nuclear crises)", MidBothNuclearMutualForce ?? double.NaN),
    ];
}

/// <summary>
/// Fits global parameters of the escalation engine to the ICB crises triggered before the split (and to MID disputes
/// before it) by approximate Bayesian computation (rejection: keep the points nearest the observed moments), by the
/// simulated method of moments (the point that minimises the weighted distance), or by a proper score (<c>brier</c>:
/// the point whose per-crisis forecasts have the smallest Brier score over the training crises, summed over the four
/// targets). Distance: Σ ((simulated − observed) / se)² over the moments, se the observed moment's sampling error.
/// Moments fit base rates only, which rewards a model that forecasts the same probability for every crisis; the Brier
/// fit also rewards telling crises apart. Whatever the method, the moments are checked at the fitted parameters.
/// Only <see cref="TrainingSet"/> crises reach it.
/// </summary>
public static class CalibrationService
{
    /// <summary>The parameters fitted and their prior ranges (judgements: wide ranges around the catalog defaults).</summary>
    public static readonly IReadOnlyList<CalibratedParameter> Parameters =
    [
        new("actor.*.lambda", 2, 60, "rationality λ of the logit choice (every actor)"),
        new("global.settlement_rate", 0.01, 0.6, "base settlement chance per month"),
        new("global.settlement_escalation_decay", 0, 2, "fall of the settlement log-rate per level above the floor"),
        new("global.freeze_steps", 1, 8, "months of unchanged postures that end a crisis in a freeze"),
        new("threshold.nuclear-war-unthinkable.premium", 0, 3, "premium for crossing from clashes to war"),
        new("ladder.clashes.cost", 0.1, 1.5, "cost per month of armed clashes"),
        new("ladder.conventional-war.cost", 0.3, 4, "cost per month of conventional war"),
        new("actor.*.intervention_bias", -4, 1, "utility of a voluntary intervention"),
        new("stake.*.crisis", 0.3, 4, "every stake in a generated crisis (principals and supporters alike)"),
        new("global.accident", 0, 0.2, "chance that an action lands one level higher than chosen"),
        new($"event.{CaseScenarios.ViolentTriggerEvent}.probability", 0, 1, "chance that a violent trigger (ICB break 8 or 9) raises its author's posture one level in the first month (generated crises only)"),
        new("global.settlement_dispersion", 0, 5, "sd of the log settlement hazard across runs (a frailty: some crises settle fast, others drag on)"),
    ];

    /// <summary>
    /// A duration target of the Brier fit only (not a backtest target): the crisis lasts more than three months, ICB
    /// <c>brexit</c> &gt; <see cref="QuarterDays"/> days, in the model not ended after step <see cref="QuarterSteps"/>. With the
    /// six-month target it gives the fit a view of the shape of the duration distribution below six months (where the
    /// median lies), which the four backtest targets do not see. The quarter is the midpoint of the six months, a
    /// judgement fixed before fitting (the same days-to-steps convention as <see cref="Targets.LongDays"/>).
    /// </summary>
    public const string Quarter = "over-3-months";
    public const int QuarterDays = 91, QuarterSteps = 3;

    /// <summary>The targets of the Brier loss: the four backtest targets and the fit-only duration target.</summary>
    public static readonly IReadOnlyList<string> FitTargets = [.. Targets.All, Quarter];

    private static double? ObservedFit(CrisisCase c, string t) =>
        t == Quarter ? c.Outcomes.DurationDays is { } d ? (d > QuarterDays ? 1 : 0) : null : c.Observed(t);

    /// <summary>The share of a crisis's runs that hit a fit target (the quarter target from the end-step histogram).</summary>
    public static double ShareFit(CaseCounts c, string t)
    {
        if (t != Quarter) return c.P(t);
        long later = 0;
        for (var k = QuarterSteps + 1; k < c.EndStep.Length; k++) later += c.EndStep[k];
        return c.Runs == 0 ? 0 : (double)later / c.Runs;
    }

    /// <summary>Observed training moments (ICB before the split; MID both-nuclear disputes begun before it, when MID is imported).</summary>
    public static Moments Observe(TrainingSet training, ReferenceData data)
    {
        var c = training.Cases;
        double Share(Func<CrisisCase, bool> f, IEnumerable<CrisisCase> s) { var l = s.ToList(); return l.Count == 0 ? 0 : (double)l.Count(f) / l.Count; }
        var durations = c.Where(x => x.Outcomes.DurationDays is not null).Select(x => (double)x.Outcomes.DurationDays!.Value).Order().ToList();
        var median = durations.Count == 0 ? 0 : durations.Count % 2 == 1 ? durations[durations.Count / 2] : (durations[durations.Count / 2 - 1] + durations[durations.Count / 2]) / 2;
        var nuc = c.Where(x => x.Features.AllPrincipalsNuclear).ToList();
        double? mid = null; var midN = 0;
        if (data.Has("mid"))
        {
            var tests = NuclearFirstTests.All;
            var hits = 0;
            foreach (var a in tests)
                foreach (var b in tests.Where(b => b.Ccode > a.Ccode))
                {
                    var rows = data.Mid.DyadYears(a.Ccode, b.Ccode).GroupBy(r => r.Dispnum).Select(g => g.OrderBy(r => r.Year).First())
                        .Where(r => r.Year < training.Split.Year && r.Year > a.Date.Year && r.Year > b.Date.Year).ToList();
                    midN += rows.Count; hits += rows.Count(r => r.MutualForce);
                }
            mid = midN == 0 ? null : (double)hits / midN;
        }
        return new Moments(Share(x => x.Outcomes.Violence == 4, c), Share(x => x.Outcomes.Violence >= 3, c), median,
            Share(x => x.Observed(Targets.Long) == 1, c.Where(x => x.Observed(Targets.Long) is not null)), Share(x => x.Outcomes.Intervention, c),
            Share(x => x.Outcomes.Violence == 4, nuc), nuc.Count, mid, midN, c.Count);
    }

    /// <summary>The model's moments over the training crises from their counts at one point.</summary>
    public static Moments Simulate(IReadOnlyList<CrisisCase> cases, IReadOnlyList<CaseCounts?> counts, double? midObserved, int midN)
    {
        double Mean(Func<int, double> f, IEnumerable<int> idx) { var l = idx.ToList(); return l.Count == 0 ? 0 : l.Average(f); }
        var ok = Enumerable.Range(0, cases.Count).Where(i => counts[i] is { Runs: > 0 }).ToList();
        var nuc = ok.Where(i => cases[i].Features.AllPrincipalsNuclear).ToList();
        // median duration: end at step k spread uniformly over month (k − 1, k]; not ended within the horizon counts as beyond it
        var steps = counts[ok[0]]!.EndStep.Length;
        var hist = new double[steps];
        foreach (var i in ok) for (var k = 0; k < steps; k++) hist[k] += (double)counts[i]!.EndStep[k] / counts[i]!.Runs;
        var total = hist.Sum(); double acc = 0, medianMonths = steps - 2;
        for (var k = 1; k < steps - 1; k++)
        {
            if (hist[k] > 0 && acc + hist[k] >= total / 2) { medianMonths = k - 1 + (total / 2 - acc) / hist[k]; break; }
            acc += hist[k];
        }
        return new Moments(Mean(i => counts[i]!.P(Targets.War), ok), Mean(i => counts[i]!.P(Targets.Serious), ok), medianMonths * DaysPerMonth,
            Mean(i => counts[i]!.P(Targets.Long), ok), Mean(i => counts[i]!.P(Targets.Intervention), ok),
            Mean(i => counts[i]!.P(Targets.War), nuc), nuc.Count, midObserved is null ? null : Mean(i => counts[i]!.P(Targets.Serious), nuc), midN, ok.Count);
    }

    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>Sampling errors of the observed moments: binomial for shares (rule of three for a zero share), bootstrap for the median.</summary>
    public static double[] StandardErrors(Moments o, TrainingSet t, ulong seed)
    {
        double Bin(double p, int n) => n == 0 ? double.NaN : p == 0 ? 3.0 / n / 2 : Math.Sqrt(p * (1 - p) / n);
        var n = o.Crises;
        var durations = t.Cases.Where(x => x.Outcomes.DurationDays is not null).Select(x => (double)x.Outcomes.DurationDays!.Value).ToList();
        var rng = new RandomStream(Seed.Derive(seed, "median-se"));
        var meds = new List<double>();
        for (var b = 0; b < 500; b++)
        {
            var s = Enumerable.Range(0, durations.Count).Select(_ => durations[Math.Min(durations.Count - 1, (int)(rng.NextDouble() * durations.Count))]).Order().ToList();
            meds.Add(s[s.Count / 2]);
        }
        var mm = meds.Average();
        var medSe = Math.Sqrt(meds.Sum(m => (m - mm) * (m - mm)) / (meds.Count - 1));
        var longN = t.Cases.Count(x => x.Observed(Targets.Long) is not null);
        return [Bin(o.WarShare, n), Bin(o.SeriousShare, n), medSe, Bin(o.LongShare, longN), Bin(o.InterventionShare, n),
            Bin(o.NuclearPairWarShare, o.NuclearPairCrises), o.MidBothNuclearMutualForce is { } m ? Bin(m, o.MidBothNuclearDisputes) : double.NaN];
    }

    /// <summary>
    /// The Brier loss of one parameter point: for each target, the mean over the training crises (those with the target
    /// coded) of (p̂ − y)² − p̂(1 − p̂)/(n − 1), p̂ = k/n the share of n runs that hit, an unbiased estimate of (p − y)²
    /// for the model's true probability p; summed over the fit targets (<see cref="FitTargets"/>).
    /// </summary>
    public static double BrierLoss(IReadOnlyList<CrisisCase> cases, IReadOnlyList<CaseCounts?> counts)
    {
        double loss = 0;
        foreach (var t in FitTargets)
        {
            double sum = 0; var n = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                if (counts[i] is not { Runs: > 0 } c || ObservedFit(cases[i], t) is not { } y) continue;
                var p = ShareFit(c, t);
                sum += UnbiasedSquaredError(p, c.Runs, y); n++;
            }
            if (n > 0) loss += sum / n;
        }
        return loss;
    }

    /// <summary>
    /// Each crisis's share of the Brier loss at one point: Σ over targets of its corrected squared error × (crises /
    /// crises with that target coded), so that the mean over crises is <see cref="BrierLoss"/>.
    /// </summary>
    public static double[] BrierLossPerCrisis(IReadOnlyList<CrisisCase> cases, IReadOnlyList<CaseCounts?> counts)
    {
        var ok = Enumerable.Range(0, cases.Count).Where(i => counts[i] is { Runs: > 0 }).ToList();
        var loss = new double[ok.Count];
        foreach (var t in FitTargets)
        {
            var coded = ok.Count(i => ObservedFit(cases[i], t) is not null);
            if (coded == 0) continue;
            for (var k = 0; k < ok.Count; k++)
                if (ObservedFit(cases[ok[k]], t) is { } y)
                    loss[k] += UnbiasedSquaredError(ShareFit(counts[ok[k]]!, t), counts[ok[k]]!.Runs, y) * ok.Count / coded;
        }
        return loss;
    }

    /// <summary>
    /// The points of a round accepted by ABC on the Brier loss around the optimum <paramref name="best"/>: those whose
    /// mean per-crisis loss exceeds the optimum's by at most 2 standard errors of the paired per-crisis difference (the
    /// optimum is always accepted). Returns them in loss order and the tolerance (the largest accepted excess).
    /// </summary>
    public static (List<int> Accepted, double Tolerance) BrierPosterior(IReadOnlyList<CrisisCase> cases, CaseCounts[][] counts, int best)
    {
        var points = counts[0].Length;
        var per = Enumerable.Range(0, points).Select(p => BrierLossPerCrisis(cases, counts.Select(c => (CaseCounts?)c[p]).ToList())).ToArray();
        var n = per[best].Length;
        var excess = new double[points];
        var accepted = new List<int>();
        for (var p = 0; p < points; p++)
        {
            var d = Enumerable.Range(0, n).Select(i => per[p][i] - per[best][i]).ToArray();
            var mean = d.Average();
            var se = n < 2 ? 0 : Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n);
            excess[p] = mean;
            if (p == best || mean <= 2 * se) accepted.Add(p);
        }
        accepted = accepted.OrderBy(p => excess[p]).ThenBy(p => p).ToList();
        return (accepted, Math.Max(0, accepted.Max(p => excess[p])));
    }

    /// <summary>(p̂ − y)² − p̂(1 − p̂)/(n − 1): unbiased for (p − y)² when p̂ is the share of n independent runs (n = 1: the plain square).</summary>
    public static double UnbiasedSquaredError(double share, long runs, double y) =>
        (share - y) * (share - y) - (runs > 1 ? share * (1 - share) / (runs - 1) : 0);

    /// <summary>Σ ((sim − obs) / se)² over the moments that have a finite se.</summary>
    public static double Distance(Moments sim, Moments obs, double[] se)
    {
        double d = 0;
        var s = sim.Named; var o = obs.Named;
        for (var i = 0; i < se.Length; i++)
            if (double.IsFinite(se[i]) && se[i] > 0 && double.IsFinite(s[i].Value) && double.IsFinite(o[i].Value))
                d += Math.Pow((s[i].Value - o[i].Value) / se[i], 2);
        return d;
    }

    /// <summary>A stratified (Latin hypercube) design of <paramref name="n"/> points on the prior box, seeded.</summary>
    public static List<double[]> Design(int n, ulong seed) => Design(n, seed, Parameters.Select(p => (p.Lo, p.Hi)).ToArray());

    /// <summary>A Latin hypercube of <paramref name="n"/> points on the box <paramref name="box"/>, seeded.</summary>
    public static List<double[]> Design(int n, ulong seed, (double Lo, double Hi)[] box)
    {
        var k = Parameters.Count;
        var rng = new RandomStream(Seed.Derive(seed, "design"));
        var cols = new double[k][];
        for (var j = 0; j < k; j++)
        {
            var perm = Enumerable.Range(0, n).ToArray();
            for (var i = n - 1; i > 0; i--) { var r = (int)(rng.NextDouble() * (i + 1)); if (r > i) r = i; (perm[i], perm[r]) = (perm[r], perm[i]); }
            cols[j] = perm.Select(p => box[j].Lo + (box[j].Hi - box[j].Lo) * (p + rng.NextDouble()) / n).ToArray();
        }
        return Enumerable.Range(0, n).Select(i => Enumerable.Range(0, k).Select(j => cols[j][i]).ToArray()).ToList();
    }

    public static ParameterPoint Point(double[] x) => new(Parameters.Select((p, j) => new KeyValuePair<string, double>(p.Path, x[j])).ToList());

    /// <summary>Runs the calibration and returns the calibration file (not yet written).</summary>
    public static CalibrationFile Run(ReferenceData data, CalibrationRequest r, Action<string, int, int>? progress = null, Sweeps.ISweepExecutor? executor = null)
    {
        r.Validate();
        var all = CrisisCases.Build(data);
        var training = new Split(r.Split).Training(all);
        var cases = training.Cases;
        if (cases.Count == 0)
            throw new InputException($"split {r.Split}: no training crises: none of the {all.Count} imported ICB crises was triggered before {r.Split}; choose a later --split");
        if (r.MaxCrises > 0 && cases.Count > r.MaxCrises)
        {
            var step = (int)Math.Ceiling((double)cases.Count / r.MaxCrises);
            training = new TrainingSet(training.Split, cases.Where((_, i) => i % step == 0).ToList());
            cases = training.Cases;
        }
        var observed = Observe(training, data);
        var se = StandardErrors(observed, training, r.Seed);
        var box = Parameters.Select(p => (p.Lo, p.Hi)).ToArray();
        var opts = new RunnerOptions(r.Runs, r.Seed, 10, r.Threads);
        List<double[]> design = [];
        double[] distances = [];
        List<int> order = [];
        CaseCounts[][] counts = [];
        for (var round = 0; round < r.Rounds; round++)
        {
            design = Design(r.Points, Seed.Derive(r.Seed, "round", (ulong)round), box);
            var points = design.Select(Point).ToList();
            counts = Sweeps.Sweep.Backtest(cases, null, points, opts, executor, progress is null ? null : (d, t) => progress($"fit, round {round + 1} of {r.Rounds}", d, t));
            distances = new double[points.Count];
            for (var p = 0; p < points.Count; p++)
                distances[p] = r.Method == "brier" ? BrierLoss(cases, counts.Select(c => (CaseCounts?)c[p]).ToList()) : Distance(Simulate(cases, counts.Select(c => (CaseCounts?)c[p]).ToList(), observed.MidBothNuclearMutualForce, observed.MidBothNuclearDisputes), observed, se);
            order = Enumerable.Range(0, points.Count).OrderBy(p => distances[p]).ThenBy(p => p).ToList();
            // the next round's box: the accepted points' range, widened by a tenth of it each way, within the prior
            var keepNow = order.Take(Math.Max(2, (int)Math.Round(r.AcceptShare * points.Count))).ToList();
            box = Parameters.Select((p, j) =>
            {
                double lo = keepNow.Min(i => design[i][j]), hi = keepNow.Max(i => design[i][j]), w = (hi - lo) * 0.1;
                return (Math.Max(p.Lo, lo - w), Math.Min(p.Hi, hi + w));
            }).ToArray();
        }
        List<FittedParameter> fitted;
        List<CalibrationDraw>? draws = null;
        double? tolerance;
        int accepted;
        if (r.Method == "abc")
        {
            accepted = Math.Max(2, (int)Math.Round(r.AcceptShare * design.Count));
            var keep = order.Take(accepted).ToList();
            tolerance = distances[keep[^1]];
            fitted = Parameters.Select((p, j) =>
            {
                var v = keep.Select(i => design[i][j]).ToList();
                var mean = v.Average(); var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
                return new FittedParameter(p.Path, R(mean), R(sd), p.Lo, p.Hi, p.Lo, p.Hi);
            }).ToList();
        }
        else if (r.Method == "brier" && r.Posterior)
        {
            // ABC around the Brier optimum: the last round's points whose loss cannot be told from the optimum's
            var (keep, eps) = BrierPosterior(cases, counts, order[0]);
            accepted = keep.Count; tolerance = R(eps);
            draws = keep.Select(i => new CalibrationDraw(design[i].Select(R).ToList(), R(distances[i]))).ToList();
            fitted = Parameters.Select((p, j) =>
            {
                var v = keep.Select(i => design[i][j]).ToList();
                var mean = v.Average(); var sd = v.Count < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
                return new FittedParameter(p.Path, R(mean), R(sd), p.Lo, p.Hi, p.Lo, p.Hi, R(design[order[0]][j]));
            }).ToList();
        }
        else
        {
            // smm and brier without --posterior: the single best point of the last round
            accepted = 1; tolerance = null;
            fitted = Parameters.Select((p, j) => new FittedParameter(p.Path, R(design[order[0]][j]), 0, p.Lo, p.Hi, p.Lo, p.Hi)).ToList();
        }
        var file = new CalibrationFile(CalibrationFile.FormatName, r.Method,
            r.Method == "abc"
                ? $"approximate Bayesian computation, rejection in {r.Rounds} rounds: each round draws {r.Points} points from a Latin hypercube, the first on the uniform prior box, each later one on the box of the previous round's accepted points widened by a tenth each way (a sequential refinement without importance weights, so the result approximates the posterior near its mode); {r.Runs} runs per training crisis at each point; the final round's {accepted} nearest (distance Σ((sim−obs)/se)², tolerance = the largest accepted distance) form the posterior, written as each parameter's mean and sd (a normal clamped to the prior range; correlations are not kept)"
                : r.Method == "brier" && r.Posterior
                ? $"proper score with a posterior: {r.Rounds} rounds of {r.Points} points from a Latin hypercube (the first on the prior box, each later one on the box of the previous round's best {r.AcceptShare:P0} widened by a tenth), {r.Runs} runs per training crisis each (common random numbers across points); loss: the sum over the five targets ({string.Join(", ", FitTargets)}: the four backtest targets and the fit-only duration target {Quarter}, brexit > {QuarterDays} days) of the mean Brier score of the model's per-crisis forecasts over the training crises (each crisis's squared error corrected for the Monte Carlo variance of a {r.Runs}-run share, so the loss is unbiased); loss at the optimum {F(distances[order[0]])}. Posterior (approximate Bayesian computation on the loss, around the optimum): of the last round's {r.Points} points (a uniform prior on that round's box), those whose loss exceeds the optimum's by at most 2 standard errors of the paired per-crisis difference (the training set's sampling error; tolerance = the largest accepted excess) are accepted: {accepted} draws, written jointly; each run of a calibrated scenario takes one whole draw (correlations kept); 'best' is the optimum, 'mean' and 'sd' summarise the draws; the moments below are a check at the draws, not fitted"
                : r.Method == "brier"
                ? $"proper score: {r.Rounds} rounds of {r.Points} points from a Latin hypercube (the first on the prior box, each later one on the box of the previous round's best {r.AcceptShare:P0} widened by a tenth), {r.Runs} runs per training crisis each (common random numbers across points); the point with the smallest loss, the sum over the five targets ({string.Join(", ", FitTargets)}: the four backtest targets and the fit-only duration target {Quarter}, brexit > {QuarterDays} days) of the mean Brier score of the model's per-crisis forecasts over the training crises (each crisis's squared error corrected for the Monte Carlo variance of a {r.Runs}-run share, so the loss is unbiased); loss at the fitted point {F(distances[order[0]])}; the moments below are a check, not fitted"
                : $"simulated method of moments: {r.Rounds} rounds of {r.Points} points from a Latin hypercube (the first on the prior box, each later one on the box of the previous round's best {r.AcceptShare:P0} widened by a tenth), {r.Runs} runs per training crisis each (common random numbers across points); the point with the smallest weighted distance Σ((sim−obs)/se)²",
            r.Split, r.Seed, r.Runs, r.Points * r.Rounds, accepted, tolerance is { } tl ? R(tl) : null,
            data.Sources().Where(s => s.Kind is "icb" or "cow-nmc" or "atop" or "cow-states" or "mid")
                .SelectMany(s => s.Files.Select(f => new CalibrationDataFile(s.Dataset, s.Version, f.FileName, f.Sha256))).ToList(),
            fitted, [], cases.Count,
            "Fitted to ICB crises triggered before the split only (TrainingSet refuses any later crisis); the validation crises were not used in fitting, structure choice or tuning.",
            draws);
        // check: the fitted parameters (distributions for ABC) reproduce the moments?
        var check = Check(file, data, training, r with { Runs = r.CheckRuns }, progress, executor);
        return file with { Targets = check };
    }

    /// <summary>Runs the training crises with the calibration's parameters and compares each moment with its observed value (met: within 2 se).</summary>
    public static IReadOnlyList<CalibrationTarget> Check(CalibrationFile file, ReferenceData data, TrainingSet training, CalibrationRequest r,
        Action<string, int, int>? progress = null, Sweeps.ISweepExecutor? executor = null)
    {
        var observed = Observe(training, data);
        var se = StandardErrors(observed, training, r.Seed);
        var opts = new RunnerOptions(r.Runs, Seed.Derive(r.Seed, "check"), 10, r.Threads);
        var counts = Sweeps.Sweep.Backtest(training.Cases, file, [ParameterPoint.None], opts, executor,
            progress is null ? null : (d, t) => progress("check", d, t));
        var sim = Simulate(training.Cases, counts.Select(c => (CaseCounts?)c[0]).ToList(), observed.MidBothNuclearMutualForce, observed.MidBothNuclearDisputes);
        var defs = new[]
        {
            "ICB crises before the split with viol = 4; model: runs reaching level 5 (war) before the crisis ends",
            "viol >= 3; model: runs reaching level 4 (armed clashes)",
            "median brexit; model: median month of the crisis's end (uniform within the month) x 30.44 days",
            "brexit > 182 days; model: crisis not ended after month 6",
            "usinv or suinv = 4; model: a supporter entered the fighting",
            $"viol = 4 among the {observed.NuclearPairCrises} crises all of whose principals held nuclear weapons (se: rule of three / 2 for a zero share)",
            $"COW-MID disputes begun before the split between two nuclear-armed states ({observed.MidBothNuclearDisputes}), share with mutual use of force; model: share of runs reaching armed clashes in both-nuclear crises (a judged correspondence)",
        };
        var result = new List<CalibrationTarget>();
        var o = observed.Named; var s = sim.Named;
        for (var i = 0; i < o.Count; i++)
        {
            if (!double.IsFinite(o[i].Value)) continue;
            var tol = 2 * se[i];
            result.Add(new CalibrationTarget(o[i].Name, R(o[i].Value), R(se[i]), R(s[i].Value), R(tol), Math.Abs(s[i].Value - o[i].Value) <= tol, defs[i]));
        }
        return result;
    }

    private static double R(double x) => Math.Round(x, 6, MidpointRounding.AwayFromZero);

    /// <summary>Formats a number for messages.</summary>
    public static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
