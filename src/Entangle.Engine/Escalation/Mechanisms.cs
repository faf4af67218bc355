using Entangle.Domain.Escalation;
using G = Entangle.Domain.Escalation.ParameterCatalog.Global;
using Ac = Entangle.Domain.Escalation.ParameterCatalog.Actor;

namespace Entangle.Engine.Escalation;

/// <summary>
/// The mechanisms through which a treaty acts on the balance of forces and on posture (docs/model.md §11–12), as
/// pure steps over <see cref="RunState"/>:
/// <list type="bullet">
/// <item><b>Treaty flows</b>: dated acts by an author (transfers, exercises, munitions, deployments), each with its
/// hazard per step, present only while the treaty that enables them is in the model; each act adds capability to a
/// recipient's pipeline in a theater.</item>
/// <item><b>Capability as a slow variable</b>: a share of the pipeline becomes usable each step (absorption); the usable
/// stock adds to the recipient's local forces, which the balance of forces, the security dilemma and the pivot read.</item>
/// <item><b>The pivot under a budget</b>: <see cref="CapabilityPull"/> is the term a great power's allocation adds for
/// its opponents' capability growth in a theater; the allocation keeps its total, so more in one theater is less elsewhere.</item>
/// <item><b>Arms spirals</b> (Richardson 1960): each rival's spiral stock grows with the other's build-up in the
/// spiral's theaters and decays with fatigue; stable iff fatigue_A·fatigue_B &gt; reaction_A·reaction_B.</item>
/// <item><b>Fault lines</b>: a patron's acts for a client in a theater (its flows' acts, its honouring of an obligation
/// to the client there) happen with their chance scaled by 1 − restraint while the limiter has not joined the client's
/// side there (docs/model.md §13).</item>
/// </list>
/// Everything here is inert in a model without flows or spirals. What happens is reported to the run's observer as
/// data (<see cref="FlowObserved"/>, <see cref="CapabilityObserved"/>, <see cref="SpiralObserved"/>).
/// </summary>
public static class Mechanisms
{
    /// <summary>Clears the run's stocks and reseeds the flows' streams.</summary>
    internal static void Reset(RunState s, ulong dynamicsSeed)
    {
        var m = s.Model;
        for (var f = 0; f < s.FlowRng.Length; f++) s.FlowRng[f].Reseed(Randomness.Seed.Child(s.DynamicsMixed, m.FlowKey[f]));
        Array.Clear(s.Pipeline); Array.Clear(s.Capability); Array.Clear(s.FlowActs); Array.Clear(s.SpiralStock); Array.Clear(s.SpiralReached);
        Array.Clear(s.FaultLineCrossed); Array.Fill(s.SpiralStartForce, double.NaN);
        for (var c = 0; c < m.ChannelIds.Length; c++)
        {
            s.ChannelValue[c] = m.ChannelShare[c];
            var delay = m.ChannelDelaySlot[c] >= 0 ? (int)Math.Round(s.P[m.ChannelDelaySlot[c]], MidpointRounding.AwayFromZero) : 0;
            s.ChannelFrom[c] = Math.Max(1, m.ChannelFirstStep[c] + delay); // steps are numbered from 1
        }
        Array.Fill(s.Resources, 1.0); Array.Fill(s.CostScale, 1.0); Array.Clear(s.CostScaleStale);
    }

    /// <summary>True when the model has any mechanism of this file (the step skips them otherwise).</summary>
    internal static bool Any(CompiledModel m) => m.FlowIds.Length > 0 || m.SpiralIds.Length > 0 || m.ChannelIds.Length > 0;

