using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Entangle.Engine.Randomness;
using G = Entangle.Domain.Escalation.ParameterCatalog.Global;
using Ac = Entangle.Domain.Escalation.ParameterCatalog.Actor;
using Lc = Entangle.Domain.Escalation.ParameterCatalog.Ladder;

namespace Entangle.Engine.Escalation;

/// <summary>
/// The escalation dynamics (docs/model.md, in this order). <see cref="ResetState"/> sets the starting picture from
/// the parameters in <see cref="RunState.P"/> and reseeds the run's named streams; <see cref="Step"/> advances one
/// step: forces shift, every principal decides from the state at the start of the step, all moves apply together,
/// then events, loss of control, alliance entries, interventions, normalisations and crisis termination. Nothing
/// depends on side labels or on the order of the file: actors and theaters are in id order, and each decision,
/// event, obligation and theater draws from its own stream keyed by name.
/// </summary>
public static class Simulator
{
    /// <summary>Number of actions: lower, hold, raise one, raise two.</summary>
    public const int ActionCount = 4;
    /// <summary>The actions' indices, in the order of <see cref="Deltas"/>.</summary>
    private const int Lower = 0, Hold = 1, RaiseOne = Hold + 1, RaiseTwo = ActionCount - 1;
    private static readonly int[] Deltas = [-1, 0, 1, 2];
    /// <summary>Action k moves the posture by k − 1, the same as <see cref="Deltas"/> (the hot loops use this form; a test pins the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Delta(int k) => k - 1;
    private const int Sides = RunState.Sides;
    private const byte Principal = CompiledModel.Principal, Supporter = CompiledModel.Supporter;
    /// <summary>The "two" of the two-theater-crisis metric.</summary>
    private const int TwoTheaters = 2;
    /// <summary>Targets a decision can evaluate: from posture − 1 to posture + 3 (the largest raise plus an accident).</summary>
    private const int TargetSpan = ActionCount + 1;

    /// <summary>The actions' deltas in the order utilities and probabilities are reported.</summary>
    public static ReadOnlySpan<int> ActionDeltas => Deltas;

    /// <summary>The dynamics seed of run <paramref name="run"/>: <c>Seed.Derive(master, "dynamics", run)</c>.</summary>
    public static ulong DynamicsSeed(ulong master, int run) => Seed.Derive(master, "dynamics", (ulong)run);

