using System.Globalization;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Scenarios;

namespace Entangle.Application.Escalation;

/// <summary>What to run: a scenario with its escalation section, and the Monte Carlo options.</summary>
/// <param name="Runs">Number of runs. <value>Default 10,000; at least 1.</value></param>
/// <param name="Seed">Master seed. <value>Default 1.</value></param>
/// <param name="Steps">Overrides the scenario's number of steps. <value>Default: the scenario's; 1..10,000.</value></param>
/// <param name="Threads">Worker threads; results do not depend on it. <value>Default 0 (all cores).</value></param>
/// <param name="Replicates">Dynamics replicates per parameter draw. <value>Default 10; at least 1.</value></param>
/// <param name="Overrides">Parameter overrides <c>PATH=VALUE</c> (e.g. <c>actor.USA.resolve=0.8</c>).</param>
/// <param name="WithoutTreaties">Treaties to remove before compiling (counterfactuals).</param>
public sealed record EscalationRequest(
    int Runs = 10_000, ulong Seed = 1, int? Steps = null, int Threads = 0, int Replicates = 10,
    IReadOnlyList<string>? Overrides = null, IReadOnlyList<string>? WithoutTreaties = null)
{
    /// <summary>Most steps a request may ask for. <value>10,000.</value></summary>
    public const int MaxSteps = 10_000;

    /// <summary>Throws <see cref="InputException"/> naming the first field out of range (by its request name, not a CLI flag).</summary>
    public EscalationRequest Validate()
    {
        if (Runs < 1) throw new InputException($"runs {Runs}: must be at least 1");
        if (Replicates < 1) throw new InputException($"replicates {Replicates}: must be at least 1");
        if (Threads < 0) throw new InputException($"threads {Threads}: must be 0 (all cores) or more");
        if (Steps is { } st && (st < 1 || st > MaxSteps)) throw new InputException($"steps {st}: must lie in 1..{MaxSteps}");
        return this;
    }
}

/// <summary>The escalation use cases shared by the CLI and other front ends: compile, run, replay.</summary>
public static class EscalationService
{
    /// <summary>Loads a scenario file and compiles its escalation section with the request's changes.</summary>
    public static CompiledModel Load(string path, EscalationRequest request, IObligationSource? obligations = null) =>
        Compile(ScenarioService.Load(path), request, obligations, path);

    /// <summary>Loads a scenario from any source and compiles its escalation section with the request's changes.</summary>
    public static CompiledModel Load(ScenarioSource source, EscalationRequest request, IObligationSource? obligations = null) =>
        Compile(source.Load(), request, obligations, source.Name);

    /// <summary>Compiles a scenario's escalation section with the request's steps, removed treaties and overrides.</summary>
    public static CompiledModel Compile(Scenario scenario, EscalationRequest request, IObligationSource? obligations = null, string? file = null)
    {
        var model = scenario.Escalation()
            ?? throw new InputException(file ?? scenario.Info.Id, "the scenario has no 'escalation:' section; see docs/escalation.md");
        foreach (var t in request.WithoutTreaties ?? [])
        {
            if (scenario.Treaty(t) is null)
                throw new InputException($"treaty to remove '{t}': no such treaty in the scenario{Suggest.DidYouMean(t, scenario.Treaties.Select(x => x.Id))}");
            scenario = scenario.WithoutTreaty(t);
        }
        if (request.Steps is { } steps)
        {
            if (steps < 1 || steps > EscalationRequest.MaxSteps) throw new InputException($"steps {steps}: must lie in 1..{EscalationRequest.MaxSteps}");
            model = model with { Settings = model.Settings with { Steps = steps } };
        }
        var compiled = CompiledModel.Compile(scenario, model, obligations);
        if (model.Calibration is { } calibration)
            compiled = (model.CalibrationText is { } text ? Calibration.CalibrationFile.Parse(text, calibration) : Calibration.CalibrationFile.Read(calibration)).ApplyToDefaults(compiled);
        if (request.Overrides is { Count: > 0 } ov) compiled = compiled.WithOverrides(ov.Select(CompiledModel.ParseOverride));
        return compiled;
    }

    /// <summary>The baseline arm of a compiled model, with its metrics.</summary>
    public static Arm Arm(CompiledModel model, string name = "baseline") => new(name, model, Metrics.For(model));

