using Entangle.Scenarios;
using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Application.Escalation;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using ScottPlot;

namespace Entangle.Application.Analysis;

/// <summary>Settings of <c>entangle report</c>.</summary>
/// <param name="Runs">Runs of the escalation Monte Carlo for the outcome probabilities.</param>
/// <param name="Claims">How the claims are tested.</param>
/// <param name="Runs">Runs of the escalation Monte Carlo. <value>Default 4,000; at least 1.</value></param>
/// <param name="Seed">Master seed. <value>Default 1.</value></param>
/// <param name="Threads">Worker threads; results do not depend on it. <value>Default 0 (all cores).</value></param>
/// <param name="Claims">How the claims are tested. <value>Default: <see cref="ClaimsRequest"/>'s defaults.</value></param>
public sealed record ReportRequest(int Runs = 4000, ulong Seed = 1, int Threads = 0, ClaimsRequest? Claims = null)
{
    /// <summary>Throws <see cref="Domain.InputException"/> naming the first field out of range.</summary>
    public ReportRequest Validate()
    {
        if (Runs < 1) throw new Domain.InputException($"runs {Runs}: must be at least 1");
        if (Threads < 0) throw new Domain.InputException($"threads {Threads}: must be 0 (all cores) or more");
        return this;
    }
}

/// <summary>What <c>entangle report</c> wrote.</summary>
public sealed record ReportResult(string Scenario, string Html, IReadOnlyList<string> Files, int Charts, int Claims);

