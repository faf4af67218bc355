using System.Diagnostics;
using System.Globalization;
using Entangle.Application.Backtest;
using Entangle.Application.Calibration;
using Entangle.Application.Data;
using Entangle.Engine.Escalation;

namespace Entangle.Bench;

/// <summary>
/// Backtest and calibration speed (<c>dotnet run -c Release --project bench/Entangle.Bench -- backtest-speed DATA_DIR</c>, DATA_DIR a
/// store with icb, cow-nmc, cow-states and atop imported): the 2000–2019 validation crises and the pre-2000 training
/// crises through <see cref="BacktestRunner"/>, 1 thread and all cores, medians of 5 repetitions; crises per second
/// and simulated crisis-months per second (steps actually taken: a run stops when its crisis ends). Peer measured in
/// the same process: the bundled scenario's ensemble, run-months per second on one thread.
/// </summary>
public static class BacktestSpeed
{
    private static double Median(List<double> xs) { xs.Sort(); return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2; }

    public static void Run(string dataDir)
    {
        using var data = DataService.Open(dataDir);
        var all = CrisisCases.Build(data);
        var split = new Split(2000);
        var sets = new (string Name, IReadOnlyList<CrisisCase> Cases)[] { ("validation 2000-2019", split.Validation(all, 2019)), ("training 1918-1999", split.Training(all).Cases) };
        string F(double x) => x.ToString("N0", CultureInfo.InvariantCulture);
        foreach (var (name, cases) in sets)
        {
            var models = BacktestService.Compile(cases, null, []);
            var crisnos = cases.Select(c => c.Crisno).ToList();
            foreach (var threads in new[] { 1, Environment.ProcessorCount })
            {
                var o = new RunnerOptions(100, 1, 10, threads);
                BacktestRunner.Run(models, crisnos, [ParameterPoint.None], o with { Runs = 10 }); // warm up
                var times = new List<double>(); long months = 0;
                for (var rep = 0; rep < 5; rep++)
                {
                    var w = Stopwatch.StartNew();
                    var counts = BacktestRunner.Run(models, crisnos, [ParameterPoint.None], o);
                    w.Stop();
                    times.Add(w.Elapsed.TotalSeconds); months = counts.Sum(c => c[0].Steps);
                }
                var t = Median(times);
                Console.WriteLine($"{name}, {cases.Count} crises x 100 runs, {threads} thread(s): median {t:0.000} s; {F(cases.Count / t)} crises/s (100 runs each); " +
                                  $"{F(cases.Count * 100 / t)} crisis-runs/s; {F(months / t)} simulated crisis-months/s");
            }
        }
        var bundled = SyntheticEscalation.Bundled();
        var arm = new Arm("baseline", bundled, [new("war", "war", s => s.MaxReached.Max() >= 5)]);
        Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(200, 99, 10, 1));
        var bt = new List<double>();
        for (var rep = 0; rep < 5; rep++)
        {
            var w = Stopwatch.StartNew();
            Ensemble.Run([arm], [DesignPoint.None], new EnsembleOptions(1000, 1, 10, 1));
            w.Stop(); bt.Add(w.Elapsed.TotalSeconds);
        }
        var bm = Median(bt);
        Console.WriteLine($"peer: bundled scenario, 1000 runs x {bundled.Steps} months, {bundled.TheaterCount} theaters, 1 thread: median {bm:0.000} s; {F(1000.0 * bundled.Steps / bm)} run-months/s");
    }
}
