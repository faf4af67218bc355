using System.Globalization;
using System.Numerics;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>
/// The escalation dynamics: <see cref="Reset"/> draws a run's parameters and sets the starting picture;
/// <see cref="Step"/> advances one step (events, force shifts, decisions in each theater, alliance entries,
/// normalisation). All randomness comes from the streams passed in. See docs/model.md for the equations.
/// </summary>
public static class Simulator
{
    /// <summary>Number of actions: de-escalate, hold, escalate one, escalate two.</summary>
    public const int ActionCount = 4;
    private static readonly int[] Deltas = [-1, 0, 1, 2];

    /// <summary>The actions' deltas in the order utilities and probabilities are reported.</summary>
    public static ReadOnlySpan<int> ActionDeltas => Deltas;

    /// <summary>Seeds of run <paramref name="run"/>: parameters come from draw <c>run / replicates</c>, dynamics from the run.</summary>
    public static (ulong Params, ulong Dynamics) Seeds(ulong master, int run, int replicates) =>
        (Seed.Derive(master, "params", (ulong)(run / Math.Max(1, replicates))), Seed.Derive(master, "dynamics", (ulong)run));

    /// <summary>Runs one whole run (reset and every step) into <paramref name="s"/>.</summary>
    public static void Run(RunState s, ulong master, int run, int replicates)
    {
        var (ps, ds) = Seeds(master, run, replicates);
        var rng = new RandomStream(ds);
        Reset(s, new RandomStream(ps));
        for (var k = 0; k < s.Model.Steps; k++) Step(s, rng);
    }

    /// <summary>Draws the parameters (epistemic: from <paramref name="paramRng"/>) and sets the starting state.</summary>
    public static void Reset(RunState s, RandomStream? paramRng)
    {
        var m = s.Model;
        if (paramRng is null) Sampler.Means(m.Specs, s.P); else s.Sampler.Draw(s.P, paramRng);
        ResetState(s);
    }

    /// <summary>Sets the starting state from the parameters already in <see cref="RunState.P"/>.</summary>
    public static void ResetState(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        s.StepIndex = 0;
        s.FirstWarStep = -1; s.TwoCrisisStep = -1;
        Array.Copy(m.Role0, s.Role, s.Role.Length);
        Array.Copy(m.Side0, s.Side, s.Side.Length);
        Array.Clear(s.Entered); Array.Clear(s.InterventionPressure); Array.Clear(s.TensionCarry); Array.Clear(s.ResolveAdd); Array.Clear(s.ForcesAdd);
        Array.Clear(s.ObligationTriggered); Array.Clear(s.ObligationHonoured); Array.Clear(s.ObligationDecided);
        Array.Clear(s.Intervened); Array.Clear(s.LinkFired); Array.Clear(s.Normalised); Array.Clear(s.EventFired);
        for (var t = 0; t < nT; t++)
        {
            var l = (int)Math.Round(s.P[m.StartSlot[t]], MidpointRounding.AwayFromZero);
            l = Math.Clamp(l, 0, m.MaxLevel[t]);
            s.Level[t] = l; s.StartLevel[t] = l; s.MaxReached[t] = l;
            s.Crossed[t] = m.Ladder.Between(0, l);
            s.LastEscalatorSide[t] = -1;
            s.StartedAtWar[t] = l >= m.Ladder.WarLevel;
        }
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
            {
                var i = a * nT + t;
                s.Share[i] = m.HasDeployments[a] ? (m.ShareSlot[i] >= 0 ? s.P[m.ShareSlot[i]] : 0) : m.DefaultShare[i];
                s.ShareStart[i] = s.Share[i];
            }
        RebuildMembers(s);
        ComputeForces(s);
        for (var i = 0; i < s.PrincipalForce.Length; i++) s.PrincipalForceStart[i] = s.PrincipalForce[i];
        if (s.Trace is { } tr)
            for (var t = 0; t < nT; t++)
                tr.Add(new TraceEntry(0, "state", m.Theaters[t], null,
                    $"{m.Theaters[t]} starts at level {s.Level[t]} ({m.Ladder.Levels[s.Level[t]].Name})"));
    }

    private static void RebuildMembers(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        Array.Clear(s.MemberCount);
        for (var t = 0; t < nT; t++)
            for (var a = 0; a < nA; a++)
            {
                var i = a * nT + t;
                if (s.Role[i] != 1) continue;
                var k = t * 2 + s.Side[i];
                s.Members[k][s.MemberCount[k]++] = a;
            }
    }

