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
        var lastRound = rounds.Length == 0 ? 0 : rounds[^1];
        foreach (var group in Coinciding(report))
        {
            // Stakeholders whose positions coincide in every round share one line, labelled with all their names,
            // so that no line hides another (USA, JPN and KOR all hold 0 on the sanctions issue).
            var ys = report.Rounds.Select(r => r.Positions[group[0]]).ToArray();
            var label = string.Join(", ", group);
            var line = plot.Add.Scatter(rounds, ys);
            line.LegendText = group.Count == 1 ? label : $"{label} (same positions)";
            line.LineWidth = group.Count == 1 ? 1.5f : 3f;
            line.MarkerSize = group.Count == 1 ? 4 : 7;
            var tag = plot.Add.Text(label, lastRound, ys.Length == 0 ? 0 : ys[^1]);
            tag.LabelFontSize = 11;
            tag.LabelFontColor = line.Color;
            tag.LabelAlignment = Alignment.MiddleLeft;
            tag.LabelOffsetX = 6;
        }
        var title = report.Issue is { } i
            ? $"{i.Title}\n0 = {Shorten(i.Low)}; 100 = {Shorten(i.High)}"
            : Title(report);
        if (report.Forecast.Cycle is { } cycle)
        {
            title += $"\nNo settlement: {cycle.Period}-round cycle from round {cycle.FromRound} ({string.Join(", ", cycle.Actors)})";
            var band = plot.Add.HorizontalSpan(cycle.FromRound, lastRound);
            band.FillColor = Colors.OrangeRed.WithAlpha(0.08);
            band.LineWidth = 0;
            band.LegendText = $"cycle (period {cycle.Period})";
        }
        plot.Title(title);
        plot.XLabel("round");
        plot.YLabel("position");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rounds, rounds.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(-0.3, lastRound + Math.Max(2.2, 0.22 * lastRound)); // room for the names at the line ends
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Stakeholders grouped by identical positions in every round (input order kept within and across groups).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Coinciding(ForecastReport report)
    {
        var tol = Engine.Bargaining.Cycles.RelativeTolerance * (report.PositionRange > 0 ? report.PositionRange : 1);
        var groups = new List<List<string>>();
        foreach (var actor in report.Stakeholders.Select(s => s.Actor))
        {
            var home = groups.FirstOrDefault(g => report.Rounds.All(r => Math.Abs(r.Positions[g[0]] - r.Positions[actor]) <= tol));
            if (home is null) groups.Add([actor]);
            else home.Add(actor);
        }
        return groups;
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
