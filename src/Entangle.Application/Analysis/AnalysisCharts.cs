using ScottPlot;

namespace Entangle.Application.Analysis;

/// <summary>Charts of the analysis use cases (ScottPlot): tornado, Morris μ*, Sobol indices, claims forest plot.</summary>
public static class AnalysisCharts
{
    /// <summary>The chart of a sensitivity result: a tornado (oat), μ* bars with σ (morris), S1/ST bars (sobol).</summary>
    public static Plot Sensitivity(SensitivityResult r) => r.Method switch
    {
        "oat" => Tornado(r.Effects.Select(e => (e.Parameter, e.AtLo ?? 0, e.AtHi ?? 0)).ToList(), r.Base.Estimate,
            $"{r.Metric}: one-at-a-time scan (tornado)", $"P({r.Metric})"),
        "morris" => MorrisBars(r.Effects.Select(e => (e.Parameter, e.MuStar ?? 0, e.Sigma ?? 0)).ToList(),
            $"{r.Metric}: Morris screening", $"μ* (change in P({r.Metric}) across the range)"),
        _ => SobolBars(r),
    };

    /// <summary>
    /// A tornado chart: for each parameter, a bar from the base value to the value at the low end of its range
    /// (light) and to the value at the high end (dark). Rows in the order given, first at the top.
    /// </summary>
    public static Plot Tornado(IReadOnlyList<(string Name, double AtLo, double AtHi)> rows, double baseValue, string title, string xlabel)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var n = rows.Count;
        for (var i = 0; i < n; i++)
        {
            var pos = n - 1 - i;
            bars.Add(new Bar { Position = pos, ValueBase = baseValue, Value = rows[i].AtLo, FillColor = Colors.LightSteelBlue, LineWidth = 0, Size = 0.7 });
            bars.Add(new Bar { Position = pos, ValueBase = baseValue, Value = rows[i].AtHi, FillColor = Colors.SteelBlue.WithAlpha(0.85), LineWidth = 0, Size = 0.4 });
        }
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        var v = plot.Add.VerticalLine(baseValue);
        v.Color = Colors.Black; v.LineWidth = 1; v.LinePattern = LinePattern.Dashed;
        Labels(plot, rows.Select(r => r.Name).ToList());
        plot.Title(title);
        plot.XLabel(xlabel + " (light: low end, dark: high end)");
        return plot;
    }

    /// <summary>Horizontal μ* bars with σ drawn as a line beside each.</summary>
    public static Plot MorrisBars(IReadOnlyList<(string Name, double MuStar, double Sigma)> rows, string title, string xlabel)
    {
        var plot = new Plot();
        var n = rows.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
            bars.Add(new Bar { Position = n - 1 - i, Value = rows[i].MuStar, FillColor = Colors.SteelBlue, LineWidth = 0, Size = 0.6 });
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        var sx = rows.Select(r => r.Sigma).ToArray();
        var sy = Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray();
        var sc = plot.Add.Scatter(sx, sy);
        sc.LineWidth = 0; sc.MarkerSize = 9; sc.MarkerShape = MarkerShape.FilledDiamond; sc.Color = Colors.DarkOrange; sc.LegendText = "σ (interactions, non-linearity)";
        bp.LegendText = "μ*";
        Labels(plot, rows.Select(r => r.Name).ToList());
        plot.Axes.SetLimitsX(0, Math.Max(1e-6, rows.Count == 0 ? 1 : Math.Max(rows.Max(r => r.MuStar), rows.Max(r => r.Sigma)) * 1.1));
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel(xlabel);
        return plot;
    }

    private static Plot SobolBars(SensitivityResult r)
    {
        var plot = new Plot();
        var n = r.Effects.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var e = r.Effects[i];
            var pos = n - 1 - i;
            bars.Add(new Bar { Position = pos + 0.18, Value = e.Total ?? 0, FillColor = Colors.SteelBlue, LineWidth = 0, Size = 0.34, Error = 0 });
            bars.Add(new Bar { Position = pos - 0.18, Value = e.First ?? 0, FillColor = Colors.DarkOrange, LineWidth = 0, Size = 0.34 });
        }
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        for (var i = 0; i < n; i++)
        {
            var e = r.Effects[i];
            var pos = n - 1 - i;
            var a = plot.Add.Line(e.TotalLo ?? 0, pos + 0.18, e.TotalHi ?? 0, pos + 0.18); a.Color = Colors.Black; a.LineWidth = 1.2f;
            var b = plot.Add.Line(e.FirstLo ?? 0, pos - 0.18, e.FirstHi ?? 0, pos - 0.18); b.Color = Colors.Black; b.LineWidth = 1.2f;
        }
        Labels(plot, r.Effects.Select(e => e.Parameter).ToList());
        plot.Title($"{r.Metric}: Sobol indices (blue: total S_T, orange: first-order S_1; lines: bootstrap 95%)");
        plot.XLabel("share of the variance of P(" + r.Metric + ")");
        return plot;
    }

    /// <summary>A forest plot of the claims: each claim's difference (or, for level claims, estimate) with its 95% interval.</summary>
    public static Plot Claims(ClaimsResult r)
    {
        var plot = new Plot();
        var n = r.Claims.Count;
        for (var i = 0; i < n; i++)
        {
            var c = r.Claims[i];
            var pos = n - 1 - i;
            var level = c.Threshold is not null;
            var e = level ? c.With : c.Difference;
            var color = c.Verdict switch { "supported" => Colors.SeaGreen, "contradicted" => Colors.FireBrick, _ => Colors.Gray };
            var line = plot.Add.Line(e.Lo, pos, e.Hi, pos); line.Color = color; line.LineWidth = 3;
            var m = plot.Add.Marker(e.Estimate, pos); m.Color = color; m.Size = 11; m.Shape = level ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
            var boundary = level ? c.Threshold!.Value : c.Direction == "lower_with" ? -c.MinimumEffect : c.MinimumEffect;
            var b = plot.Add.Line(boundary, pos - 0.35, boundary, pos + 0.35); b.Color = Colors.Black; b.LinePattern = LinePattern.Dotted; b.LineWidth = 1.5f;
        }
        var z = plot.Add.VerticalLine(0); z.Color = Colors.Black; z.LineWidth = 1;
        Labels(plot, r.Claims.Select(c => $"{c.Id} ({c.Verdict})").ToList());
        plot.Title("Claims: difference (circles) or level (squares), 95% intervals");
        plot.XLabel("probability over the horizon; dotted: the minimum effect or threshold of each claim");
        return plot;
    }

    private static void Labels(Plot plot, IReadOnlyList<string> names)
    {
        var n = names.Count;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), names.ToArray());
        plot.Axes.SetLimitsY(-0.7, Math.Max(0.3, n - 0.3));
    }
}