    /// <summary>Local forces, principal and side forces, nuclear sides, expected allied help, link pressures.</summary>
    private static void ComputeForces(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        for (var a = 0; a < nA; a++)
        {
            var f = s.Actor(a, ActorParam.Forces) + s.ForcesAdd[a];
            if (f < 0) f = 0;
            for (var t = 0; t < nT; t++) s.LocalForce[a * nT + t] = f * s.Share[a * nT + t];
        }
        for (var t = 0; t < nT; t++)
        {
            for (var side = 0; side < 2; side++)
            {
                double pf = 0; var nuc = false;
                var k = t * 2 + side;
                for (var j = 0; j < s.MemberCount[k]; j++)
                {
                    var a = s.Members[k][j];
                    pf += s.LocalForce[a * nT + t];
                    nuc |= m.Nuclear[a];
                }
                double help = 0;
                for (var a = 0; a < nA; a++)
                {
                    var i = a * nT + t;
                    if (s.Role[i] == 2 && s.Side[i] == side && m.HelpSlot[i] >= 0) help += s.P[m.HelpSlot[i]] * s.LocalForce[i];
                }
                s.PrincipalForce[k] = pf;
                s.SideForce[k] = pf + help;
                s.NuclearSide[k] = nuc;
            }
        }
        // expected allied help: for each side, the largest honour probability of each potential ally times its local force
        for (var t = 0; t < nT; t++)
            for (var side = 0; side < 2; side++)
            {
                Array.Clear(s.HelpScratch);
                var any = false;
                for (var o = 0; o < m.OblAlly.Length; o++)
                {
                    if (m.OblTheater[o] != t || s.ObligationDecided[o] || !InForce(m, o, s.StepIndex)) continue;
                    int p = m.OblPartner[o], x = m.OblAlly[o];
                    if (s.Role[p * nT + t] != 1 || s.Side[p * nT + t] != side || s.Role[x * nT + t] == 1) continue;
                    var q = HonourProbability(s, o, out _);
                    if (q > s.HelpScratch[x]) { s.HelpScratch[x] = q; any = true; }
                }
                if (!any) continue;
                for (var x = 0; x < nA; x++)
                    if (s.HelpScratch[x] > 0)
                    {
                        var i = x * nT + t;
                        var own = s.Role[i] == 2 && s.Side[i] == side && m.HelpSlot[i] >= 0 ? s.P[m.HelpSlot[i]] : 0;
                        s.SideForce[t * 2 + side] += s.HelpScratch[x] * (1 - own) * s.LocalForce[i];
                    }
            }
        for (var l = 0; l < s.LinkPressure.Length; l++) s.LinkPressure[l] = Pressure(s, m.LinkBeneficiary[l], m.LinkFrom[l]);
    }

    private static bool InForce(CompiledModel m, int o, int step) => step >= m.OblFromStep[o] && step <= m.OblToStep[o];

    /// <summary>Pressure (0–1) on actor <paramref name="b"/> in theater <paramref name="t"/>: escalation above the start that its own side did not make last, and opposing entries.</summary>
    internal static double Pressure(RunState s, int b, int t)
    {
        var m = s.Model;
        var i = b * m.TheaterCount + t;
        if (s.Role[i] != 1) return 0;
        var own = s.Side[i];
        // escalation the actor's own side made is not pressure on it
        var climb = s.LastEscalatorSide[t] == own ? 0 : Math.Max(0, s.Level[t] - s.StartLevel[t]);
        var p = s.Global(GlobalParam.PressurePerLevel) * climb + s.Global(GlobalParam.PressurePerEntry) * s.Entered[t * 2 + 1 - own];
        return Math.Clamp(p, 0, 1);
    }

    /// <summary>The chance of prevailing for side <paramref name="side"/> in theater <paramref name="t"/>: F^m / (F^m + G^m).</summary>
    internal static double Pi(RunState s, int t, int side, double extra = 0)
    {
        double f = s.SideForce[t * 2 + side] + extra, g = s.SideForce[t * 2 + 1 - side];
        return Contest(f, g, s.Global(GlobalParam.ContestExponent));
    }

    /// <summary>Contest success function (Tullock 1980; Hirshleifer 1989): f^m / (f^m + g^m), one half when both are zero.</summary>
    public static double Contest(double f, double g, double m)
    {
        if (f <= 0 && g <= 0) return 0.5;
        if (m == 1) return f / (f + g);
        double fm = Math.Pow(f, m), gm = Math.Pow(g, m);
        return fm / (fm + gm);
    }

