using Entangle.Application.Calibration;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Backtest;

/// <summary>What to backtest.</summary>
/// <param name="Calibration">A calibration file whose fitted distributions replace the catalog defaults (null: uncalibrated).</param>
/// <param name="OnTraining">Score the training crises (before the split) instead of the validation crises: an in-sample
/// diagnosis for choosing the model's structure without looking at the validation years. Climatology is then leave-one-out
/// and the reference forecasts are fitted on the crises they forecast (in-sample, so optimistic).</param>
public sealed record BacktestRequest(int Split = 2000, IReadOnlyList<string>? Targets = null, int Runs = 400, ulong Seed = 1, int Threads = 0,
    string? Calibration = null, int LastYear = 2019, bool OnTraining = false)
{
    /// <summary>Throws <see cref="InputException"/> naming the first field out of range (every front end calls this, through <see cref="BacktestService.Run"/>).</summary>
    public BacktestRequest Validate()
    {
        if (Split < 1919 || Split > 2019) throw new InputException($"split {Split}: must lie in 1919..2019 (ICB v15 covers 1918-2019)");
        if (LastYear < Split) throw new InputException($"last_year {LastYear}: must not be before the split year {Split}");
        if (Runs < 1) throw new InputException($"runs {Runs}: must be at least 1");
        if (Threads < 0) throw new InputException($"threads {Threads}: must be 0 (all cores) or more");
        BacktestService.ParseTargets(Targets);
        return this;
    }
}

/// <summary>A forecast's scores on one target: accuracy (Brier, skill) and discrimination (<see cref="Scoring.Auc"/>, the
/// spread of its forecasts across crises).</summary>
public sealed record ForecastScore(string Forecast, Interval Brier, Interval SkillVsClimatology, IReadOnlyList<ReliabilityBin> Reliability,
    double Auc = double.NaN, double Spread = 0);

/// <summary>Scores within a subgroup of the validation crises.</summary>
public sealed record SubgroupScore(string Group, string Value, int Crises, double BaseRateTraining, double ObservedRate, double ModelBrier,
    double ClimatologyBrier, double ModelSkill, double LogisticSkill, double OneRuleSkill);

/// <summary>One target's scores.</summary>
public sealed record TargetScores(string Target, string Description, int Crises, int Events, double TrainingBaseRate, int TrainingCrises,
    IReadOnlyList<ForecastScore> Forecasts, IReadOnlyList<SubgroupScore> Subgroups);

/// <summary>One validation crisis's forecasts and outcome.</summary>
public sealed record CaseForecast(int Crisno, string Name, DateOnly Trigger, IReadOnlyList<string> SideA, IReadOnlyList<string> SideB,
    IReadOnlyList<string> Supporters, bool Nuclear, bool Protracted, IReadOnlyDictionary<string, double> Model,
    IReadOnlyDictionary<string, double> Logistic, IReadOnlyDictionary<string, double?> Observed);

/// <summary>A backtest's result: method, split, scores and per-crisis forecasts.</summary>
/// <param name="Scored">"validation" (the crises from the split year on) or "training (in-sample)".</param>
public sealed record BacktestResult(int Split, int LastYear, int Runs, ulong Seed, int Replicates, string? Calibration, string Method,
    int TrainingCrises, int ValidationCrises, IReadOnlyList<string> Skipped, IReadOnlyList<TargetScores> Targets, IReadOnlyList<CaseForecast> Crises,
    IReadOnlyList<string> LogisticFeatures, long SimulatedMonths, string Scored = "validation");

public static class BacktestService
{
    public const string Method =
        "Each validation crisis (triggered from the split year to the last year) becomes a generated scenario from what was knowable at its trigger " +
        "(CrisisCases, CaseScenarios); the escalation engine runs it monthly for 12 months; P(target) is the share of runs. Scored by the Brier score " +
        "and the Brier skill score against climatology (the training base rate), with percentile bootstrap 95% intervals over crises (2000 resamples, seeded).";

