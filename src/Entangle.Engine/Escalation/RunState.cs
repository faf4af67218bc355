using Entangle.Domain.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>How a theater's crisis ended (model.md §9).</summary>
public enum Termination : byte { None, Settlement, Freeze, Normal }

/// <summary>
/// The mutable state of one run: each principal's posture, each theater's level (the highest posture there),
/// crossed thresholds, who fights where, force shares, crisis status, what has happened. One instance per worker,
/// reset at the start of each run, so the hot path does not allocate.
/// </summary>
public sealed class RunState
{
    /// <summary>Two sides per theater: arrays indexed <c>t * Sides + side</c> (array layout, not a model number).</summary>
    public const int Sides = 2;

    public CompiledModel Model { get; }

    /// <summary>This run's parameter vector (one value per slot of <see cref="CompiledModel.ParameterPaths"/>).</summary>
    public readonly double[] P;
    /// <summary>The number of steps taken.</summary>
    public int StepIndex;
    /// <summary>The observer of this run (replay), or null in Monte Carlo runs.</summary>
    public IRunObserver? Observer;

    /// <summary>Each actor's posture in each theater (a * nT + t); meaningful for principals.</summary>
    public readonly int[] Posture;
    internal readonly int[] NextPosture, PostureAtStepStart;
    /// <summary>True when the actor's posture rose in the current step (by choice, accident, shock or slip).</summary>
    internal readonly bool[] Rose, RoseNext;
    /// <summary>The theater's level at the end of the last step: the highest posture of its principals.</summary>
    public readonly int[] Level;
    public readonly int[] StartLevel, MaxReached, Crossed;
    internal readonly byte[] Role, Side;
    public readonly double[] Share, ShareStart;
    internal readonly double[] LocalForce, BaseShareScratch;
    internal readonly int[] Entered;          // t*Sides+side: states that entered on that side since the start
    internal readonly double[] SideForce;     // t*Sides+side: with supporters' help and expected allied help
    internal readonly double[] PrincipalForce, PrincipalForceStart;
    internal readonly bool[] NuclearSide;
    internal readonly int[] SideTop;          // t*Sides+side: highest posture on the side
    internal readonly int[] SideTopStart;     // at the start of the run
    internal readonly int[] RiseTop;          // t*Sides+side: the highest posture of the side's principals that rose in this step (-1: none), for the triggers
    internal readonly double[] InterventionPressure, ResolveAdd, ForcesAdd, TensionCarry;
    internal readonly double[] LinkPressure;
    internal readonly double[] HelpScratch;
    internal readonly int[] HelpTouched;
    /// <summary>a*nT+t: the help the actor is expected to bring to side <see cref="ExpectedSide"/> (already in that side's force).</summary>
    internal readonly double[] ExpectedHelp;
    internal readonly int[] ExpectedSide;
    internal readonly int[][] Members;        // t*Sides+side: principals (actor indices, ascending)
    internal readonly int[] MemberCount;
    /// <summary>Per theater: its principals of both sides (actor indices, ascending), rebuilt with <see cref="Members"/>.</summary>
    internal readonly int[][] PrincipalsOf;
    internal readonly int[] PrincipalCount;
    // per step, for each principal (a * nT + t): its gain and cost per level ((a * nT + t) * levels + l), stake, chance
    // of prevailing, channel and trade sums, all read from the state at the start of the step
    internal readonly double[] TermGain, TermCost, CStake, CLink, CSecurity, CPi, CChannel, CTrade;
    internal readonly int[] CLinkIndex;
    internal readonly int[] EntrySide;        // a*nT+t: side to enter on this step, -1 none (every cell is -1 between steps)
    /// <summary>The cells a * nT + t whose <see cref="EntrySide"/> a step set (the first <see cref="EntryCount"/>).</summary>
    internal readonly int[] EntryCells;
    internal int EntryCount;
    /// <summary>
    /// Changes whenever who fights where on which side may have changed (a run's start, an entry, a full
    /// <c>Prepare</c>): the caches below that read only the run's parameters and the roles are valid while their stamp equals it.
    /// </summary>
    internal int RolesStamp;
    /// <summary>
    /// Per theater: the <see cref="RolesStamp"/> at which its roles last changed (every theater at a run's start and
    /// at a full <c>Prepare</c>, an entry's theater at the entry). The caches that read only the run's parameters and
    /// one theater's roles are valid while their stamp equals their theater's: the costs and channel sums of its
    /// principals (<see cref="TermsStamp"/>), its members, supporters, eligible obligations, cross channel and entry factors.
    /// </summary>
    internal readonly int[] TheaterRoles;
    internal readonly int[] TermsStamp, MembersStamp, SupportHelperStamp, OblEligibleAtStamp;
    /// <summary>True from a run's start (or a full <c>Prepare</c>) until the local forces are filled for every actor.</summary>
    internal bool ForcesStale = true;
    /// <summary>Per actor, theater and side of an entry ((a * nT + t) * Sides + side): the cost factors of its entry utility (FlowOf's k, si, risk and trade), and their stamp.</summary>
    internal readonly double[] EntryK, EntrySi, EntryRisk, EntryTrade;
    internal readonly int[] EntryStamp;
    /// <summary>
    /// The obligations whose roles let them bring help (the partner a principal, the ally neither a principal nor a
    /// supporter of the other side), as <see cref="RolesStamp"/> <see cref="OblEligibleStamp"/> found them: all of
    /// them ascending (the first <see cref="OblEligibleCount"/>), and per theater ascending (<see cref="OblEligibleAtCount"/>).
    /// </summary>
    internal readonly int[] OblEligible;
    internal int OblEligibleCount, OblEligibleStamp = -1;
    internal readonly int[][] OblEligibleAt;
    internal readonly int[] OblEligibleAtCount;
    /// <summary>
    /// The eligible obligations at a run's start, when the roles are the model's (<see cref="CompiledModel.Role0"/>,
    /// the same for every run): found by the first run's <c>FindEligible</c> and copied by every later run's.
    /// <see cref="RolesAtStart"/> is true from a run's start until its first entry.
    /// </summary>
    internal int[]? StartEligible;
    internal int[][]? StartEligibleAt;
    /// <summary>Likewise <see cref="Members"/> and <see cref="PrincipalsOf"/> at a run's start (the first run's lists).</summary>
    internal int[][]? StartMembers, StartPrincipals;
    internal bool RolesAtStart;
    /// <summary>Per actor with deployments (a * ThreatSpan + d + top): 1 + φ_a · d / top for a level change d, as the shift computes it, for the φ_a in <see cref="ThreatRowPhi"/>.</summary>
    internal readonly double[] ThreatRow;
    internal readonly long[] ThreatRowPhi;
    /// <summary>The length of a <see cref="ThreatRow"/> row: the level changes −top … top.</summary>
    internal readonly int ThreatSpan;
    /// <summary>Per spiral and side (sp * Sides + side): the rival's starting local force in the spiral's theaters (NaN until its first use in a run).</summary>
    internal readonly double[] SpiralStartForce;
    /// <summary>Per theater: the strongest cross channel of its crisis, and its stamp.</summary>
    internal readonly double[] CrossChannelOf;
    internal readonly int[] CrossChannelStamp;
    /// <summary>Per obligation: the ally's abandonment cost times the clause strength in this run (valid with <see cref="CredibilityLogit"/>).</summary>
    internal readonly double[] AbandonmentTerm;
    // per run: numbers of the parameter vector the hot loop reads, hoisted out of it (set by ResetState)
    internal double MoveCost, Stickiness, ChannelDamping, Accident;
    internal double PressurePerLevel, PressurePerEntry, ContestExponent, SecurityDilemma, AllianceSensitivity, LeadShareWeight;
    internal double[] PremiumOf = [];
    /// <summary>Per level: the ladder's gain parameter (the slots GainSlot0 + l * LadderStride), copied with the hoisted globals.</summary>
    internal readonly double[] GainColumn;
    internal double[] AudienceCost = [], Lambda = [];
    /// <summary>a * levels + from: the audience cost of stepping down from level <c>from</c> (filled per run for the principals).</summary>
    internal double[] DownCost = [];

