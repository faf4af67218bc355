using Entangle.Application.Calibration;
using Entangle.Application.Escalation;
using Entangle.Application.Scenarios;
using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Application.Backtest;

/// <summary>A hand-written historical scenario's forecasts of the four targets beside what ICB records.</summary>
public sealed record HistoryForecast(string Scenario, string Title, DateOnly AsOf, int Crisno, int Runs, IReadOnlyDictionary<string, double> Model,
    string? IcbName, int? Violence, int? DurationDays, IReadOnlyDictionary<string, double?>? Observed, IReadOnlyDictionary<string, double>? Generated);

/// <summary>Runs the scenarios in scenarios/history through the same reader of the four targets as the backtest.</summary>
public static class HistoryService
{
    /// <summary>The ICB crisis each historical scenario stands for (scenarios/history/README.md).</summary>
    public static readonly IReadOnlyDictionary<string, int> Crisis = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["cuba-1962"] = 196, ["taiwan-strait-1995"] = 415, ["kargil-1999"] = 431,
        ["korea-2010-cheonan"] = 461, ["korea-2010-yeonpyeong"] = 462, ["korea-2017"] = 487,
    };

    public static IReadOnlyList<HistoryForecast> Run(IReadOnlyList<string> files, int runs, ulong seed, int threads, string? calibrationPath, ReferenceData? data)
    {
        var calibration = calibrationPath is null ? null : CalibrationFile.Read(calibrationPath);
        var cases = data is not null && data.Has("icb") && data.Has("cow-nmc") && data.Has("atop") && data.Has("cow-states") ? CrisisCases.Build(data) : null;
        var result = new List<HistoryForecast>();
        foreach (var f in files)
        {
            var scenario = ScenarioService.Load(f);
            if (!Crisis.TryGetValue(scenario.Info.Id, out var crisno))
                throw new InputException($"{f}: scenario '{scenario.Info.Id}' is not one of the historical scenarios ({string.Join(", ", Crisis.Keys)})");
            var model = EscalationService.Compile(scenario, new EscalationRequest(), null, f);
            if (model.TheaterCount != 1) throw new InputException($"{f}: a historical scenario has one theater; this one has {model.TheaterCount}");
            if (calibration is not null) model = calibration.Apply(model);
            var o = new RunnerOptions(runs, seed, 10, threads);
            var counts = BacktestRunner.Run([model], [crisno], [ParameterPoint.None], o)[0][0];
            var p = new SortedDictionary<string, double>(Targets.All.ToDictionary(t => t, t => Math.Round(counts.P(t), 6)), StringComparer.Ordinal);
            var icb = data is not null && data.Has("icb") ? data.Icb.Crisis(crisno) : null;
            var c = cases?.FirstOrDefault(x => x.Crisno == crisno);
            SortedDictionary<string, double>? generated = null;
            if (c is not null)
            {
                var gm = CaseScenarios.Compile(c);
                if (calibration is not null) gm = calibration.Apply(gm);
                var gc = BacktestRunner.Run([gm], [crisno], [ParameterPoint.None], o)[0][0];
                generated = new SortedDictionary<string, double>(Targets.All.ToDictionary(t => t, t => Math.Round(gc.P(t), 6)), StringComparer.Ordinal);
            }
            result.Add(new HistoryForecast(scenario.Info.Id, scenario.Info.Title, scenario.Info.AsOf, crisno, runs, p, icb?.Name, icb?.Violence, icb?.DurationDays,
                c is null ? null : new SortedDictionary<string, double?>(Targets.All.ToDictionary(t => t, t => c.Observed(t)), StringComparer.Ordinal), generated));
        }
        return result;
    }
}