/// <summary>
/// <c>entangle report</c>: a self-contained HTML briefing — the situation (actors, treaties with their clauses,
/// the alliance network), the outcome probabilities with charts, the claims with verdicts, the sensitivity charts
/// and the provenance of every figure and judgement used. Charts are inline SVG and styles inline, so the one
/// file can be attached to an e-mail; nothing is fetched from anywhere.
/// </summary>
public static class ReportService
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static ReportResult Write(string path, string dir, ReportRequest request, Action<string>? status = null) =>
        Write(ScenarioSource.File(path), dir, request, status);

    /// <summary>Writes the briefing of a scenario from any source into <paramref name="dir"/>; <paramref name="cancel"/> stops it between chunks of runs.</summary>
    public static ReportResult Write(ScenarioSource source, string dir, ReportRequest request, Action<string>? status = null, CancellationToken cancel = default)
    {
        request.Validate();
        var path = source.Name;
        var scenario = source.Load();
        var claimsRequest = (request.Claims ?? new ClaimsRequest()) with { Seed = request.Seed, Threads = request.Threads };
        status?.Invoke($"running the escalation Monte Carlo ({request.Runs} runs)");
        var model = EscalationService.Compile(scenario, new EscalationRequest(), null, path);
        var summary = EscalationService.Run(model, new EscalationRequest(request.Runs, request.Seed, Threads: request.Threads), null, cancel);
        ClaimsResult? claims = null;
        if (scenario.Claims().Count > 0) claims = ClaimsService.Test(source, claimsRequest, status, cancel);

        var files = new List<string>();
        var charts = new List<(string Id, string Title, string Svg)>();
        void Chart(string id, string title, Plot plot, int w, int h)
        {
            var png = Path.Combine(dir, id + ".png");
            AtomicFile.WriteAllBytes(png, plot.GetImageBytes(w, h, ImageFormat.Png));
            files.Add(png);
            var svg = plot.GetSvgXml(w, h);
            AtomicFile.WriteAllText(Path.Combine(dir, id + ".svg"), svg);
            files.Add(Path.Combine(dir, id + ".svg"));
            charts.Add((id, title, svg));
        }

        var network = AllianceNetwork.Svg(scenario);
        Chart("outcomes", "Every outcome metric: share of runs, with its cluster-aware 95% interval", Charts.Outcomes(summary), 1100, Charts.OutcomesHeight(summary));
        foreach (var t in summary.Theaters) Chart($"fan-{t.Id}", $"{t.Name}: escalation level over time", Charts.Fan(summary, t), 900, 420);
        if (claims is not null)
        {
            Chart("claims", "Claims: estimates with 95% intervals, by verdict", AnalysisCharts.Claims(claims), 1000, 140 + 60 * claims.Claims.Count);
            foreach (var c in claims.Claims.Where(c => c.Screening.Count > 0))
            {
                var level = c.Threshold is not null;
                var baseValue = level ? c.With.Estimate : c.Difference.Estimate;
                var rows = c.Screening.Select(h => (h.Parameter, h.Scan[0].Estimate, h.Scan[^1].Estimate))
                    .OrderByDescending(x => Math.Abs(x.Item3 - x.Item2)).ThenBy(x => x.Parameter, StringComparer.Ordinal).ToList();
                Chart($"tornado-{SensitivityService.Slug(c.Id)}", $"Claim {c.Id}: one-at-a-time scan of {(level ? "the estimate" : "the difference")}",
                    AnalysisCharts.Tornado(rows, baseValue, $"{c.Id}: what moves {(level ? $"P({c.Metric})" : "the difference")}", level ? $"P({c.Metric})" : "difference with − without"),
                    900, 120 + 34 * rows.Count);
                Chart($"morris-{SensitivityService.Slug(c.Id)}", $"Claim {c.Id}: Morris screening",
                    AnalysisCharts.MorrisBars(c.Screening.OrderByDescending(h => h.MuStar).Select(h => (h.Parameter, h.MuStar, h.Sigma)).ToList(),
                        $"{c.Id}: Morris μ* and σ", level ? $"μ* of P({c.Metric})" : "μ* of the difference"), 900, 120 + 34 * c.Screening.Count);
            }
        }
        var html = Html(scenario, summary, claims, network, charts);
        var htmlPath = Path.Combine(dir, "report.html");
        AtomicFile.WriteAllText(htmlPath, html);
        files.Insert(0, htmlPath);
        if (claims is not null)
        {
            var cj = Path.Combine(dir, "claims.json");
            AtomicFile.WriteAllText(cj, Json.Serialize(claims) + "\n");
            files.Add(cj);
        }
        var sj = Path.Combine(dir, "summary.json");
        AtomicFile.WriteAllText(sj, Json.Serialize(summary) + "\n");
        files.Add(sj);
        return new ReportResult(scenario.Info.Id, htmlPath, files, charts.Count + 1, claims?.Claims.Count ?? 0);
    }

    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string P(double x) => x.ToString("0.000", Inv);
    private static string S(double x) => x.ToString("+0.000;−0.000;0.000", Inv);

    private static string Src(string text)
    {
        // citations may hold URLs: make them links (nothing is loaded until a reader clicks)
        var sb = new StringBuilder();
        foreach (var part in text.Split(' '))
        {
            if (sb.Length > 0) sb.Append(' ');
            if (part.StartsWith("https://", StringComparison.Ordinal) || part.StartsWith("http://", StringComparison.Ordinal))
            {
                var url = part.TrimEnd(')', ',', ';', '.');
                sb.Append("<a href=\"").Append(H(url)).Append("\" rel=\"noreferrer\">").Append(H(url)).Append("</a>").Append(H(part[url.Length..]));
            }
            else sb.Append(H(part));
        }
        return sb.ToString();
    }

    private static string Svg(string svg)
    {
        var i = svg.IndexOf("<svg", StringComparison.Ordinal);
        return i >= 0 ? svg[i..] : svg;
    }

    private static string Html(Scenario sc, EscalationSummary s, ClaimsResult? claims, string network, IReadOnlyList<(string Id, string Title, string Svg)> charts)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
          .Append(H(sc.Info.Title)).Append(" — briefing</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1120px;margin:2em auto;padding:0 1.2em;color:#1d232a;line-height:1.45}\n")
          .Append("h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #2b5d8a;padding-bottom:.15em;margin-top:2em}h3{margin-bottom:.3em}\n")
          .Append("table{border-collapse:collapse;margin:.8em 0;font-size:.88em;width:100%}td,th{border:1px solid #c9d1d9;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eef3f8}\n")
          .Append("td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}figure{margin:1.2em 0}figcaption{font-weight:600;margin-bottom:.3em}figure svg{max-width:100%;height:auto}\n")
          .Append(".supported{background:#dff3e4;font-weight:600}.contradicted{background:#f8dcdc;font-weight:600}.inconclusive{background:#eceff1;font-weight:600}\n")
          .Append(".judgement{color:#8a5a00}.source{color:#205080}.quote{font-style:italic}.muted{color:#57606a;font-size:.9em}code{font-size:.92em}\n")
          .Append("nav ol{columns:2}details{margin:.4em 0}summary{cursor:pointer}\n</style></head><body>\n");
        sb.Append("<h1>").Append(H(sc.Info.Title)).Append("</h1>\n");
        sb.Append(Inv, $"<p class=\"muted\">Scenario <code>{H(sc.Info.Id)}</code> as of {sc.Info.AsOf:yyyy-MM-dd}. Generated by Entangle (<code>entangle report</code>), seed {s.Seed}. Every figure below carries its source; every judgement is labelled as one.</p>\n");
        sb.Append("<nav><ol><li><a href=\"#situation\">Situation</a></li><li><a href=\"#outcomes\">Outcome probabilities</a></li><li><a href=\"#claims\">Claims</a></li><li><a href=\"#sensitivity\">Sensitivity</a></li><li><a href=\"#provenance\">Provenance</a></li><li><a href=\"#method\">Method</a></li></ol></nav>\n");

        // ---- situation
        sb.Append("<h2 id=\"situation\">1. Situation</h2>\n");
        if (sc.Info.Description is { } d) sb.Append("<p>").Append(H(d)).Append("</p>\n");
        sb.Append("<h3>Actors</h3>\n<table id=\"actors\"><tr><th>state</th><th>name</th><th>roles in the escalation model</th><th>military expenditure</th></tr>\n");
        var roles = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var em = Domain.Escalation.EscalationScenario.Escalation(sc);
        if (em is not null)
            foreach (var t in em.Theaters)
            {
                foreach (var a in t.SideA) Add(roles, a.Iso3, $"{t.Theater}: side A");
                foreach (var b in t.SideB) Add(roles, b.Iso3, $"{t.Theater}: side B");
                foreach (var sp in t.Supporters) Add(roles, sp.State.Iso3, $"{t.Theater}: supports {sp.Side}");
            }
        foreach (var (iso, rs) in roles)
        {
            var st = sc.States.FirstOrDefault(x => x.Id.Iso3 == iso);
            var milex = st?.Figure(FigureNames.MilexUsd);
            sb.Append("<tr><td><code>").Append(H(iso)).Append("</code></td><td>").Append(H(st?.Name ?? iso)).Append("</td><td>").Append(H(string.Join("; ", rs))).Append("</td><td>");
            if (milex is not null) sb.Append(Inv, $"US${milex.Value / 1e9:0.#} bn ({milex.Year}) <span class=\"{milex.Basis.Kind}\">— {Src(milex.Basis.Text)}</span>");
            else sb.Append('—');
            sb.Append("</td></tr>\n");
        }
        sb.Append("</table>\n");
        sb.Append("<h3>Alliance network</h3>\n<figure id=\"alliance-network\"><figcaption>The treaties of the scenario and their parties; colour by kind: alliance red, partnership orange, technology blue, other grey</figcaption>\n")
          .Append(network).Append("\n</figure>\n");
        sb.Append("<h3>Treaties and their clauses</h3>\n");
        foreach (var t in sc.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            sb.Append("<details><summary><b>").Append(H(t.Name)).Append("</b> <code>").Append(H(t.Id)).Append("</code> — ").Append(H(t.Kind.ToString().ToLowerInvariant()))
              .Append(", parties ").Append(H(string.Join(", ", t.Parties.Select(p => p.State.Iso3))));
            if (t.Signed is { } sg) sb.Append(Inv, $", signed {sg:yyyy-MM-dd}");
            if (t.InForce is { } f) sb.Append(Inv, $", in force {f:yyyy-MM-dd}");
            sb.Append("</summary>\n<p class=\"source\">Source: ").Append(Src(t.Source)).Append("</p>\n");
            if (t.Clauses.Count > 0)
            {
                sb.Append("<table><tr><th>article</th><th>kind</th><th>text</th><th>strength</th><th>credibility</th></tr>\n");
                foreach (var c in t.Clauses)
                    sb.Append("<tr><td>").Append(H(c.Article)).Append("</td><td>").Append(H(c.Kind.ToString())).Append("</td><td>").Append(H(c.Text))
                      .Append("<div class=\"source\">").Append(Src(c.Source)).Append("</div></td><td>").Append(H(c.Strength.ToString().ToLowerInvariant())).Append("</td><td>")
                      .Append(c.Credibility is { } cr ? $"{cr.Value.ToString("0.##", Inv)} <span class=\"{cr.Basis.Kind}\">({H(cr.Basis.Kind)}: {Src(cr.Basis.Text)})</span>" : "—")
                      .Append("</td></tr>\n");
                sb.Append("</table>\n");
            }
            sb.Append("</details>\n");
        }

        // ---- outcomes
        sb.Append("<h2 id=\"outcomes\">2. Outcome probabilities</h2>\n");
        sb.Append(Inv, $"<p>Escalation Monte Carlo: {s.Runs:N0} runs ({s.Draws:N0} parameter draws × {s.Replicates}), {s.Steps} {H(s.StepUnit)}s from {s.Start:yyyy-MM-dd}. Probabilities are shares of runs with 95% intervals that treat the parameter draws as the independent units; the model is documented in docs/model.md.</p>\n");
        foreach (var c in charts.Where(c => c.Id == "outcomes" || c.Id.StartsWith("fan-", StringComparison.Ordinal))) Figure(sb, c);
        sb.Append("<table id=\"outcome-table\"><tr><th>metric</th><th>p</th><th>95% interval</th><th>meaning</th></tr>\n");
        foreach (var (k, v) in s.Outcomes.Where(kv => kv.Value.P > 0 || !kv.Key.StartsWith("event.", StringComparison.Ordinal)))
            sb.Append(Inv, $"<tr><td><code>{H(k)}</code></td><td class=n>{P(v.P)}</td><td class=n>{P(v.Lo)}–{P(v.Hi)}</td><td>{H(v.Description)}</td></tr>\n");
        sb.Append("</table>\n");

        // ---- claims
        sb.Append("<h2 id=\"claims\">3. Claims</h2>\n");
        if (claims is null) sb.Append("<p>The scenario states no claims.</p>\n");
        else
        {
            var st = claims.Settings;
            sb.Append(Inv, $"<p>Each claim is tested against its counterfactual with {st.Runs:N0} paired runs per arm (common random numbers: the same seeds and parameter draws in both arms); the interval of the difference is a paired 95% t interval over the {st.Draws} parameter draws. Verdicts hold <em>under these assumptions</em>: {H(st.VerdictRule)}</p>\n");
            sb.Append("<table id=\"claims-table\"><tr><th>claim</th><th>metric and test</th><th>with</th><th>without</th><th>difference (95%)</th><th>verdict</th><th>hinges on</th></tr>\n");
            foreach (var c in claims.Claims)
            {
                sb.Append("<tr><td><b>").Append(H(c.Id)).Append("</b><br>").Append(H(c.Title)).Append("</td><td>").Append(H(c.Statement)).Append("</td>")
                  .Append(Inv, $"<td class=n>{P(c.With.Estimate)}<br><span class=muted>{P(c.With.Lo)}–{P(c.With.Hi)}</span></td>")
                  .Append(Inv, $"<td class=n>{P(c.Without.Estimate)}<br><span class=muted>{P(c.Without.Lo)}–{P(c.Without.Hi)}</span></td>")
                  .Append(Inv, $"<td class=n>{S(c.Difference.Estimate)}<br><span class=muted>{S(c.Difference.Lo)} … {S(c.Difference.Hi)}</span></td>")
                  .Append("<td class=\"").Append(c.Verdict).Append("\">").Append(H(c.Verdict)).Append("</td><td>");
                foreach (var h in c.HingesOn)
                    sb.Append("<code>").Append(H(h.Parameter)).Append("</code>")
                      .Append(h.FlipsAt is { } fl ? $" (crosses the boundary at {H(Screening.Fmt(fl))})" : "").Append("<br>");
                sb.Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
            foreach (var c in charts.Where(c => c.Id == "claims")) Figure(sb, c);
            foreach (var c in claims.Claims)
            {
                sb.Append("<h3 id=\"claim-").Append(H(c.Id)).Append("\">").Append(H(c.Id)).Append(": ").Append(H(c.Title)).Append(" — <span class=\"").Append(c.Verdict).Append("\">").Append(H(c.Verdict)).Append("</span></h3>\n");
                sb.Append("<blockquote lang=\"nl\" class=\"quote\">").Append(H(c.Quote)).Append("</blockquote>\n<p><i>Gloss:</i> ").Append(H(c.Gloss)).Append("</p>\n");
                sb.Append("<p class=\"source\">Source: ").Append(H(c.Source)).Append("</p>\n");
                sb.Append("<p>Tested as: ").Append(H(c.Statement)).Append(Inv, $". Minimum effect {c.MinimumEffect} <span class=\"judgement\">(judgement: {H(c.MinimumEffectJudgement)})</span>.");
                if (c.Note is { } note) sb.Append(" <span class=\"judgement\">How the sentence became a test (judgement): ").Append(H(note)).Append("</span>");
                sb.Append("</p>\n");
                sb.Append(Inv, $"<p>With the scenario as it is: {P(c.With.Estimate)} ({P(c.With.Lo)}–{P(c.With.Hi)}); {H(c.Counterfactual)}: {P(c.Without.Estimate)} ({P(c.Without.Lo)}–{P(c.Without.Hi)}); difference {S(c.Difference.Estimate)} ({S(c.Difference.Lo)} … {S(c.Difference.Hi)})");
                if (c.VarianceReduction is { } vr) sb.Append(Inv, $"; pairing cut the variance of the difference {vr:0.0}-fold");
                sb.Append(".</p>\n");
                if (c.Mechanism is { } why) sb.Append("<p class=\"mechanism\"><i>Why this verdict:</i> ").Append(H(why)).Append("</p>\n");
                if (c.Stress is { } stress)
                    sb.Append(Inv, $"<p>Stress test ({stress.Points.Count} points: {H(string.Join(", ", stress.Parameters.Select(p => p.Path)))} at the ends of their ranges; {H(stress.Effect ?? "effect")}): {S(stress.Lo)} at {H(stress.LoAt ?? "")} to {S(stress.Hi)} at {H(stress.HiAt ?? "")}, largest upper 95% end {S(stress.HiUpper)}.</p>\n");
                // the map around the claim: its paths from the counterfactual to the metric, drawn by Entangle
                sb.Append("<figure class=\"mechanism-map\" id=\"map-").Append(H(c.Id)).Append("\">")
                  .Append(MechanismsService.Svg([new MechanismTarget(c.Metric, [c.Id], c.Paths ?? [], [])]))
                  .Append("<figcaption>Mechanism map: paths from the counterfactual (").Append(H(c.Counterfactual)).Append(") to ").Append(H(c.Metric)).Append(" (docs/analysis.md).</figcaption></figure>\n");
                if (c.HingesOn.Count > 0)
                {
                    sb.Append("<table><tr><th>parameter</th><th>range screened</th><th>μ*</th><th>σ</th><th>verdict at low end</th><th>at high end</th><th>estimate crosses the boundary at</th></tr>\n");
                    foreach (var h in c.HingesOn)
                        sb.Append(Inv, $"<tr><td><code>{H(h.Parameter)}</code></td><td class=n>{H(Screening.Fmt(h.Lo))}–{H(Screening.Fmt(h.Hi))}</td><td class=n>{P(h.MuStar)}</td><td class=n>{P(h.Sigma)}</td><td class=\"{h.VerdictAtLo}\">{H(h.VerdictAtLo)}</td><td class=\"{h.VerdictAtHi}\">{H(h.VerdictAtHi)}</td><td class=n>{(h.FlipsAt is { } f ? H(Screening.Fmt(f)) : "— (not in range)")}</td></tr>\n");
                    sb.Append("</table>\n");
                }
            }
        }

        // ---- sensitivity
        sb.Append("<h2 id=\"sensitivity\">4. Sensitivity</h2>\n");
        if (claims is null || claims.Settings.Parameters.Count == 0) sb.Append("<p>No screening was run.</p>\n");
        else
        {
            var st = claims.Settings;
            sb.Append(Inv, $"<p>{st.Parameters.Count} judgement parameters screened for each claim: a one-at-a-time scan ({st.Levels} points across each range, the other parameters keeping their distributions) and Morris elementary effects ({st.Trajectories} trajectories), {st.ScreeningRuns} paired runs per arm at every design point, with the same seeds at every point.</p>\n");
            foreach (var c in charts.Where(c => c.Id.StartsWith("tornado-", StringComparison.Ordinal) || c.Id.StartsWith("morris-", StringComparison.Ordinal))) Figure(sb, c);
        }

        // ---- provenance
        sb.Append("<h2 id=\"provenance\">5. Provenance of every figure and judgement used</h2>\n");
        sb.Append("<p>Every parameter of the escalation model as used in these runs, with its value or distribution and its basis: a cited <span class=\"source\">source</span> or a labelled <span class=\"judgement\">judgement</span> (defaults are judgements documented in docs/model.md).</p>\n");
        sb.Append("<table id=\"provenance-table\"><tr><th>parameter</th><th>value</th><th>basis</th><th>citation or reasoning</th></tr>\n");
        foreach (var p in s.Parameters)
            sb.Append("<tr><td><code>").Append(H(p.Path)).Append("</code></td><td>").Append(H(p.Value)).Append("</td><td class=\"").Append(H(p.Basis)).Append("\">").Append(H(p.Basis))
              .Append("</td><td>").Append(Src(p.Text)).Append("</td></tr>\n");
        sb.Append("</table>\n");
        if (claims is not null && claims.Settings.Parameters.Count > 0)
        {
            sb.Append("<h3>Screening ranges (judgements of the analysis)</h3>\n<table><tr><th>parameter</th><th>in the scenario</th><th>range screened</th><th>how the range was chosen</th></tr>\n");
            foreach (var p in claims.Settings.Parameters)
                sb.Append("<tr><td><code>").Append(H(p.Path)).Append("</code></td><td>").Append(H(p.Value)).Append("</td><td class=n>").Append(H(Screening.Fmt(p.Lo))).Append('–').Append(H(Screening.Fmt(p.Hi)))
                  .Append("</td><td class=\"judgement\">").Append(H(p.Range)).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }
        if (sc.Corrections.Count > 0)
            sb.Append(Inv, $"<p>The scenario records {sc.Corrections.Count} corrections of its seed article (where the article is wrong the scenario uses the sourced fact; see <code>scenarios/{H(sc.Info.Id)}/corrections.yaml</code>).</p>\n");
        sb.Append("<h3>Scenario sources</h3><ul>");
        foreach (var src in sc.Info.Sources) sb.Append("<li class=\"source\">").Append(Src(src)).Append("</li>");
        sb.Append("</ul>\n");

        // ---- method
        sb.Append("<h2 id=\"method\">6. Method</h2>\n<p>Counterfactuals are run as paired Monte Carlo arms with common random numbers: run <i>r</i> uses the same dynamics stream in both arms, and every parameter drawn from a distribution is drawn from its own stream keyed by its name, so it takes the same value in both arms. The difference's interval treats each parameter draw as one paired observation (a ratio estimator with cluster-linearised variance; Student t). Morris screening follows Morris (1991) with the μ* of Campolongo, Cariboni &amp; Saltelli (2007). See docs/analysis.md.</p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Figure(StringBuilder sb, (string Id, string Title, string Svg) c) =>
        sb.Append("<figure class=\"chart\" id=\"chart-").Append(H(c.Id)).Append("\"><figcaption>").Append(H(c.Title)).Append("</figcaption>\n").Append(Svg(c.Svg)).Append("\n</figure>\n");

    private static void Add(SortedDictionary<string, List<string>> d, string k, string v)
    {
        if (!d.TryGetValue(k, out var l)) d[k] = l = [];
        l.Add(v);
    }
}