    /// <summary>Premium paid by each actor for thresholds its posture took a theater across (war-months).</summary>
    public readonly double[] PremiumPaid;

    // random streams, one per consumer, keyed by name (common random numbers across arms)
    internal readonly RandomStream[] DecisionRng, InterventionRng, EventRng, ObligationRng, NormRng, SlipRng, SettleRng;
    /// <summary>The run's dynamics seed as <see cref="Seed.Mixed"/> gives it (<see cref="Simulator.ResetState"/>): a stream seeded at its first use derives its seed from it.</summary>
    internal ulong DynamicsMixed;
    /// <summary>
    /// The cells (a * nT + t) of the principals at a run's start, whose decision streams it seeds at the start (a cell
    /// that becomes a principal by an entry has its stream seeded then: no decision stream is read before its cell is
    /// a principal); and the cells whose intervention stream a run can draw from (the possible interveners). The
    /// other streams are never read.
    /// </summary>
    internal readonly int[] StartPrincipalCells, InterventionCells;
    /// <summary>The parameter draw <see cref="DrawValues"/> holds (seed, draw), or none: a run of the same draw copies it instead of drawing again.</summary>
    internal (ulong Seed, int Draw)? DrawHeld;
    internal readonly double[] DrawValues;

    // mechanisms (Mechanisms.cs): a*nT+t delivered-but-unusable and usable capability from treaty flows; per flow its
    // acts; per spiral and side (sp * Sides + side) the spiral stock; per spiral whether both build-ups stand above the threshold
    public readonly double[] Pipeline, Capability, SpiralStock, LocalForceStart;
    public readonly int[] FlowActs;
    public readonly bool[] SpiralReached;
    /// <summary>Per fault line: the patron entered the line's theater on the client's side while the limiter was not a principal on that side.</summary>
    public readonly bool[] FaultLineCrossed;
    internal readonly RandomStream[] FlowRng;
    /// <summary>Per economic channel: its contribution to its actor's resources (starting at its share), and the first step it moves in this run.</summary>
    public readonly double[] ChannelValue;
    internal readonly int[] ChannelFrom;
    /// <summary>Per economy: the actor's resources index R (1 at the start).</summary>
    public readonly double[] Resources;
    /// <summary>Per actor: the factor R^(−elasticity) on its ladder costs (1 without an economy), and whether it changed since the costs were cached.</summary>
    public readonly double[] CostScale;
    internal readonly bool[] CostScaleStale;
    /// <summary>The step at whose end two theaters first stood at nuclear signalling or above together (-1: never).</summary>
    public int TwoNuclearCrisisStep;