    /// <summary>The options of an ensemble from a request.</summary>
    public static EnsembleOptions Options(EscalationRequest r) => new(r.Runs, r.Seed, r.Replicates, r.Threads);

    /// <summary>Runs the ensemble and summarises it.</summary>
    public static EscalationSummary Run(CompiledModel model, EscalationRequest request, Action<int>? progress = null, string? scenarioPath = null) =>
        Run(model, request, progress is null ? null : new Reporter<int>(progress), CancellationToken.None, scenarioPath);

    /// <summary>
    /// Runs the ensemble and summarises it; <paramref name="progress"/> receives the runs done so far, and
    /// <paramref name="cancel"/> stops the work between chunks of runs (throwing <see cref="OperationCanceledException"/>).
    /// </summary>
    public static EscalationSummary Run(CompiledModel model, EscalationRequest request, IProgress<int>? progress, CancellationToken cancel, string? scenarioPath = null)
    {
        request.Validate();
        var options = Options(request);
        var result = Cancellable.Run(cancel, () => Ensemble.Run([Arm(model)], [DesignPoint.None], options, record: true,
            Cancellable.Progress(progress, cancel)))[0][0];
        return Summarise(model, result, request, scenarioPath);
    }

    /// <summary>The replay command that repeats run N of a result (N written as the literal "N").</summary>
    public static string ReplayCommand(string? scenarioPath, string scenarioId, EscalationRequest r, string? arm = null) =>
        $"entangle replay {scenarioPath ?? scenarioId + ".yaml"} --seed {r.Seed} --replicates {r.Replicates}"
        + (r.Steps is { } st ? $" --steps {st}" : "")
        + string.Concat((r.Overrides ?? []).Select(o => $" --set {o}")) + string.Concat((r.WithoutTreaties ?? []).Select(t => $" --without-treaty {t}"))
        + (arm is null ? "" : $" --arm {arm}") + " --run N";