    /// <summary>
    /// The economies (docs/model.md §14), from the state at the start of the step: each channel that has begun (step ≥
    /// max(1, s + delay), s the step of the relation's or event's date, 0 if before the run's start) moves as
    /// x ← x·(1 + growth) + inflow; its actor's resources are R = 1 + Σ (x − x₀) over its channels (x₀ its starting
    /// share), and its ladder costs are scaled by R^(−elasticity) from this step's decisions on.
    /// </summary>
    internal static void Economies(RunState s, int step)
    {
        var m = s.Model;
        if (m.ChannelIds.Length == 0) return;
        var moved = false;
        for (var c = 0; c < m.ChannelIds.Length; c++)
        {
            if (step < s.ChannelFrom[c]) continue;
            var g = m.ChannelGrowthSlot[c] >= 0 ? s.P[m.ChannelGrowthSlot[c]] : 0;
            var q = m.ChannelInflowSlot[c] >= 0 ? s.P[m.ChannelInflowSlot[c]] : 0;
            var x = s.ChannelValue[c] * (1 + g) + q;
            if (x != s.ChannelValue[c]) { s.ChannelValue[c] = x; moved = true; }
        }
        if (!moved) return;
        for (var e = 0; e < m.EconActor.Length; e++)
        {
            double r = 1;
            for (var c = 0; c < m.ChannelIds.Length; c++)
                if (m.ChannelEconomy[c] == e) r += s.ChannelValue[c] - m.ChannelShare[c];
            var a = m.EconActor[e];
            var eta = s.P[m.EconElasticitySlot[e]];
            var scale = eta == 0 || r == 1 ? 1 : Math.Pow(r, -eta);
            if (eta != 0 && r != 1) s.Pows++;
            s.Resources[e] = r;
            if (scale != s.CostScale[a]) { s.CostScale[a] = scale; s.CostScaleStale[a] = true; }
            if (s.Observer is { } obs)
            {
                var ids = new List<string>(); var values = new List<double>(); var shares = new List<double>();
                for (var c = 0; c < m.ChannelIds.Length; c++)
                    if (m.ChannelEconomy[c] == e) { ids.Add(m.ChannelIds[c]); values.Add(s.ChannelValue[c]); shares.Add(m.ChannelShare[c]); }
                obs.Observe(new EconomyObserved(step, m.Actors[a].Iso3, r, eta, scale, ids, shares, values));
            }
        }
    }

    /// <summary>
    /// Treaty flows and absorption, from the state at the start of the step: each flow acts with its hazard (one draw
    /// per flow and step from its own stream); each act adds its amount to the recipient's pipeline in the flow's
    /// theater; then a share <c>global.capability_absorption</c> of every pipeline becomes usable capability.
    /// </summary>
    internal static void Flows(RunState s, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        for (var f = 0; f < m.FlowIds.Length; f++)
        {
            var draw = s.FlowRng[f].NextDouble();
            var hazard = s.P[m.FlowHazardSlot[f]];
            if (m.FlowFaultLine[f] is var line and >= 0)
            {
                var r = Restraint(s, line);
                if (r > 0)
                {
                    var bounded = hazard * (1 - r);
                    if (draw < hazard && !(draw < bounded))
                        s.Observer?.Observe(Held(s, step, line, $"flow {m.FlowIds[f]}", r, hazard, bounded, draw));
                    hazard = bounded;
                }
            }
            if (!(draw < hazard)) continue;
            var amount = s.P[m.FlowAmountSlot[f]];
            var i = m.FlowTo[f] * nT + m.FlowTheater[f];
            s.Pipeline[i] += amount;
            s.FlowActs[f]++;
            s.Observer?.Observe(new FlowObserved(step, m.FlowIds[f], m.FlowKinds[f].ToString().ToLowerInvariant(), m.FlowTreaty[f],
                m.Actors[m.FlowBy[f]].Iso3, m.Actors[m.FlowTo[f]].Iso3, m.Theaters[m.FlowTheater[f]], hazard, draw, amount));
        }
        var absorb = s.Global(G.CapabilityAbsorption);
        foreach (var i in s.FlowCells) // ascending: the only cells a pipeline can fill
        {
            if (s.Pipeline[i] == 0) continue;
            var moved = absorb * s.Pipeline[i];
            s.Pipeline[i] -= moved;
            s.Capability[i] += moved;
            s.Observer?.Observe(new CapabilityObserved(step, m.Actors[i / nT].Iso3, m.Theaters[i % nT], moved, s.Pipeline[i], s.Capability[i]));
        }
    }

