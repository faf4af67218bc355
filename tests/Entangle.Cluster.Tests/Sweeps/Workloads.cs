using Entangle.Application.Analysis;
using Entangle.Application.Backtest;
using Entangle.Application.Output;
using Entangle.Application.Sweeps;
using Entangle.Scenarios;
using Entangle.Tests.Shared;

namespace Entangle.Cluster.Tests.Sweeps;

/// <summary>The sweeps the executors are compared on: small, so the cluster tests stay quick, but with many items.</summary>
internal static class Workloads
{
    /// <summary>Eight of the bundled scenario's judgement parameters.</summary>
    public static readonly string[] Eight =
    [
        "global.accident", "global.loss_of_control", "global.move_cost", "global.stability_instability",
        "global.contest_exponent", "global.stickiness", "global.security_dilemma", "global.pressure_per_level",
    ];

    /// <summary>Saltelli for eight parameters on the bundled scenario: N = 4 base rows, 40 points + the base point, 20 runs each.</summary>
    public static SensitivityRequest Saltelli => new("two_theater_crisis", "sobol", Runs: 20, SobolN: 4, Seed: 7, Replicates: 5, Parameters: Eight);

    /// <summary>The Saltelli sweep's JSON through <paramref name="executor"/>.</summary>
    public static string SaltelliJson(ISweepExecutor? executor, int runs = 20) =>
        Json.Serialize(SensitivityService.Run(ScenarioSource.File(RepoPaths.BundledScenario), Saltelli with { Runs = runs }, default, executor));

    /// <summary>A backtest slice (validation crises from 2012, 100 runs each) as JSON through <paramref name="executor"/>.</summary>
    public static string BacktestJson(ISweepExecutor? executor) =>
        Json.Serialize(BacktestService.Run(Backtest.Tests.SharedStore.Open(), new BacktestRequest(Split: 2012, Runs: 100, Seed: 3), executor: executor));
}