    /// <summary>Builds the summary object from the ensemble's counts.</summary>
    public static EscalationSummary Summarise(CompiledModel m, ArmResult r, EscalationRequest request, string? scenarioPath = null)
    {
        var st = r.Statistics ?? throw new ArgumentException("the ensemble was run without recording", nameof(r));
        var lad = m.Ladder;
        int nL = lad.Levels.Count, T = m.Steps, nT = m.TheaterCount, runs = request.Runs, draws = Options(request).Draws;
        var outcomes = new Dictionary<string, OutcomeStat>(StringComparer.Ordinal);
        foreach (var def in r.Arm.Outcomes)
        {
            var c = r.Metrics[def.Name];
            outcomes[def.Name] = Stat(c, def.Description, def.Reading, request.Replicates);
        }
        var theaters = new List<TheaterSummary>();
        for (var t = 0; t < nT; t++)
        {
            var th = m.Scenario.Theater(m.Theaters[t]);
            var et = m.Model.Theaters.First(x => x.Theater == m.Theaters[t]);
            var maxes = new List<LevelShare>();
            for (var l = 0; l < nL; l++)
            {
                var hits = new int[draws];
                Array.Copy(st.MaxLevelDraw, (t * nL + l) * draws, hits, 0, draws);
                var (p, lo, hi) = Metrics.Interval(new DrawCounts(hits, TrialsPerDraw(runs, request.Replicates, draws)));
                maxes.Add(new LevelShare(l, lad.Levels[l].Name, Round(p), Round(lo), Round(hi)));
            }
            var fan = new List<FanPoint>();
            for (var k = 0; k <= T; k++)
            {
                var counts = new long[nL];
                double sum = 0;
                for (var l = 0; l < nL; l++) { counts[l] = st.LevelCounts[(t * (T + 1) + k) * nL + l]; sum += l * (double)counts[l]; }
                fan.Add(new FanPoint(k, m.DateOf(k), Round(sum / runs), Quantile(counts, runs, 0.05), Quantile(counts, runs, 0.25),
                    Quantile(counts, runs, 0.5), Quantile(counts, runs, 0.75), Quantile(counts, runs, 0.95)));
            }
            var start = (int)Math.Round(et.StartLevel.Mean, MidpointRounding.AwayFromZero);
            theaters.Add(new TheaterSummary(m.Theaters[t], th?.Name ?? m.Theaters[t], start, $"{et.StartLevel.Basis.Kind}: {et.StartLevel.Basis.Text}", maxes, fan));
        }
        var withWar = runs - st.FirstWarCounts[0];
        var cumulative = new List<double>();
        long acc = 0;
        double? median = null, mean = null;
        double msum = 0;
        for (var k = 1; k <= T; k++)
        {
            acc += st.FirstWarCounts[k];
            msum += k * (double)st.FirstWarCounts[k];
            cumulative.Add(Round((double)acc / runs));
            if (median is null && withWar > 0 && acc * 2 >= withWar) median = k;
        }
        if (withWar > 0) mean = Round(msum / withWar);
        var shares = new List<ShareSeries>();
        for (var k = 0; k < st.ShareSeries.Length; k++)
        {
            var pts = new List<SharePoint>();
            for (var step = 0; step <= T; step++)
            {
                var hist = new long[RunStatistics.ShareBins];
                Array.Copy(st.ShareHist, (k * (T + 1) + step) * RunStatistics.ShareBins, hist, 0, RunStatistics.ShareBins);
                pts.Add(new SharePoint(step, Round(st.ShareSums[k * (T + 1) + step] / runs),
                    Round((Quantile(hist, runs, 0.025) + 0.5) / RunStatistics.ShareBins), Round((Quantile(hist, runs, 0.975) + 0.5) / RunStatistics.ShareBins)));
            }
            shares.Add(new ShareSeries(m.Actors[st.ShareSeries[k].Actor].Iso3, m.Theaters[st.ShareSeries[k].Theater], pts));
        }
        var crises = new List<CrisisSummary>();
        var kinds = Enum.GetValues<Termination>().Length;
        for (var t = 0; t < nT; t++)
        {
            OutcomeStat O(string name) => outcomes[name];
            var tid = m.Theaters[t];
            var byStep = new List<double>();
            long ended = 0, cum = 0; double? medSteps = null;
            for (var k = 0; k <= T; k++)
                for (var kind = 1; kind < kinds; kind++) ended += st.EndCounts[(t * kinds + kind) * (T + 1) + k];
            for (var k = 0; k <= T; k++)
            {
                for (var kind = 1; kind < kinds; kind++) cum += st.EndCounts[(t * kinds + kind) * (T + 1) + k];
                if (k > 0) byStep.Add(Round(st.CrisisRuns[t] > 0 ? (double)cum / st.CrisisRuns[t] : 0));
                if (medSteps is null && ended > 0 && cum * 2 >= ended) medSteps = k;
            }
            double? medDays = medSteps is { } ms ? m.DateOf((int)ms).DayNumber - m.Start.DayNumber : null;
            crises.Add(new CrisisSummary(tid, st.CrisisRuns[t], O($"crisis_ends.{tid}"), O($"crisis_ends.{tid}.settlement"), O($"crisis_ends.{tid}.freeze"),
                O($"crisis_ends.{tid}.normal"), medSteps, medDays, byStep));
        }
        var ladder = lad.Levels.Select(l => new LadderRow(l.Level, l.Id, l.Name, l.KahnFrom == 0 ? "—" : $"{l.KahnFrom}–{l.KahnTo}", l.MidHostility)).ToList();
        var parameters = Parameters(m);
        var obligations = m.Obligations.Select(o => new ObligationSummaryRow(o.Treaty, o.Article, o.Ally.Iso3, o.Partner.Iso3, o.Theater,
            o.TriggerLevel, o.Strength.ToString().ToLowerInvariant(), o.Credibility?.Value)).ToList();
        var identity = new RunIdentity(request.Seed, r.Arm.Name, request.Replicates, "run = draw × replicates + replicate",
            ReplayCommand(scenarioPath, m.Scenario.Info.Id, request));
        return new EscalationSummary(m.Scenario.Info.Id, m.Scenario.Info.Title, runs, request.Seed, request.Replicates, draws, T,
            m.StepUnit.ToString().ToLowerInvariant(), m.Start, outcomes,
            new TimeToWar(withWar, Round((double)withWar / runs), median, mean, cumulative),
            theaters, shares, ladder, parameters, obligations,
            request.Overrides ?? [], request.WithoutTreaties ?? [], m.Warnings, r.Decisions, identity, crises);
    }