    /// <summary>
    /// The restraint fault line <paramref name="line"/> puts on its patron now: <c>fault_line.ID.restraint</c> while the
    /// limiter is not a principal on the client's side in the line's theater (the patron would act there without it,
    /// so against its core interests), 0 once it is.
    /// </summary>
    internal static double Restraint(RunState s, int line)
        => Joined(s, line) ? 0 : s.P[s.Model.FaultRestraintSlot[line]];

    /// <summary>
    /// The factor on the chance that the ally of obligation <paramref name="o"/> honours it: 1 − restraint when the
    /// obligation is its patron's to the client of a fault line in the line's theater, 1 otherwise.
    /// </summary>
    internal static double HonourBound(RunState s, int o, int step, double probability, double draw)
    {
        var line = s.Model.OblFaultLine[o];
        if (line < 0) return 1;
        var r = Restraint(s, line);
        if (r <= 0) return 1;
        var bounded = probability * (1 - r);
        if (draw < probability && !(draw < bounded))
            s.Observer?.Observe(Held(s, step, line, $"obligation {s.Model.ObligationRows[o].Treaty} {s.Model.ObligationRows[o].Article}", r, probability, bounded, draw));
        return 1 - r;
    }

    /// <summary>Records that the ally of obligation <paramref name="o"/> entered: a fault line is crossed when the limiter had not joined.</summary>
    internal static void Honoured(RunState s, int o)
    {
        var line = s.Model.OblFaultLine[o];
        if (line >= 0 && !Joined(s, line)) s.FaultLineCrossed[line] = true;
    }

    private static bool Joined(RunState s, int line)
    {
        var m = s.Model; var nT = m.TheaterCount; var t = m.FaultTheater[line];
        int li = m.FaultLimiter[line] * nT + t, ci = m.FaultClient[line] * nT + t;
        return s.Role[li] == CompiledModel.Principal && s.Side[li] == s.Side[ci];
    }

    private static FaultLineObserved Held(RunState s, int step, int line, string act, double r, double chance, double bounded, double draw)
    {
        var m = s.Model;
        return new FaultLineObserved(step, m.FaultLineIds[line], m.Actors[m.FaultPatron[line]].Iso3, m.Actors[m.FaultLimiter[line]].Iso3,
            m.Actors[m.FaultClient[line]].Iso3, m.Theaters[m.FaultTheater[line]], act, r, chance, bounded, draw);
    }

    /// <summary>
    /// Fills <see cref="RunState.CapabilityGrown"/>: per theater and side, the usable treaty-flow capability of the
    /// side's principals, summed in their members' order (read by <see cref="CapabilityPull"/> until the next call).
    /// </summary>
    internal static void SumCapability(RunState s)
    {
        var nT = s.NT;
        for (var k = 0; k < s.CapabilityGrown.Length; k++)
        {
            double grown = 0; var t = k / RunState.Sides;
            for (var j = 0; j < s.MemberCount[k]; j++) grown += s.Capability[s.Members[k][j] * nT + t];
            s.CapabilityGrown[k] = grown;
        }
    }

    /// <summary>
    /// The pivot term of actor <paramref name="a"/>'s target allocation in theater <paramref name="t"/>:
    /// capability_response × (usable treaty-flow capability of the opposing principals there) / (their starting forces there).
    /// Zero without flows. Reads the sums of the last <see cref="SumCapability"/>.
    /// </summary>
    internal static double CapabilityPull(RunState s, int a, int t)
    {
        var i = a * s.NT + t;
        if (s.Role[i] == CompiledModel.None) return 0;
        var k = t * RunState.Sides + 1 - s.Side[i];
        var grown = s.CapabilityGrown[k];
        var start = s.PrincipalForceStart[k];
        return grown == 0 || start <= 0 ? 0 : s.Actor(a, Ac.CapabilityResponse) * grown / start;
    }

