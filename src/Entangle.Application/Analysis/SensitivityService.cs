using Entangle.Scenarios;
using Entangle.Application.Escalation;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Application.Sweeps;
using Entangle.Domain;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Application.Analysis;

/// <summary>Settings of <c>entangle sensitivity</c>.</summary>
/// <param name="Method">morris, oat or sobol.</param>
/// <param name="Runs">Runs at each design point.</param>
/// <param name="Trajectories">Morris trajectories.</param>
/// <param name="Levels">Points per one-at-a-time scan.</param>
/// <param name="SobolN">Saltelli base rows N; the design has N(k + 2) points.</param>
public sealed record SensitivityRequest(string Metric, string Method = "morris", int Runs = 200, int Trajectories = 8, int Levels = 5, int SobolN = 32,
    ulong Seed = 1, int Replicates = 5, int Threads = 0, IReadOnlyList<string>? Parameters = null);

/// <summary>The result of <c>entangle sensitivity</c>: one row per screened parameter, most influential first.</summary>
/// <param name="Base">The metric with every parameter as the scenario gives it.</param>
public sealed record SensitivityResult(string Scenario, string Title, string Metric, string MetricDescription, string Method, int RunsPerPoint, int DesignPoints,
    ulong Seed, Est Base, IReadOnlyList<ScreenedParameter> Parameters, IReadOnlyList<SensitivityRow> Effects, string Caveat);

/// <summary>One parameter's effects; the fields of methods not run are null.</summary>
/// <param name="AtLo">One-at-a-time: the metric with the parameter at the low end of its range.</param>
/// <param name="AtHi">One-at-a-time: at the high end.</param>
/// <param name="Swing">One-at-a-time: |AtHi − AtLo| (the tornado bar's length).</param>
public sealed record SensitivityRow(string Parameter, double Lo, double Hi,
    double? AtLo = null, double? AtHi = null, double? Swing = null, IReadOnlyList<ScanPoint>? Scan = null,
    double? MuStar = null, double? Mu = null, double? Sigma = null,
    double? First = null, double? FirstLo = null, double? FirstHi = null, double? Total = null, double? TotalLo = null, double? TotalHi = null);

/// <summary>
/// <c>entangle sensitivity</c>: how one outcome metric depends on the judgement parameters — a one-at-a-time scan
/// (tornado), Morris screening (μ*, σ) or Sobol first-order and total indices from Saltelli sampling. Every design
/// point is a Monte Carlo of the same runs (common random numbers), so differences between points are not
/// swamped by sampling noise.
/// </summary>
public static class SensitivityService
{
    public const string SobolCaveat =
        "Each design point's output is a Monte Carlo estimate; its sampling noise adds to the variance V and inflates total indices slightly. " +
        "Common random numbers across points reduce, but do not remove, this noise; the bootstrap intervals cover only the design's sampling.";

    public static SensitivityResult Run(string path, SensitivityRequest request) => Run(ScenarioSource.File(path), request);

