using Entangle.Application.Backtest;
using Entangle.Application.Calibration;
using Entangle.Engine.Escalation;
using Entangle.Domain;
using Entangle.Scenarios;

namespace Entangle.Application.Sweeps;

/// <summary>
/// The seam between the analyses and whatever runs their Monte Carlo: <c>compare</c>, <c>claims</c>,
/// <c>sensitivity</c>, <c>backtest</c> and <c>calibrate</c> describe their work as a <see cref="SweepJob"/>, hand it to an
/// <see cref="ISweepExecutor"/> (this process's threads unless told otherwise) and read the merged counts.
/// </summary>
public static class Sweep
{
    /// <summary>The payload of a scenario source: its files when it has some, else the loaded scenario (runs only in this process).</summary>
    public static ScenarioPayload Payload(ScenarioSource source, Scenario loaded)
    {
        if (source.FilePath is { } path) return ScenarioPayload.FromFile(path, loaded);
        if (source.Files is { } bundle) return new ScenarioPayload(source.Name, bundle.Root, bundle.Files) { Loaded = loaded };
        return ScenarioPayload.InProcess(source.Name, loaded);
    }

    /// <summary>
    /// Runs every arm at every design point (as <see cref="Ensemble.Run"/> without recording) through
    /// <paramref name="executor"/>; <paramref name="progress"/> receives (runs done, runs in all).
    /// </summary>
    /// <param name="arms">The arms as the caller compiled them, each with the spec a worker compiles it from.</param>
    public static ArmResult[][] Ensemble(IReadOnlyList<ScenarioPayload> scenarios, IReadOnlyList<(Arm Arm, ArmSpec Spec)> arms,
        IReadOnlyList<DesignPoint> points, EnsembleOptions options, ISweepExecutor? executor, Action<int, int>? progress, CancellationToken cancel = default)
    {
        var job = new SweepJob(new EnsembleSweep(scenarios, arms.Select(a => a.Spec).ToList(), points.Select(PointSpec.Of).ToList(),
            options.Runs, options.Seed, options.Replicates), null);
        var results = Execute(job, executor ?? new LocalSweepExecutor(options.Threads), progress, p => (p.RunsDone, p.Runs), cancel);
        return SweepMerge.Ensemble(PreparedSweep.Of(job), arms.Select(a => a.Arm).ToList(), results);
    }

    /// <summary>
    /// Runs a backtest slice (as <see cref="BacktestRunner.Run"/>): result[case][point]. Cases whose scenario does not
    /// compile get empty counts; <paramref name="progress"/> receives (items done, items in all).
    /// </summary>
    public static CaseCounts[][] Backtest(IReadOnlyList<CrisisCase> cases, CalibrationFile? calibration, IReadOnlyList<ParameterPoint> points,
        RunnerOptions options, ISweepExecutor? executor, Action<int, int>? progress, CancellationToken cancel = default)
    {
        if (options.Runs < 1) throw new Domain.InputException($"runs {options.Runs}: must be at least 1");
        if (options.Threads < 0) throw new Domain.InputException($"threads {options.Threads}: must be 0 (all cores) or more");
        var job = new SweepJob(null, new BacktestSweep(cases, calibration, points, options.Runs, options.Seed, options.Replicates));
        var results = Execute(job, executor ?? new LocalSweepExecutor(options.Threads), progress, p => (p.ItemsDone, p.Items), cancel);
        return SweepMerge.Backtest(PreparedSweep.Of(job), results);
    }

    /// <summary>Runs a job on an executor and waits for it (the analyses are synchronous).</summary>
    public static SweepItemResult[] Execute(SweepJob job, ISweepExecutor executor, Action<int, int>? progress, Func<SweepProgress, (long Done, long All)> measure,
        CancellationToken cancel)
    {
        IProgress<SweepProgress>? report = progress is null ? null : new Escalation.Reporter<SweepProgress>(p =>
        {
            var (done, all) = measure(p);
            progress((int)Math.Min(int.MaxValue, done), (int)Math.Min(int.MaxValue, all));
        });
        return executor.RunAsync(job, report, cancel).GetAwaiter().GetResult();
    }
}