    /// <summary>
    /// Effective stake of actor <paramref name="a"/> in theater <paramref name="t"/>: base stake, plus the weight of
    /// every horizontal link ending there times the pressure on its beneficiary, plus the security-dilemma term.
    /// </summary>
    internal static double Stake(RunState s, int a, int t, out double linkPart, out double securityPart, out int strongestLink)
    {
        var m = s.Model;
        var i = a * m.TheaterCount + t;
        var baseStake = m.StakeSlot[i] >= 0 ? s.P[m.StakeSlot[i]] : 0;
        linkPart = 0; strongestLink = -1;
        var best = 0.0;
        for (var l = 0; l < m.LinkIds.Length; l++)
        {
            if (m.LinkActor[l] != a || m.LinkTo[l] != t) continue;
            var v = s.P[m.LinkWeightSlot[l]] * s.LinkPressure[l];
            linkPart += v;
            if (v > best) { best = v; strongestLink = l; }
        }
        securityPart = 0;
        if (s.Role[i] == 1)
        {
            var k = t * 2 + 1 - s.Side[i];
            var start = s.PrincipalForceStart[k];
            if (start > 0) securityPart = s.Global(GlobalParam.SecurityDilemma) * Math.Max(0, s.PrincipalForce[k] / start - 1);
        }
        return baseStake + linkPart + securityPart;
    }

    /// <summary>Fills gain and cost per level for actor <paramref name="a"/> on <paramref name="side"/> in theater <paramref name="t"/>.</summary>
    private static void Terms(RunState s, int a, int t, int side, double stake, double pi, double[] gain, double[] cost)
    {
        var m = s.Model; var lad = m.Ladder;
        double r = s.Actor(a, ActorParam.Resolve) + s.ResolveAdd[a];
        double k = s.Actor(a, ActorParam.CostSensitivity), d = s.Actor(a, ActorParam.CatastropheAversion);
        var nuclearTheater = s.NuclearSide[t * 2] || s.NuclearSide[t * 2 + 1] || m.Nuclear[a];
        var mutual = (s.NuclearSide[t * 2 + side] || m.Nuclear[a]) && s.NuclearSide[t * 2 + 1 - side];
        var si = mutual ? 1 - s.Global(GlobalParam.StabilityInstability) : 1;
        var trade = s.Global(GlobalParam.TradeWeight) * TradeSum(s, a, t, side);
        for (var l = 0; l < gain.Length; l++)
        {
            gain[l] = stake * r * pi * lad.Gain[l];
            cost[l] = k * lad.Cost[l] * (l < lad.NuclearUseLevel ? si : 1) + (nuclearTheater ? d * lad.Risk[l] : 0) + trade * lad.Trade[l];
        }
    }

    private static double TradeSum(RunState s, int a, int t, int side)
    {
        var m = s.Model; var nA = m.ActorCount;
        var k = t * 2 + 1 - side;
        double sum = 0;
        for (var j = 0; j < s.MemberCount[k]; j++)
        {
            var slot = m.TradeSlot[a * nA + s.Members[k][j]];
            if (slot >= 0) sum += s.P[slot];
        }
        return sum;
    }

    /// <summary>Channels with the opposing side: its principals and the states that support it.</summary>
    private static double ChannelSum(RunState s, int a, int t, int side)
    {
        var m = s.Model; int nA = m.ActorCount, nT = m.TheaterCount;
        double sum = 0;
        for (var b = 0; b < nA; b++)
        {
            var slot = m.ChannelSlot[a * nA + b];
            if (slot < 0) continue;
            var i = b * nT + t;
            if (s.Role[i] != 0 && s.Side[i] == 1 - side) sum += s.P[slot];
        }
        return sum;
    }

    /// <summary>Cost of the move itself: thresholds crossed up (first time) or down (sticky), audience cost, channel damping.</summary>
    private static double PathCost(RunState s, int a, int t, int side, int from, int to, int crossed)
    {
        if (from == to) return 0;
        var lad = s.Model.Ladder;
        if (to > from)
        {
            var fresh = BitOperations.PopCount((uint)(lad.Between(from, to) & ~crossed));
            return s.Global(GlobalParam.ThresholdPremium) * fresh
                 + s.Global(GlobalParam.ChannelDamping) * ChannelSum(s, a, t, side) * (to - from);
        }
        var back = BitOperations.PopCount((uint)(lad.Between(to, from) & crossed));
        return s.Global(GlobalParam.Stickiness) * back + s.Actor(a, ActorParam.AudienceCost) * from / (double)lad.Top;
    }

    /// <summary>The highest level actor <paramref name="a"/> can choose at current level <paramref name="level"/>: only nuclear states go past war.</summary>
    internal static int Cap(RunState s, int a, int t, int level)
    {
        var m = s.Model;
        return m.Nuclear[a] ? m.MaxLevel[t] : Math.Min(m.MaxLevel[t], Math.Max(level, m.Ladder.NuclearSignalLevel - 1));
    }

