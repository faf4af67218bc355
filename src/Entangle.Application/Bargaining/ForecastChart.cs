using Entangle.Application.Output;
using ScottPlot;

namespace Entangle.Application.Bargaining;

/// <summary>Charts of a forecast: positions over rounds, and the distribution of the forecast over perturbed runs.</summary>
public static class ForecastChart
{
    private const int Width = 900;
    private const int Height = 560;

    /// <summary>
    /// Writes the charts for <paramref name="report"/>. <paramref name="path"/> ending in .png or .svg writes that
    /// format only; any other path is a stem and gets both STEM.png and STEM.svg. With a perturbation, the
    /// distribution goes to STEM-distribution.png/.svg. Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(ForecastReport report, string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var stem = ext is ".png" or ".svg" ? path[..^ext.Length] : path;
        var formats = ext is ".png" or ".svg" ? [ext] : new[] { ".png", ".svg" };
        var written = new List<string>();
        var positions = PositionsPlot(report);
        foreach (var f in formats) written.Add(Save(positions, stem + f));
        if (report.Perturbation is { } p)
        {
            var dist = DistributionPlot(report, p);
            foreach (var f in formats) written.Add(Save(dist, stem + "-distribution" + f));
        }
        return written;
    }

    private static string Save(Plot plot, string path)
    {
        if (path.EndsWith(".png", StringComparison.Ordinal))
            AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        else
            AtomicFile.WriteAllText(path, plot.GetSvgXml(Width, Height));
        return path;
    }

    private static string Title(ForecastReport report) =>
        report.Issue is { } i ? i.Title : Path.GetFileName(report.Source);

    /// <summary>One line per stakeholder, plus the weighted median (the forecast) and mean, drawn beneath them.</summary>
    public static Plot PositionsPlot(ForecastReport report)
    {
        var plot = new Plot();
        var rounds = report.Rounds.Select(r => (double)r.Round).ToArray();
        var median = plot.Add.Scatter(rounds, report.Rounds.Select(r => r.Median).ToArray());
        median.LegendText = "median (forecast)";
        median.Color = Colors.Black.WithAlpha(0.35);
        median.LineWidth = 7;
        median.MarkerSize = 0;
        var mean = plot.Add.Scatter(rounds, report.Rounds.Select(r => r.Mean).ToArray());
        mean.LegendText = "mean";
        mean.Color = Colors.Black;
        mean.LineWidth = 1.5f;
        mean.LinePattern = LinePattern.Dashed;
        mean.MarkerSize = 0;
        foreach (var actor in report.Stakeholders.Select(s => s.Actor))
        {
            var ys = report.Rounds.Select(r => r.Positions[actor]).ToArray();
            var line = plot.Add.Scatter(rounds, ys);
            line.LegendText = actor;
            line.LineWidth = 1.5f;
            line.MarkerSize = 4;
        }
        plot.Title(report.Issue is { } i
            ? $"{i.Title}\n0 = {Shorten(i.Low)}; 100 = {Shorten(i.High)}"
            : Title(report));
        plot.XLabel("round");
        plot.YLabel("position");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string Shorten(string text) => text.Length <= 34 ? text : text[..33].TrimEnd() + "…";

    /// <summary>Histogram of the final-round median over perturbed runs, with the unperturbed forecast marked.</summary>
    public static Plot DistributionPlot(ForecastReport report, PerturbationReport p)
    {
        var plot = new Plot();
        var h = p.Median.Histogram;
        var bars = new List<Bar>();
        for (var b = 0; b < h.Counts.Count; b++)
            bars.Add(new Bar
            {
                Position = (h.Edges[b] + h.Edges[b + 1]) / 2,
                Value = h.Counts[b],
                Size = (h.Edges[b + 1] - h.Edges[b]) * 0.95,
            });
        plot.Add.Bars(bars);
        var baseline = plot.Add.VerticalLine(report.Forecast.Median);
        baseline.LegendText = "unperturbed forecast";
        baseline.Color = Colors.Black;
        plot.Title($"{Title(report)}: forecast over {p.Runs} runs ({p.Spec})");
        plot.XLabel("final-round weighted median");
        plot.YLabel("runs");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