    // crises
    public readonly bool[] InCrisis;
    public readonly Termination[] Ended;      // first termination of the crisis in each theater
    public readonly int[] EndStep, CrisisStart, StillSteps;
    /// <summary>Per theater: this run's multiplier on the settlement hazard (exp(σ z), σ = settlement_dispersion; 1 when σ = 0).</summary>
    public readonly double[] SettleFrailty;
    /// <summary>Per theater: the still steps after which this run's crisis freezes (freeze_steps, its fractional part drawn per run).</summary>
    public readonly int[] FreezeAt;

    // outcomes
    public readonly bool[] ObligationTriggered, ObligationHonoured, ObligationDecided;
    public readonly bool[] Intervened;   // a*nT+t
    public readonly bool[] LinkFired, Normalised, EventFired;
    public readonly bool[] StartedAtWar;
    public int FirstWarStep, TwoCrisisStep;
    /// <summary>Decisions taken in this run (for speed figures).</summary>
    public long Decisions;
    /// <summary>Calls of <see cref="Math.Exp"/>, <see cref="Math.Log"/> and <see cref="Math.Pow"/> the dynamics made in this run (for the benchmark's floor).</summary>
    public long Exps, Logs, Pows;

    // hot-path tables, fixed for the model (set in the constructor)
    internal readonly int LevelCount, Top;
    /// <summary>Slots of the ladder's columns: level l's cost is in slot <c>CostSlot0 + l * LadderStride</c>, and so on.</summary>
    internal readonly int LadderStride, GainSlot0, CostSlot0, RiskSlot0, TradeSlot0;
    internal readonly int[] Between;          // from * LevelCount + to: thresholds between two levels (the ladder's table)
    internal readonly int[] CapOf;            // a*nT+t: the highest posture the actor can hold there
    internal readonly int[][] HelpersOf;      // per theater: actors with a help slot there (ascending)
    internal readonly int[][] IntervenersOf;  // per theater: actors that may intervene there (ascending)
    /// <summary>The actors with deployments of their own (ascending).</summary>
    internal readonly int[] Deployed;
    /// <summary>The cells a * nT + t a treaty flow delivers to (ascending, distinct): the only cells whose pipeline and capability can be other than 0.</summary>
    internal readonly int[] FlowCells;
    /// <summary>
    /// Per actor: whether its local forces can change without its forces changing (it has deployments, receives a
    /// treaty flow or is a spiral's rival), so its row is filled every step; the forces f its row was last filled
    /// with (bits). Every row is filled while <see cref="ForcesStale"/>.
    /// </summary>
    internal readonly bool[] ForceRowMoves;
    internal readonly long[] ForceRowF;
    /// <summary>
    /// Every actor ascending, and the actors whose local-force row can change between two full fills (ascending): those
    /// of <see cref="ForceRowMoves"/> and those an event's forces effect reaches. Within a run the forces f read only
    /// the run's parameters and <see cref="ForcesAdd"/>, which only those events change. <see cref="ForceRowChecked"/>
    /// flags the same actors.
    /// </summary>
    internal readonly int[] AllActors, ForceRowCheck;
    internal readonly bool[] ForceRowChecked;
    /// <summary>
    /// Per theater and side (t * Sides + side), as the roles stood at <see cref="SupportHelperStamp"/>: the actors of
    /// <see cref="HelpersOf"/> that support that side (ascending; the first <see cref="SupportHelperCount"/>); the
    /// position of the first of them whose local force can change between full fills (one of
    /// <see cref="ForceRowCheck"/>; the count if none); and the sum of the help P(help) × local force of the
    /// supporters before it, which stands until the roles change.
    /// </summary>
    internal readonly int[][] SupportHelpers;
    internal readonly int[] SupportHelperCount, SupportFirstMover;
    internal readonly double[] SupportPrefix;
    /// <summary>Per step, t * Sides + side: the usable flow capability of the side's principals (their members' order), read by <see cref="Mechanisms.CapabilityPull"/>.</summary>
    internal readonly double[] CapabilityGrown;
    /// <summary>Per step, per deciding side (t * Sides + side): the responder its principals anticipate (the strongest opposing principal, -1 none), its posture and its first and last available action.</summary>
    internal readonly int[] RespOf, RespX, RespLo, RespHi;
    /// <summary>The model's theater count (read in every index a * NT + t).</summary>
    internal readonly int NT;
    internal readonly int[][] LinksAt;        // a*nT+t: the horizontal links of actor a that end in theater t (ascending)
    internal readonly int[][] OblOfAllyCell;  // a*nT+t: the obligations whose ally is a, in theater t (ascending)
    // the step's memo of quantal replies: per responder, theater and floor level ((j * nT + t) * levels + floor), the
    // reply's probabilities over the actions; valid when its stamp equals the step's generation
    internal readonly double[] ReplyP;
    internal readonly int[] ReplyStamp;
    internal int Generation;
    /// <summary>Per obligation: the log-odds of its credibility prior in this run (NaN until its first use in the run).</summary>
    internal readonly double[] CredibilityLogit;

