using Entangle.Application.Bargaining;
using Entangle.Engine.Bargaining;
using Entangle.Tests.Shared;
using ScottPlot.Plottables;

namespace Entangle.Engine.Tests.Bargaining;

/// <summary>
/// Runs that end in a cycle are flagged (issue 16, item 12) and the chart shows every stakeholder (item 13). The
/// detector only reads the rounds; the replication tests pin the model's arithmetic.
/// </summary>
public class CycleTests
{
    /// <summary>A run with the given positions per round (rows) and actor (columns), range 100.</summary>
    private static BargainingResult Made(params double[][] rounds) => new(
        Enumerable.Range(0, rounds[0].Length).Select(i => $"A{i}").ToList(), 100,
        rounds.Select((p, t) => new BargainingRound(t, p, null, [], p.Average(), p[0])).ToList(), BargainingOptions.ScholzFaithful);

    [Fact]
    public void An_exact_two_cycle_is_found_from_its_first_round()
    {
        var c = Cycles.Detect(Made([0, 5], [60, 5], [73, 5], [60, 5], [73, 5]));
        Assert.NotNull(c);
        Assert.Equal((2, 1, true, 0.0), (c.Period, c.FromRound, c.Exact, c.Drift));
        Assert.Equal([0], c.Actors);
    }

    [Fact]
    public void A_three_cycle_is_not_taken_for_a_two_cycle()
    {
        var c = Cycles.Detect(Made([1], [2], [3], [1], [2], [3], [1], [2], [3]));
        Assert.NotNull(c);
        Assert.Equal((3, 0), (c.Period, c.FromRound));
    }

    [Fact]
    public void A_drifting_oscillation_is_flagged_with_its_drift()
    {
        // x_t = 10 or 50 (odd t) + 0.2 t: a swing of 40 per round, 0.4 per cycle
        var rounds = new[] { new[] { 0.0 } }.Concat(Enumerable.Range(1, 10).Select(t => new[] { (t % 2 == 1 ? 50 : 10) + 0.2 * t })).ToArray();
        var c = Cycles.Detect(Made(rounds));
        Assert.NotNull(c);
        Assert.Equal((2, 1, false), (c.Period, c.FromRound, c.Exact));
        Assert.Equal(0.4, c.Drift, 9);
    }

    [Fact]
    public void Settled_converging_and_short_runs_are_not_cycles()
    {
        Assert.Null(Cycles.Detect(Made([0, 1], [5, 1], [5, 1])));                                                         // settled
        Assert.Null(Cycles.Detect(Made(Enumerable.Range(0, 11).Select(t => new[] { 10 - 10 * Math.Pow(0.9, t) }).ToArray()))); // converging slowly
        Assert.Null(Cycles.Detect(Made([0], [60], [73])));                                                                // too short to repeat
    }

    [Fact]
    public void The_EU_example_wanders_but_has_no_cycle_in_ten_rounds()
    {
        var report = ForecastService.Run(new ForecastRequest(ReferenceFiles.Fixture("eu-car-emissions.csv")));
        Assert.Null(report.Forecast.Cycle);
    }

    private static ForecastReport Sanctions() =>
        ForecastService.Run(new ForecastRequest(RepoPaths.BundledScenario, "unsc-sanctions-dprk"));

    [Fact]
    public void The_sanctions_forecast_reports_the_cycle_of_the_UK_and_France()
    {
        // issue 16: "GBR moves 60↔73.4 and FRA 60↔16.5", the median stays at 60
        var c = Sanctions().Forecast.Cycle;
        Assert.NotNull(c);
        Assert.Equal((2, 1, true), (c.Period, c.FromRound, c.Exact));
        Assert.Equal(["GBR", "FRA"], c.Actors);
        Assert.Equal([60, 73.4], c.Phases["GBR"].Select(x => Math.Round(x, 1)));
        Assert.Equal([60, 16.5], c.Phases["FRA"].Select(x => Math.Round(x, 1)));
        Assert.Equal((60.0, 60.0), (c.MedianMin, c.MedianMax));
        Assert.StartsWith("no settlement: positions repeat every 2 rounds from round 1 (GBR 60 ↔ 73.399, FRA 60 ↔ 16.548)", c.Note);
    }

    [Fact]
    public void The_sanctions_chart_hides_no_stakeholder_and_names_the_cycle()
    {
        var report = Sanctions();
        var plot = ForecastChart.PositionsPlot(report);
        var lines = plot.GetPlottables().OfType<Scatter>()
            .Where(s => s.LegendText is not ("median (forecast)" or "mean")).ToList();
        // every stakeholder is named on exactly one line …
        var named = lines.SelectMany(l => l.LegendText.Replace(" (same positions)", "").Split(", ")).ToList();
        Assert.Equal(report.Stakeholders.Select(s => s.Actor).Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        Assert.Contains(lines, l => l.LegendText == "USA, JPN, KOR (same positions)");
        // … and no two lines lie on top of each other
        var traces = lines.Select(l => string.Join(" ", l.Data.GetScatterPoints().Select(p => $"{p.X}:{p.Y}"))).ToList();
        Assert.Equal(traces.Count, traces.Distinct().Count());
        Assert.Contains("No settlement: 2-round cycle from round 1 (GBR, FRA)", plot.Axes.Title.Label.Text);
    }
}
