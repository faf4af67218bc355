using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>
/// The mutable state of one run: levels, crossed thresholds, who fights where, force shares, what has happened.
/// One instance per worker, reset at the start of each run, so the hot path does not allocate.
/// </summary>
public sealed class RunState
{
    public CompiledModel Model { get; }
    internal readonly Sampler Sampler;

    /// <summary>This run's parameter vector (one value per slot of <see cref="CompiledModel.ParameterPaths"/>).</summary>
    public readonly double[] P;
    /// <summary>The number of steps taken.</summary>
    public int StepIndex;

    public readonly int[] Level, StartLevel, MaxReached, Crossed, LastEscalatorSide;
    internal readonly byte[] Role, Side;
    public readonly double[] Share, ShareStart;
    internal readonly double[] LocalForce, BaseShareScratch;
    internal readonly int[] Entered;          // t*2+side: states that entered on that side since the start
    internal readonly double[] SideForce;     // t*2+side: with supporters' help and expected allied help
    internal readonly double[] PrincipalForce, PrincipalForceStart;
    internal readonly bool[] NuclearSide;
    internal readonly double[] InterventionPressure, ResolveAdd, ForcesAdd, TensionCarry;
    internal readonly double[] LinkPressure;
    internal readonly double[] HelpScratch;
    internal readonly int[][] Members;        // t*2+side: principals (actor indices, ascending)
    internal readonly int[] MemberCount;
    internal readonly double[] GainI, CostI, GainJ, CostJ, RespCost;
    internal readonly bool[] RespDone;

    // outcomes
    public readonly bool[] ObligationTriggered, ObligationHonoured, ObligationDecided;
    public readonly bool[] Intervened;   // a*nT+t
    public readonly bool[] LinkFired, Normalised, EventFired;
    public readonly bool[] StartedAtWar;
    public int FirstWarStep, TwoCrisisStep;

    /// <summary>When not null, every decision and event is written here (replay); null in Monte Carlo runs.</summary>
    public List<TraceEntry>? Trace;

    public RunState(CompiledModel model)
    {
        Model = model;
        int nA = model.ActorCount, nT = model.TheaterCount, nL = model.Ladder.Levels.Count;
        Sampler = new Sampler(model.Specs);
        P = new double[model.SlotCount];
        Level = new int[nT]; StartLevel = new int[nT]; MaxReached = new int[nT]; Crossed = new int[nT]; LastEscalatorSide = new int[nT];
        Role = new byte[nA * nT]; Side = new byte[nA * nT];
        Share = new double[nA * nT]; ShareStart = new double[nA * nT]; LocalForce = new double[nA * nT]; BaseShareScratch = new double[nT];
        Entered = new int[nT * 2]; SideForce = new double[nT * 2]; PrincipalForce = new double[nT * 2]; PrincipalForceStart = new double[nT * 2];
        NuclearSide = new bool[nT * 2];
        InterventionPressure = new double[nT]; TensionCarry = new double[nT]; ResolveAdd = new double[nA]; ForcesAdd = new double[nA];
        LinkPressure = new double[model.LinkIds.Length];
        HelpScratch = new double[nA];
        Members = new int[nT * 2][];
        for (var i = 0; i < Members.Length; i++) Members[i] = new int[nA];
        MemberCount = new int[nT * 2];
        GainI = new double[nL]; CostI = new double[nL]; GainJ = new double[nL]; CostJ = new double[nL]; RespCost = new double[nL]; RespDone = new bool[nL];
        ObligationTriggered = new bool[model.OblAlly.Length]; ObligationHonoured = new bool[model.OblAlly.Length]; ObligationDecided = new bool[model.OblAlly.Length];
        Intervened = new bool[nA * nT];
        LinkFired = new bool[model.LinkIds.Length]; Normalised = new bool[model.NormIds.Length]; EventFired = new bool[model.EventIds.Length];
        StartedAtWar = new bool[nT];
    }

    /// <summary>The value of an actor's parameter in this run.</summary>
    public double Actor(int a, ActorParam p) => P[Model.A(a, p)];
    /// <summary>The value of a global parameter in this run.</summary>
    public double Global(GlobalParam p) => P[Model.G(p)];
    /// <summary>True when actor <paramref name="a"/> is fighting in theater <paramref name="t"/>.</summary>
    public bool IsPrincipal(int a, int t) => Role[a * Model.TheaterCount + t] == 1;
}