    public RunState(CompiledModel model)
    {
        Model = model;
        int nA = model.ActorCount, nT = model.TheaterCount, nL = model.Ladder.Levels.Count;
        P = new double[model.SlotCount];
        Posture = new int[nA * nT]; NextPosture = new int[nA * nT]; PostureAtStepStart = new int[nA * nT];
        Rose = new bool[nA * nT]; RoseNext = new bool[nA * nT];
        Level = new int[nT]; StartLevel = new int[nT]; MaxReached = new int[nT]; Crossed = new int[nT];
        Role = new byte[nA * nT]; Side = new byte[nA * nT];
        Share = new double[nA * nT]; ShareStart = new double[nA * nT]; LocalForce = new double[nA * nT]; BaseShareScratch = new double[nT];
        Entered = new int[nT * Sides]; SideForce = new double[nT * Sides]; PrincipalForce = new double[nT * Sides]; PrincipalForceStart = new double[nT * Sides];
        NuclearSide = new bool[nT * Sides]; SideTop = new int[nT * Sides]; SideTopStart = new int[nT * Sides]; RiseTop = new int[nT * Sides];
        InterventionPressure = new double[nT]; TensionCarry = new double[nA * nT]; ResolveAdd = new double[nA]; ForcesAdd = new double[nA];
        LinkPressure = new double[model.LinkIds.Length];
        HelpScratch = new double[nA * Sides]; HelpTouched = new int[nA * Sides];
        ExpectedHelp = new double[nA * nT]; ExpectedSide = new int[nA * nT];
        Members = new int[nT * Sides][];
        for (var i = 0; i < Members.Length; i++) Members[i] = new int[nA];
        MemberCount = new int[nT * Sides];
        PrincipalsOf = new int[nT][];
        for (var t = 0; t < nT; t++) PrincipalsOf[t] = new int[nA];
        PrincipalCount = new int[nT];
        TermGain = new double[nA * nT * nL]; TermCost = new double[nA * nT * nL];
        CStake = new double[nA * nT]; CLink = new double[nA * nT]; CSecurity = new double[nA * nT]; CPi = new double[nA * nT];
        CChannel = new double[nA * nT]; CTrade = new double[nA * nT]; CLinkIndex = new int[nA * nT];
        EntrySide = new int[nA * nT]; Array.Fill(EntrySide, -1); EntryCells = new int[nA * nT];
        PremiumPaid = new double[nA];
        DecisionRng = Streams(nA * nT); InterventionRng = Streams(nA * nT); EventRng = Streams(model.EventIds.Length);
        StartPrincipalCells = Enumerable.Range(0, nA * nT).Where(i => model.Role0[i] == CompiledModel.Principal).ToArray();
        InterventionCells = Enumerable.Range(0, nA * nT).Where(i => model.MayIntervene[i]).ToArray();
        DrawValues = new double[model.SlotCount];
        ObligationRng = Streams(model.OblAlly.Length); NormRng = Streams(model.NormIds.Length); SlipRng = Streams(nT); SettleRng = Streams(nT);
        Pipeline = new double[nA * nT]; Capability = new double[nA * nT]; LocalForceStart = new double[nA * nT];
        SpiralStock = new double[model.SpiralIds.Length * Sides]; SpiralReached = new bool[model.SpiralIds.Length];
        FlowActs = new int[model.FlowIds.Length]; FlowRng = Streams(model.FlowIds.Length);
        FaultLineCrossed = new bool[model.FaultLineIds.Length];
        ChannelValue = new double[model.ChannelIds.Length]; ChannelFrom = new int[model.ChannelIds.Length];
        Resources = new double[model.EconActor.Length]; CostScale = new double[nA]; CostScaleStale = new bool[nA];
        InCrisis = new bool[nT]; Ended = new Termination[nT]; EndStep = new int[nT]; CrisisStart = new int[nT]; StillSteps = new int[nT]; SettleFrailty = new double[nT]; FreezeAt = new int[nT];
        ObligationTriggered = new bool[model.OblAlly.Length]; ObligationHonoured = new bool[model.OblAlly.Length]; ObligationDecided = new bool[model.OblAlly.Length];
        Intervened = new bool[nA * nT];
        LinkFired = new bool[model.LinkIds.Length]; Normalised = new bool[model.NormIds.Length]; EventFired = new bool[model.EventIds.Length];
        StartedAtWar = new bool[nT];
        LevelCount = nL; Top = model.Ladder.Top;
        GainColumn = new double[nL];
        LadderStride = ParameterCatalog.Ladder.List.All.Count;
        GainSlot0 = model.L(0, ParameterCatalog.Ladder.Gain); CostSlot0 = model.L(0, ParameterCatalog.Ladder.Cost);
        RiskSlot0 = model.L(0, ParameterCatalog.Ladder.Risk); TradeSlot0 = model.L(0, ParameterCatalog.Ladder.Trade);
        Between = new int[nL * nL];
        for (var f = 0; f < nL; f++)
            for (var to = 0; to < nL; to++) Between[f * nL + to] = model.Ladder.Between(f, to);
        CapOf = new int[nA * nT];
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
                CapOf[a * nT + t] = model.Nuclear[a] ? model.MaxLevel[t] : Math.Min(model.MaxLevel[t], model.Ladder.NuclearSignalLevel - 1);
        HelpersOf = new int[nT][];
        for (var t = 0; t < nT; t++)
            HelpersOf[t] = Enumerable.Range(0, nA).Where(a => model.HelpSlot[a * nT + t] >= 0).ToArray();
        IntervenersOf = new int[nT][];
        for (var t = 0; t < nT; t++)
            IntervenersOf[t] = Enumerable.Range(0, nA).Where(a => model.MayIntervene[a * nT + t]).ToArray();
        Deployed = Enumerable.Range(0, nA).Where(a => model.HasDeployments[a]).ToArray();
        FlowCells = Enumerable.Range(0, model.FlowIds.Length).Select(f => model.FlowTo[f] * nT + model.FlowTheater[f]).Distinct().Order().ToArray();
        CapabilityGrown = new double[nT * Sides];
        ForceRowMoves = new bool[nA]; ForceRowF = new long[nA];
        foreach (var a in Deployed) ForceRowMoves[a] = true;
        foreach (var a in model.FlowTo) ForceRowMoves[a] = true;
        foreach (var a in model.SpiralA) ForceRowMoves[a] = true;
        foreach (var a in model.SpiralB) ForceRowMoves[a] = true;
        AllActors = Enumerable.Range(0, nA).ToArray();
        var forcesEvent = new bool[nA];
        foreach (var effects in model.EventEffects)
            foreach (var ef in effects)
                if (ef.Kind == EffectKind.Forces) forcesEvent[ef.Target] = true;
        ForceRowChecked = AllActors.Select(a => ForceRowMoves[a] || forcesEvent[a]).ToArray();
        ForceRowCheck = AllActors.Where(a => ForceRowChecked[a]).ToArray();
        SupportHelpers = new int[nT * Sides][];
        for (var k = 0; k < nT * Sides; k++) SupportHelpers[k] = new int[HelpersOf[k / Sides].Length];
        SupportHelperCount = new int[nT * Sides]; SupportFirstMover = new int[nT * Sides]; SupportPrefix = new double[nT * Sides];
        NT = nT;
        RespOf = new int[nT * Sides]; RespX = new int[nT * Sides]; RespLo = new int[nT * Sides]; RespHi = new int[nT * Sides];
        LinksAt = new int[nA * nT][];
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
                LinksAt[a * nT + t] = Enumerable.Range(0, model.LinkIds.Length).Where(l => model.LinkActor[l] == a && model.LinkTo[l] == t).ToArray();
        OblOfAllyCell = new int[nA * nT][];
        var byAlly = Enumerable.Range(0, model.OblAlly.Length).ToLookup(o => model.OblAlly[o] * nT + model.OblTheater[o]);
        for (var i = 0; i < nA * nT; i++) OblOfAllyCell[i] = byAlly[i].ToArray();
        ReplyP = new double[nA * nT * nL * Simulator.ActionCount];
        ReplyStamp = new int[nA * nT * nL];
        CredibilityLogit = new double[model.OblAlly.Length];
        AbandonmentTerm = new double[model.OblAlly.Length];
        EntryK = new double[nA * nT * Sides]; EntrySi = new double[nA * nT * Sides]; EntryRisk = new double[nA * nT * Sides]; EntryTrade = new double[nA * nT * Sides];
        EntryStamp = new int[nA * nT * Sides];
        CrossChannelOf = new double[nT]; CrossChannelStamp = new int[nT];
        TheaterRoles = new int[nT]; TermsStamp = new int[nT]; MembersStamp = new int[nT]; SupportHelperStamp = new int[nT]; OblEligibleAtStamp = new int[nT];
        foreach (var stamps in new[] { TermsStamp, MembersStamp, SupportHelperStamp, OblEligibleAtStamp, CrossChannelStamp, EntryStamp }) Array.Fill(stamps, -1); // nothing is valid before a run's start
        OblEligible = new int[model.OblAlly.Length];
        OblEligibleAt = new int[nT][];
        for (var t = 0; t < nT; t++) OblEligibleAt[t] = new int[model.OblByTheater[t].Length];
        OblEligibleAtCount = new int[nT];
        ThreatSpan = model.Ladder.Top + model.Ladder.Top + 1; // level changes −top … top
        ThreatRow = new double[nA * ThreatSpan];
        ThreatRowPhi = new long[nA];
        SpiralStartForce = new double[model.SpiralIds.Length * Sides];
    }

