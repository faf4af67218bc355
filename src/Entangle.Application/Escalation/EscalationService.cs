using System.Globalization;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Escalation;

/// <summary>What to run: a scenario with its escalation section, and the Monte Carlo options.</summary>
/// <param name="Steps">Overrides the scenario's number of steps.</param>
/// <param name="Overrides">Parameter overrides <c>PATH=VALUE</c> (e.g. <c>actor.USA.resolve=0.8</c>).</param>
/// <param name="WithoutTreaties">Treaties to remove before compiling (counterfactuals).</param>
public sealed record EscalationRequest(
    int Runs = 10_000, ulong Seed = 1, int? Steps = null, int Threads = 0, int Replicates = 10,
    IReadOnlyList<string>? Overrides = null, IReadOnlyList<string>? WithoutTreaties = null);

/// <summary>The escalation use cases shared by the CLI and other front ends: compile, run, replay.</summary>
public static class EscalationService
{
    /// <summary>Loads a scenario file and compiles its escalation section with the request's changes.</summary>
    public static CompiledModel Load(string path, EscalationRequest request, IObligationSource? obligations = null) =>
        Compile(ScenarioService.Load(path), request, obligations, path);

    /// <summary>Compiles a scenario's escalation section with the request's steps, removed treaties and overrides.</summary>
    public static CompiledModel Compile(Scenario scenario, EscalationRequest request, IObligationSource? obligations = null, string? file = null)
    {
        var model = scenario.Escalation()
            ?? throw new InputException(file ?? scenario.Info.Id, "the scenario has no 'escalation:' section; see docs/escalation.md");
        foreach (var t in request.WithoutTreaties ?? [])
        {
            if (scenario.Treaty(t) is null)
                throw new InputException($"--without-treaty: no treaty '{t}' in the scenario{Suggest.DidYouMean(t, scenario.Treaties.Select(x => x.Id))}");
            scenario = scenario.WithoutTreaty(t);
        }
        if (request.Steps is { } steps)
        {
            if (steps < 1 || steps > 10_000) throw new InputException($"--steps {steps}: must lie in 1..10000");
            model = model with { Settings = model.Settings with { Steps = steps } };
        }
        var compiled = CompiledModel.Compile(scenario, model, obligations);
        if (request.Overrides is { Count: > 0 } ov) compiled = compiled.WithOverrides(ov.Select(CompiledModel.ParseOverride));
        return compiled;
    }

    /// <summary>Runs the Monte Carlo and summarises it.</summary>
    public static EscalationSummary Run(CompiledModel model, EscalationRequest request, Action<int>? progress = null)
    {
        if (request.Runs < 1) throw new InputException($"--runs {request.Runs}: must be at least 1");
        if (request.Replicates < 1) throw new InputException($"--replicates {request.Replicates}: must be at least 1");
        var outcomes = Metrics.For(model);
        var result = MonteCarlo.Run(model, new MonteCarloOptions(request.Runs, request.Seed, request.Replicates, request.Threads), outcomes, progress);
        return Summarise(model, result, request);
    }

