using System.Globalization;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Escalation;

/// <summary>A line of a replay: a decision, an event, an entry, a force shift, with the data behind it.</summary>
/// <param name="Kind">state, decision, premium, event, slip, obligation, intervention, forces, normalisation, crisis, flow, capability, pivot, spiral, faultline, economy.</param>
/// <param name="Decision">For decisions: the utilities, probabilities and draws behind the choice.</param>
/// <param name="Data">The observation the line was written from.</param>
public sealed record TraceEntry(int Step, string Kind, string? Theater, string? Actor, string Text, DecisionTrace? Decision = null, object? Data = null);

/// <summary>
/// Turns a run's observations into the lines <c>entangle replay</c> prints. The engine reports data; the words are
/// written here.
/// </summary>
public sealed class TraceObserver(CompiledModel model) : IRunObserver
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly List<TraceEntry> _entries = [];
    public IReadOnlyList<TraceEntry> Entries => _entries;

    private string Level(int l) => $"{l} ({model.Ladder.Levels[l].Name})";
    private static string F(double x, string fmt = "0.000") => x.ToString(fmt, Inv);

    public void Observe(Observation o)
    {
        switch (o)
        {
            case StateObserved st when st.Step == 0:
                for (var t = 0; t < model.TheaterCount; t++)
                    Add(st, "state", model.Theaters[t], null, $"{model.Theaters[t]} starts at level {Level(st.Levels[t])}; postures: "
                        + string.Join(", ", st.Postures.Where(p => p.Theater == model.Theaters[t]).Select(p => $"{p.Actor} {p.Posture}")));
                break;
            case StateObserved:
                break; // levels at the end of each step are in ReplayResult.Levels
            case DecisionTrace d:
            {
                var verb = d.Chosen switch { < 0 => "lowers its posture", 0 => "holds", 1 => "raises its posture one level", _ => $"raises its posture {d.Chosen} levels" };
                var acc = d.Accident ? " — accident: lands one level higher" : "";
                Add(d, "decision", d.Theater, d.Actor, $"{d.Actor} {verb} in {d.Theater}: {d.PostureBefore} → {Level(d.PostureAfter)}{acc}", d);
                break;
            }
            case PremiumObserved p:
                Add(p, "premium", p.Theater, p.Actor, $"{p.Actor} takes {p.Theater} across '{p.Threshold}' ({p.Cause}) and pays its premium {F(p.Premium)}");
                break;
            case EventObserved e:
            {
                var parts = e.Effects.Select(ef => ef.Kind switch
                {
                    EffectKind.Tension or EffectKind.Level => $"{e.Author}'s posture in {ef.Target} {ef.From:0} → {ef.To:0}"
                        + (ef.StoppedBelow is { } th ? $" (stops below '{th}': crossing it is left to {e.Author}'s choice)" : ""),
                    EffectKind.InterventionPressure => $"intervention pressure in {ef.Target} {F(ef.From, "0.00")} → {F(ef.To, "0.00")}",
                    _ => $"{ef.Target} {ef.Kind.ToString().ToLowerInvariant()} {F(ef.From, "0.###")} → {F(ef.To, "0.###")}",
                });
                Add(e, "event", null, e.Author, $"event '{e.Event}'{(e.Author is null ? "" : $" by {e.Author}")} fires: {string.Join("; ", parts)}");
                break;
            }
            case SlipObserved s:
                Add(s, "slip", s.Theater, null, $"loss of control in {s.Theater}: {Level(s.FromLevel)} → {Level(s.ToLevel)} ({string.Join(", ", s.Actors)}; P = {F(s.Probability, "0.0000")}, draw {F(s.Draw, "0.0000")})");
                break;
            case ObligationObserved b:
                Add(b, "obligation", b.Theater, b.Ally, b.Honoured
                    ? $"{b.Ally} honours {b.Treaty} Art. {b.Article} after {b.Attacker}'s attack and enters {b.Theater} on {b.Partner}'s side (P = {F(b.Probability)}; ΔU = {F(b.DeltaU)}, credibility {F(b.Credibility, "0.00")}, strength {F(b.Strength, "0.0")}, draw {F(b.Draw, "0.0000")})"
                    : $"{b.Ally} does not honour {b.Treaty} Art. {b.Article} towards {b.Partner} in {b.Theater} after {b.Attacker}'s attack (P = {F(b.Probability)}; ΔU = {F(b.DeltaU)}, draw {F(b.Draw, "0.0000")})");
                break;
            case InterventionObserved i:
                Add(i, "intervention", i.Theater, i.Actor, $"{i.Actor} intervenes in {i.Theater} on side {i.Side} (P = {F(i.Probability)}; ΔU = {F(i.DeltaU)} incl. intervention pressure {F(i.Pressure, "0.00")})");
                break;
            case ForcesObserved f when f.Moved > ForceLineThreshold:
                Add(f, "forces", null, f.Actor, $"{f.Actor} force shares: {string.Join(", ", f.Theaters.Select((t, k) => $"{t} {F(f.Shares[k])} (start {F(f.StartShares[k])})"))}");
                break;
            case NormalisationObserved n:
                Add(n, "normalisation", null, null, $"normalisation '{n.Id}' happens (rate {F(n.Rate, "0.0000")}; escalation above start {n.Escalation:0}, pivot {F(n.Pivot)})");
                break;
            case FlowObserved fl:
                Add(fl, "flow", fl.Theater, fl.By, $"flow '{fl.Flow}' ({fl.Kind}, under {fl.Treaty}): {fl.By} delivers {F(fl.Amount, "0.###")} force units to {fl.To} in {fl.Theater} (hazard {F(fl.Hazard, "0.0000")}, draw {F(fl.Draw, "0.0000")})");
                break;
            case CapabilityObserved cap:
                Add(cap, "capability", cap.Theater, cap.Actor, $"{cap.Actor} capability in {cap.Theater}: {F(cap.Absorbed, "0.###")} absorbed; usable stock {F(cap.Stock, "0.###")}, still in the pipeline {F(cap.Pipeline, "0.###")}");
                break;
            case PivotObserved pv:
                Add(pv, "pivot", null, pv.Actor, $"{pv.Actor} allocation reads its opponents' capability growth: " + string.Join(", ", pv.Theaters.Select((t, k) => $"{t} +{F(pv.Pull[k], "0.0000")}")));
                break;
            case SpiralObserved sp:
                Add(sp, "spiral", null, null, $"spiral '{sp.Spiral}': build-ups {sp.A} {F(sp.BuildUpA, "0.###")}, {sp.B} {F(sp.BuildUpB, "0.###")}; stocks {sp.A} {F(sp.StockA, "0.###")}, {sp.B} {F(sp.StockB, "0.###")} "
                    + $"(reaction {F(sp.ReactionA, "0.###")}/{F(sp.ReactionB, "0.###")}, fatigue {F(sp.FatigueA, "0.###")}/{F(sp.FatigueB, "0.###")}: {(sp.Stable ? "stable, fatigue product > reaction product" : "unstable, reaction product ≥ fatigue product")})");
                break;
            case FaultLineObserved fl:
                Add(fl, "faultline", fl.Theater, fl.Patron, $"fault line '{fl.FaultLine}': {fl.Patron} holds back {fl.Act} for {fl.Client} in {fl.Theater} while {fl.Limiter} stays out "
                    + $"(chance {F(fl.Chance, "0.0000")} × (1 − restraint {F(fl.Restraint, "0.###")}) = {F(fl.Bounded, "0.0000")}, draw {F(fl.Draw, "0.0000")})");
                break;
            case EconomyObserved ec:
                Add(ec, "economy", null, ec.Actor, $"{ec.Actor} resources R = {F(ec.Resources, "0.0000")} (1 + Σ channel − start: "
                    + string.Join(", ", ec.Channels.Select((c, k) => $"{c} {F(ec.StartShares[k], "0.0000")} → {F(ec.Values[k], "0.0000")}"))
                    + $"); ladder costs × R^−{F(ec.Elasticity, "0.###")} = {F(ec.CostScale, "0.0000")}");
                break;
            case CrisisObserved c:
                Add(c, "crisis", c.Theater, null, c.Began
                    ? $"a crisis begins in {c.Theater} (level {Level(c.Level)})"
                    : $"the crisis in {c.Theater} ends by {Metrics.Describe(c.Ending)}" + (c.Ending == Termination.Settlement ? $" (hazard {F(c.Hazard, "0.0000")}); postures fall to {Level(c.Level)}" : ""));
                break;
        }
    }

    /// <summary>Force shifts smaller than this (summed over theaters) are not printed (display only).</summary>
    public const double ForceLineThreshold = 0.01;

    private void Add(Observation o, string kind, string? theater, string? actor, string text, DecisionTrace? d = null) =>
        _entries.Add(new TraceEntry(o.Step, kind, theater, actor, text, d, o));
}