    /// <summary>Marks every theater's roles as changed (a run's start, a full <c>Prepare</c>): every role-keyed cache is invalid, and the local forces are filled again.</summary>
    internal void RolesChanged()
    {
        NextRolesStamp();
        Array.Fill(TheaterRoles, RolesStamp);
        ForcesStale = true;
    }

    /// <summary>Marks the roles of the theaters of <paramref name="cells"/> (a * nT + t) as changed (a step's entries): their role-keyed caches are invalid.</summary>
    internal void RolesChangedIn(ReadOnlySpan<int> cells)
    {
        NextRolesStamp();
        foreach (var i in cells) TheaterRoles[i % NT] = RolesStamp;
    }

    private void NextRolesStamp()
    {
        if (++RolesStamp != int.MaxValue) return;
        // the stamps start again: every cache stamp is cleared and every theater marked changed, so nothing is taken as valid
        Array.Clear(EntryStamp); Array.Clear(CrossChannelStamp); Array.Clear(TermsStamp); Array.Clear(MembersStamp);
        Array.Clear(SupportHelperStamp); Array.Clear(OblEligibleAtStamp);
        RolesStamp = 1;
        Array.Fill(TheaterRoles, RolesStamp);
    }

    private static RandomStream[] Streams(int n)
    {
        var x = new RandomStream[n];
        for (var i = 0; i < n; i++) x[i] = new RandomStream(0);
        return x;
    }

    /// <summary>The value of an actor's parameter in this run.</summary>
    public double Actor(int a, ParameterInfo p) => P[Model.A(a, p)];
    /// <summary>The value of a global parameter in this run.</summary>
    public double Global(ParameterInfo p) => P[Model.G(p)];
    /// <summary>True when actor <paramref name="a"/> is fighting in theater <paramref name="t"/>.</summary>
    public bool IsPrincipal(int a, int t) => Role[a * Model.TheaterCount + t] == 1;
    /// <summary>Actor <paramref name="a"/>'s side in theater <paramref name="t"/> (0 A, 1 B), whatever its role.</summary>
    public int SideIndex(int a, int t) => Side[a * Model.TheaterCount + t];
}