    /// <summary>Builds the summary object from the raw counts.</summary>
    public static EscalationSummary Summarise(CompiledModel m, MonteCarloResult r, EscalationRequest request)
    {
        var lad = m.Ladder;
        int nL = lad.Levels.Count, T = r.Steps, nT = m.TheaterCount;
        var outcomes = new Dictionary<string, OutcomeStat>(StringComparer.Ordinal);
        for (var o = 0; o < r.Outcomes.Count; o++)
        {
            var (lo, hi) = Wilson.Interval(r.Hits[o], r.Trials[o]);
            var p = r.Trials[o] > 0 ? (double)r.Hits[o] / r.Trials[o] : 0;
            outcomes[r.Outcomes[o].Name] = new OutcomeStat(Round(p), Round(lo), Round(hi), r.Trials[o], r.Outcomes[o].Description, Split(r, o));
        }
        var theaters = new List<TheaterSummary>();
        for (var t = 0; t < nT; t++)
        {
            var th = m.Scenario.Theater(m.Theaters[t]);
            var et = m.Model.Theaters.First(x => x.Theater == m.Theaters[t]);
            var maxes = new List<LevelShare>();
            for (var l = 0; l < nL; l++)
            {
                var c = r.MaxLevelCounts[t * nL + l];
                var (lo, hi) = Wilson.Interval(c, r.Runs);
                maxes.Add(new LevelShare(l, lad.Levels[l].Name, Round((double)c / r.Runs), Round(lo), Round(hi)));
            }
            var fan = new List<FanPoint>();
            for (var k = 0; k <= T; k++)
            {
                var counts = new long[nL];
                double sum = 0;
                for (var l = 0; l < nL; l++) { counts[l] = r.LevelCounts[(t * (T + 1) + k) * nL + l]; sum += l * (double)counts[l]; }
                fan.Add(new FanPoint(k, m.DateOf(k), Round(sum / r.Runs), Quantile(counts, r.Runs, 0.05), Quantile(counts, r.Runs, 0.25),
                    Quantile(counts, r.Runs, 0.5), Quantile(counts, r.Runs, 0.75), Quantile(counts, r.Runs, 0.95)));
            }
            var start = (int)Math.Round(et.StartLevel.Mean, MidpointRounding.AwayFromZero);
            theaters.Add(new TheaterSummary(m.Theaters[t], th?.Name ?? m.Theaters[t], start, et.StartLevel.Basis.ToString(), maxes, fan));
        }
        var withWar = r.Runs - r.FirstWarCounts[0];
        var cumulative = new List<double>();
        long acc = 0;
        double? median = null, mean = null;
        double msum = 0;
        for (var k = 1; k <= T; k++)
        {
            acc += r.FirstWarCounts[k];
            msum += k * (double)r.FirstWarCounts[k];
            cumulative.Add(Round((double)acc / r.Runs));
            if (median is null && withWar > 0 && acc * 2 >= withWar) median = k;
        }
        if (withWar > 0) mean = Round(msum / withWar);
        var shares = new List<ShareSeries>();
        for (var k = 0; k < r.ShareSeries.Length; k++)
        {
            var pts = new List<SharePoint>();
            for (var step = 0; step <= T; step++)
            {
                var hist = new long[MonteCarlo.ShareBins];
                Array.Copy(r.ShareHist, (k * (T + 1) + step) * MonteCarlo.ShareBins, hist, 0, MonteCarlo.ShareBins);
                pts.Add(new SharePoint(step, Round(r.ShareSums[k * (T + 1) + step] / r.Runs),
                    Round((Quantile(hist, r.Runs, 0.025) + 0.5) / MonteCarlo.ShareBins), Round((Quantile(hist, r.Runs, 0.975) + 0.5) / MonteCarlo.ShareBins)));
            }
            shares.Add(new ShareSeries(m.Actors[r.ShareSeries[k].Actor].Iso3, m.Theaters[r.ShareSeries[k].Theater], pts));
        }
        var ladder = lad.Levels.Select(l => new LadderRow(l.Level, l.Id, l.Name, l.KahnFrom == 0 ? "—" : $"{l.KahnFrom}–{l.KahnTo}", l.MidHostility)).ToList();
        var parameters = new List<ParameterRow>();
        for (var i = 0; i < m.ParameterPaths.Count; i++)
        {
            var spec = m.Spec(m.ParameterPaths[i]);
            parameters.Add(new ParameterRow(m.ParameterPaths[i], spec.ToString()!, spec.Basis.Kind, spec.Basis.Text));
        }
        var obligations = m.Obligations.Select(o => new ObligationSummaryRow(o.Treaty, o.Article, o.Ally.Iso3, o.Partner.Iso3, o.Theater,
            o.TriggerLevel, o.Strength.ToString().ToLowerInvariant(), o.Credibility.Value)).ToList();
        return new EscalationSummary(m.Scenario.Info.Id, m.Scenario.Info.Title, r.Runs, r.Seed, r.Replicates, r.Draws, T,
            m.StepUnit.ToString().ToLowerInvariant(), m.Start, outcomes,
            new TimeToWar(withWar, Round((double)withWar / r.Runs), median, mean, cumulative),
            theaters, shares, ladder, parameters, obligations,
            request.Overrides ?? [], request.WithoutTreaties ?? [], m.Warnings, r.Decisions);
    }