    /// <summary>Sets the starting state from the parameters already in <see cref="RunState.P"/>, and seeds the run's streams.</summary>
    public static void ResetState(RunState s, ulong dynamicsSeed)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        // every stream's seed is Seed.Derive(dynamicsSeed, its key); the part that reads only the run's seed is made once.
        // A decision stream is seeded when its cell first decides: here for the starting principals, at its entry for
        // the others; an obligation's at its one draw (Obligations)
        var mixed = s.DynamicsMixed = Seed.Mixed(dynamicsSeed);
        Reseed(s.DecisionRng, m.DecisionKey, s.StartPrincipalCells, mixed); Reseed(s.InterventionRng, m.InterventionKey, s.InterventionCells, mixed);
        Reseed(s.EventRng, m.EventKey, mixed);
        Reseed(s.NormRng, m.NormKey, mixed); Reseed(s.SlipRng, m.SlipKey, mixed); Reseed(s.SettleRng, m.SettleKey, mixed);
        s.StepIndex = 0; s.Decisions = 0; s.Exps = 0; s.Logs = 0; s.Pows = 0;
        HoistGlobals(s);
        if (s.PremiumOf.Length != m.Ladder.Thresholds.Count) s.PremiumOf = new double[m.Ladder.Thresholds.Count];
        for (var b = 0; b < s.PremiumOf.Length; b++) s.PremiumOf[b] = s.P[m.Th(b)];
        if (s.AudienceCost.Length != nA) { s.AudienceCost = new double[nA]; s.Lambda = new double[nA]; s.DownCost = new double[nA * s.LevelCount]; }
        for (var a = 0; a < nA; a++) { s.AudienceCost[a] = s.Actor(a, Ac.AudienceCost); s.Lambda[a] = s.Actor(a, Ac.Lambda); }
        Array.Fill(s.CredibilityLogit, double.NaN); // computed at an obligation's first use in the run
        s.FirstWarStep = -1; s.TwoCrisisStep = -1; s.TwoNuclearCrisisStep = -1;
        Mechanisms.Reset(s, dynamicsSeed);
        Array.Copy(m.Role0, s.Role, s.Role.Length);
        Array.Copy(m.Side0, s.Side, s.Side.Length);
        s.RolesAtStart = true;
        Array.Clear(s.Entered); Array.Clear(s.InterventionPressure); Array.Clear(s.TensionCarry); Array.Clear(s.ResolveAdd); Array.Clear(s.ForcesAdd);
        Array.Clear(s.ObligationTriggered); Array.Clear(s.ObligationHonoured); Array.Clear(s.ObligationDecided);
        Array.Clear(s.Intervened); Array.Clear(s.LinkFired); Array.Clear(s.Normalised); Array.Clear(s.EventFired);
        Array.Clear(s.Rose); Array.Clear(s.RoseNext); Array.Clear(s.PremiumPaid); Array.Clear(s.Posture);
        var floor = CrisisFloor(s);
        for (var t = 0; t < nT; t++)
        {
            var l = (int)Math.Round(s.P[m.StartSlot[t]], MidpointRounding.AwayFromZero);
            l = Math.Clamp(l, 0, m.MaxLevel[t]);
            for (var a = 0; a < nA; a++)
                if (s.Role[a * nT + t] == 1) s.Posture[a * nT + t] = Math.Min(l, Cap(s, a, t));
            s.StartLevel[t] = l;
            s.Crossed[t] = m.Ladder.Between(0, l);
            s.StartedAtWar[t] = l >= m.Ladder.WarLevel;
            s.InCrisis[t] = l >= floor; s.CrisisStart[t] = s.InCrisis[t] ? 0 : -1;
            s.Ended[t] = Termination.None; s.EndStep[t] = -1; s.StillSteps[t] = 0;
        }
        // the run's settlement frailty per theater, from the theater's settlement stream before its first settlement
        // draw (no draw when the dispersion is 0, so the stream and every result are as without the mechanism)
        var dispersion = s.Global(G.SettlementDispersion);
        for (var t = 0; t < nT; t++) s.SettleFrailty[t] = dispersion > 0 ? Math.Exp(dispersion * s.SettleRng[t].NextNormal()) : 1;
        // the run's freeze patience per theater: freeze_steps = n + f freezes after n + 1 still steps with probability f,
        // else after n (mean n + f; an integer value draws nothing and freezes after exactly n)
        var patience = s.Global(G.FreezeSteps);
        var whole = Math.Floor(patience); var part = patience - whole;
        for (var t = 0; t < nT; t++) s.FreezeAt[t] = (int)whole + (part > 0 && s.SettleRng[t].NextDouble() < part ? 1 : 0);
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
            {
                var i = a * nT + t;
                s.Share[i] = m.HasDeployments[a] ? (m.ShareSlot[i] >= 0 ? s.P[m.ShareSlot[i]] : 0) : m.DefaultShare[i];
                s.ShareStart[i] = s.Share[i];
            }
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
                if (s.Role[a * nT + t] == 1) { FillDownCost(s, a); break; }
        s.RolesChanged();
        RebuildMembers(s);
        Levels(s);
        for (var t = 0; t < nT; t++) { s.MaxReached[t] = s.Level[t]; s.StartLevel[t] = s.Level[t]; }
        Array.Copy(s.SideTop, s.SideTopStart, s.SideTop.Length);
        ComputeForces(s);
        Array.Copy(s.PrincipalForce, s.PrincipalForceStart, s.PrincipalForce.Length);
        Array.Copy(s.LocalForce, s.LocalForceStart, s.LocalForce.Length);
        if (s.Observer is { } obs) obs.Observe(StateOf(s));
    }

    /// <summary>Copies the global parameters the per-step code reads many times into fields of the state (set per run, and by a full <see cref="Prepare"/>).</summary>
    private static void HoistGlobals(RunState s)
    {
        s.MoveCost = s.Global(G.MoveCost); s.Stickiness = s.Global(G.Stickiness); s.ChannelDamping = s.Global(G.ChannelDamping); s.Accident = s.Global(G.Accident);
        s.PressurePerLevel = s.Global(G.PressurePerLevel); s.PressurePerEntry = s.Global(G.PressurePerEntry);
        s.ContestExponent = s.Global(G.ContestExponent); s.SecurityDilemma = s.Global(G.SecurityDilemma);
        s.AllianceSensitivity = s.Global(G.AllianceSensitivity); s.LeadShareWeight = s.Global(G.LeadShareWeight);
        for (var l = 0; l < s.LevelCount; l++) s.GainColumn[l] = s.P[s.GainSlot0 + l * s.LadderStride];
    }

    /// <summary>Reseeds every stream from the run's <see cref="Seed.Mixed"/> seed and its key.</summary>
    private static void Reseed(RandomStream[] streams, ulong[] keys, ulong mixed)
    {
        for (var i = 0; i < streams.Length; i++) streams[i].Reseed(Seed.Child(mixed, keys[i]));
    }

    /// <summary>Reseeds only the streams <paramref name="cells"/> (the others are not read before they are seeded: <see cref="RunState.StartPrincipalCells"/>).</summary>
    private static void Reseed(RandomStream[] streams, ulong[] keys, int[] cells, ulong mixed)
    {
        foreach (var i in cells) streams[i].Reseed(Seed.Child(mixed, keys[i]));
    }

    internal static int CrisisFloor(RunState s) => (int)Math.Round(s.Global(G.CrisisFloor), MidpointRounding.AwayFromZero);

    /// <summary>Each side's principals and each theater's, ascending, for the theaters whose roles changed since they were listed.</summary>
    private static void RebuildMembers(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        for (var t = 0; t < nT; t++)
        {
            if (s.MembersStamp[t] == s.TheaterRoles[t]) continue;
            s.MembersStamp[t] = s.TheaterRoles[t];
            if (s.RolesAtStart && s.StartMembers is { } start)
            {
                // the model's starting roles: the first run's lists
                for (var side = 0; side < Sides; side++)
                {
                    var k = t * Sides + side;
                    start[k].CopyTo(s.Members[k], 0); s.MemberCount[k] = start[k].Length;
                }
                s.StartPrincipals![t].CopyTo(s.PrincipalsOf[t], 0); s.PrincipalCount[t] = s.StartPrincipals[t].Length;
                continue;
            }
            s.MemberCount[t * Sides] = 0; s.MemberCount[t * Sides + 1] = 0; s.PrincipalCount[t] = 0;
            for (var a = 0; a < nA; a++)
            {
                var i = a * nT + t;
                if (s.Role[i] != 1) continue;
                var k = t * Sides + s.Side[i];
                s.Members[k][s.MemberCount[k]++] = a;
                s.PrincipalsOf[t][s.PrincipalCount[t]++] = a;
            }
        }
        if (s.RolesAtStart && s.StartMembers is null)
        {
            s.StartMembers = new int[nT * Sides][];
            for (var k = 0; k < nT * Sides; k++) s.StartMembers[k] = s.Members[k].AsSpan(0, s.MemberCount[k]).ToArray();
            s.StartPrincipals = new int[nT][];
            for (var t = 0; t < nT; t++) s.StartPrincipals[t] = s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]).ToArray();
        }
    }

    /// <summary>Each theater's level (the highest posture of its principals) and each side's highest posture.</summary>
    private static void Levels(RunState s)
    {
        var m = s.Model; var nT = m.TheaterCount;
        for (var t = 0; t < nT; t++)
        {
            var top = 0;
            for (var side = 0; side < Sides; side++)
            {
                var k = t * Sides + side; var st = 0;
                for (var j = 0; j < s.MemberCount[k]; j++) st = Math.Max(st, s.Posture[s.Members[k][j] * nT + t]);
                s.SideTop[k] = st;
                top = Math.Max(top, st);
            }
            s.Level[t] = top;
        }
    }

    /// <summary>Local forces, principal and side forces, nuclear sides, expected allied help, link pressures.</summary>
    private static void ComputeForces(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        // local force f · share: a row whose shares stand still (no deployments), to which no mechanism adds, and whose f
        // is the same bits as at its last fill still holds exactly these products (all rows at a run's first fill; after
        // it only the rows of ForceRowCheck can change, so only they are looked at)
        var full = s.ForcesStale;
        s.ForcesStale = false;
        foreach (var a in full ? s.AllActors : s.ForceRowCheck)
        {
            var f = s.Actor(a, Ac.Forces) + s.ForcesAdd[a];
            if (f < 0) f = 0;
            var bits = BitConverter.DoubleToInt64Bits(f);
            if (!full && !s.ForceRowMoves[a] && s.ForceRowF[a] == bits) continue;
            s.ForceRowF[a] = bits;
            for (var t = 0; t < nT; t++) s.LocalForce[a * nT + t] = f * s.Share[a * nT + t];
        }
        if (Mechanisms.Any(m)) Mechanisms.AddToForces(s);
        for (var t = 0; t < nT; t++)
        {
            // each side's supporters' help, summed over its supporters with a help slot here in ascending order: the sum
            // of those before the first whose local force can move stands until the roles change (FindSupportHelpers),
            // and the rest are added to it every step, so the additions are the same, in the same order, as a full sum
            if (s.SupportHelperStamp[t] != s.TheaterRoles[t]) FindSupportHelpers(s, t);
            double help0 = SupportHelp(s, t * Sides), help1 = SupportHelp(s, t * Sides + 1);
            for (var side = 0; side < Sides; side++)
            {
                double pf = 0; var nuc = false;
                var k = t * Sides + side;
                for (var j = 0; j < s.MemberCount[k]; j++)
                {
                    var a = s.Members[k][j];
                    pf += s.LocalForce[a * nT + t];
                    nuc |= m.Nuclear[a];
                }
                s.PrincipalForce[k] = pf;
                s.SideForce[k] = pf + (side == 0 ? help0 : help1);
                s.NuclearSide[k] = nuc;
            }
        }
        // expected allied help: for each side, the largest honour probability of each potential ally times its local
        // force. Both sides' probabilities are computed from the forces before any expected help is added, then both
        // are added, so neither side's label decides what the other sees.
        // One pass over the theater's obligations serves both sides: every honour probability of theater t reads the
        // forces before any of t's expected help is added and sees no expected help of t (it is written after them),
        // whichever side's obligation comes first.
        Array.Clear(s.ExpectedHelp);
        if (s.OblEligibleStamp != s.RolesStamp) FindEligible(s);
        for (var t = 0; t < nT; t++)
        {
            // HelpScratch[side * nA + x]: the largest honour probability of ally x for side (all zero between uses);
            // HelpTouched[side * nA + n]: the allies with one, touched0 and touched1 of them
            int touched0 = 0, touched1 = 0;
            foreach (var o in s.OblEligibleAt[t].AsSpan(0, s.OblEligibleAtCount[t])) // the roles let them help: see FindEligible
            {
                if (s.ObligationDecided[o] || !InForce(m, o, s.StepIndex)) continue;
                var x = m.OblAlly[o];
                var side = s.Side[m.OblPartner[o] * nT + t];
                var q = HonourProbability(s, o, out _);
                var si = side * nA + x;
                if (q > s.HelpScratch[si])
                {
                    if (s.HelpScratch[si] == 0)
                    {
                        if (side == 0) s.HelpTouched[touched0++] = x;
                        else s.HelpTouched[nA + touched1++] = x;
                    }
                    s.HelpScratch[si] = q;
                }
            }
            var add0 = touched0 == 0 ? 0 : AddExpectedHelp(s, t, 0, touched0);
            var add1 = touched1 == 0 ? 0 : AddExpectedHelp(s, t, 1, touched1);
            s.SideForce[t * Sides] += add0;
            s.SideForce[t * Sides + 1] += add1;
        }
        for (var l = 0; l < s.LinkPressure.Length; l++) s.LinkPressure[l] = Pressure(s, m.LinkBeneficiary[l], m.LinkFrom[l]);
    }

    /// <summary>
    /// Lists, for each side of theater <paramref name="t"/>, the actors with a help slot there that support that side,
    /// the first of them whose local force can move, and the help of those before it (<see cref="RunState.SupportHelpers"/>;
    /// valid until the theater's roles change, <see cref="RunState.TheaterRoles"/>; the other rows' local forces change
    /// only at a full fill, which marks every theater changed).
    /// </summary>
    private static void FindSupportHelpers(RunState s, int t)
    {
        var nT = s.NT; var m = s.Model;
        for (var side = 0; side < Sides; side++)
        {
            int k = t * Sides + side, n = 0, first = -1;
            foreach (var a in s.HelpersOf[t])
            {
                var i = a * nT + t;
                if (s.Role[i] != Supporter || s.Side[i] != side) continue;
                if (first < 0 && s.ForceRowChecked[a]) first = n;
                s.SupportHelpers[k][n++] = a;
            }
            s.SupportHelperCount[k] = n;
            s.SupportFirstMover[k] = first < 0 ? n : first;
            double h = 0;
            foreach (var a in s.SupportHelpers[k].AsSpan(0, s.SupportFirstMover[k])) h += s.P[m.HelpSlot[a * nT + t]] * s.LocalForce[a * nT + t];
            s.SupportPrefix[k] = h;
        }
        s.SupportHelperStamp[t] = s.TheaterRoles[t];
    }

    /// <summary>The help of side k's (t * Sides + side) supporters: the standing sum of those before the first that can move, plus the others' help now, in ascending order.</summary>
    private static double SupportHelp(RunState s, int k)
    {
        var m = s.Model; int nT = s.NT, t = k / Sides;
        var h = s.SupportPrefix[k];
        foreach (var a in s.SupportHelpers[k].AsSpan(s.SupportFirstMover[k], s.SupportHelperCount[k] - s.SupportFirstMover[k]))
            h += s.P[m.HelpSlot[a * nT + t]] * s.LocalForce[a * nT + t];
        return h;
    }

    /// <summary>
    /// The expected help of side <paramref name="side"/>'s <paramref name="touched"/> allies in theater <paramref name="t"/>
    /// (from <see cref="RunState.HelpScratch"/>, which it clears again): written per ally and summed in ascending order.
    /// </summary>
    private static double AddExpectedHelp(RunState s, int t, int side, int touched)
    {
        var m = s.Model; int nA = m.ActorCount, nT = m.TheaterCount, at = side * nA;
        // ascending, as the sum runs (distinct actor indices, usually one to three: an insertion sort)
        for (var n = 1; n < touched; n++)
        {
            var v = s.HelpTouched[at + n]; var q = n - 1;
            while (q >= 0 && s.HelpTouched[at + q] > v) { s.HelpTouched[at + q + 1] = s.HelpTouched[at + q]; q--; }
            s.HelpTouched[at + q + 1] = v;
        }
        double add = 0;
        for (var n = 0; n < touched; n++)
        {
            var x = s.HelpTouched[at + n];
            var i = x * nT + t;
            var own = s.Role[i] == Supporter && s.Side[i] == side && m.HelpSlot[i] >= 0 ? s.P[m.HelpSlot[i]] : 0;
            var h = s.HelpScratch[at + x] * (1 - own) * s.LocalForce[i];
            s.ExpectedHelp[i] = h; s.ExpectedSide[i] = side;
            add += h;
            s.HelpScratch[at + x] = 0;
        }
        return add;
    }

    /// <summary>
    /// Lists the obligations whose roles let them bring help: the partner is a principal, the ally is not one and does
    /// not support the other side (the role checks of the expected help and of the triggers). A theater's list stands
    /// until its roles change (<see cref="RunState.TheaterRoles"/>); the list of all of them is the theaters' merged.
    /// </summary>
    private static void FindEligible(RunState s)
    {
        var m = s.Model; var nT = m.TheaterCount;
        if (s.RolesAtStart && s.StartEligible is { } start)
        {
            // the model's starting roles: the first run's list (the same roles, so the same obligations in the same order)
            start.CopyTo(s.OblEligible, 0); s.OblEligibleCount = start.Length;
            for (var t = 0; t < nT; t++)
            {
                s.StartEligibleAt![t].CopyTo(s.OblEligibleAt[t], 0); s.OblEligibleAtCount[t] = s.StartEligibleAt[t].Length;
                s.OblEligibleAtStamp[t] = s.TheaterRoles[t];
            }
            s.OblEligibleStamp = s.RolesStamp;
            return;
        }
        var count = 0;
        for (var t = 0; t < nT; t++)
        {
            if (s.OblEligibleAtStamp[t] != s.TheaterRoles[t])
            {
                var n = 0;
                foreach (var o in m.OblByTheater[t]) // ascending
                {
                    int pi = m.OblPartner[o] * nT + t, xi = m.OblAlly[o] * nT + t;
                    if (s.Role[pi] != 1 || s.Role[xi] == 1) continue; // the partner not fighting there, or the ally already
                    if (s.Role[xi] == Supporter && s.Side[xi] != s.Side[pi]) continue; // aids the other side: not an ally here
                    s.OblEligibleAt[t][n++] = o;
                }
                s.OblEligibleAtCount[t] = n;
                s.OblEligibleAtStamp[t] = s.TheaterRoles[t];
            }
            s.OblEligibleAt[t].AsSpan(0, s.OblEligibleAtCount[t]).CopyTo(s.OblEligible.AsSpan(count));
            count += s.OblEligibleAtCount[t];
        }
        if (nT > 1) Array.Sort(s.OblEligible, 0, count); // distinct obligations: ascending, as a scan of all of them lists them
        s.OblEligibleCount = count;
        s.OblEligibleStamp = s.RolesStamp;
        if (s.RolesAtStart && s.StartEligible is null)
        {
            s.StartEligible = s.OblEligible.AsSpan(0, s.OblEligibleCount).ToArray();
            s.StartEligibleAt = new int[nT][];
            for (var t = 0; t < nT; t++) s.StartEligibleAt[t] = s.OblEligibleAt[t].AsSpan(0, s.OblEligibleAtCount[t]).ToArray();
        }
    }

    private static bool InForce(CompiledModel m, int o, int step) => step >= m.OblFromStep[o] && step <= m.OblToStep[o];

    /// <summary>
    /// Pressure (0–1) on actor <paramref name="b"/> in theater <paramref name="t"/>: how far the opposing side's highest
    /// posture stands above its start, and how many states entered on the opposing side.
    /// </summary>
    internal static double Pressure(RunState s, int b, int t)
    {
        var m = s.Model;
        var i = b * m.TheaterCount + t;
        if (s.Role[i] != 1) return 0;
        var k = t * Sides + 1 - s.Side[i];
        var climb = Math.Max(0, s.SideTop[k] - s.SideTopStart[k]);
        var p = s.PressurePerLevel * climb + s.PressurePerEntry * s.Entered[k];
        return Math.Clamp(p, 0, 1);
    }

    /// <summary>The chance of prevailing for side <paramref name="side"/> in theater <paramref name="t"/>: F^m / (F^m + G^m).</summary>
    internal static double Pi(RunState s, int t, int side, double extra = 0)
    {
        double f = s.SideForce[t * Sides + side] + extra, g = s.SideForce[t * Sides + 1 - side];
        var e = s.ContestExponent;
        if (e != 1) s.Pows += Sides;
        return Contest(f, g, e);
    }

    /// <summary>Contest success function (Tullock 1980; Hirshleifer 1989): f^m / (f^m + g^m); two sides without forces count as equal.</summary>
    public static double Contest(double f, double g, double m)
    {
        if (f <= 0 && g <= 0) { f = 1; g = 1; }
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
        foreach (var l in s.LinksAt[i]) // the links of actor a ending in t, ascending
        {
            var v = s.P[m.LinkWeightSlot[l]] * s.LinkPressure[l];
            linkPart += v;
            if (v > best) { best = v; strongestLink = l; }
        }
        securityPart = 0;
        if (s.Role[i] == 1)
        {
            var k = t * Sides + 1 - s.Side[i];
            var start = s.PrincipalForceStart[k];
            if (start > 0) securityPart = s.SecurityDilemma * Math.Max(0, s.PrincipalForce[k] / start - 1);
        }
        return baseStake + linkPart + securityPart;
    }

    /// <summary>
    /// The flow terms of one actor on one side of a theater (model.md §3): gain(l) = s·r·π·g(l) and
    /// cost(l) = k·c(l)·φ(l) + [nuclear theater]·D·q(l) + w_T·T·τ(l). Read by the decisions and by the entry decisions.
    /// </summary>
    private readonly struct Flow(double stakeResolvePi, double k, double si, double risk, double trade, int nuclearUse)
    {
        public double K => k;
        public double Si => si;
        public double Risk => risk;
        public double Trade => trade;
        public double Gain(RunState s, int l) => stakeResolvePi * s.P[s.Model.L(l, Lc.Gain)];
        public double Cost(RunState s, int l)
        {
            var b = s.Model.L(l, Lc.Cost);
            return k * s.P[b] * (l < nuclearUse ? si : 1) + risk * s.P[b + Lc.Risk.Index - Lc.Cost.Index] + trade * s.P[b + Lc.Trade.Index - Lc.Cost.Index];
        }
        /// <summary><see cref="Gain"/> and <see cref="Cost"/> at every level, with the same arithmetic.</summary>
        public void Fill(RunState s, Span<double> gain, Span<double> cost)
        {
            var p = s.P; int stride = s.LadderStride, g = s.GainSlot0, c = s.CostSlot0, r = s.RiskSlot0, tr = s.TradeSlot0;
            for (var l = 0; l < gain.Length; l++, g += stride, c += stride, r += stride, tr += stride)
            {
                gain[l] = stakeResolvePi * p[g];
                cost[l] = k * p[c] * (l < nuclearUse ? si : 1) + risk * p[r] + trade * p[tr];
            }
        }
    }

    /// <summary>
    /// The terms of actor <paramref name="a"/>'s flow utility. Its cost sensitivity k is scaled by <paramref name="scale"/>
    /// (the decisions pass the actor's <see cref="RunState.CostScale"/>; an entry applies it at use, since its factors are cached by roles).
    /// </summary>
    private static Flow FlowOf(RunState s, int a, int t, int side, double stake, double pi, double scale = 1)
    {
        var m = s.Model;
        double r = s.Actor(a, Ac.Resolve) + s.ResolveAdd[a];
        var nuclearTheater = s.NuclearSide[t * Sides] || s.NuclearSide[t * Sides + 1] || m.Nuclear[a];
        var mutual = (s.NuclearSide[t * Sides + side] || m.Nuclear[a]) && s.NuclearSide[t * Sides + 1 - side];
        return new Flow(stake * r * pi, s.Actor(a, Ac.CostSensitivity) * scale, mutual ? 1 - s.Global(G.StabilityInstability) : 1,
            nuclearTheater ? s.Actor(a, Ac.CatastropheAversion) : 0, s.Global(G.TradeWeight) * TradeSum(s, a, t, side), m.Ladder.NuclearUseLevel);
    }

    /// <summary>Fills gain and cost per level for actor <paramref name="a"/> on <paramref name="side"/> in theater <paramref name="t"/>.</summary>
    private static void Terms(RunState s, int a, int t, int side, double stake, double pi, Span<double> gain, Span<double> cost)
    {
        var f = FlowOf(s, a, t, side, stake, pi, s.CostScale[a]);
        f.Fill(s, gain, cost);
    }

    private static double TradeSum(RunState s, int a, int t, int side)
    {
        var m = s.Model; var nA = m.ActorCount;
        var k = t * Sides + 1 - side;
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
        var m = s.Model; var nT = m.TheaterCount;
        double sum = 0;
        var partners = m.ChannelPartner[a]; var slots = m.ChannelPartnerSlot[a];
        for (var k = 0; k < partners.Length; k++)
        {
            var i = partners[k] * nT + t;
            if (s.Role[i] != 0 && s.Side[i] == 1 - side) sum += s.P[slots[k]];
        }
        return sum;
    }

    /// <summary>Sum of the premiums of the thresholds in <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Premiums(RunState s, int mask)
    {
        double sum = 0;
        while (mask != 0)
        {
            sum += s.PremiumOf[BitOperations.TrailingZeroCount(mask)];
            mask &= mask - 1;
        }
        return sum;
    }

    /// <summary>
    /// Cost of changing one's posture from <paramref name="from"/> to <paramref name="to"/>: the move cost per level,
    /// and going up the premiums of thresholds the theater has not crossed plus channel damping, going down the
    /// stickiness of crossed thresholds recrossed plus the audience cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MoveCost(RunState s, int from, int to, int crossed, double channel, double down)
    {
        if (from == to) return 0;
        var move = s.MoveCost * Math.Abs(to - from);
        if (to > from)
            return move + Premiums(s, s.Between[from * s.LevelCount + to] & ~crossed) + s.ChannelDamping * channel * (to - from);
        var back = BitOperations.PopCount((uint)(s.Between[to * s.LevelCount + from] & crossed));
        return move + s.Stickiness * back + down;
    }

    /// <summary>
    /// Fills actor <paramref name="a"/>'s row of <see cref="RunState.DownCost"/>: the audience cost of stepping down
    /// from each level, audience × from / top (the last term of <see cref="MoveCost"/>), fixed for the run. Every
    /// principal's row is filled at the start of the run or at its entry.
    /// </summary>
    private static void FillDownCost(RunState s, int a)
    {
        var nL = s.LevelCount; var audience = s.AudienceCost[a];
        for (var from = 0; from < nL; from++) s.DownCost[a * nL + from] = audience * from / (double)s.Top;
    }

    /// <summary>The highest posture actor <paramref name="a"/> can hold in theater <paramref name="t"/>: only nuclear states go past war.</summary>
    internal static int Cap(RunState s, int a, int t)
    {
        var m = s.Model;
        return m.Nuclear[a] ? m.MaxLevel[t] : Math.Min(m.MaxLevel[t], m.Ladder.NuclearSignalLevel - 1);
    }

    /// <summary>Logit choice probabilities: p_k ∝ exp(λ u_k) over available actions (McKelvey &amp; Palfrey 1995).</summary>
    public static void Logit(ReadOnlySpan<double> u, ReadOnlySpan<bool> available, double lambda, Span<double> p)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < u.Length; k++) if (available[k] && u[k] > max) max = u[k];
        double z = 0;
        for (var k = 0; k < u.Length; k++) { p[k] = available[k] ? Math.Exp(lambda * (u[k] - max)) : 0; z += p[k]; }
        for (var k = 0; k < u.Length; k++) p[k] /= z;
    }

    /// <summary>The responder of side <paramref name="side"/> in theater <paramref name="t"/>: the opposing principal with the largest local force (ties: the lower index), or -1.</summary>
    internal static int Responder(RunState s, int t, int side)
    {
        var nT = s.NT; var k = t * Sides + 1 - side;
        int best = -1; var bestF = -1.0;
        foreach (var b in s.Members[k].AsSpan(0, s.MemberCount[k]))
            if (s.LocalForce[b * nT + t] > bestF) { bestF = s.LocalForce[b * nT + t]; best = b; }
        return best;
    }

    /// <summary>
    /// Expected utilities of each action for actor <paramref name="a"/> in theater <paramref name="t"/> at the current
    /// state, as the step computes them (the step's terms are recomputed first, so a changed parameter is seen).
    /// </summary>
    internal static void Utilities(RunState s, int a, int t, Span<double> eu, Span<bool> available)
    {
        Prepare(s, all: true);
        DecideFromCache(s, a, t, eu, available, out _);
    }

    /// <summary>
    /// The expected utilities of actor <paramref name="a"/>'s actions from the step's cached terms of it and of its
    /// responder <paramref name="j"/> (the strongest opposing principal, or -1); returns the highest posture of the others.
    /// Each action's value is the coercive gain of its target posture y, minus the move's cost, minus the expected cost
    /// at the level after the responder's quantal reply (no reply can lower the level below y: postures are the
    /// actor's own); an action that can land one level higher by accident mixes in that level's value.
    /// </summary>
    private static int DecideFromCache(RunState s, int a, int t, Span<double> eu, Span<bool> available, out int j)
    {
        int nT = s.NT, nL = s.LevelCount, i = a * nT + t;
        var ks = t * Sides + s.Side[i];
        j = s.RespOf[ks];
        ref var posture = ref MemoryMarshal.GetArrayDataReference(s.Posture);
        int others = 0, rest = 0; // the highest posture of the principals other than a, and other than a and j
        foreach (var b in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]))
        {
            if (b == a) continue;
            var pb = Unsafe.Add(ref posture, b * nT + t);
            if (pb > others) others = pb;
            if (b != j && pb > rest) rest = pb;
        }
        if (j < 0) rest = 0;
        int x = Unsafe.Add(ref posture, i), cap = s.CapOf[i], crossed = s.Crossed[t];
        ref var gain = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.TermGain), i * nL);
        ref var cost = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.TermCost), i * nL);
        ref var between = ref MemoryMarshal.GetArrayDataReference(s.Between);
        double channel = s.CChannel[i], down = s.DownCost[a * nL + x];
        // the values of every target an action or its accident can reach (slot y - x + 1): the actions' targets within
        // [0, cap], and one above the highest raise when an accident can take it there
        int lo = Math.Max(0, x + Delta(0)), top = Math.Min(cap, x + Delta(ActionCount - 1));
        if (top == x + Delta(ActionCount - 1) && top + 1 <= cap && Unsafe.Add(ref between, top * nL + top + 1) == 0) top++;
        var value = new TargetValues();
        int xj = 0, jLo = 0, jHi = -1, ji = 0;
        if (j >= 0) { xj = s.RespX[ks]; jLo = s.RespLo[ks]; jHi = s.RespHi[ks]; ji = j * nT + t; }
        // the expected cost after the reply depends on the target only through the reply's floor max(y, rest, zMin):
        // targets with the same floor (the lower ones, when others stand higher) share it
        int zMin = xj + Delta(jLo), lastFloor = -1; double c = 0;
        for (var y = lo; y <= top; y++)
        {
            var v = Unsafe.Add(ref gain, y) - MoveCost(s, x, y, crossed, channel, down);
            if (j < 0) v -= Unsafe.Add(ref cost, Math.Max(y, others));
            else
            {
                // every floor at or below zMin gives the same reply and the same cost indices (max(floor, z) = z for
                // every available z >= zMin), so the floor is taken at zMin or above, as Reply keys its memo
                var floorJ = Math.Max(Math.Max(y, rest), zMin);
                if (floorJ != lastFloor)
                {
                    ref var pj = ref Reply(s, j, ji, floorJ, crossed, xj, jLo, jHi);
                    c = 0;
                    for (var k = jLo; k <= jHi; k++) c += Unsafe.Add(ref pj, k) * Unsafe.Add(ref cost, Math.Max(floorJ, xj + Delta(k)));
                    lastFloor = floorJ;
                }
                v -= c;
            }
            value[y - x + 1] = v;
        }
        var eps = s.Accident;
        for (var k = 0; k < ActionCount; k++)
        {
            var target = x + Delta(k);
            available[k] = target >= 0 && target <= cap;
            if (!available[k]) { eu[k] = double.NegativeInfinity; continue; }
            var v = value[target - x + 1];
            eu[k] = target + 1 <= cap && Unsafe.Add(ref between, target * nL + target + 1) == 0 // an accident is possible: within the cap, and no threshold to cross (Kahn's firebreaks take a decision)
                ? (1 - eps) * v + eps * value[target - x + 1 + 1]
                : v;
        }
        return others;
    }

    /// <summary>The values of the targets of one decision (slot y − x + 1).</summary>
    [InlineArray(TargetSpan)]
    private struct TargetValues { private double _e; }

    /// <summary>One number per action.</summary>
    [InlineArray(ActionCount)]
    private struct ActionValues { private double _e; }

    /// <summary>One flag per action.</summary>
    [InlineArray(ActionCount)]
    private struct ActionFlags { private bool _e; }

    /// <summary>
    /// Fills the step's cache of each principal's terms, from the state at the start of the step (hoisted out of the
    /// decisions). The gains move with the stake and the chance of prevailing, so they are filled every step. The
    /// costs and the channel sums read only the run's parameters and who fights where on which side (the nuclear sides,
    /// the opposing principals' trade, the opposing side's channels), so they are filled at the first step of a run and
    /// again in a theater after an entry changes its sides (<see cref="RunState.TermsStamp"/>), or always when <paramref name="all"/>.
    /// </summary>
    private static void Prepare(RunState s, bool all = false)
    {
        var m = s.Model; int nA = m.ActorCount, nT = m.TheaterCount, nL = s.LevelCount;
        if (++s.Generation == int.MaxValue) { Array.Clear(s.ReplyStamp); s.Generation = 1; } // a new step: no reply is known
        if (all) { HoistGlobals(s); s.RolesChanged(); } // a parameter may have changed: refill everything
        for (var t = 0; t < nT; t++)
        {
            var costs = s.TermsStamp[t] != s.TheaterRoles[t];
            s.TermsStamp[t] = s.TheaterRoles[t];
            foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]))
            {
                var i = a * nT + t;
                var side = s.Side[i];
                s.CStake[i] = Stake(s, a, t, out s.CLink[i], out s.CSecurity[i], out s.CLinkIndex[i]);
                s.CPi[i] = Pi(s, t, side);
                if (costs || s.CostScaleStale[a])
                {
                    Terms(s, a, t, side, s.CStake[i], s.CPi[i], s.TermGain.AsSpan(i * nL, nL), s.TermCost.AsSpan(i * nL, nL));
                    s.CChannel[i] = ChannelSum(s, a, t, side);
                }
                else Gains(s, a, s.CStake[i], s.CPi[i], s.TermGain.AsSpan(i * nL, nL));
                if (s.Observer is not null) s.CTrade[i] = TradeSum(s, a, t, side);
            }
        }
        if (m.ChannelIds.Length > 0) Array.Clear(s.CostScaleStale);
        // each side's responder (the strongest opposing principal, ties: the lower index), its posture and its actions
        for (var k = 0; k < s.RespOf.Length; k++)
        {
            var j = s.RespOf[k] = Responder(s, k / Sides, k % Sides);
            if (j >= 0) ReplyRange(s, j, k / Sides, out s.RespX[k], out s.RespLo[k], out s.RespHi[k]);
        }
    }

    /// <summary>The gains of <see cref="Flow.Fill"/> alone, with the same arithmetic: g(l) = s·r·π·gain(l).</summary>
    private static void Gains(RunState s, int a, double stake, double pi, Span<double> gain)
    {
        double r = s.Actor(a, Ac.Resolve) + s.ResolveAdd[a];
        var stakeResolvePi = stake * r * pi;
        // the ladder's gain column, copied per run (GainColumn): whole vectors where they fit, each lane the same multiplication
        var col = s.GainColumn.AsSpan(0, gain.Length);
        var l = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var f = Vector256.Create(stakeResolvePi);
            for (; l + Vector256<double>.Count <= gain.Length; l += Vector256<double>.Count)
                (f * Vector256.Create(col.Slice(l, Vector256<double>.Count))).CopyTo(gain.Slice(l, Vector256<double>.Count));
        }
        for (; l < gain.Length; l++) gain[l] = stakeResolvePi * col[l];
    }

    /// <summary>Responder <paramref name="j"/>'s posture in theater <paramref name="t"/> and its available actions <paramref name="lo"/>..<paramref name="hi"/>.</summary>
    private static void ReplyRange(RunState s, int j, int t, out int xj, out int lo, out int hi)
    {
        var ji = j * s.Model.TheaterCount + t;
        xj = s.Posture[ji]; var capJ = s.CapOf[ji];
        lo = 0; while (xj + Delta(lo) < 0) lo++;
        hi = ActionCount - 1; while (xj + Delta(hi) > capJ) hi--;
    }

    /// <summary>
    /// The quantal reply of responder j in theater t (<paramref name="ji"/> = j * nT + t) when no one else can lower the
    /// level below <paramref name="floorJ"/>: the logit probabilities of its actions (available: <paramref name="lo"/>
    /// to <paramref name="hi"/>, from <see cref="ReplyRange"/>), each valued at its gain minus its move's cost minus
    /// its cost at the level after it. It depends only on the responder, the theater and the floor, so a step
    /// computes it once for every decider that anticipates it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Reply(RunState s, int j, int ji, int floorJ, int crossed, int xj, int lo, int hi)
    {
        // every floor at or below the lowest available target zMin gives the same reply (max(z, floor) = z, and
        // max(floor, xj) = xj since zMin <= xj), so those floors share one memo entry: the reply at floor zMin
        floorJ = Math.Max(floorJ, xj + Delta(lo));
        var ri = ji * s.LevelCount + floorJ;
        ref var pj = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.ReplyP), ri * ActionCount);
        if (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.ReplyStamp), ri) != s.Generation) ComputeReply(s, j, ji, ri, floorJ, crossed, xj, lo, hi);
        return ref pj;
    }

    /// <summary>Computes and stamps memo entry <paramref name="ri"/> of <see cref="Reply"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ComputeReply(RunState s, int j, int ji, int ri, int floorJ, int crossed, int xj, int lo, int hi)
    {
        var nL = s.LevelCount;
        var crossedAfter = crossed | s.Between[Math.Max(floorJ, xj)]; // Between(0, ·) is row 0 of the table
        ref var gainJ = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.TermGain), ji * nL);
        ref var costJ = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.TermCost), ji * nL);
        double channelJ = s.CChannel[ji], downJ = s.DownCost[j * nL + xj];
        if (lo == 0 && hi == ActionCount - 1 && FourActions(s, j, ri, floorJ, crossedAfter, xj, ref gainJ, ref costJ, channelJ, downJ)) return;
        var uj = new ActionValues();
        for (var k = lo; k <= hi; k++)
        {
            var z = xj + Delta(k);
            uj[k] = Unsafe.Add(ref gainJ, z) - MoveCost(s, xj, z, crossedAfter, channelJ, downJ) - Unsafe.Add(ref costJ, Math.Max(z, floorJ));
        }
        s.Exps += LogitRange(uj, lo, hi, s.Lambda[j], s.ReplyP.AsSpan(ri * ActionCount, ActionCount));
        s.ReplyStamp[ri] = s.Generation;
    }

    /// <summary>
    /// <see cref="ComputeReply"/> when all four actions are available, in straight-line code with the same arithmetic
    /// as its loop and <see cref="LogitRange"/> (the same values, the same maximum, the same exp calls and sums in the
    /// same order). Returns false, having written nothing, when a value is not finite: the loop handles that case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FourActions(RunState s, int j, int ri, int floorJ, int crossedAfter, int xj, ref double gainJ, ref double costJ, double channelJ, double downJ)
    {
        int z0 = xj + Delta(Lower), z1 = xj + Delta(Hold), z2 = xj + Delta(RaiseOne), z3 = xj + Delta(RaiseTwo);
        var u0 = Unsafe.Add(ref gainJ, z0) - MoveCost(s, xj, z0, crossedAfter, channelJ, downJ) - Unsafe.Add(ref costJ, Math.Max(z0, floorJ));
        var u1 = Unsafe.Add(ref gainJ, z1) - MoveCost(s, xj, z1, crossedAfter, channelJ, downJ) - Unsafe.Add(ref costJ, Math.Max(z1, floorJ));
        var u2 = Unsafe.Add(ref gainJ, z2) - MoveCost(s, xj, z2, crossedAfter, channelJ, downJ) - Unsafe.Add(ref costJ, Math.Max(z2, floorJ));
        var u3 = Unsafe.Add(ref gainJ, z3) - MoveCost(s, xj, z3, crossedAfter, channelJ, downJ) - Unsafe.Add(ref costJ, Math.Max(z3, floorJ));
        ref var pj = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.ReplyP), ri * ActionCount);
        if (!LogitFour(s, u0, u1, u2, u3, s.Lambda[j], ref pj)) return false;
        s.ReplyStamp[ri] = s.Generation;
        return true;
    }

    /// <summary>
    /// <see cref="LogitRange"/> over all four actions in straight-line code, with the same arithmetic (the first of the
    /// largest values as the maximum, exp skipped for it, the same sum and the same lane-wise division), writing the
    /// probabilities to <paramref name="p"/> and counting the exp calls. Returns false, having written nothing, when a
    /// value or the sum is not finite: LogitRange handles that case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LogitFour(RunState s, double u0, double u1, double u2, double u3, double lambda, ref double p)
    {
        if (!(Vector256.IsHardwareAccelerated && double.IsFinite(u0) && double.IsFinite(u1) && double.IsFinite(u2) && double.IsFinite(u3))) return false;
        var max = u0;
        if (u1 > max) max = u1;
        if (u2 > max) max = u2;
        if (u3 > max) max = u3;
        var calls = 0;
        double p0 = 1, p1 = 1, p2 = 1, p3 = 1;
        if (u0 != max) { p0 = Math.Exp(lambda * (u0 - max)); calls++; }
        if (u1 != max) { p1 = Math.Exp(lambda * (u1 - max)); calls++; }
        if (u2 != max) { p2 = Math.Exp(lambda * (u2 - max)); calls++; }
        if (u3 != max) { p3 = Math.Exp(lambda * (u3 - max)); calls++; }
        var z = 0.0;
        z += p0; z += p1; z += p2; z += p3;
        if (!double.IsFinite(z)) return false; // the exps are made again, and counted, by LogitRange
        (Vector256.Create(p0, p1, p2, p3) / Vector256.Create(z)).StoreUnsafe(ref p);
        s.Exps += calls;
        return true;
    }

    /// <summary>
    /// <see cref="Logit"/> over the contiguous available actions <paramref name="lo"/>..<paramref name="hi"/>, with
    /// the same arithmetic: the best action's weight exp(λ·0) is 1 without calling exp. Returns the number of exp calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LogitRange(ReadOnlySpan<double> u, int lo, int hi, double lambda, Span<double> p)
    {
        var max = double.NegativeInfinity;
        for (var k = lo; k <= hi; k++) if (u[k] > max) max = u[k];
        double z = 0; var calls = 0;
        for (var k = 0; k < lo; k++) p[k] = 0;
        for (var k = hi + 1; k < p.Length; k++) p[k] = 0;
        if (!double.IsFinite(max))
        {
            for (var k = lo; k <= hi; k++) { p[k] = Math.Exp(lambda * (u[k] - max)); z += p[k]; }
            for (var k = 0; k < p.Length; k++) p[k] /= z;
            return hi - lo + 1;
        }
        for (var k = lo; k <= hi; k++)
        {
            if (u[k] == max) p[k] = 1;
            else { p[k] = Math.Exp(lambda * (u[k] - max)); calls++; }
            z += p[k];
        }
        // z >= 1 (the best action's weight), so the unavailable actions' 0 / z stay 0: all four lanes divide at once,
        // each lane the same IEEE division as the scalar loop (a finite z only; otherwise the scalar loop)
        if (Vector256.IsHardwareAccelerated && p.Length == Vector256<double>.Count && double.IsFinite(z))
        {
            ref var p0 = ref MemoryMarshal.GetReference(p);
            (Vector256.LoadUnsafe(ref p0) / Vector256.Create(z)).StoreUnsafe(ref p0);
        }
        else
            for (var k = lo; k <= hi; k++) p[k] /= z;
        return calls;
    }

    /// <summary>Advances the run by one step.</summary>
    public static void Step(RunState s)
    {
        var m = s.Model;
        int nA = m.ActorCount, nT = m.TheaterCount;
        var step = ++s.StepIndex;
        var obs = s.Observer;
        s.Posture.AsSpan().CopyTo(s.PostureAtStepStart);
        s.RoseNext.AsSpan().CopyTo(s.Rose);
        s.RoseNext.AsSpan().Clear();

        if (Mechanisms.Any(m)) { Mechanisms.Flows(s, step); Mechanisms.Spirals(s, step); Mechanisms.Economies(s, step); }
        ShiftForces(s);
        ComputeForces(s);
        Prepare(s);

        // 1. decisions, all from the state at the start of the step
        var euBuffer = new ActionValues(); var pBuffer = new ActionValues(); var avBuffer = new ActionFlags();
        Span<double> eu = euBuffer, p = pBuffer;
        Span<bool> av = avBuffer;
        s.Posture.AsSpan().CopyTo(s.NextPosture);
        for (var t = 0; t < nT; t++)
            foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t])) // ascending
            {
                var i = a * nT + t;
                var othersTop = DecideFromCache(s, a, t, eu, av, out var j);
                int lo = 0, hi = ActionCount - 1;
                while (!av[lo]) lo++;
                while (!av[hi]) hi--;
                if (!(lo == 0 && hi == ActionCount - 1 && LogitFour(s, eu[Lower], eu[Hold], eu[RaiseOne], eu[RaiseTwo], s.Lambda[a], ref MemoryMarshal.GetReference(p))))
                    s.Exps += LogitRange(eu, lo, hi, s.Lambda[a], p);
                var rng = s.DecisionRng[i];
                var draw = rng.NextDouble();
                var accidentDraw = rng.NextDouble();
                // Pick over the available actions, which are lo..hi (the same sums in the same order)
                var choice = hi; double cum = 0;
                for (var k = lo; k <= hi; k++) { cum += p[k]; if (draw < cum) { choice = k; break; } }
                var before = s.Posture[i];
                var target = before + Delta(choice);
                var accident = accidentDraw < s.Accident && target + 1 <= s.CapOf[i] && s.Between[target * s.LevelCount + target + 1] == 0; // an accident is possible, as in DecideFromCache
                s.NextPosture[i] = accident ? target + 1 : target;
                s.Decisions++;
                if (s.NextPosture[i] > before && s.CLinkIndex[i] >= 0 && s.CLink[i] > 0)
                    foreach (var l in s.LinksAt[i])
                        if (s.LinkPressure[l] > 0) s.LinkFired[l] = true;
                if (obs is not null)
                {
                    var opts = new ActionOption[ActionCount];
                    for (var q = 0; q < ActionCount; q++) opts[q] = new ActionOption(Deltas[q], before + Deltas[q], eu[q], p[q]);
                    obs.Observe(new DecisionTrace(step, m.Theaters[t], m.Actors[a].Iso3, s.Side[i] == 0 ? "A" : "B", before, s.NextPosture[i], s.Level[t], othersTop,
                        s.CStake[i] - s.CLink[i] - s.CSecurity[i], s.CLink[i], s.CSecurity[i], s.CStake[i], s.Actor(a, Ac.Resolve) + s.ResolveAdd[a], s.CPi[i], s.Actor(a, Ac.Lambda),
                        s.CChannel[i], s.CTrade[i], j >= 0 ? m.Actors[j].Iso3 : null, opts, draw, accidentDraw, Deltas[choice], accident,
                        s.CLinkIndex[i] >= 0 ? m.LinkIds[s.CLinkIndex[i]] : null));
                }
            }

        // 2. all moves apply together; a rise across thresholds the theater had not crossed pays their premiums
        for (var t = 0; t < nT; t++)
            foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t])) // ascending
            {
                var i = a * nT + t;
                if (s.NextPosture[i] == s.Posture[i]) continue;
                if (s.NextPosture[i] > s.Posture[i])
                {
                    s.Rose[i] = true;
                    Charge(s, a, t, s.Posture[i], s.NextPosture[i], "choice");
                }
                s.Posture[i] = s.NextPosture[i];
            }

        // 3. events: their authors' postures move, never across a threshold the theater has not crossed
        Events(s, step);
        Levels(s);

        // 4. loss of control: the risk that leaves something to chance (the levels change only if a posture slipped)
        var slipped = false;
        for (var t = 0; t < nT; t++) slipped |= Slip(s, t, step);
        if (slipped) Levels(s);
        for (var t = 0; t < nT; t++) s.Crossed[t] |= s.Between[s.Level[t]]; // Between(0, level): row 0 of the table

        // 5. alliance entries and interventions, decided on this state, then applied together; only the cells listed in
        // EntryCells (from this step or one that did not finish) can hold a side, so only they are reset
        for (var n = 0; n < s.EntryCount; n++) s.EntrySide[s.EntryCells[n]] = -1;
        s.EntryCount = 0;
        Obligations(s, step);
        Interventions(s, step);
        // each entry writes only its own cell, its own down-cost row and its side's entry count: the order is immaterial
        for (var n = 0; n < s.EntryCount; n++)
        {
            var i = s.EntryCells[n];
            int x = i / nT, t = i - x * nT;
            s.Role[i] = 1; s.Side[i] = (byte)s.EntrySide[i];
            s.DecisionRng[i].Reseed(Seed.Child(s.DynamicsMixed, m.DecisionKey[i])); // its first decision is in the next step
            FillDownCost(s, x);
            s.Posture[i] = Math.Min(s.Level[t], Cap(s, x, t));
            s.Entered[t * Sides + s.EntrySide[i]]++;
            s.RoseNext[i] = true; // an entry is an attack on the other side in the next step's trigger check
        }
        if (s.EntryCount > 0) { s.RolesAtStart = false; s.RolesChangedIn(s.EntryCells.AsSpan(0, s.EntryCount)); RebuildMembers(s); Levels(s); ComputeForces(s); }

        Normalisations(s, step);
        Crises(s, step);

        // 6. what the step ends with: every outcome reads this state
        int crises = 0, nuclearCrises = 0;
        for (var t = 0; t < nT; t++)
        {
            if (s.Level[t] > s.MaxReached[t]) s.MaxReached[t] = s.Level[t];
            if (s.FirstWarStep < 0 && !s.StartedAtWar[t] && s.Level[t] >= m.Ladder.WarLevel) s.FirstWarStep = step;
            if (s.Level[t] >= m.CrisisLevel) crises++;
            if (s.Level[t] >= m.Ladder.NuclearSignalLevel) nuclearCrises++;
        }
        if (s.TwoCrisisStep < 0 && crises >= TwoTheaters) s.TwoCrisisStep = step;
        if (s.TwoNuclearCrisisStep < 0 && nuclearCrises >= TwoTheaters) s.TwoNuclearCrisisStep = step;
        if (obs is not null) obs.Observe(StateOf(s));
    }

    /// <summary>Charges actor <paramref name="a"/> the premiums of thresholds its rise from <paramref name="from"/> to <paramref name="to"/> takes the theater across for the first time.</summary>
    private static void Charge(RunState s, int a, int t, int from, int to, string cause)
    {
        var lad = s.Model.Ladder;
        var fresh = lad.Between(from, to) & ~s.Crossed[t];
        if (fresh == 0) return;
        s.PremiumPaid[a] += Premiums(s, fresh);
        if (s.Observer is { } obs)
            for (var mask = fresh; mask != 0; mask &= mask - 1)
            {
                var b = BitOperations.TrailingZeroCount(mask);
                obs.Observe(new PremiumObserved(s.StepIndex, s.Model.Theaters[t], s.Model.Actors[a].Iso3, lad.Thresholds[b].Name, s.P[s.Model.Th(b)], cause));
            }
    }

    private static StateObserved StateOf(RunState s)
    {
        var m = s.Model; var nT = m.TheaterCount;
        var postures = new List<(string, string, int)>();
        for (var t = 0; t < nT; t++)
            for (var a = 0; a < m.ActorCount; a++)
                if (s.Role[a * nT + t] == 1) postures.Add((m.Actors[a].Iso3, m.Theaters[t], s.Posture[a * nT + t]));
        return new StateObserved(s.StepIndex, s.Level.ToArray(), postures);
    }

    /// <summary>Loss of control in theater <paramref name="t"/>; true when a posture moved.</summary>
    private static bool Slip(RunState s, int t, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        var draw = s.SlipRng[t].NextDouble();
        if (!(s.NuclearSide[t * Sides] || s.NuclearSide[t * Sides + 1])) return false;
        var l = s.Level[t];
        if (l >= m.MaxLevel[t]) return false;
        var q = s.Global(G.LossOfControl) * s.P[m.L(l, Lc.Risk)];
        if (!(draw < q)) return false;
        List<string>? who = s.Observer is null ? null : [];
        var moved = false;
        foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t])) // ascending
        {
            var i = a * nT + t;
            if (s.Posture[i] != l || Cap(s, a, t) <= l) continue;
            Charge(s, a, t, l, l + 1, "slip");
            s.Posture[i] = l + 1;
            s.Rose[i] = true;
            moved = true;
            who?.Add(m.Actors[a].Iso3);
        }
        if (who is { Count: > 0 }) s.Observer!.Observe(new SlipObserved(step, m.Theaters[t], q, draw, l, l + 1, who));
        return moved;
    }

    private static void Events(RunState s, int step)
    {
        var m = s.Model; var nT = m.TheaterCount; var lad = m.Ladder;
        var decay = s.Global(G.InterventionPressureDecay);
        for (var t = 0; t < s.InterventionPressure.Length; t++) s.InterventionPressure[t] *= decay;
        for (var e = 0; e < m.EventIds.Length; e++)
        {
            if (s.EventFired[e]) continue;
            var at = m.EventStep[e];
            if (at >= 0 && at != step - 1) continue; // dated events fire in the step that contains their date
            var draw = s.EventRng[e].NextDouble();
            if (m.EventProbSlot[e] >= 0 && !(draw < s.P[m.EventProbSlot[e]])) continue;
            s.EventFired[e] = true;
            var author = m.EventAuthor[e];
            List<AppliedEffect>? applied = s.Observer is null ? null : [];
            foreach (var ef in m.EventEffects[e])
            {
                switch (ef.Kind)
                {
                    case EffectKind.Level:
                    case EffectKind.Tension:
                    {
                        var t = ef.Target; var i = author * nT + t;
                        if (s.Role[i] != 1) break; // the author is no longer fighting there
                        var before = s.Posture[i];
                        int wanted;
                        if (ef.Kind == EffectKind.Level) wanted = Math.Max(before, (int)Math.Round(ef.Value, MidpointRounding.AwayFromZero)); // an act raises to at least the level
                        else
                        {
                            s.TensionCarry[i] += ef.Value;
                            var n = (int)Math.Floor(s.TensionCarry[i]);
                            s.TensionCarry[i] -= n;
                            wanted = before + n;
                        }
                        wanted = Math.Clamp(wanted, 0, Cap(s, author, t));
                        var to = before;
                        if (wanted > before)
                            while (to < wanted && (lad.Between(to, to + 1) & ~s.Crossed[t]) == 0) to++;
                        else to = wanted;
                        string? stopped = null;
                        if (to < wanted) stopped = lad.Thresholds[BitOperations.TrailingZeroCount(lad.Between(to, to + 1))].Name;
                        if (to > before) s.Rose[i] = true;
                        s.Posture[i] = to;
                        applied?.Add(new AppliedEffect(ef.Kind, m.Theaters[t], ef.Value, before, to, stopped));
                        break;
                    }
                    case EffectKind.InterventionPressure:
                        applied?.Add(new AppliedEffect(ef.Kind, m.Theaters[ef.Target], ef.Value, s.InterventionPressure[ef.Target], s.InterventionPressure[ef.Target] + ef.Value, null));
                        s.InterventionPressure[ef.Target] += ef.Value;
                        break;
                    case EffectKind.Resolve:
                        applied?.Add(new AppliedEffect(ef.Kind, m.Actors[ef.Target].Iso3, ef.Value, s.ResolveAdd[ef.Target], s.ResolveAdd[ef.Target] + ef.Value, null));
                        s.ResolveAdd[ef.Target] += ef.Value;
                        break;
                    case EffectKind.Forces:
                        applied?.Add(new AppliedEffect(ef.Kind, m.Actors[ef.Target].Iso3, ef.Value, s.ForcesAdd[ef.Target], s.ForcesAdd[ef.Target] + ef.Value, null));
                        s.ForcesAdd[ef.Target] += ef.Value;
                        break;
                }
            }
            s.Observer?.Observe(new EventObserved(step, m.EventIds[e], author >= 0 ? m.Actors[author].Iso3 : null, applied!));
        }
    }

    /// <summary>
    /// Great powers move forces toward rising threats, with inertia: w ← ρ w + (1 − ρ) w*, with
    /// w*_t ∝ w0_t · max(floor, 1 + φ (L_t − L0_t) / top), normalised to the deployed total. The starting deployment is
    /// taken as the answer to the starting threats, so forces move only when threats change.
    /// </summary>
    private static void ShiftForces(RunState s)
    {
        var m = s.Model;
        int nT = m.TheaterCount, top = m.Ladder.Top;
        var floor = s.Global(G.ForceFloor);
        var pivot = m.FlowIds.Length > 0;
        if (pivot) Mechanisms.SumCapability(s);
        foreach (var a in s.Deployed) // the actors with deployments, ascending
        {
            double phi = s.Actor(a, Ac.ThreatResponse), rho = s.Actor(a, Ac.Inertia);
            // row a of ThreatRow: 1 + φ · d / top for every level change d, the same operations as inline (refilled when φ changes)
            var row = s.ThreatRow.AsSpan(a * s.ThreatSpan, s.ThreatSpan);
            if (s.ThreatRowPhi[a] != BitConverter.DoubleToInt64Bits(phi) || row[top] == 0)
            {
                for (var d = -top; d <= top; d++) row[d + top] = 1 + phi * d / (double)top;
                s.ThreatRowPhi[a] = BitConverter.DoubleToInt64Bits(phi);
            }
            double total = 0, raw = 0;
            double[]? pulls = null;
            for (var t = 0; t < nT; t++)
            {
                var w0 = s.ShareStart[a * nT + t];
                total += w0;
                var pull = pivot ? Mechanisms.CapabilityPull(s, a, t) : 0;
                s.BaseShareScratch[t] = w0 * Math.Max(floor, row[s.Level[t] - s.StartLevel[t] + top] + pull);
                if (pull != 0 && s.Observer is not null) (pulls ??= new double[nT])[t] = pull;
                raw += s.BaseShareScratch[t];
            }
            if (pulls is not null)
            {
                var ths = new List<string>(); var pl = new List<double>();
                for (var t = 0; t < nT; t++) if (pulls[t] != 0) { ths.Add(m.Theaters[t]); pl.Add(pulls[t]); }
                s.Observer!.Observe(new PivotObserved(s.StepIndex, m.Actors[a].Iso3, ths, pl));
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
            if (s.Observer is { } obs && moved > 0)
            {
                var ths = new List<string>(); var sh = new List<double>(); var st = new List<double>();
                for (var t = 0; t < nT; t++)
                    if (s.ShareStart[a * nT + t] > 0) { ths.Add(m.Theaters[t]); sh.Add(s.Share[a * nT + t]); st.Add(s.ShareStart[a * nT + t]); }
                obs.Observe(new ForcesObserved(s.StepIndex, m.Actors[a].Iso3, ths, sh, st, moved));
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
        var m = s.Model; var nT = s.NT;
        var i = x * nT + t;
        var own = s.Role[i] == Supporter && s.Side[i] == side && m.HelpSlot[i] >= 0 ? s.P[m.HelpSlot[i]] : 0;
        // the side's force already holds the help expected of x; entering adds the rest of x's local force
        var expected = s.ExpectedSide[i] == side ? s.ExpectedHelp[i] : 0;
        var pi = Pi(s, t, side, (1 - own) * s.LocalForce[i] - expected);
        var stake = Stake(s, x, t, out _, out _, out _);
        var l = Math.Min(s.Level[t], s.CapOf[i]); // CapOf = Cap(s, x, t)
        // the flow terms of FlowOf with the same arithmetic; the cost's factors (FlowOf's k, si, risk and trade) read
        // only the run's parameters and who fights where in t, so they are kept until t's roles change (RunState.TheaterRoles)
        var e = i * Sides + side;
        if (s.EntryStamp[e] != s.TheaterRoles[t])
        {
            var f = FlowOf(s, x, t, side, stake, pi);
            s.EntryK[e] = f.K; s.EntrySi[e] = f.Si; s.EntryRisk[e] = f.Risk; s.EntryTrade[e] = f.Trade;
            s.EntryStamp[e] = s.TheaterRoles[t];
        }
        double r = s.Actor(x, Ac.Resolve) + s.ResolveAdd[x];
        var p = s.P; var b = s.CostSlot0 + l * s.LadderStride;
        var gain = stake * r * pi * p[s.GainSlot0 + l * s.LadderStride];
        var cost = s.EntryK[e] * s.CostScale[x] * p[b] * (l < m.Ladder.NuclearUseLevel ? s.EntrySi[e] : 1) + s.EntryRisk[e] * p[b + s.RiskSlot0 - s.CostSlot0] + s.EntryTrade[e] * p[b + s.TradeSlot0 - s.CostSlot0];
        return gain - cost - s.Actor(x, Ac.EntryCost);
    }

    /// <summary>The credibility prior of obligation <paramref name="o"/> in this run, kept inside [b, 1 − b].</summary>
    internal static double Credibility(RunState s, int o)
    {
        var m = s.Model;
        var c = double.IsNaN(m.OblCredibility[o]) ? s.Global(G.DefaultCredibility) : m.OblCredibility[o];
        if (m.OblSomeReadings[o]) c *= s.Global(G.ReadingFactor);
        var bound = s.Global(G.CredibilityBound);
        return Math.Clamp(c, bound, 1 - bound);
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
        var logOdds = s.CredibilityLogit[o];
        if (double.IsNaN(logOdds))
        {
            var c = Credibility(s, o); // fixed for the run: it reads only the run's parameters
            logOdds = s.CredibilityLogit[o] = Math.Log(c / (1 - c));
            s.AbandonmentTerm[o] = s.Actor(x, Ac.AbandonmentCost) * s.P[m.OblStrengthSlot[o]]; // likewise
            s.Logs++;
        }
        deltaU = EntryUtility(s, x, t, side) + s.AbandonmentTerm[o];
        var z = logOdds + s.AllianceSensitivity * deltaU;
        s.Exps++;
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The principal on the other side of <paramref name="partner"/> whose own act in this step raised its posture to the
    /// trigger level: an armed attack by another state. A state's own acts, and its own side's, never trigger its allies.
    /// </summary>
    private static int Attacker(RunState s, int o, int partner, int t)
    {
        var m = s.Model; var nT = m.TheaterCount;
        var side = s.Side[partner * nT + t];
        var k = t * Sides + 1 - side;
        for (var j = 0; j < s.MemberCount[k]; j++)
        {
            var b = s.Members[k][j];
            var i = b * nT + t;
            if (!s.Rose[i] || s.Posture[i] < m.OblTrigger[o]) continue;
            // a clause that excludes provoked attacks: the partner's side must not itself have stood at that level first
            if (m.OblExcludesProvoked[o] && SideTopAtStart(s, t, side) >= s.Posture[i]) continue;
            return b;
        }
        return -1;
    }

    private static int SideTopAtStart(RunState s, int t, int side)
    {
        var nT = s.Model.TheaterCount; var k = t * Sides + side; var top = 0;
        for (var j = 0; j < s.MemberCount[k]; j++) top = Math.Max(top, s.PostureAtStepStart[s.Members[k][j] * nT + t]);
        return top;
    }

    private static void Obligations(RunState s, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        if (s.OblEligibleStamp != s.RolesStamp) FindEligible(s);
        if (s.OblEligibleCount == 0) return;
        // each side's highest posture among its principals that rose in this step: an obligation whose partner's
        // opponents have none at its trigger level has no attacker (Attacker would find none), so it is passed over
        Array.Fill(s.RiseTop, -1);
        for (var t = 0; t < nT; t++)
            foreach (var b in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]))
            {
                var i = b * nT + t; var k = t * Sides + s.Side[i];
                if (s.Rose[i] && s.Posture[i] > s.RiseTop[k]) s.RiseTop[k] = s.Posture[i];
            }
        // the obligations whose roles let them trigger (FindEligible), ascending; no role changes until the entries apply
        foreach (var o in s.OblEligible.AsSpan(0, s.OblEligibleCount))
        {
            if (s.ObligationDecided[o] || !InForce(m, o, step)) continue;
            int x = m.OblAlly[o], t = m.OblTheater[o], p = m.OblPartner[o];
            var side = s.Side[p * nT + t];
            if (s.RiseTop[t * Sides + 1 - side] < m.OblTrigger[o]) continue;
            var xi = x * nT + t;
            if (s.EntrySide[xi] >= 0) continue; // enters on another obligation this step
            var attacker = Attacker(s, o, p, t);
            if (attacker < 0) continue;
            s.ObligationDecided[o] = true;
            s.ObligationTriggered[o] = true;
            var q = HonourProbability(s, o, out var du);
            // an obligation draws once in a run (it is decided first), so its stream is seeded here, from the run's seed
            // and the obligation's key as every stream is, not for every obligation at the run's start
            var rng = s.ObligationRng[o];
            rng.Reseed(Seed.Child(s.DynamicsMixed, m.OblKey[o]));
            var draw = rng.NextDouble();
            q *= Mechanisms.HonourBound(s, o, step, q, draw); // a fault line's restraint (1 without one)
            var honour = draw < q;
            if (honour)
            {
                s.ObligationHonoured[o] = true;
                Mechanisms.Honoured(s, o);
                s.EntrySide[xi] = side; s.EntryCells[s.EntryCount++] = xi;
                // an ally that honours one obligation in a theater has no further decisions there
                foreach (var o2 in s.OblOfAllyCell[xi]) s.ObligationDecided[o2] = true;
            }
            if (s.Observer is { } obs)
            {
                var row = m.ObligationRows[o];
                obs.Observe(new ObligationObserved(step, row.Treaty, row.Article, row.Ally.Iso3, row.Partner.Iso3, row.Theater, m.Actors[attacker].Iso3,
                    q, du, Credibility(s, o), s.P[m.OblStrengthSlot[o]], draw, honour));
            }
        }
    }

    private static void Interventions(RunState s, int step)
    {
        var m = s.Model;
        var nT = m.TheaterCount;
        for (var t = 0; t < nT; t++)
        {
            if (s.Level[t] < m.Ladder.WarLevel) continue;
            // a supporter without deployments of its own sees its side's whole lead-share sum (LeadShare skips only
            // x itself, which is not among its terms): one sum per side, computed at its first use in the theater
            double lead0 = 0, lead1 = 0; bool have0 = false, have1 = false;
            foreach (var x in s.IntervenersOf[t]) // the actors that may intervene here, ascending
            {
                var i = x * nT + t;
                if (s.Role[i] != Supporter || s.EntrySide[i] >= 0) continue;
                var side = s.Side[i];
                double lead;
                if (m.HasDeployments[x]) lead = LeadShare(s, x, t, side);
                else if (side == 0) { if (!have0) { lead0 = LeadShare(s, -1, t, 0); have0 = true; } lead = lead0; }
                else { if (!have1) { lead1 = LeadShare(s, -1, t, 1); have1 = true; } lead = lead1; }
                var du = EntryUtility(s, x, t, side) + s.Actor(x, Ac.InterventionBias) + s.InterventionPressure[t] + lead;
                var q = 1 / (1 + Math.Exp(-s.Actor(x, Ac.Lambda) * du));
                s.Exps++;
                if (!(s.InterventionRng[i].NextDouble() < q)) continue;
                s.Intervened[i] = true;
                s.EntrySide[i] = side; s.EntryCells[s.EntryCount++] = i;
                s.Observer?.Observe(new InterventionObserved(step, m.Theaters[t], m.Actors[x].Iso3, side == 0 ? "A" : "B", q, du, s.InterventionPressure[t]));
            }
        }
    }

    /// <summary>
    /// Allies follow their leader's posture: lead_share_weight × Σ over the great powers with deployments on the
    /// supporter's side in the theater of (share now / share at the start − 1), other than <paramref name="x"/>
    /// itself (-1: every one). Zero while shares stand still.
    /// </summary>
    internal static double LeadShare(RunState s, int x, int t, int side)
    {
        var w = s.LeadShareWeight;
        if (w == 0) return 0;
        var nT = s.NT; double sum = 0;
        foreach (var g in s.Deployed) // the great powers with deployments, ascending
        {
            var i = g * nT + t;
            if (g == x || s.Role[i] == CompiledModel.None || s.Side[i] != side || s.ShareStart[i] <= 0) continue;
            sum += s.Share[i] / s.ShareStart[i] - 1;
        }
        return w * sum;
    }

    private static void Normalisations(RunState s, int step)
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
            s.Exps++;
            var rate = s.P[m.NormBaseSlot[n]] * Math.Exp(-s.P[m.NormSensSlot[n]] * esc - s.P[m.NormPivotSlot[n]] * Math.Max(0, pivot));
            if (!(s.NormRng[n].NextDouble() < rate)) continue;
            s.Normalised[n] = true;
            s.Observer?.Observe(new NormalisationObserved(step, m.NormIds[n], rate, esc, pivot));
        }
    }

    /// <summary>The strongest channel between a principal of one side and a principal or supporter of the other (symmetric in the sides).</summary>
    private static double CrossChannel(RunState s, int t)
    {
        // it reads only the run's parameters and who fights where: kept until the roles change
        if (s.CrossChannelStamp[t] == s.TheaterRoles[t]) return s.CrossChannelOf[t];
        var best = CrossChannelScan(s, t);
        s.CrossChannelOf[t] = best; s.CrossChannelStamp[t] = s.TheaterRoles[t];
        return best;
    }

    private static double CrossChannelScan(RunState s, int t)
    {
        var m = s.Model; int nA = m.ActorCount, nT = m.TheaterCount;
        var best = 0.0;
        for (var a = 0; a < nA; a++)
        {
            if (s.Role[a * nT + t] == 0) continue;
            var partners = m.ChannelPartner[a];
            for (var k = 0; k < partners.Length; k++)
            {
                var b = partners[k]; var slot = m.ChannelPartnerSlot[a][k];
                if (s.Role[b * nT + t] == 0 || s.Side[b * nT + t] == s.Side[a * nT + t]) continue;
                if (s.Role[a * nT + t] != 1 && s.Role[b * nT + t] != 1) continue;
                best = Math.Max(best, s.P[slot]);
            }
        }
        return best;
    }

    /// <summary>
    /// Crisis onset and termination (model.md §9): a crisis begins when the level reaches the crisis floor; it ends by
    /// settlement (a hazard that falls with the level, rises with a channel, and is highest when the sides are evenly
    /// matched), by a freeze (no posture changes for freeze_steps steps below war, a fractional part drawn per run), or by return to normal relations
    /// (the level falls below the floor).
    /// </summary>
    private static void Crises(RunState s, int step)
    {
        var m = s.Model; var nT = m.TheaterCount;
        var floor = CrisisFloor(s);
        for (var t = 0; t < nT; t++)
        {
            if (!s.InCrisis[t])
            {
                if (s.Level[t] < floor) continue;
                s.InCrisis[t] = true; s.StillSteps[t] = 0;
                if (s.CrisisStart[t] < 0) s.CrisisStart[t] = step;
                s.Observer?.Observe(new CrisisObserved(step, m.Theaters[t], true, Termination.None, s.Level[t], 0));
                continue;
            }
            var changed = false; // did a principal's posture change in this step
            foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]))
                if (s.Posture[a * nT + t] != s.PostureAtStepStart[a * nT + t]) { changed = true; break; }
            s.StillSteps[t] = changed ? 0 : s.StillSteps[t] + 1;
            s.Exps++;
            double piA = Pi(s, t, 0), ripeness = (piA * (1 - piA)) / (Half * Half);
            var h = s.Global(G.SettlementRate) * Math.Exp(-s.Global(G.SettlementEscalationDecay) * Math.Max(0, s.Level[t] - floor))
                    * (1 + CrossChannel(s, t)) * ripeness * s.SettleFrailty[t];
            var draw = s.SettleRng[t].NextDouble();
            var ending = Termination.None;
            if (draw < h)
            {
                ending = Termination.Settlement;
                foreach (var a in s.PrincipalsOf[t].AsSpan(0, s.PrincipalCount[t]))
                {
                    var i = a * nT + t;
                    s.Posture[i] = Math.Min(s.Posture[i], floor - 1);
                }
                Levels(s);
            }
            else if (s.Level[t] < floor) ending = Termination.Normal;
            else if (s.Level[t] < m.Ladder.WarLevel && s.StillSteps[t] >= s.FreezeAt[t]) ending = Termination.Freeze;
            if (ending == Termination.None) continue;
            s.InCrisis[t] = false;
            if (s.Ended[t] == Termination.None) { s.Ended[t] = ending; s.EndStep[t] = step; }
            s.Observer?.Observe(new CrisisObserved(step, m.Theaters[t], false, ending, s.Level[t], h));
        }
    }

    /// <summary>π(1 − π) is largest at π = one half: the normaliser of the ripeness term (a property of the formula, not a model number).</summary>
    private const double Half = 1.0 / 2;
}
