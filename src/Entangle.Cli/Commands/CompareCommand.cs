using System.CommandLine;
using System.Globalization;
using Entangle.Application.Analysis;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle compare</c>: a counterfactual as paired runs with common random numbers.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file with an 'escalation:' section" };
        var without = new Option<string[]>("--without") { Description = "Remove a treaty in the variant (repeatable)" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter in the variant, PATH=VALUE, e.g. actor.USA.resolve=0.8 (repeatable)" };
        var variant = new Option<string?>("--variant") { Description = "Another scenario file to compare with" };
        var runs = new Option<int>("--runs") { Description = "Runs per arm", DefaultValueFactory = _ => 4000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed; both arms use the same seeds", DefaultValueFactory = _ => 1UL };
        var reps = new Option<int>("--replicates") { Description = "Runs per parameter draw", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var all = new Option<bool>("--all") { Description = "Print every metric, also those equal in both arms" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var cmd = new Command("compare", "Compare the scenario with a counterfactual: paired runs, every metric's difference with a 95% interval");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { without, set, variant, runs, seed, reps, threads, all, json }) cmd.Options.Add(o);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = new CompareRequest(r.GetValue(without) ?? [], r.GetValue(set) ?? [], r.GetValue(variant), r.GetValue(runs), r.GetValue(seed),
                r.GetValue(reps), r.GetValue(threads));
            var result = CompareService.Compare(r.GetValue(scenario)!, request);
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(Application.Output.Json.Serialize(result));
                return CommandRunner.Ok;
            }
            var inv = CultureInfo.InvariantCulture;
            Terminal.Heading($"{result.Title}: as is vs {result.Variant} — {result.Runs:N0} paired runs per arm ({result.Draws} parameter draws × {result.Replicates}), seed {result.Seed}");
            var rows = result.Metrics.Where(m => r.GetValue(all) || m.With.Estimate != 0 || m.Without.Estimate != 0);
            Terminal.Table(["metric", "as is", "variant", "difference", "95% interval", "variance reduction"],
                rows.Select(m => (IReadOnlyList<string>)[m.Metric, m.With.Estimate.ToString("0.000", inv), m.Without.Estimate.ToString("0.000", inv),
                    m.Difference.Estimate.ToString("+0.000;-0.000;0.000", inv), $"{m.Difference.Lo.ToString("+0.000;-0.000;0.000", inv)} … {m.Difference.Hi.ToString("+0.000;-0.000;0.000", inv)}",
                    m.VarianceReduction is { } v ? $"×{v.ToString("0.0", inv)}" : "—"]));
            Terminal.Line("Difference = as is − variant; intervals are paired 95% t intervals over parameter draws. Variance reduction = Var(unpaired)/Var(paired).");
            var hidden = result.Metrics.Count - rows.Count();
            if (hidden > 0) Terminal.Line($"{hidden} metrics are 0 in both arms (--all shows them).");
            return CommandRunner.Ok;
        }));
        return cmd;
    }
}
