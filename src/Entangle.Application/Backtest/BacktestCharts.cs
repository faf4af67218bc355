using ScottPlot;

namespace Entangle.Application.Backtest;

/// <summary>Reliability diagrams of a backtest (ScottPlot, as the project's other charts): one per target, model and logistic.</summary>
public static class BacktestCharts
{
    public static Plot Reliability(TargetScores t)
    {
        var plot = new Plot();
        var diag = plot.Add.Line(0, 0, 1, 1);
        diag.Color = Colors.Gray; diag.LinePattern = LinePattern.Dashed; diag.LegendText = "perfect calibration";
        var colors = new[] { Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Purple };
        var k = 0;
        foreach (var f in t.Forecasts.Where(f => f.Forecast is "model" or "logistic" or "one-rule (timvio)"))
        {
            var xs = f.Reliability.Select(b => b.MeanForecast).ToArray();
            var ys = f.Reliability.Select(b => b.ObservedFrequency).ToArray();
            var sc = plot.Add.Scatter(xs, ys);
            sc.Color = colors[k++ % colors.Length]; sc.MarkerSize = 8; sc.LineWidth = 1.5f;
            sc.LegendText = $"{f.Forecast}: BSS {f.SkillVsClimatology.Value:+0.00;-0.00} [{f.SkillVsClimatology.Lo:+0.00;-0.00}, {f.SkillVsClimatology.Hi:+0.00;-0.00}]";
        }
        var clim = plot.Add.VerticalLine(t.TrainingBaseRate);
        clim.Color = Colors.Black; clim.LineWidth = 1; clim.LegendText = $"climatology {t.TrainingBaseRate:0.00}";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"{t.Description}: reliability, {t.Crises} crises, {t.Events} events");
        plot.XLabel("forecast probability (bin mean)");
        plot.YLabel("observed frequency");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Writes reliability-TARGET.png and .svg for each target into <paramref name="dir"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(BacktestResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var t in r.Targets)
        {
            var plot = Reliability(t);
            var png = Path.Combine(dir, $"reliability-{t.Target}.png");
            File.WriteAllBytes(png, plot.GetImageBytes(800, 600, ImageFormat.Png));
            var svg = Path.Combine(dir, $"reliability-{t.Target}.svg");
            File.WriteAllText(svg, plot.GetSvgXml(800, 600));
            files.Add(png); files.Add(svg);
        }
        return files;
    }
}
