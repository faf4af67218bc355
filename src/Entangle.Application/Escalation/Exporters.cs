using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Application.Output;
using ScottPlot;

namespace Entangle.Application.Escalation;

/// <summary>
/// Writes an <see cref="EscalationSummary"/> as files: summary.json, outcomes.csv, levels.csv, force_shares.csv,
/// a fan chart per theater and an outcome bar chart (PNG and SVG), and report.html holding them. Every file is
/// written atomically; all of them read the one summary object.
/// </summary>
public static class EscalationExporter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes every output into <paramref name="dir"/>; returns the paths written, in order.</summary>
    public static IReadOnlyList<string> WriteAll(EscalationSummary s, string dir, bool charts = true)
    {
        var written = new List<string>();
        void Text(string name, string content) { var p = Path.Combine(dir, name); AtomicFile.WriteAllText(p, content); written.Add(p); }
        void Bytes(string name, byte[] content) { var p = Path.Combine(dir, name); AtomicFile.WriteAllBytes(p, content); written.Add(p); }

        Text("summary.json", Json.Serialize(s) + "\n");
        Text("outcomes.csv", OutcomesCsv(s));
        Text("levels.csv", LevelsCsv(s));
        Text("force_shares.csv", SharesCsv(s));
        var svgs = new List<(string Title, string File, string Svg)>();
        if (!charts) { Text("report.html", Html(s, svgs)); return written; }
        foreach (var t in s.Theaters)
        {
            var plot = Charts.Fan(s, t);
            Bytes($"fan-{t.Id}.png", plot.GetImageBytes(900, 480, ImageFormat.Png));
            var svg = plot.GetSvgXml(900, 480);
            Text($"fan-{t.Id}.svg", svg);
            svgs.Add(($"{t.Name}: level over time", $"fan-{t.Id}", svg));
        }
        var bars = Charts.Outcomes(s);
        var h = Charts.OutcomesHeight(s);
        Bytes("outcomes.png", bars.GetImageBytes(1100, h, ImageFormat.Png));
        var barSvg = bars.GetSvgXml(1100, h);
        Text("outcomes.svg", barSvg);
        svgs.Insert(0, ("Every outcome metric: the share of runs in which it happened, with its 95% interval (the draws are the independent units)", "outcomes", barSvg));
        if (s.ForceShares.Count > 0)
        {
            var shares = Charts.Shares(s);
            Bytes("force-shares.png", shares.GetImageBytes(900, 480, ImageFormat.Png));
            var svg = shares.GetSvgXml(900, 480);
            Text("force-shares.svg", svg);
            svgs.Add(("Force shares over time (mean)", "force-shares", svg));
        }
        Text("report.html", Html(s, svgs));
        return written;
    }

    /// <summary>metric,p,lo,hi,n,epistemic_share,description</summary>
    public static string OutcomesCsv(EscalationSummary s)
    {
        var sb = new StringBuilder("metric,p,lo,hi,n,draw_p05,draw_p95,epistemic_share,description\n");
        foreach (var (k, v) in s.Outcomes)
            sb.Append(Inv, $"{k},{v.P},{v.Lo},{v.Hi},{v.N},{v.Epistemic?.DrawP05},{v.Epistemic?.DrawP95},{v.Epistemic?.EpistemicShare},{Csv(v.Description)}\n");
        return sb.ToString();
    }

    /// <summary>theater,step,date,mean,q05,q25,q50,q75,q95</summary>
    public static string LevelsCsv(EscalationSummary s)
    {
        var sb = new StringBuilder("theater,step,date,mean,q05,q25,q50,q75,q95\n");
        foreach (var t in s.Theaters)
            foreach (var f in t.Fan)
                sb.Append(Inv, $"{t.Id},{f.Step},{f.Date:yyyy-MM-dd},{f.Mean},{f.Q05},{f.Q25},{f.Q50},{f.Q75},{f.Q95}\n");
        return sb.ToString();
    }

    /// <summary>actor,theater,step,mean,lo,hi</summary>
    public static string SharesCsv(EscalationSummary s)
    {
        var sb = new StringBuilder("actor,theater,step,mean,lo,hi\n");
        foreach (var x in s.ForceShares)
            foreach (var p in x.Points)
                sb.Append(Inv, $"{x.Actor},{x.Theater},{p.Step},{p.Mean},{p.Lo},{p.Hi}\n");
        return sb.ToString();
    }

    private static string Csv(string v) => v.Contains(',') || v.Contains('"') ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;

    private static string H(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A self-contained HTML report with the charts inline and the tables behind them.</summary>
    public static string Html(EscalationSummary s, IReadOnlyList<(string Title, string File, string Svg)> charts)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(H(s.Title)).Append(" — escalation Monte Carlo</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1.5em 0}figcaption{font-weight:600}.j{color:#8a5a00}.src{color:#205080}</style></head><body>\n");
        sb.Append("<h1>").Append(H(s.Title)).Append("</h1>\n");
        sb.Append(Inv, $"<p>Scenario <code>{H(s.Scenario)}</code>: {s.Runs:N0} runs (seed {s.Seed}; {s.Draws:N0} parameter draws × {s.Replicates} dynamics replicates), {s.Steps} {H(s.StepUnit)}ly steps from {s.Start:yyyy-MM-dd}.");
        if (s.Overrides.Count > 0) sb.Append(" Overrides: <code>").Append(H(string.Join(" ", s.Overrides))).Append("</code>.");
        if (s.RemovedTreaties.Count > 0) sb.Append(" Treaties removed: <code>").Append(H(string.Join(", ", s.RemovedTreaties))).Append("</code>.");
        sb.Append("</p>\n<p>Probabilities are shares of runs with 95% intervals that treat the parameter draws as the independent units (Wilson at the effective sample size). \"Draw 5–95%\" is the spread of the probability across parameter draws (epistemic uncertainty); \"epistemic share\" is the part of the outcome's variance due to the parameters rather than the dynamics. See docs/model.md.</p>\n");
        foreach (var (title, file, svg) in charts)
        {
            sb.Append("<figure><figcaption>").Append(H(title)).Append("</figcaption>\n");
            sb.Append(svg.Contains("<svg", StringComparison.Ordinal) ? svg[svg.IndexOf("<svg", StringComparison.Ordinal)..] : svg);
            sb.Append("\n<div><a href=\"").Append(file).Append(".png\">PNG</a> · <a href=\"").Append(file).Append(".svg\">SVG</a></div></figure>\n");
        }
        sb.Append("<h2>Outcomes</h2>\n<table><tr><th>metric</th><th>p</th><th>95% interval</th><th>n</th><th>draw 5–95%</th><th>epistemic share</th><th>meaning</th></tr>\n");
        foreach (var (k, v) in s.Outcomes)
            sb.Append(Inv, $"<tr><td><code>{H(k)}</code></td><td class=n>{v.P:0.0000}</td><td class=n>{v.Lo:0.0000}–{v.Hi:0.0000}</td><td class=n>{v.N}</td><td class=n>{(v.Epistemic is { } e ? $"{e.DrawP05:0.000}–{e.DrawP95:0.000}" : "—")}</td><td class=n>{(v.Epistemic is { } e2 ? e2.EpistemicShare.ToString("0.00", Inv) : "—")}</td><td>{H(v.Description)}</td></tr>\n");
        sb.Append("</table>\n");
        sb.Append(Inv, $"<h2>Time to first war</h2><p>A theater not at war at the start reaches war in {s.TimeToFirstWar.P:0.0000} of runs");
        if (s.TimeToFirstWar.MedianStep is { } med) sb.Append(Inv, $"; median step {med}, mean {s.TimeToFirstWar.MeanStep:0.0} among those runs");
        sb.Append(".</p>\n<h2>Highest level reached, per theater</h2>\n");
        foreach (var t in s.Theaters)
        {
            sb.Append(Inv, $"<h3>{H(t.Name)}</h3><p>Starts at level {t.StartLevel} — {H(t.StartBasis)}</p><table><tr><th>level</th><th>name</th><th>p</th><th>95% interval</th></tr>\n");
            foreach (var l in t.MaxLevel.Where(l => l.P > 0))
                sb.Append(Inv, $"<tr><td class=n>{l.Level}</td><td>{H(l.Name)}</td><td class=n>{l.P:0.0000}</td><td class=n>{l.Lo:0.0000}–{l.Hi:0.0000}</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("<h2>The ladder</h2><p>Condensed from Herman Kahn's 44 rungs (On Escalation, 1965); the mapping to rungs and MID hostility levels is our judgement.</p><table><tr><th>level</th><th>name</th><th>Kahn rungs</th><th>MID hostility</th></tr>\n");
        foreach (var l in s.Ladder) sb.Append(Inv, $"<tr><td class=n>{l.Level}</td><td>{H(l.Name)}</td><td>{H(l.KahnRungs)}</td><td class=n>{l.MidHostility}</td></tr>\n");
        sb.Append("</table>\n<h2>Obligations table</h2><table><tr><th>treaty</th><th>art.</th><th>ally</th><th>partner</th><th>theater</th><th>trigger level</th><th>strength</th><th>credibility</th></tr>\n");
        foreach (var o in s.Obligations)
            sb.Append(Inv, $"<tr><td>{H(o.Treaty)}</td><td>{H(o.Article)}</td><td>{o.Ally}</td><td>{o.Partner}</td><td>{H(o.Theater)}</td><td class=n>{o.TriggerLevel}</td><td>{o.Strength}</td><td class=n>{o.Credibility:0.00}</td></tr>\n");
        sb.Append("</table>\n<h2>Parameters</h2><p>Every parameter with its value or distribution and its provenance: <span class=src>source</span> or <span class=j>judgement</span>.</p><table><tr><th>path</th><th>value</th><th>basis</th></tr>\n");
        foreach (var p in s.Parameters)
            sb.Append($"<tr><td><code>{H(p.Path)}</code></td><td>{H(p.Value)}</td><td class={(p.Basis == "judgement" ? "j" : "src")}>{H(p.Basis)}: {H(p.Text)}</td></tr>\n");
        sb.Append("</table>\n");
        if (s.Warnings.Count > 0)
        {
            sb.Append("<h2>Warnings</h2><ul>");
            foreach (var w in s.Warnings) sb.Append("<li>").Append(H(w)).Append("</li>");
            sb.Append("</ul>\n");
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }
}

/// <summary>The charts, built with ScottPlot from the summary.</summary>
public static class Charts
{
    /// <summary>Fan chart of a theater's level over time: 5–95% and 25–75% bands, median and mean.</summary>
    public static Plot Fan(EscalationSummary s, TheaterSummary t)
    {
        var plot = new Plot();
        var xs = t.Fan.Select(f => (double)f.Step).ToArray();
        var outer = plot.Add.FillY(xs, t.Fan.Select(f => (double)f.Q05).ToArray(), t.Fan.Select(f => (double)f.Q95).ToArray());
        outer.FillColor = Colors.SteelBlue.WithAlpha(0.2);
        outer.LegendText = "5–95%";
        var inner = plot.Add.FillY(xs, t.Fan.Select(f => (double)f.Q25).ToArray(), t.Fan.Select(f => (double)f.Q75).ToArray());
        inner.FillColor = Colors.SteelBlue.WithAlpha(0.45);
        inner.LegendText = "25–75%";
        var median = plot.Add.Scatter(xs, t.Fan.Select(f => (double)f.Q50).ToArray());
        median.Color = Colors.Navy; median.MarkerSize = 0; median.LineWidth = 2; median.LegendText = "median";
        var mean = plot.Add.Scatter(xs, t.Fan.Select(f => f.Mean).ToArray());
        mean.Color = Colors.DarkOrange; mean.MarkerSize = 0; mean.LineWidth = 2; mean.LinePattern = LinePattern.Dashed; mean.LegendText = "mean";
        plot.Title($"{t.Name}: escalation level");
        plot.XLabel($"step ({s.StepUnit}s from {s.Start:yyyy-MM-dd})");
        plot.YLabel("ladder level");
        var top = s.Ladder.Count - 1;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            s.Ladder.Select(l => (double)l.Level).ToArray(), s.Ladder.Select(l => $"{l.Level} {Short(l.Name)}").ToArray());
        plot.Axes.SetLimits(0, Math.Max(1, s.Steps), -0.3, top + 0.3);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Pixel height of the outcomes chart: room for every metric's row.</summary>
    public static int OutcomesHeight(EscalationSummary s) => 140 + 17 * s.Outcomes.Count;

    /// <summary>Horizontal bars of every outcome metric (in the order of docs/escalation.md) with its cluster-aware 95% interval.</summary>
    public static Plot Outcomes(EscalationSummary s)
    {
        var keys = s.Outcomes.Keys.ToList();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < keys.Count; i++)
        {
            var o = s.Outcomes[keys[i]];
            var pos = keys.Count - 1 - i;
            bars.Add(new Bar { Position = pos, Value = o.P, FillColor = Colors.SteelBlue, LineWidth = 0 });
        }
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        for (var i = 0; i < keys.Count; i++)
        {
            var o = s.Outcomes[keys[i]];
            var pos = keys.Count - 1 - i;
            var line = plot.Add.Line(o.Lo, pos, o.Hi, pos);
            line.Color = Colors.Black; line.LineWidth = 1.5f;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, keys.Count).Select(i => (double)(keys.Count - 1 - i)).ToArray(), keys.ToArray());
        plot.Axes.SetLimits(0, 1, -0.7, keys.Count - 0.3);
        plot.Title($"Every outcome metric ({keys.Count}), {s.Runs:N0} runs: share of runs, with cluster-aware 95% intervals");
        plot.XLabel("probability");
        return plot;
    }

    /// <summary>Mean force shares over time for every tracked deployment.</summary>
    public static Plot Shares(EscalationSummary s)
    {
        var plot = new Plot();
        foreach (var x in s.ForceShares)
        {
            var sc = plot.Add.Scatter(x.Points.Select(p => (double)p.Step).ToArray(), x.Points.Select(p => p.Mean).ToArray());
            sc.MarkerSize = 0; sc.LineWidth = 2; sc.LegendText = $"{x.Actor} in {x.Theater}";
        }
        plot.Title("Force shares over time (mean over runs)");
        plot.XLabel($"step ({s.StepUnit}s)");
        plot.YLabel("share of the actor's forces");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static string Short(string name) => name.Length <= 22 ? name : name[..21] + "…";
}