    private static EpistemicSplit? Split(MonteCarloResult r, int o)
    {
        if (r.Replicates < 2) return null;
        var ps = new List<double>();
        double within = 0, noise = 0;
        for (var d = 0; d < r.Draws; d++)
        {
            var n = r.DrawTrials[o * r.Draws + d];
            if (n < 2) continue;
            var p = (double)r.DrawHits[o * r.Draws + d] / n;
            ps.Add(p);
            within += p * (1 - p) * n / (n - 1);
            noise += p * (1 - p) / (n - 1);
        }
        if (ps.Count < 2) return null;
        var mean = ps.Average();
        var between = ps.Sum(p => (p - mean) * (p - mean)) / (ps.Count - 1);
        var epistemic = Math.Max(0, between - noise / ps.Count);
        var aleatory = within / ps.Count;
        ps.Sort();
        var share = epistemic + aleatory > 0 ? epistemic / (epistemic + aleatory) : 0;
        return new EpistemicSplit(Round(Pct(ps, 0.05)), Round(Pct(ps, 0.95)), Round(share));
    }

    private static double Pct(List<double> sorted, double q)
    {
        var x = q * (sorted.Count - 1);
        var i = (int)Math.Floor(x);
        return i + 1 < sorted.Count ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /// <summary>The smallest index whose cumulative count reaches q of the total.</summary>
    private static int Quantile(long[] counts, long total, double q)
    {
        long c = 0;
        var need = q * total;
        for (var i = 0; i < counts.Length; i++)
        {
            c += counts[i];
            if (c >= need && c > 0) return i;
        }
        return counts.Length - 1;
    }

    /// <summary>Rounds to 6 decimals so printed numbers are stable and short.</summary>
    private static double Round(double x) => Math.Round(x, 6, MidpointRounding.AwayFromZero);

    /// <summary>Replays one run with a full trace.</summary>
    public static ReplayResult Replay(CompiledModel m, ulong seed, int run, int replicates)
    {
        if (run < 0) throw new InputException($"--run {run}: must be 0 or more");
        var s = new RunState(m) { Trace = [] };
        var (ps, ds) = Simulator.Seeds(seed, run, replicates);
        var rng = new Engine.Randomness.RandomStream(ds);
        Simulator.Reset(s, new Engine.Randomness.RandomStream(ps));
        var drawn = new List<ParameterRow>();
        for (var i = 0; i < m.ParameterPaths.Count; i++)
        {
            var spec = m.Spec(m.ParameterPaths[i]);
            if (spec.IsDistribution)
                drawn.Add(new ParameterRow(m.ParameterPaths[i], s.P[i].ToString("0.####", CultureInfo.InvariantCulture), spec.Basis.Kind, spec.ToString()!));
        }
        var levels = new List<IReadOnlyList<int>> { s.Level.ToArray() };
        for (var k = 0; k < m.Steps; k++)
        {
            Simulator.Step(s, rng);
            levels.Add(s.Level.ToArray());
        }
        return new ReplayResult(m.Scenario.Info.Id, seed, run, replicates, m.StepUnit.ToString().ToLowerInvariant(), m.Start,
            m.Theaters, drawn, s.Trace!, levels, s.MaxReached.ToArray());
    }
}

/// <summary>One run step by step: the parameters drawn, every decision with its utilities, events and entries.</summary>
public sealed record ReplayResult(string Scenario, ulong Seed, int Run, int Replicates, string StepUnit, DateOnly Start,
    IReadOnlyList<string> Theaters, IReadOnlyList<ParameterRow> DrawnParameters, IReadOnlyList<TraceEntry> Trace,
    IReadOnlyList<IReadOnlyList<int>> Levels, IReadOnlyList<int> MaxLevels);