    /// <summary>Every parameter of a compiled model with its value or distribution, unit, range and basis.</summary>
    public static List<ParameterRow> Parameters(CompiledModel m)
    {
        var rows = new List<ParameterRow>();
        for (var i = 0; i < m.ParameterPaths.Count; i++)
        {
            var spec = m.SpecAt(i);
            var info = m.InfoAt(i);
            rows.Add(new ParameterRow(m.ParameterPaths[i], spec.ToString()!, spec.Basis.Kind, spec.Basis.Text, info?.Unit, info?.Min, info?.Max));
        }
        return rows;
    }

    private static int[] TrialsPerDraw(int runs, int replicates, int draws)
    {
        var t = new int[draws];
        for (var d = 0; d < draws; d++) t[d] = Math.Min(replicates, runs - d * replicates);
        return t;
    }

    /// <summary>An outcome's probability, cluster-aware interval and epistemic split.</summary>
    public static OutcomeStat Stat(DrawCounts c, string description, string reading, int replicates)
    {
        var (p, lo, hi) = Metrics.Interval(c);
        return new OutcomeStat(Round(p), Round(lo), Round(hi), c.TotalTrials, description, Split(c, replicates), reading);
    }

    private static EpistemicSplit? Split(DrawCounts c, int replicates)
    {
        if (replicates < 2) return null;
        var ps = new List<double>();
        double within = 0, noise = 0;
        for (var d = 0; d < c.Hits.Length; d++)
        {
            var n = c.Trials[d];
            if (n < 2) continue;
            var p = (double)c.Hits[d] / n;
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

    /// <summary>
    /// Replays run <paramref name="run"/> of <paramref name="m"/> at <paramref name="seed"/>, exactly as every command runs it
    /// (<see cref="Ensemble.Prepare"/>), with an observer that records what happened, step by step.
    /// </summary>
    public static ReplayResult Replay(CompiledModel m, ulong seed, int run, int replicates, string arm = "baseline")
    {
        if (run < 0) throw new InputException($"run {run}: must be 0 or more");
        if (replicates < 1) throw new InputException($"replicates {replicates}: must be at least 1");
        var trace = new TraceObserver(m);
        var s = new RunState(m) { Observer = trace };
        Ensemble.Prepare(s, seed, run, replicates);
        var drawn = new List<ParameterRow>();
        for (var i = 0; i < m.ParameterPaths.Count; i++)
        {
            var spec = m.SpecAt(i);
            if (spec.IsDistribution)
                drawn.Add(new ParameterRow(m.ParameterPaths[i], s.P[i].ToString("0.####", CultureInfo.InvariantCulture), spec.Basis.Kind, spec.ToString()!));
        }
        var levels = new List<IReadOnlyList<int>> { s.Level.ToArray() };
        for (var k = 0; k < m.Steps; k++)
        {
            Simulator.Step(s);
            levels.Add(s.Level.ToArray());
        }
        var ends = Enumerable.Range(0, m.TheaterCount).Select(t => new CrisisEnd(m.Theaters[t], s.CrisisStart[t], s.Ended[t].ToString().ToLowerInvariant(), s.EndStep[t])).ToList();
        return new ReplayResult(m.Scenario.Info.Id, seed, run, run / replicates, run % replicates, arm, replicates, m.StepUnit.ToString().ToLowerInvariant(), m.Start,
            m.Theaters, drawn, trace.Entries, levels, s.MaxReached.ToArray(), ends, s.Decisions);
    }
}

/// <summary>How a theater's first crisis went in a replayed run: onset step (-1 none), termination kind and step (-1 none).</summary>
public sealed record CrisisEnd(string Theater, int Onset, string Ending, int EndStep);

/// <summary>One run step by step: its identity, the parameters drawn, everything that happened, and the levels at the end of each step.</summary>
public sealed record ReplayResult(string Scenario, ulong Seed, int Run, int Draw, int Replicate, string Arm, int Replicates, string StepUnit, DateOnly Start,
    IReadOnlyList<string> Theaters, IReadOnlyList<ParameterRow> DrawnParameters, IReadOnlyList<TraceEntry> Trace,
    IReadOnlyList<IReadOnlyList<int>> Levels, IReadOnlyList<int> MaxLevels, IReadOnlyList<CrisisEnd> Crises, long Decisions);