    /// <summary>
    /// True when an action aimed at <paramref name="target"/> can land one level higher by accident: within the
    /// actor's cap and without crossing a threshold (Kahn's firebreaks take a decision; in particular nuclear use
    /// and the step from clashes to war are never accidental here).
    /// </summary>
    internal static bool AccidentPossible(RunState s, int a, int t, int level, int target) =>
        target + 1 <= Cap(s, a, t, level) && s.Model.Ladder.Between(target, target + 1) == 0;

    /// <summary>Logit choice probabilities: p_k ∝ exp(λ u_k) over available actions (McKelvey &amp; Palfrey 1995).</summary>
    public static void Logit(ReadOnlySpan<double> u, ReadOnlySpan<bool> available, double lambda, Span<double> p)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < u.Length; k++) if (available[k] && u[k] > max) max = u[k];
        double z = 0;
        for (var k = 0; k < u.Length; k++) { p[k] = available[k] ? Math.Exp(lambda * (u[k] - max)) : 0; z += p[k]; }
        for (var k = 0; k < u.Length; k++) p[k] /= z;
    }

    /// <summary>Index of the action picked by uniform draw <paramref name="u"/>: the first with cumulative probability above it.</summary>
    public static int Pick(ReadOnlySpan<double> p, ReadOnlySpan<bool> available, double u)
    {
        double c = 0; var last = -1;
        for (var k = 0; k < p.Length; k++)
        {
            if (!available[k]) continue;
            last = k;
            c += p[k];
            if (u < c) return k;
        }
        return last;
    }

    /// <summary>
    /// Expected utilities of each action for actor <paramref name="a"/> in theater <paramref name="t"/> now, anticipating
    /// the quantal response of <paramref name="responder"/> (or none when -1). Fills <paramref name="eu"/> and
    /// <paramref name="available"/>; returns the stake and chance of prevailing used.
    /// </summary>
    internal static (double Stake, double Pi, double LinkPart, double SecurityPart, int Link) Utilities(
        RunState s, int a, int t, int responder, Span<double> eu, Span<bool> available)
    {
        var m = s.Model;
        int nT = m.TheaterCount, side = s.Side[a * nT + t], L = s.Level[t], top = m.Ladder.Top;
        var stake = Stake(s, a, t, out var linkPart, out var secPart, out var link);
        var pi = Pi(s, t, side);
        Terms(s, a, t, side, stake, pi, s.GainI, s.CostI);
        var eps = s.Global(GlobalParam.Accident);
        var cap = Cap(s, a, t, L);
        var crossed = s.Crossed[t];
        double lamJ = 0;
        if (responder >= 0)
        {
            var sj = 1 - side;
            Terms(s, responder, t, sj, Stake(s, responder, t, out _, out _, out _), Pi(s, t, sj), s.GainJ, s.CostJ);
            lamJ = s.Actor(responder, ActorParam.Lambda);
            Array.Clear(s.RespDone);
        }
        for (var k = 0; k < ActionCount; k++)
        {
            var target = L + Deltas[k];
            available[k] = target >= 0 && target <= cap;
            if (!available[k]) { eu[k] = double.NegativeInfinity; continue; }
            var up = AccidentPossible(s, a, t, L, target) ? target + 1 : target;
            eu[k] = (1 - eps) * Value(s, a, t, side, L, target, crossed, responder, lamJ)
                  + eps * Value(s, a, t, side, L, up, crossed, responder, lamJ);
        }
        _ = top;
        return (stake, pi, linkPart, secPart, link);
    }

    /// <summary>Value to the actor of landing at <paramref name="r"/>: gain at r, minus the move's cost, minus the expected cost after the response.</summary>
    private static double Value(RunState s, int a, int t, int side, int from, int r, int crossed, int responder, double lamJ)
    {
        var v = s.GainI[r] - PathCost(s, a, t, side, from, r, crossed);
        if (responder < 0) return v - s.CostI[r];
        if (!s.RespDone[r])
        {
            // the responder's myopic logit response at level r (Signorino 1999 strategic choice)
            Span<double> uj = stackalloc double[ActionCount];
            Span<double> pj = stackalloc double[ActionCount];
            Span<bool> avj = stackalloc bool[ActionCount];
            var crossedAfter = crossed | (r > from ? s.Model.Ladder.Between(from, r) : 0);
            var capJ = Cap(s, responder, t, r);
            var sj = 1 - side;
            for (var k = 0; k < ActionCount; k++)
            {
                var lj = r + Deltas[k];
                avj[k] = lj >= 0 && lj <= capJ;
                uj[k] = avj[k] ? s.GainJ[lj] - PathCost(s, responder, t, sj, r, lj, crossedAfter) - s.CostJ[lj] : double.NegativeInfinity;
            }
            Logit(uj, avj, lamJ, pj);
            double c = 0;
            for (var k = 0; k < ActionCount; k++) if (avj[k]) c += pj[k] * s.CostI[r + Deltas[k]];
            s.RespCost[r] = c; s.RespDone[r] = true;
        }
        return v - s.RespCost[r];
    }

    /// <summary>The opposing principal with the largest local force that moves after <paramref name="a"/> in this step, or -1.</summary>
    internal static int Responder(RunState s, int a, int t)
    {
        var m = s.Model; var nT = m.TheaterCount;
        var side = s.Side[a * nT + t];
        if (side != m.Initiative[t]) return -1;
        var k = t * 2 + 1 - side;
        int best = -1; var bestF = -1.0;
        for (var j = 0; j < s.MemberCount[k]; j++)
        {
            var b = s.Members[k][j];
            if (s.LocalForce[b * nT + t] > bestF) { bestF = s.LocalForce[b * nT + t]; best = b; }
        }
        return best;
    }

    /// <summary>Advances the run by one step, drawing from <paramref name="rng"/> (the run's dynamics stream).</summary>
    public static void Step(RunState s, RandomStream rng)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        var step = ++s.StepIndex;

        Events(s, rng, step);
        ShiftForces(s);
        ComputeForces(s);

        Span<double> eu = stackalloc double[ActionCount];
        Span<double> p = stackalloc double[ActionCount];
        Span<bool> av = stackalloc bool[ActionCount];
        for (var t = 0; t < nT; t++)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                var side = pass == 0 ? m.Initiative[t] : 1 - m.Initiative[t];
                var k = t * 2 + side;
                for (var j = 0; j < s.MemberCount[k]; j++)
                {
                    var a = s.Members[k][j];
                    var resp = Responder(s, a, t);
                    var (stake, pi, linkPart, secPart, link) = Utilities(s, a, t, resp, eu, av);
                    Logit(eu, av, s.Actor(a, ActorParam.Lambda), p);
                    var u = rng.NextDouble();
                    var ua = rng.NextDouble();
                    var choice = Pick(p, av, u);
                    var before = s.Level[t];
                    var target = before + Deltas[choice];
                    var accident = ua < s.Global(GlobalParam.Accident) && AccidentPossible(s, a, t, before, target);
                    var after = accident ? target + 1 : target;
                    Move(s, t, side, before, after);
                    string? linkId = null;
                    if (after > before && link >= 0 && linkPart > 0)
                    {
                        for (var l = 0; l < m.LinkIds.Length; l++)
                            if (m.LinkActor[l] == a && m.LinkTo[l] == t && s.LinkPressure[l] > 0) s.LinkFired[l] = true;
                        linkId = m.LinkIds[link];
                    }
                    if (s.Trace is { } tr)
                    {
                        var opts = new ActionOption[ActionCount];
                        for (var q = 0; q < ActionCount; q++) opts[q] = new ActionOption(Deltas[q], before + Deltas[q], eu[q], p[q]);
                        var baseStake = stake - linkPart - secPart;
                        var dt = new DecisionTrace(step, m.Theaters[t], m.Actors[a].Iso3, side == 0 ? "A" : "B", before, after,
                            baseStake, linkPart, secPart, stake, s.Actor(a, ActorParam.Resolve) + s.ResolveAdd[a], pi, s.Actor(a, ActorParam.Lambda),
                            ChannelSum(s, a, t, side), TradeSum(s, a, t, side),
                            resp >= 0 ? m.Actors[resp].Iso3 : null, opts, u, Deltas[choice], accident, linkId);
                        tr.Add(new TraceEntry(step, "decision", m.Theaters[t], m.Actors[a].Iso3, DescribeDecision(m, dt), dt));
                    }
                }
            }
        }

        Obligations(s, rng, step);
        Interventions(s, rng, step);
        Normalisations(s, rng, step);

        // bookkeeping
        var crises = 0;
        for (var t = 0; t < nT; t++)
        {
            if (s.Level[t] >= m.CrisisLevel) crises++;
        }
        if (s.TwoCrisisStep < 0 && crises >= 2) s.TwoCrisisStep = step;
        _ = nA;
    }

    private static void Move(RunState s, int t, int side, int before, int after)
    {
        if (after == before) return;
        s.Level[t] = after;
        if (after > before)
        {
            s.Crossed[t] |= s.Model.Ladder.Between(before, after);
            s.LastEscalatorSide[t] = side;
            if (after > s.MaxReached[t]) s.MaxReached[t] = after;
            if (s.FirstWarStep < 0 && !s.StartedAtWar[t] && after >= s.Model.Ladder.WarLevel) s.FirstWarStep = Math.Max(1, s.StepIndex);
        }
    }

    private static void Events(RunState s, RandomStream rng, int step)
    {
        var m = s.Model;
        var decay = s.Global(GlobalParam.InterventionPressureDecay);
        for (var t = 0; t < s.InterventionPressure.Length; t++) s.InterventionPressure[t] *= decay;
        for (var e = 0; e < m.EventIds.Length; e++)
        {
            if (s.EventFired[e]) continue;
            var at = m.EventStep[e];
            if (at >= 0 && at != step - 1) continue; // dated events fire in the step that contains their date
            if (m.EventProbSlot[e] >= 0 && !(rng.NextDouble() < s.P[m.EventProbSlot[e]])) continue;
            s.EventFired[e] = true;
            foreach (var ef in m.EventEffects[e])
            {
                switch (ef.Kind)
                {
                    case EffectKind.Level:
                    {
                        var t = ef.Target;
                        var cap = NuclearPresent(s, t) ? m.MaxLevel[t] : Math.Min(m.MaxLevel[t], m.Ladder.NuclearSignalLevel - 1);
                        var target = Math.Clamp((int)Math.Round(ef.Value, MidpointRounding.AwayFromZero), 0, cap);
                        var before = s.Level[t];
                        Move(s, t, -1, before, target);
                        break;
                    }
                    case EffectKind.Tension:
                    {
                        // tension raises the level (fractions carry over) up to the war level; events alone do not
                        // take a theater into nuclear levels. Tension a theater at war cannot absorb becomes
                        // intervention pressure: the war intensifies and outsiders weigh entering.
                        var t = ef.Target;
                        var cap = Math.Min(m.MaxLevel[t], m.Ladder.WarLevel);
                        if (s.Level[t] >= cap) { s.InterventionPressure[t] += ef.Value; break; }
                        s.TensionCarry[t] += ef.Value;
                        var n = (int)Math.Floor(s.TensionCarry[t]);
                        s.TensionCarry[t] -= n;
                        var before = s.Level[t];
                        var target = Math.Min(cap, before + n);
                        if (before + n > cap) s.InterventionPressure[t] += before + n - cap;
                        Move(s, t, -1, before, target);
                        break;
                    }
                    case EffectKind.InterventionPressure: s.InterventionPressure[ef.Target] += ef.Value; break;
                    case EffectKind.Resolve: s.ResolveAdd[ef.Target] += ef.Value; break;
                    case EffectKind.Forces: s.ForcesAdd[ef.Target] += ef.Value; break;
                }
            }
            s.Trace?.Add(new TraceEntry(step, "event", null, null, $"event '{m.EventIds[e]}' fires: {Effects(m, e)}"));
        }
    }

    private static string Effects(CompiledModel m, int e) => string.Join("; ", m.EventEffects[e].Select(ef =>
        (ef.Kind is EffectKind.Tension or EffectKind.Level or EffectKind.InterventionPressure ? m.Theaters[ef.Target] : m.Actors[ef.Target].Iso3)
        + " " + ef.Kind.ToString().ToLowerInvariant() + (ef.Kind == EffectKind.Level ? " = " : " += ") + ef.Value.ToString("0.###", CultureInfo.InvariantCulture)));

    private static bool NuclearPresent(RunState s, int t) => s.NuclearSide[t * 2] || s.NuclearSide[t * 2 + 1];

    /// <summary>
    /// Great powers move forces toward rising threats, with inertia: w ← ρ w + (1 − ρ) w*, with
    /// w*_t ∝ w0_t · max(0.05, 1 + φ (L_t − L0_t) / top), normalised to the deployed total. The starting deployment is
    /// taken as the answer to the starting threats, so forces move only when threats change.
    /// </summary>
    private static void ShiftForces(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount, top = m.Ladder.Top;
        for (var a = 0; a < nA; a++)
        {
            if (!m.HasDeployments[a]) continue;
            double phi = s.Actor(a, ActorParam.ThreatResponse), rho = s.Actor(a, ActorParam.Inertia);
            double total = 0, raw = 0;
            for (var t = 0; t < nT; t++)
            {
                var w0 = s.ShareStart[a * nT + t];
                total += w0;
                s.BaseShareScratch[t] = w0 * Math.Max(0.05, 1 + phi * (s.Level[t] - s.StartLevel[t]) / (double)top);
                raw += s.BaseShareScratch[t];
            }
            if (raw <= 0) continue;
            var moved = 0.0;
            for (var t = 0; t < nT; t++)
            {
                var i = a * nT + t;
                var target = s.BaseShareScratch[t] * total / raw;
                var next = rho * s.Share[i] + (1 - rho) * target;
                moved += Math.Abs(next - s.Share[i]);
                s.Share[i] = next;
            }
            if (s.Trace is { } tr && moved > 0.01)
            {
                var parts = new List<string>();
                for (var t = 0; t < nT; t++)
                    if (s.ShareStart[a * nT + t] > 0)
                        parts.Add($"{m.Theaters[t]} {s.Share[a * nT + t]:0.000} (start {s.ShareStart[a * nT + t]:0.000})");
                tr.Add(new TraceEntry(s.StepIndex, "forces", null, m.Actors[a].Iso3, $"{m.Actors[a]} force shares: {string.Join(", ", parts)}"));
            }
        }
    }

    /// <summary>
    /// Utility of entering theater <paramref name="t"/> on <paramref name="side"/> for actor <paramref name="x"/>
    /// at the current level, relative to staying out (whose value is 0): gain with its forces added, minus the
    /// level's costs, minus the entry cost.
    /// </summary>
    internal static double EntryUtility(RunState s, int x, int t, int side)
    {
        var m = s.Model; var nT = m.TheaterCount; var lad = m.Ladder;
        var i = x * nT + t;
        var own = s.Role[i] == 2 && s.Side[i] == side && m.HelpSlot[i] >= 0 ? s.P[m.HelpSlot[i]] : 0;
        var pi = Pi(s, t, side, (1 - own) * s.LocalForce[i]);
        var stake = Stake(s, x, t, out _, out _, out _);
        var l = s.Level[t];
        var r = s.Actor(x, ActorParam.Resolve) + s.ResolveAdd[x];
        var nuclearTheater = NuclearPresent(s, t) || m.Nuclear[x];
        var mutual = (s.NuclearSide[t * 2 + side] || m.Nuclear[x]) && s.NuclearSide[t * 2 + 1 - side];
        var si = mutual && l < lad.NuclearUseLevel ? 1 - s.Global(GlobalParam.StabilityInstability) : 1;
        var cost = s.Actor(x, ActorParam.CostSensitivity) * lad.Cost[l] * si
                 + (nuclearTheater ? s.Actor(x, ActorParam.CatastropheAversion) * lad.Risk[l] : 0)
                 + s.Global(GlobalParam.TradeWeight) * TradeSum(s, x, t, side) * lad.Trade[l];
        return stake * r * pi * lad.Gain[l] - cost - s.Actor(x, ActorParam.EntryCost);
    }

    /// <summary>
    /// Chance that the ally honours obligation <paramref name="o"/> if triggered now: logit(P) = logit(credibility)
    /// + κ (U_enter + abandonment cost × clause strength) (Snyder 1984: abandonment against entrapment).
    /// </summary>
    internal static double HonourProbability(RunState s, int o, out double deltaU)
    {
        var m = s.Model;
        int x = m.OblAlly[o], t = m.OblTheater[o], p = m.OblPartner[o];
        var side = s.Side[p * m.TheaterCount + t];
        deltaU = EntryUtility(s, x, t, side) + s.Actor(x, ActorParam.AbandonmentCost) * m.OblStrength[o];
        var c = m.OblCredibility[o];
        var z = Math.Log(c / (1 - c)) + s.Global(GlobalParam.AllianceSensitivity) * deltaU;
        return 1 / (1 + Math.Exp(-z));
    }

    private static void Obligations(RunState s, RandomStream rng, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        for (var o = 0; o < m.OblAlly.Length; o++)
        {
            if (s.ObligationDecided[o] || !InForce(m, o, step)) continue;
            int x = m.OblAlly[o], t = m.OblTheater[o], p = m.OblPartner[o];
            var pi = p * nT + t;
            if (s.Role[pi] != 1 || s.Level[t] < m.OblTrigger[o]) continue;
            var side = s.Side[pi];
            // an attack on the partner: the last escalation was not its own side's (an event or the other side);
            // clauses that exclude provoked attacks also need the other side to have escalated
            if (s.LastEscalatorSide[t] == side) continue;
            if (m.OblExcludesProvoked[o] && s.LastEscalatorSide[t] != 1 - side && !(s.StartedAtWar[t] && s.LastEscalatorSide[t] < 0)) continue;
            var xi = x * nT + t;
            if (s.Role[xi] == 1) continue; // already fighting there
            if (s.Role[xi] == 2 && s.Side[xi] != side) continue; // aids the other side: not an ally here
            s.ObligationDecided[o] = true;
            s.ObligationTriggered[o] = true;
            var q = HonourProbability(s, o, out var du);
            var honour = rng.NextDouble() < q;
            var row = m.ObligationRows[o];
            if (honour)
            {
                s.ObligationHonoured[o] = true;
                Enter(s, x, t, side);
                s.Trace?.Add(new TraceEntry(step, "obligation", m.Theaters[t], m.Actors[x].Iso3,
                    $"{row.Ally} honours {row.Treaty} Art. {row.Article} and enters {m.Theaters[t]} on {row.Partner}'s side (P = {q:0.000}; ΔU = {du:0.000}, credibility {m.OblCredibility[o]:0.00}, strength {m.OblStrength[o]:0.0})"));
            }
            else
            {
                s.Trace?.Add(new TraceEntry(step, "obligation", m.Theaters[t], m.Actors[x].Iso3,
                    $"{row.Ally} does not honour {row.Treaty} Art. {row.Article} towards {row.Partner} in {m.Theaters[t]} (P = {q:0.000}; ΔU = {du:0.000})"));
            }
            // an ally that honoured one obligation in a theater has no further decisions there
            if (honour)
                for (var o2 = 0; o2 < m.OblAlly.Length; o2++)
                    if (m.OblAlly[o2] == x && m.OblTheater[o2] == t && !s.ObligationDecided[o2]) s.ObligationDecided[o2] = true;
        }
    }

    private static void Enter(RunState s, int x, int t, int side)
    {
        var nT = s.Model.TheaterCount;
        var i = x * nT + t;
        s.Role[i] = 1; s.Side[i] = (byte)side;
        s.Entered[t * 2 + side]++;
        RebuildMembers(s);
        ComputeForces(s);
    }

    private static void Interventions(RunState s, RandomStream rng, int step)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        for (var t = 0; t < nT; t++)
        {
            if (s.Level[t] < m.Ladder.WarLevel) continue;
            for (var x = 0; x < nA; x++)
            {
                var i = x * nT + t;
                if (!m.MayIntervene[i] || s.Role[i] != 2) continue;
                var side = s.Side[i];
                var du = EntryUtility(s, x, t, side) + s.Actor(x, ActorParam.InterventionBias) + s.InterventionPressure[t];
                var q = 1 / (1 + Math.Exp(-s.Actor(x, ActorParam.Lambda) * du));
                if (!(rng.NextDouble() < q)) continue;
                s.Intervened[i] = true;
                Enter(s, x, t, side);
                s.Trace?.Add(new TraceEntry(step, "intervention", m.Theaters[t], m.Actors[x].Iso3,
                    $"{m.Actors[x]} intervenes in {m.Theaters[t]} on side {(side == 0 ? "A" : "B")} (P = {q:0.000}; ΔU = {du:0.000} incl. intervention pressure {s.InterventionPressure[t]:0.00})"));
            }
        }
    }

    private static void Normalisations(RunState s, RandomStream rng, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        for (var n = 0; n < m.NormIds.Length; n++)
        {
            if (s.Normalised[n]) continue;
            double esc = 0, pivot = 0;
            foreach (var t in m.NormTheaters[n])
            {
                esc += Math.Max(0, s.Level[t] - s.StartLevel[t]);
                var pa = m.NormPivotActor[n];
                if (pa >= 0) pivot += s.Share[pa * nT + t] - s.ShareStart[pa * nT + t];
            }
            var rate = s.P[m.NormBaseSlot[n]] * Math.Exp(-s.P[m.NormSensSlot[n]] * esc - s.P[m.NormPivotSlot[n]] * Math.Max(0, pivot));
            if (!(rng.NextDouble() < rate)) continue;
            s.Normalised[n] = true;
            s.Trace?.Add(new TraceEntry(step, "normalisation", null, null,
                $"normalisation '{m.NormIds[n]}' happens (rate {rate:0.0000}; escalation above start {esc:0}, pivot {pivot:0.000})"));
        }
    }

    private static string DescribeDecision(CompiledModel m, DecisionTrace d)
    {
        var verb = d.Chosen switch { < 0 => "de-escalates", 0 => "holds", 1 => "escalates one level", _ => $"escalates {d.Chosen} levels" };
        var acc = d.Accident ? " — accident: lands one level higher" : "";
        return $"{d.Actor} {verb} in {d.Theater}: {d.LevelBefore} → {d.LevelAfter} ({m.Ladder.Levels[d.LevelAfter].Name}){acc}";
    }
}
