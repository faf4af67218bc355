using System.Text.Json;
using Entangle.Application.Backtest;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Calibration;

/// <summary>A fitted parameter: a path pattern (<c>*</c> = any one segment) and its fitted distribution, normal clamped to its prior range
/// (or, when the file carries <see cref="CalibrationFile.Draws"/>, those draws' mean and sd, for reading; runs draw from the draws).</summary>
/// <param name="Best">The value at the loss optimum (brier), when the distribution is a posterior around it.</param>
public sealed record FittedParameter(string Path, double Mean, double Sd, double Lo, double Hi, double PriorLo, double PriorHi, double? Best = null);

/// <summary>One accepted parameter point of a posterior: values in <see cref="CalibrationFile.Parameters"/> order, and its loss.</summary>
public sealed record CalibrationDraw(IReadOnlyList<double> Values, double Loss);

/// <summary>A calibration target: the training moment, what the model gave with the fitted parameters, and whether it was met.</summary>
public sealed record CalibrationTarget(string Name, double Observed, double StandardError, double Simulated, double Tolerance, bool Met, string Definition);

/// <summary>A data file the fit read, with its SHA-256.</summary>
public sealed record CalibrationDataFile(string Dataset, string Version, string File, string Sha256);

/// <summary>
/// A calibration file (<c>entangle calibrate --out FILE</c>): fitted distributions of global parameters with their
/// provenance (data files and hashes, split, method, seed, targets and how well each was met).
/// </summary>
public sealed record CalibrationFile(string Format, string Method, string MethodDetail, int Split, ulong Seed, int RunsPerCrisis, int Points, int Accepted,
    double? Tolerance, IReadOnlyList<CalibrationDataFile> Data, IReadOnlyList<FittedParameter> Parameters, IReadOnlyList<CalibrationTarget> Targets,
    int TrainingCrises, string Note, IReadOnlyList<CalibrationDraw>? Draws = null)
{
    public const string FormatName = "entangle-calibration/1";

    public static CalibrationFile Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: no such calibration file; write one with: entangle calibrate --out {path}");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>A calibration file from its text; <paramref name="path"/> names it in messages.</summary>
    public static CalibrationFile Parse(string text, string path)
    {
        CalibrationFile? f;
        try { f = JsonSerializer.Deserialize<CalibrationFile>(text, Output.Json.Options); }
        catch (JsonException e) { throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a calibration file ({e.Message.Split('.')[0]})"); }
        if (f is null || f.Format != FormatName) throw new InputException($"{path}: not a calibration file (expected \"format\": \"{FormatName}\")");
        if (f.Draws is { Count: > 0 } draws)
            for (var i = 0; i < draws.Count; i++)
                if (draws[i].Values.Count != f.Parameters.Count)
                    throw new InputException($"{path}: draw {i + 1} has {draws[i].Values.Count} values for {f.Parameters.Count} parameters");
        return f;
    }

    /// <summary>A one-line label for output.</summary>
    public string Describe() => $"{Method}, split {Split}, seed {Seed}, {Parameters.Count} parameters fitted to {TrainingCrises} crises" +
        (Draws is { Count: > 0 } d ? $", {d.Count} posterior draws" : "");

    /// <summary>The stream group of the file's joint draws (the same for every parameter, so a run takes one whole draw).</summary>
    public string DrawGroup => $"calibration {Method} split {Split} seed {Seed}";

    /// <summary>The overrides this file makes on a compiled model: each matching path gets the fitted distribution, labelled.</summary>
    public IEnumerable<KeyValuePair<string, Estimate>> Overrides(CompiledModel m)
    {
        var basis = Provenance.Source($"calibrated ({Method}, crises before {Split}, seed {Seed}): entangle calibrate");
        var map = new SortedDictionary<string, Estimate>(StringComparer.Ordinal);
        for (var j = 0; j < Parameters.Count; j++)
        {
            var p = Parameters[j];
            // a posterior's draws are applied jointly (one whole draw per run, correlations kept); otherwise the normal, or the point
            Estimate e = Draws is { Count: > 0 } draws ? new Estimate.Draws(draws.Select(d => d.Values[j]).ToList(), DrawGroup, basis)
                : p.Sd > 0 ? new Estimate.Normal(p.Mean, p.Sd, p.Lo, p.Hi, basis) : new Estimate.Point(p.Mean, basis);
            foreach (var path in m.ParameterPaths)
                if (ParameterPoint.Matches(p.Path, path)) map[path] = e;
        }
        return map;
    }

    public CompiledModel Apply(CompiledModel m) => m.WithOverrides(Overrides(m));

    /// <summary>
    /// Applies the fitted distributions only where <paramref name="m"/> still holds a catalog or ladder default (a
    /// judgement whose basis is the catalog's "default (…)" or "ladder.json"): what a scenario sets itself stays.
    /// </summary>
    public CompiledModel ApplyToDefaults(CompiledModel m)
    {
        var slots = m.ParameterPaths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        return m.WithOverrides(Overrides(m).Where(kv =>
        {
            var b = m.SpecAt(slots[kv.Key]).Basis;
            return b.IsJudgement && (b.Text.StartsWith("default (", StringComparison.Ordinal) || b.Text.StartsWith("ladder.json", StringComparison.Ordinal));
        }).ToList());
    }
}
