using System.Globalization;
using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Entangle.Application.Sweeps;

/// <summary>
/// A sweep spec file (<c>entangle sweep SPEC</c>, docs/cli.md): the scenario, the design, the runs per point and the
/// seed. YAML or JSON (JSON is read as YAML); every problem is reported at its file:line:col.
/// </summary>
/// <param name="Scenario">The scenario file, resolved against the spec's folder; null for a backtest.</param>
/// <param name="Design">grid, oat, morris, saltelli or backtest.</param>
/// <param name="Metric">The outcome metric (grid, oat, morris, saltelli).</param>
/// <param name="Parameters">Parameters to vary (oat, morris, saltelli; default the scenario's judgements as <c>sensitivity</c> picks them).</param>
/// <param name="Grid">grid: the values of each parameter, in the order written; the points are their cartesian product.</param>
/// <param name="Runs">Runs at each design point (backtest: per crisis).</param>
public sealed record SweepSpec(string? Scenario, string Design, string? Metric, IReadOnlyList<string> Parameters,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> Grid, int Runs, ulong Seed, int Replicates,
    int Trajectories = 8, int Levels = 5, int SobolN = 32, int Split = 2000, int LastYear = 2019, bool OnTraining = false,
    IReadOnlyList<string>? Targets = null)
{
    public static readonly string[] Designs = ["grid", "oat", "morris", "saltelli", "backtest"];

    /// <summary>Most grid points a spec may ask for. <value>100,000.</value></summary>
    public const int MaxGridPoints = 100_000;

    private static readonly string[] TopKeys = ["scenario", "design", "runs", "seed", "replicates"];
    private static readonly string[] DesignKeys = ["kind", "metric", "parameters", "grid", "trajectories", "levels", "n", "split", "last_year", "on", "targets"];

    /// <summary>Reads a spec file; throws <see cref="InputException"/> with every problem, located.</summary>
    public static SweepSpec Read(string path)
    {
        if (!File.Exists(path)) throw new InputException(path, "no such sweep spec file");
        var errors = new List<Diagnostic>();
        var root = SafeYaml.Parse(File.ReadAllText(path), path, errors);
        if (root is null) throw new InputException(errors);
        var ctx = new SourceContext(path, errors);
        var top = MapReader.Open(root, ctx, "sweep spec", TopKeys);
        if (top is null) throw new InputException(errors);
        var scenario = top.String("scenario");
        var runs = top.Integer("runs", required: true, min: 1, max: 100_000_000) ?? 1;
        var seedText = top.Get("seed") is YamlScalarNode s ? s.Value : null;
        ulong seed = 1;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            ctx.Error(top.Get("seed"), $"sweep spec: 'seed' should be a whole number from 0 to {ulong.MaxValue}, got '{SourceContext.Quote(seedText)}'");
        else if (top.Get("seed") is { } sn and not YamlScalarNode) ctx.Error(sn, "sweep spec: 'seed' should be a whole number");
        var replicates = top.Integer("replicates", min: 1, max: 10_000) ?? 5;

        var designNode = top.Get("design");
        string kind = "";
        string? metric = null;
        var parameters = new List<string>();
        var grid = new List<KeyValuePair<string, IReadOnlyList<double>>>();
        int trajectories = 8, levels = 5, n = 32, split = 2000, lastYear = 2019;
        var onTraining = false;
        List<string>? targets = null;
        if (designNode is null) ctx.Error(top.KeyOrSelf("design"), "sweep spec: missing required field 'design' (a mapping with kind: grid, oat, morris, saltelli or backtest)");
        else if (MapReader.Open(designNode, ctx, "design", DesignKeys) is { } d)
        {
            kind = d.RequiredString("kind");
            if (kind.Length > 0 && !Designs.Contains(kind))
                ctx.Error(d.Get("kind"), $"design: kind '{SourceContext.Quote(kind)}'{Suggest.DidYouMean(kind, Designs)}; use one of {string.Join(", ", Designs)}");
            var allowed = kind switch
            {
                "grid" => new[] { "kind", "metric", "grid" },
                "oat" => ["kind", "metric", "parameters", "levels"],
                "morris" => ["kind", "metric", "parameters", "trajectories"],
                "saltelli" => ["kind", "metric", "parameters", "n"],
                "backtest" => ["kind", "split", "last_year", "on", "targets"],
                _ => DesignKeys,
            };
            foreach (var (k, _) in d.Node.Children)
                if (k is YamlScalarNode { Value: { } name } && DesignKeys.Contains(name) && !allowed.Contains(name))
                    ctx.Error(k, $"design: '{name}' does not apply to a {kind} design; it takes {string.Join(", ", allowed.Where(a => a != "kind"))}");
            if (kind != "backtest" && Designs.Contains(kind)) metric = d.String("metric", required: true);
            parameters.AddRange(d.Strings("parameters").Select(x => x.Value));
            trajectories = d.Integer("trajectories", min: 2, max: 10_000) ?? 8;
            levels = d.Integer("levels", min: 2, max: 1_000) ?? 5;
            n = d.Integer("n", min: 4, max: 100_000) ?? 32;
            split = d.Integer("split", min: 1919, max: 2019) ?? 2000;
            lastYear = d.Integer("last_year", min: 1919, max: 2019) ?? 2019;
            if (d.String("on") is { } on)
            {
                if (on is not ("validation" or "training")) ctx.Error(d.Get("on"), $"design: on '{SourceContext.Quote(on)}': use validation or training");
                onTraining = on == "training";
            }
            if (d.Has("targets")) targets = d.Strings("targets").Select(x => x.Value).ToList();
            if (kind == "grid")
            {
                if (d.Get("grid") is not { } g) ctx.Error(d.KeyOrSelf("grid"), "design: a grid design needs 'grid', a mapping of parameter path to a list of values");
                else if (g is not YamlMappingNode gm) ctx.Error(g, $"design: 'grid' should be a mapping of parameter path to a list of values, got {SourceContext.Describe(g)}");
                else
                {
                    long points = 1;
                    foreach (var (k, v) in gm.Children)
                    {
                        var name = (k as YamlScalarNode)?.Value ?? "";
                        if (v is not YamlSequenceNode seq || seq.Children.Count == 0) { ctx.Error(v, $"design: grid '{SourceContext.Quote(name)}': expected a non-empty list of numbers"); continue; }
                        var values = new List<double>();
                        foreach (var item in seq.Children)
                        {
                            if (item is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } x && SourceContext.TryNumber(x.Value ?? "", out var value) && double.IsFinite(value)) values.Add(value);
                            else ctx.Error(item, $"design: grid '{SourceContext.Quote(name)}': expected a number, got {SourceContext.Describe(item)}");
                        }
                        if (grid.Any(e => e.Key == name)) ctx.Error(k, $"design: grid parameter '{SourceContext.Quote(name)}' appears twice");
                        grid.Add(new(name, values));
                        points *= Math.Max(1, values.Count);
                        if (points > MaxGridPoints) { ctx.Error(k, $"design: the grid has more than {MaxGridPoints:N0} points"); break; }
                    }
                    if (gm.Children.Count == 0) ctx.Error(g, "design: the grid names no parameter");
                }
            }
        }
        if (kind != "backtest" && Designs.Contains(kind) && scenario is null) ctx.Error(top.KeyOrSelf("scenario"), $"sweep spec: a {kind} design needs 'scenario', the scenario file (relative to the spec)");
        if (kind == "backtest" && scenario is not null) ctx.Error(top.KeyOrSelf("scenario"), "sweep spec: a backtest generates its crises' scenarios from the data; leave out 'scenario'");
        if (errors.Count > 0) throw new InputException(errors);
        var scenarioPath = scenario is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", scenario);
        return new SweepSpec(scenarioPath, kind, metric, parameters, grid, runs, seed, replicates, trajectories, levels, n, split, lastYear, onTraining, targets);
    }
}