    /// <summary>
    /// The extra local force of each actor from the mechanisms: usable flow capability, and each spiral rival's stock
    /// spread over the spiral's theaters in proportion to its current shares there. Added to <see cref="RunState"/>'s local forces.
    /// </summary>
    internal static void AddToForces(RunState s)
    {
        var m = s.Model; var nT = m.TheaterCount;
        // every other cell's capability is +0, which leaves its local force (f · share ≥ 0, never −0) as it is
        foreach (var i in s.FlowCells) s.LocalForce[i] += s.Capability[i];
        for (var sp = 0; sp < m.SpiralIds.Length; sp++)
            for (var side = 0; side < RunState.Sides; side++)
            {
                var a = side == 0 ? m.SpiralA[sp] : m.SpiralB[sp];
                var stock = s.SpiralStock[sp * RunState.Sides + side];
                if (stock == 0) continue;
                double total = 0;
                foreach (var t in m.SpiralTheaters[sp]) total += s.Share[a * nT + t];
                foreach (var t in m.SpiralTheaters[sp])
                    s.LocalForce[a * nT + t] += total > 0 ? stock * s.Share[a * nT + t] / total : stock / m.SpiralTheaters[sp].Length;
            }
    }

    /// <summary>An actor's build-up in a spiral's theaters: its local forces there now minus at the start of the run.</summary>
    private static double BuildUp(RunState s, int sp, int a)
    {
        var m = s.Model; var nT = m.TheaterCount; double d = 0;
        foreach (var t in m.SpiralTheaters[sp]) d += s.LocalForce[a * nT + t] - s.LocalForceStart[a * nT + t];
        return d;
    }

    private static double StartForce(RunState s, int sp, int a)
    {
        var m = s.Model; var nT = m.TheaterCount; double f = 0;
        foreach (var t in m.SpiralTheaters[sp]) f += s.LocalForceStart[a * nT + t];
        return f;
    }

    /// <summary>
    /// Richardson's process, from the state at the start of the step: S_A ← S_A + reaction_A · D_B − fatigue_A · S_A,
    /// and the same for B, both from the same state, where D is a rival's build-up in the spiral's theaters (its pivot
    /// and its own spiral stock included). Then records whether both build-ups stand at or above
    /// <c>global.spiral_build_up</c> of their starting local forces there (the spiral metric).
    /// </summary>
    internal static void Spirals(RunState s, int step)
    {
        var m = s.Model;
        for (var sp = 0; sp < m.SpiralIds.Length; sp++)
        {
            int a = m.SpiralA[sp], b = m.SpiralB[sp];
            double dA = BuildUp(s, sp, a), dB = BuildUp(s, sp, b);
            int ka = sp * RunState.Sides, kb = ka + 1;
            double sA = s.SpiralStock[ka], sB = s.SpiralStock[kb];
            double rA = s.Actor(a, Ac.ArmsReaction), rB = s.Actor(b, Ac.ArmsReaction), fA = s.Actor(a, Ac.ArmsFatigue), fB = s.Actor(b, Ac.ArmsFatigue);
            s.SpiralStock[ka] = sA + rA * dB - fA * sA;
            s.SpiralStock[kb] = sB + rB * dA - fB * sB;
            var threshold = s.Global(G.SpiralBuildUp);
            // the starting forces are fixed for the run (LocalForceStart): summed at their first use
            if (double.IsNaN(s.SpiralStartForce[ka])) { s.SpiralStartForce[ka] = StartForce(s, sp, a); s.SpiralStartForce[kb] = StartForce(s, sp, b); }
            s.SpiralReached[sp] = dA >= threshold * s.SpiralStartForce[ka] && dB >= threshold * s.SpiralStartForce[kb] && dA > 0 && dB > 0;
            if (s.Observer is { } obs && (sA != 0 || sB != 0 || s.SpiralStock[ka] != 0 || s.SpiralStock[kb] != 0))
                obs.Observe(new SpiralObserved(step, m.SpiralIds[sp], m.Actors[a].Iso3, m.Actors[b].Iso3, dA, dB, s.SpiralStock[ka], s.SpiralStock[kb],
                    rA, rB, fA, fB, fA * fB > rA * rB));
        }
    }
}
