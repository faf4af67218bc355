using Entangle.Application.Backtest;
using Entangle.Application.Calibration;
using Entangle.Domain;

namespace Entangle.Backtest.Tests;

/// <summary>
/// The calibration and backtest services name a bad value by its request field (as the escalation service does), not
/// by a CLI flag: the server's answers and the CLI's come from the same message, and neither front end's names leak
/// into the other. The request is checked before any work.
/// </summary>
public sealed class RequestMessageTests
{
    [Theory]
    [InlineData("method", "rejection", "method rejection: must be abc, smm or brier")]
    [InlineData("points", "1", "points 1: must be at least 2")]
    [InlineData("runs", "0", "runs 0: must be at least 1")]
    [InlineData("threads", "-1", "threads -1: must be 0 (all cores) or more")]
    [InlineData("rounds", "6", "rounds 6: must lie in 1..5")]
    public void A_calibration_request_names_the_field(string field, string value, string expected)
    {
        var r = field switch
        {
            "method" => new CalibrationRequest(Method: value),
            "points" => new CalibrationRequest(Points: int.Parse(value)),
            "runs" => new CalibrationRequest(Runs: int.Parse(value)),
            "threads" => new CalibrationRequest(Threads: int.Parse(value)),
            _ => new CalibrationRequest(Rounds: int.Parse(value)),
        };
        Assert.Equal(expected, Assert.Throws<InputException>(() => r.Validate()).Message);
        // the service checks it before it reads any reference data (none is given here)
        Assert.Equal(expected, Assert.Throws<InputException>(() => CalibrationService.Run(null!, r)).Message);
    }

    [Fact]
    public void The_default_calibration_request_is_valid() => Assert.NotNull(new CalibrationRequest().Validate());

    [Fact]
    public void The_backtest_runner_names_the_fields()
    {
        Assert.Equal("runs 0: must be at least 1", Assert.Throws<InputException>(() => BacktestRunner.Run([], [], [], new RunnerOptions(Runs: 0))).Message);
        Assert.Equal("threads -2: must be 0 (all cores) or more", Assert.Throws<InputException>(() => BacktestRunner.Run([], [], [], new RunnerOptions(Threads: -2))).Message);
        Assert.Equal("runs 0: must be at least 1",
            Assert.Throws<InputException>(() => Application.Sweeps.Sweep.Backtest([], null, [], new RunnerOptions(Runs: 0), null, null)).Message);
    }
}
