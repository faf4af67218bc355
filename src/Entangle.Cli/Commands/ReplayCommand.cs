using System.CommandLine;
using System.Globalization;
using Entangle.Application.Escalation;
using Entangle.Cli.Output;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle replay</c>: one run of the escalation Monte Carlo, step by step, with the utilities behind each choice.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var common = new RunCommand.Common();
        var run = new Option<int>("--run") { Description = "Run number to replay (as in 'entangle run' with the same seed)", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--brief") { Description = "Leave out the utility tables, print only what happened" };
        var arm = new Option<string>("--arm") { Description = "Which arm: baseline, or claim:ID for a claim's counterfactual as `entangle claims` runs it (compare's variant: give its --without-treaty/--set)", DefaultValueFactory = _ => "baseline" };
        var cmd = new Command("replay", "Print one run step by step: who did what, where and why, with the utilities behind each choice");
        common.AddTo(cmd);
        cmd.Options.Add(run); cmd.Options.Add(quiet); cmd.Options.Add(arm);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var request = common.Request(r);
            var path = r.GetValue(common.Scenario)!;
            var armName = r.GetValue(arm)!;
            var model = Application.Analysis.ClaimsService.ArmModel(path, request, armName);
            var result = EscalationService.Replay(model, request.Seed, r.GetValue(run), request.Replicates, armName);
            if (r.GetValue(common.Json)) { Console.Out.WriteLine(Application.Output.Json.Serialize(result)); return CommandRunner.Ok; }
            Print(result, !r.GetValue(quiet));
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    private static void Print(ReplayResult r, bool detail)
    {
        var inv = CultureInfo.InvariantCulture;
        Terminal.Heading($"{r.Scenario}: run {r.Run} (draw {r.Draw}, replicate {r.Replicate} of {r.Replicates}), arm {r.Arm}, seed {r.Seed} ({r.StepUnit}ly steps from {r.Start:yyyy-MM-dd})");
        if (r.DrawnParameters.Count > 0)
            Terminal.Table(["parameter", "drawn", "from"], r.DrawnParameters.Select(p => (IReadOnlyList<string>)[p.Path, p.Value, p.Text]), "Parameters drawn for this run");
        var step = -1;
        foreach (var e in r.Trace)
        {
            if (e.Step != step)
            {
                step = e.Step;
                Terminal.Line();
                Terminal.Line(step == 0 ? "Start" : $"Step {step} (levels at the end of the step, the highest posture in each theater: {string.Join(", ", r.Theaters.Select((t, i) => $"{t} {r.Levels[step][i]}"))}); moves are simultaneous, each from the state at the start of the step");
            }
            Terminal.Line("  " + e.Text);
            if (e.Decision is not { } d || !detail) continue;
            var why = $"    why: stake {d.Stake.ToString("0.000", inv)} (base {d.BaseStake.ToString("0.000", inv)}"
                + (d.LinkStake != 0 ? $" + horizontal link {d.LinkStake.ToString("0.000", inv)}{(d.Link is null ? "" : $" via {d.Link}")}" : "")
                + (d.SecurityStake != 0 ? $" + security dilemma {d.SecurityStake.ToString("0.000", inv)}" : "")
                + ")" + (d.Channel > 0 ? $", channel {d.Channel.ToString("0.00", inv)}" : "") + (d.TradeAtStake > 0 ? $", trade dependence {d.TradeAtStake.ToString("0.00", inv)}" : "")
                + $", resolve {d.Resolve.ToString("0.00", inv)}, P(prevail) {d.Pi.ToString("0.000", inv)}, λ {d.Lambda.ToString("0.##", inv)}"
                + (d.Responder is null ? ", no responder anticipated" : $", anticipating {d.Responder}'s response");
            Terminal.Line(why);
            Terminal.Line("    " + string.Join("  ", d.Options.Where(o => !double.IsNegativeInfinity(o.Utility)).Select(o =>
                $"[{(o.Delta > 0 ? "+" : "")}{o.Delta} → {o.Target}] U={o.Utility.ToString("0.0000", inv)} P={o.Probability.ToString("0.0000", inv)}"))
                + $"  draw {d.Draw.ToString("0.0000", inv)} → {(d.Chosen > 0 ? "+" : "")}{d.Chosen}");
        }
        Terminal.Line();
        Terminal.Line($"Highest levels: {string.Join(", ", r.Theaters.Select((t, i) => $"{t} {r.MaxLevels[i]}"))}");
    }
}