    /// <summary>
    /// Runs the analysis on a scenario from any source; <paramref name="cancel"/> stops it between chunks of runs, and
    /// <paramref name="progress"/> gets (runs done, runs in all) over every design point.
    /// </summary>
    public static SensitivityResult Run(ScenarioSource source, SensitivityRequest request, CancellationToken cancel = default, ISweepExecutor? executor = null,
        Action<int, int>? progress = null)
    {
        var path = source.Name;
        CompareService.Check(request.Runs, request.Replicates);
        var method = request.Method.ToLowerInvariant();
        if (method is not ("morris" or "oat" or "sobol")) throw new InputException($"method '{request.Method}': use morris, oat or sobol");
        var scenario = source.Load();
        var arm = EscalationService.Arm(EscalationService.Compile(scenario, new EscalationRequest(), null, path));
        var names = arm.Outcomes.Select(o => o.Name).ToList();
        if (!names.Contains(request.Metric, StringComparer.Ordinal))
            throw new InputException($"metric '{request.Metric}': no such metric{Suggest.DidYouMean(request.Metric, names)}; `entangle run --json` lists them");
        var ps = Screening.Select(arm, request.Parameters);
        if (ps.Count == 0) throw new InputException("no parameters to screen; name some with --parameter PATH");
        var k = ps.Count;
        if (method == "sobol" && k > 25) throw new InputException($"Sobol with {k} parameters is too costly here; name up to about 20 with --parameter");
        if (method == "sobol" && request.SobolN < 4) throw new InputException($"sobol_n {request.SobolN}: needs at least 4");
        if (method == "morris" && request.Trajectories < 2) throw new InputException($"trajectories {request.Trajectories}: Morris needs at least 2");
        var points = new List<DesignPoint> { DesignPoint.None };
        MorrisDesign? morris = null; OatDesign? oat = null; SaltelliDesign? saltelli = null;
        switch (method)
        {
            case "morris":
                morris = Morris.Design(k, request.Trajectories, new RandomStream(Seed.Derive(request.Seed, "morris")));
                points.AddRange(morris.Points.Select(x => ClaimsService.Fix(ps, x, null)));
                break;
            case "oat":
                if (request.Levels < 2) throw new InputException($"levels {request.Levels}: a scan needs at least 2 points");
                oat = OneAtATime.Design(new double[k], request.Levels);
                for (var p = 0; p < oat.Points.Length; p++) points.Add(ClaimsService.Fix(ps, oat.Points[p], oat.Parameter[p]));
                break;
            default:
                saltelli = Sobol.Design(k, request.SobolN, new RandomStream(Seed.Derive(request.Seed, "saltelli")));
                points.AddRange(saltelli.Points.Select(x => ClaimsService.Fix(ps, x, null)));
                break;
        }
        var draws = request.Runs / request.Replicates;
        var counts = Cancellable.Run(cancel, () => Sweep.Ensemble([Sweep.Payload(source, scenario)], [(arm, new ArmSpec("baseline", 0, [], []))], points,
            new EnsembleOptions(draws * request.Replicates, request.Seed, request.Replicates, request.Threads), executor,
            progress is null ? Cancellable.Progress(null, cancel) : (done, all) => { cancel.ThrowIfCancellationRequested(); progress(done, all); }, cancel));
        IntervalEstimate At(int p) => PairedDifference.Proportion(Metrics.Clusters(counts[p][0].Metrics[request.Metric]));
        var y = Enumerable.Range(1, points.Count - 1).Select(p => At(p).Estimate).ToArray();
        var rows = new List<SensitivityRow>();
        if (morris is not null)
        {
            var e = Morris.Analyse(morris, y);
            rows.AddRange(e.Select(x => new SensitivityRow(ps[x.Parameter].Path, ps[x.Parameter].Lo, ps[x.Parameter].Hi,
                MuStar: Est.R(x.MuStar), Mu: Est.R(x.Mu), Sigma: Est.R(x.Sigma))));
            rows = rows.OrderByDescending(r => r.MuStar).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        }
        else if (oat is not null)
        {
            for (var i = 0; i < k; i++)
            {
                var scan = oat.PointsOf(i).Select(p => { var e = At(p + 1); return new ScanPoint(Est.R(ps[i].At(oat.Value[p])), Est.R(e.Estimate), Est.R(e.Lo), Est.R(e.Hi), ""); }).ToList();
                rows.Add(new SensitivityRow(ps[i].Path, ps[i].Lo, ps[i].Hi, scan[0].Estimate, scan[^1].Estimate,
                    Est.R(scan.Max(s => s.Estimate) - scan.Min(s => s.Estimate)), scan));
            }
            rows = rows.OrderByDescending(r => r.Swing).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        }
        else if (saltelli is not null)
        {
            var s = Sobol.Analyse(saltelli, y, new RandomStream(Seed.Derive(request.Seed, "bootstrap")));
            rows.AddRange(s.Select(x => new SensitivityRow(ps[x.Parameter].Path, ps[x.Parameter].Lo, ps[x.Parameter].Hi,
                First: Est.R(x.First), FirstLo: Est.R(x.FirstLo), FirstHi: Est.R(x.FirstHi), Total: Est.R(x.Total), TotalLo: Est.R(x.TotalLo), TotalHi: Est.R(x.TotalHi))));
            rows = rows.OrderByDescending(r => r.Total).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        }
        var desc = arm.Outcomes.First(o => o.Name == request.Metric).Description;
        return new SensitivityResult(scenario.Info.Id, scenario.Info.Title, request.Metric, desc, method, draws * request.Replicates, points.Count - 1,
            request.Seed, Est.Of(At(0)), ps, rows, method == "sobol" ? SobolCaveat : "");
    }

    /// <summary>Writes sensitivity.json, effects.csv and the chart (PNG and SVG) into <paramref name="dir"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(SensitivityResult r, string dir)
    {
        var written = new List<string>();
        void Text(string name, string content) { var p = Path.Combine(dir, name); AtomicFile.WriteAllText(p, content); written.Add(p); }
        Text("sensitivity.json", Json.Serialize(r) + "\n");
        var csv = new System.Text.StringBuilder("parameter,lo,hi,at_lo,at_hi,swing,mu_star,mu,sigma,first,first_lo,first_hi,total,total_lo,total_hi\n");
        foreach (var e in r.Effects)
            csv.Append(System.FormattableString.Invariant($"{e.Parameter},{e.Lo},{e.Hi},{e.AtLo},{e.AtHi},{e.Swing},{e.MuStar},{e.Mu},{e.Sigma},{e.First},{e.FirstLo},{e.FirstHi},{e.Total},{e.TotalLo},{e.TotalHi}\n"));
        Text("effects.csv", csv.ToString());
        var plot = AnalysisCharts.Sensitivity(r);
        var name = $"{r.Method}-{Slug(r.Metric)}";
        var png = Path.Combine(dir, name + ".png");
        AtomicFile.WriteAllBytes(png, plot.GetImageBytes(900, 120 + 34 * r.Effects.Count, ScottPlot.ImageFormat.Png));
        written.Add(png);
        Text(name + ".svg", plot.GetSvgXml(900, 120 + 34 * r.Effects.Count));
        return written;
    }

    internal static string Slug(string s) => new(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