    public static IReadOnlyList<string> ParseTargets(IReadOnlyList<string>? targets)
    {
        if (targets is null || targets.Count == 0) return Targets.All;
        var list = targets.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var t in list)
            if (!Targets.All.Contains(t)) throw new InputException($"targets: unknown target '{t}'{Suggest.DidYouMean(t, Targets.All)}; known: {string.Join(", ", Targets.All)}");
        return Targets.All.Where(list.Contains).ToList();
    }

    /// <summary>Compiles each case (null, with a note in <paramref name="skipped"/>, when its scenario does not compile).</summary>
    public static CompiledModel?[] Compile(IReadOnlyList<CrisisCase> cases, CalibrationFile? calibration, List<string> skipped)
    {
        var models = new CompiledModel?[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            try
            {
                var m = CaseScenarios.Compile(cases[i]);
                models[i] = calibration is null ? m : calibration.Apply(m);
            }
            catch (InputException e) { skipped.Add($"crisis {cases[i].Crisno} {cases[i].Name}: {e.Message}"); }
        }
        return models;
    }

    public static BacktestResult Run(ReferenceData data, BacktestRequest r, Action<int, int>? progress = null, CancellationToken cancel = default,
        Sweeps.ISweepExecutor? executor = null)
    {
        r.Validate();
        var targets = ParseTargets(r.Targets);
        var calibration = r.Calibration is null ? null : CalibrationFile.Read(r.Calibration);
        if (calibration is not null && calibration.Split > r.Split)
            throw new InputException($"{r.Calibration}: the calibration was fitted to crises before {calibration.Split}, which overlaps the validation years from {r.Split}");
        var all = CrisisCases.Build(data);
        var split = new Split(r.Split);
        var training = split.Training(all);
        // the crises scored: the validation years, or (a diagnosis) the training crises themselves
        var validation = r.OnTraining ? training.Cases : split.Validation(all, r.LastYear);
        // a split that leaves no crisis on one side has nothing to fit the references to, or nothing to score
        if (training.Cases.Count == 0)
            throw new InputException($"split {r.Split}: no training crises: none of the {all.Count} imported ICB crises was triggered before {r.Split}" +
                (all.Count == 0 ? "" : $" (the first was triggered in {all.Min(c => c.Year)}); choose a later --split"));
        if (validation.Count == 0)
            throw new InputException($"split {r.Split}: no validation crises: none of the {all.Count} imported ICB crises was triggered in {r.Split}..{r.LastYear}" +
                (all.Count == 0 ? "" : $" (the last was triggered in {all.Max(c => c.Year)}); choose an earlier --split or --on training"));
        var skipped = new List<string>();
        var models = Compile(validation, calibration, skipped);
        var options = new RunnerOptions(r.Runs, r.Seed, 10, r.Threads);
        var counts = Sweeps.Sweep.Backtest(validation, calibration, [ParameterPoint.None], options, executor, progress, cancel);
        var scored = Enumerable.Range(0, validation.Count).Where(i => models[i] is not null).ToList();
        var results = new List<TargetScores>();
        foreach (var t in targets)
        {
            var trainIdx = training.Cases.Where(c => c.Observed(t) is not null).ToList();
            var yTrain = trainIdx.Select(c => c.Observed(t)!.Value).ToList();
            var clim = ReferenceForecasts.Climatology(yTrain);
            var rule = ReferenceForecasts.OneRule(trainIdx, yTrain);
            var w = ReferenceForecasts.FitLogistic(trainIdx.Select(ReferenceForecasts.Features).ToList(), yTrain);
            var idx = scored.Where(i => validation[i].Observed(t) is not null).ToList();
            var y = idx.Select(i => validation[i].Observed(t)!.Value).ToList();
            var pm = idx.Select(i => counts[i][0].P(t)).ToList();
            var loo = r.OnTraining ? ReferenceForecasts.LeaveOneOut(yTrain) : null;
            var trainPos = r.OnTraining ? trainIdx.Select((c, k) => (c.Crisno, k)).ToDictionary(x => x.Crisno, x => x.k) : null;
            var pc = idx.Select(i => loo is null ? clim : loo[trainPos![validation[i].Crisno]]).ToList();
            var pr = idx.Select(i => rule(validation[i])).ToList();
            var pl = idx.Select(i => ReferenceForecasts.Predict(w, ReferenceForecasts.Features(validation[i]))).ToList();
            var seed = Engine.Randomness.Seed.Derive(r.Seed, t);
            ForecastScore Score(string name, List<double> p)
            {
                var (bs, ss) = Scoring.Bootstrap(p, pc, y, seed);
                return new ForecastScore(name, Round(bs), Round(ss), Scoring.Reliability(p, y).Select(b => b with { MeanForecast = R6(b.MeanForecast), ObservedFrequency = R6(b.ObservedFrequency) }).ToList(),
                    R6(Scoring.Auc(p, y)), R6(Scoring.Spread(p)));
            }
            var forecasts = new List<ForecastScore> { Score("model", pm), Score("climatology", pc), Score("one-rule (timvio)", pr), Score("logistic", pl) };
            var subgroups = new List<SubgroupScore>();
            void Sub(string group, string value, Func<CrisisCase, bool> pick)
            {
                var sel = Enumerable.Range(0, idx.Count).Where(k => pick(validation[idx[k]])).ToList();
                if (sel.Count == 0) return;
                List<double> S(List<double> v) => sel.Select(k => v[k]).ToList();
                var ys = S(y);
                double Sk(List<double> p) => R6(Scoring.Skill(S(p), S(pc), ys));
                subgroups.Add(new SubgroupScore(group, value, sel.Count, R6(clim), R6(ys.Average()), R6(Scoring.Brier(S(pm), ys)), R6(Scoring.Brier(S(pc), ys)),
                    Sk(pm), Sk(pl), Sk(pr)));
            }
            Sub("nuclear actor", "yes", c => c.Features.AnyNuclear); Sub("nuclear actor", "no", c => !c.Features.AnyNuclear);
            Sub("protracted", "yes", c => c.Features.Protracted); Sub("protracted", "no", c => !c.Features.Protracted);
            foreach (var dec in validation.Select(c => c.Year / 10 * 10).Distinct().Order())
                Sub("era", $"{dec}s", c => c.Year / 10 * 10 == dec);
            results.Add(new TargetScores(t, Targets.Describe(t), idx.Count, (int)y.Sum(), R6(clim), yTrain.Count, forecasts, subgroups));
        }
        var perCase = scored.Select(i =>
        {
            var c = validation[i];
            var logistic = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var t in targets)
            {
                var tr = training.Cases.Where(x => x.Observed(t) is not null).ToList();
                logistic[t] = R6(ReferenceForecasts.Predict(ReferenceForecasts.FitLogistic(tr.Select(ReferenceForecasts.Features).ToList(), tr.Select(x => x.Observed(t)!.Value).ToList()),
                    ReferenceForecasts.Features(c)));
            }
            return new CaseForecast(c.Crisno, c.Name, c.Trigger, c.SideA.Select(a => a.Code).ToList(), c.SideB.Select(a => a.Code).ToList(),
                c.Supporters.Select(s => $"{s.Actor.Code} ({s.Side})").ToList(), c.Features.AnyNuclear, c.Features.Protracted,
                new SortedDictionary<string, double>(targets.ToDictionary(t => t, t => R6(counts[i][0].P(t))), StringComparer.Ordinal), logistic,
                new SortedDictionary<string, double?>(targets.ToDictionary(t => t, t => c.Observed(t)), StringComparer.Ordinal));
        }).ToList();
        return new BacktestResult(r.Split, r.LastYear, r.Runs, r.Seed, options.Replicates, calibration?.Describe(), Method, training.Cases.Count, validation.Count,
            skipped, results, perCase, ReferenceForecasts.LogisticFeatures, counts.Sum(c => c[0].Steps), r.OnTraining ? "training (in-sample)" : "validation");
    }

    private static double R6(double x) => double.IsNaN(x) ? x : Math.Round(x, 6, MidpointRounding.AwayFromZero);
    private static Interval Round(Interval i) => new(R6(i.Value), R6(i.Lo), R6(i.Hi));
}
