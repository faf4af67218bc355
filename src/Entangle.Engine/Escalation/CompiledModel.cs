using System.Globalization;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Randomness;
using Cat = Entangle.Domain.Escalation.ParameterCatalog;

namespace Entangle.Engine.Escalation;

/// <summary>What an event's effect changes.</summary>
public enum EffectKind { Tension, Level, InterventionPressure, Resolve, Forces }

/// <summary>An event's effect, resolved to indices.</summary>
public readonly record struct CompiledEffect(EffectKind Kind, int Target, double Value);

/// <summary>
/// A scenario's escalation model precompiled into arrays indexed by actor and theater ints, with every number the
/// dynamics read in one slot of a parameter vector (point values or distributions drawn per run). Slot offsets
/// come from <see cref="ParameterCatalog"/>'s lists. Built once per scenario; read-only afterwards and shared by
/// all threads. Actors are in ordinal ISO3 order and theaters in ordinal id order, so nothing depends on the order
/// of the file.
/// </summary>
public sealed class CompiledModel
{
    public Ladder Ladder { get; }
    public Scenario Scenario { get; }
    public EscalationModel Model { get; }
    /// <summary>Actors in ordinal ISO3 order.</summary>
    public StateId[] Actors { get; }
    /// <summary>Theater ids in ordinal order.</summary>
    public string[] Theaters { get; }
    public int Steps { get; }
    public StepUnit StepUnit { get; }
    public DateOnly Start { get; }
    public int CrisisLevel { get; }
    /// <summary>Problems that do not stop a run (effects the engine does not read, unknown targets).</summary>
    public IReadOnlyList<string> Warnings { get; }

    // parameter slots
    internal Estimate[] Specs;
    internal readonly string[] SlotPath;
    internal readonly ulong[] SlotKey; // FNV-1a of the path: the stream key of a drawn parameter
    internal readonly Dictionary<string, int> SlotOf = new(StringComparer.Ordinal);
    internal readonly int GlobalBase, LadderBase, ThresholdBase;
    internal readonly int[] ActorBase; // slot of the first actor parameter of actor a

    // actors
    internal readonly bool[] Nuclear;

    // actor x theater (index a * nT + t)
    /// <summary>Role codes in <see cref="Role0"/>: none, principal, supporter (an enumeration, not a model number).</summary>
    internal const byte None = 0, Principal = 1, Supporter = 2;
    internal readonly byte[] Role0;
    internal readonly byte[] Side0;      // 0 A, 1 B
    internal readonly bool[] MayIntervene;
    internal readonly int[] StakeSlot;   // -1: no stake (0)
    internal readonly int[] ShareSlot;   // -1: no deployment
    internal readonly int[] HelpSlot;    // -1: no help
    internal readonly bool[] HasDeployments;
    internal readonly double[] DefaultShare; // for actors without deployments
    internal readonly ulong[] DecisionKey, InterventionKey;

    // pairs (a * nA + b)
    internal readonly int[] TradeSlot, ChannelSlot;
    /// <summary>Per actor, the actors it has a channel with (ascending) and the channel's slot.</summary>
    internal readonly int[][] ChannelPartner, ChannelPartnerSlot;
    /// <summary>Per theater, the obligations that bind there (ascending).</summary>
    internal readonly int[][] OblByTheater;

    // theaters
    internal readonly int[] StartSlot, MaxLevel;
    internal readonly ulong[] SlipKey, SettleKey;

    // links
    internal readonly string[] LinkIds;
    internal readonly int[] LinkActor, LinkBeneficiary, LinkFrom, LinkTo, LinkWeightSlot;

    // normalisations
    internal readonly string[] NormIds;
    internal readonly int[] NormBaseSlot, NormSensSlot, NormPivotSlot, NormPivotActor;
    internal readonly int[][] NormTheaters;
    internal readonly ulong[] NormKey;

    // obligations
    internal readonly ObligationRow[] ObligationRows;
    internal readonly int[] OblAlly, OblPartner, OblTheater, OblTrigger, OblFromStep, OblToStep, OblTreaty, OblStrengthSlot;
    internal readonly double[] OblCredibility; // NaN: the clause gives none (global.default_credibility)
    internal readonly bool[] OblExcludesProvoked, OblSomeReadings;
    internal readonly ulong[] OblKey;
    /// <summary>Treaty ids that carry at least one obligation, in ordinal order.</summary>
    public string[] ObligationTreaties { get; }

    // treaty flows and arms spirals (Mechanisms.cs; docs/model.md §11–12)
    internal readonly string[] FlowIds, FlowTreaty;
    internal readonly FlowKind[] FlowKinds;
    internal readonly int[] FlowBy, FlowTo, FlowTheater, FlowHazardSlot, FlowAmountSlot;
    internal readonly ulong[] FlowKey;
    internal readonly string[] SpiralIds;
    internal readonly int[] SpiralA, SpiralB;
    internal readonly int[][] SpiralTheaters;
    // fault lines (Mechanisms.cs; docs/model.md §13)
    internal readonly string[] FaultLineIds;
    internal readonly int[] FaultPatron, FaultLimiter, FaultClient, FaultTheater, FaultRestraintSlot;
    /// <summary>Per flow, the fault line that bounds it (its author is the line's patron, its recipient the client, in the line's theater), or -1.</summary>
    internal readonly int[] FlowFaultLine;
    /// <summary>Per obligation row, the fault line that bounds its honouring (the ally is the patron, the partner the client, in the line's theater), or -1.</summary>
    internal readonly int[] OblFaultLine;
    // economies (Mechanisms.cs; docs/model.md §14): per economy its actor and elasticity slot; per channel its economy,
    // relation, event, treaty, starting share (a trade relation's value over the actor's recorded trade that year),
    // first step (of the relation's or event's date, at least 0) and parameter slots (-1: not given, 0)
    internal readonly int[] EconActor, EconElasticitySlot;
    internal readonly string[] ChannelIds, ChannelRelation;
    internal readonly string?[] ChannelEvent, ChannelTreaty;
    internal readonly int[] ChannelEconomy, ChannelFirstStep, ChannelGrowthSlot, ChannelInflowSlot, ChannelDelaySlot;
    internal readonly double[] ChannelShare;
    /// <summary>Per actor, its economy or -1.</summary>
    internal readonly int[] EconomyOf;
    /// <summary>Treaties whose obligations bind from an expected date of entry into force (a judgement), with it.</summary>
    public IReadOnlyList<TreatyExpectation> ExpectedInForce { get; }

    // events
    internal readonly string[] EventIds;
    internal readonly int[] EventStep; // -1: any step (shock)
    internal readonly int[] EventProbSlot; // -1: certain
    internal readonly int[] EventAuthor; // -1: no author
    internal readonly CompiledEffect[][] EventEffects;
    internal readonly ulong[] EventKey;

    public int ActorCount => Actors.Length;
    public int TheaterCount => Theaters.Length;
    public int SlotCount => Specs.Length;
    public IReadOnlyList<string> LinkIdList => LinkIds;
    public IReadOnlyList<string> NormalisationIds => NormIds;
    public IReadOnlyList<ObligationRow> Obligations => ObligationRows;
    public IReadOnlyList<string> Events => EventIds;
    /// <summary>The treaty flows in the model (those whose treaty is in the scenario), in id order.</summary>
    public IReadOnlyList<string> FlowIdList => FlowIds;
    /// <summary>The theaters a normalisation reads and its pivot actor (-1: none).</summary>
    public (IReadOnlyList<int> Theaters, int PivotActor) NormalisationInputs(int n) => (NormTheaters[n], NormPivotActor[n]);
    /// <summary>The theater a link ends in.</summary>
    public int LinkTarget(int l) => LinkTo[l];
    /// <summary>What flow <paramref name="f"/> carries.</summary>
    public FlowKind FlowKindOf(int f) => FlowKinds[f];
    /// <summary>The arms spirals, in id order.</summary>
    public IReadOnlyList<string> SpiralIdList => SpiralIds;
    /// <summary>The fault lines, in id order.</summary>
    public IReadOnlyList<string> FaultLineIdList => FaultLineIds;
    /// <summary>Fault line <paramref name="l"/>'s patron, limiter, client and theater (indices).</summary>
    public (int Patron, int Limiter, int Client, int Theater) FaultLineOf(int l) => (FaultPatron[l], FaultLimiter[l], FaultClient[l], FaultTheater[l]);
    /// <summary>The economic channels in the model (those whose treaty, if any, is in the scenario), in id order.</summary>
    public IReadOnlyList<string> ChannelIdList => ChannelIds;
    /// <summary>The actors with an economy, as indices, in ISO3 order.</summary>
    public IReadOnlyList<int> EconomyActors => EconActor;
    /// <summary>Channel <paramref name="c"/>'s actor (index), relation, event, treaty and starting share.</summary>
    public (int Actor, string Relation, string? Event, string? Treaty, double Share) ChannelOf(int c) =>
        (EconActor[ChannelEconomy[c]], ChannelRelation[c], ChannelEvent[c], ChannelTreaty[c], ChannelShare[c]);
    /// <summary>Every parameter path that can be overridden, in slot order.</summary>
    public IReadOnlyList<string> ParameterPaths => SlotPath;
    /// <summary>The author of event <paramref name="e"/> as an actor index, or -1.</summary>
    public int EventAuthorOf(int e) => EventAuthor[e];
    /// <summary>The effects of event <paramref name="e"/>.</summary>
    public IReadOnlyList<CompiledEffect> EffectsOf(int e) => EventEffects[e];

    /// <summary>The index of an actor, or -1.</summary>
    public int ActorIndex(StateId s) => Array.IndexOf(Actors, s);
    /// <summary>A theater's starting level (the mean of its estimate, rounded).</summary>
    public int StartLevel(string theater) => (int)Math.Round(Specs[StartSlot[TheaterIndex(theater)]].Mean, MidpointRounding.AwayFromZero);
    /// <summary>The index of a theater, or -1.</summary>
    public int TheaterIndex(string id) => Array.IndexOf(Theaters, id);
    /// <summary>The role an actor starts with in a theater: none, principal or supporter.</summary>
    public string Role(int a, int t) => Role0[a * Theaters.Length + t] switch { Principal => "principal", Supporter => "supporter", _ => "none" };
    /// <summary>The side an actor starts on in a theater.</summary>
    public Side SideOf(int a, int t) => Side0[a * Theaters.Length + t] == 0 ? Side.A : Side.B;
    /// <summary>True when the actor has a deployment or a role in the theater.</summary>
    public bool Present(int a, int t) => Role0[a * Theaters.Length + t] != 0 || ShareSlot[a * Theaters.Length + t] >= 0;
    /// <summary>True when the actor is a supporter that may intervene of its own accord in the theater.</summary>
    public bool MayInterveneAt(int a, int t) => MayIntervene[a * Theaters.Length + t];
    /// <summary>True when the actor has an explicit deployment in the theater (its share is tracked).</summary>
    public bool HasDeploymentIn(int a, int t) => HasDeployments[a] && ShareSlot[a * Theaters.Length + t] >= 0;
    /// <summary>True when the actor holds nuclear weapons.</summary>
    public bool IsNuclear(int a) => Nuclear[a];
    /// <summary>The estimate in a parameter slot.</summary>
    public Estimate Spec(string path) => Specs[SlotOf[path]];
    /// <summary>The estimate in slot <paramref name="slot"/>.</summary>
    public Estimate SpecAt(int slot) => Specs[slot];
    /// <summary>The catalog entry behind a slot, or null (stakes, shares, help, link weights, event probabilities, start levels).</summary>
    public ParameterInfo? InfoAt(int slot) => Cat.ForPath(SlotPath[slot]);

    internal int G(ParameterInfo p) => GlobalBase + p.Index;
    internal int A(int a, ParameterInfo p) => ActorBase[a] + p.Index;
    internal int L(int level, ParameterInfo column) => LadderBase + level * Cat.Ladder.List.All.Count + column.Index;
    internal int Th(int threshold) => ThresholdBase + threshold;

    /// <summary>Compiles a scenario's escalation model. Throws <see cref="InputException"/> on inconsistencies.</summary>
    /// <remarks>By default the obligations table comes from the obligations engine (<see cref="ObligationEngineSource"/>).</remarks>
    public static CompiledModel Compile(Scenario scenario, EscalationModel model, IObligationSource? obligations = null, Ladder? ladder = null)
    {
        var start = model.Settings.Start ?? scenario.Info.AsOf;
        var end = model.Settings.Step == StepUnit.Week ? start.AddDays(DaysPerWeek * model.Settings.Steps) : start.AddMonths(model.Settings.Steps);
        return new(scenario, model, obligations ?? new ObligationEngineSource(model, start, end), ladder ?? Ladder.Default);
    }

    private CompiledModel(Scenario scenario, EscalationModel model, IObligationSource obligations, Ladder ladder)
    {
        Ladder = ladder; Scenario = scenario; Model = model;
        var errors = new List<Diagnostic>();
        var warnings = new List<string>();
        void Err(string m) => errors.Add(new Diagnostic(null, null, null, "escalation: " + m));

        Steps = model.Settings.Steps; StepUnit = model.Settings.Step;
        Start = model.Settings.Start ?? scenario.Info.AsOf;
        CrisisLevel = model.Settings.CrisisLevel;
        if (CrisisLevel < 1 || CrisisLevel > ladder.Top) Err($"crisis_level {CrisisLevel} must lie in 1..{ladder.Top}");

        // actors: every state named anywhere in the escalation section
        var actorSet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in model.Actors) actorSet.Add(a.State.Iso3);
        foreach (var t in model.Theaters)
        {
            foreach (var s in t.SideA) actorSet.Add(s.Iso3);
            foreach (var s in t.SideB) actorSet.Add(s.Iso3);
            foreach (var s in t.Supporters) actorSet.Add(s.State.Iso3);
        }
        Actors = actorSet.Select(s => new StateId(s)).ToArray();
        Theaters = model.Theaters.Select(t => t.Theater).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        int nA = Actors.Length, nT = Theaters.Length;
        if (Theaters.Distinct(StringComparer.Ordinal).Count() != nT) Err("a theater is listed twice");
        foreach (var t in Theaters)
            if (scenario.Theater(t) is null) Err($"theater '{t}' is not defined in the scenario's theaters{Suggest.DidYouMean(t, scenario.Theaters.Select(x => x.Id))}");
        foreach (var a in Actors)
            if (scenario.State(a) is null) Err($"state '{a}' is not defined in the scenario's states{Suggest.DidYouMean(a.Iso3, scenario.States.Select(x => x.Id.Iso3))}");

        var specs = new List<Estimate>();
        var paths = new List<string>();
        int Slot(string path, Estimate e)
        {
            if (!SlotOf.TryAdd(path, specs.Count)) { Err($"parameter {path} is given twice"); return SlotOf[path]; }
            specs.Add(e); paths.Add(path); return specs.Count - 1;
        }

        GlobalBase = specs.Count;
        foreach (var p in Cat.Global.List.All)
            Slot($"global.{p.Name}", model.Globals.TryGetValue(p.Name, out var e) ? e : p.DefaultEstimate);
        foreach (var k in model.Globals.Keys)
            if (Cat.Global.List.Find(k) is null)
                Err($"unknown global parameter '{k}'{Suggest.DidYouMean(k, Cat.Global.List.All.Select(x => x.Name))}");

        // the ladder's columns and the thresholds' premiums, with the ladder file's values as judged defaults
        LadderBase = specs.Count;
        foreach (var lv in ladder.Levels)
            foreach (var col in Cat.Ladder.List.All)
            {
                var v = col == Cat.Ladder.Cost ? lv.Cost : col == Cat.Ladder.Gain ? lv.Gain : col == Cat.Ladder.Risk ? lv.CatastropheRisk : lv.TradeAtRisk;
                Slot($"ladder.{lv.Id}.{col.Name}", Estimate.Judged(v, $"ladder.json, level {lv.Level} '{lv.Name}': {ladder.Basis}"));
            }
        ThresholdBase = specs.Count;
        foreach (var th in ladder.Thresholds)
            Slot($"threshold.{th.Id}.premium", Estimate.Judged(th.Premium, $"ladder.json, threshold '{th.Name}' (between levels {th.BelowLevel} and {th.AboveLevel}): {ladder.PremiumBasis}"));

        Nuclear = new bool[nA];
        ActorBase = new int[nA];
        var byState = new Dictionary<StateId, EscalationActor>();
        foreach (var ea in model.Actors)
            if (!byState.TryAdd(ea.State, ea)) Err($"actor {ea.State} is listed twice");
        for (var a = 0; a < nA; a++)
        {
            var st = scenario.State(Actors[a]);
            Nuclear[a] = st?.IsNuclear() ?? false;
            byState.TryGetValue(Actors[a], out var ea);
            ActorBase[a] = specs.Count;
            foreach (var p in Cat.Actor.List.All)
            {
                Estimate e;
                if (ea is not null && ea.Parameters.TryGetValue(p.Name, out var given)) e = given;
                else if (p == Cat.Actor.Forces && st?.Figure(FigureNames.MilexUsd) is { } milex)
                    e = new Estimate.Point(milex.Value / UsdPerBillion, Provenance.Source($"military expenditure {milex.Year}, US$ bn: {milex.Basis.Text}"));
                else e = p.DefaultEstimate;
                Slot($"actor.{Actors[a]}.{p.Name}", e);
            }
            if (ea is not null)
                foreach (var k in ea.Parameters.Keys)
                    if (Cat.Actor.List.Find(k) is null)
                        Err($"actor {Actors[a]}: unknown parameter '{k}'{Suggest.DidYouMean(k, Cat.Actor.List.All.Select(x => x.Name))}");
        }

        Role0 = new byte[nA * nT]; Side0 = new byte[nA * nT]; MayIntervene = new bool[nA * nT];
        StakeSlot = Fill(nA * nT); ShareSlot = Fill(nA * nT); HelpSlot = Fill(nA * nT);
        HasDeployments = new bool[nA]; DefaultShare = new double[nA * nT];
        StartSlot = new int[nT]; MaxLevel = new int[nT];
        var byTheater = new Dictionary<string, EscalationTheater>(StringComparer.Ordinal);
        foreach (var et in model.Theaters) byTheater.TryAdd(et.Theater, et);
        for (var t = 0; t < nT; t++)
        {
            var et = byTheater[Theaters[t]];
            var th = scenario.Theater(Theaters[t]);
            StartSlot[t] = Slot($"theater.{Theaters[t]}.start_level", et.StartLevel);
            MaxLevel[t] = Math.Min(et.MaxLevel ?? ladder.Top, ladder.Top);
            void Principal(StateId s, int side)
            {
                var i = Array.IndexOf(Actors, s) * nT + t;
                if (Role0[i] != 0) Err($"theater '{Theaters[t]}': {s} is listed twice");
                Role0[i] = 1; Side0[i] = (byte)side;
            }
            foreach (var s in et.SideA) Principal(s, 0);
            foreach (var s in et.SideB) Principal(s, 1);
            if (et.SideA.Count == 0 || et.SideB.Count == 0) Err($"theater '{Theaters[t]}' needs at least one principal on each side");
            foreach (var sp in et.Supporters)
            {
                var i = Array.IndexOf(Actors, sp.State) * nT + t;
                if (Role0[i] != 0) { Err($"theater '{Theaters[t]}': {sp.State} is listed twice"); continue; }
                Role0[i] = Supporter; Side0[i] = (byte)(sp.Side == Side.A ? 0 : 1); MayIntervene[i] = sp.MayIntervene;
                HelpSlot[i] = Slot($"help.{sp.State}.{Theaters[t]}", sp.Help);
            }
            // stakes: the theater's stakeholders, overridden by the escalation section
            var stakes = new SortedDictionary<string, Estimate>(StringComparer.Ordinal);
            foreach (var sh in th?.Stakeholders ?? []) stakes[sh.State.Iso3] = Estimate.From(sh.Stake);
            foreach (var (s, e) in et.Stakes) stakes[s.Iso3] = e;
            foreach (var (s, e) in stakes)
            {
                var a = Array.IndexOf(Actors, new StateId(s));
                if (a < 0) continue; // a stakeholder with no role in the escalation model
                StakeSlot[a * nT + t] = Slot($"stake.{s}.{Theaters[t]}", e);
            }
            for (var a = 0; a < nA; a++)
                if (Role0[a * nT + t] != 0 && StakeSlot[a * nT + t] < 0)
                    warnings.Add($"{Actors[a]} has a role in '{Theaters[t]}' but no stake there; its stake is 0");
        }
        foreach (var ea in byState.Values.OrderBy(x => x.State.Iso3, StringComparer.Ordinal))
        {
            var a = Array.IndexOf(Actors, ea.State);
            HasDeployments[a] = ea.Deployments.Count > 0;
            double total = 0;
            foreach (var d in ea.Deployments)
            {
                var t = Array.IndexOf(Theaters, d.Theater);
                if (t < 0) { Err($"actor {ea.State}: deployment in unknown theater '{d.Theater}'{Suggest.DidYouMean(d.Theater, Theaters)}"); continue; }
                ShareSlot[a * nT + t] = Slot($"share.{ea.State}.{d.Theater}", d.Share);
                total += d.Share.Range.Hi;
            }
            if (total > 1 + ShareTolerance) Err($"actor {ea.State}: deployment shares can add up to {total.ToString("0.###", CultureInfo.InvariantCulture)}; they must not exceed 1");
        }
        for (var a = 0; a < nA; a++)
        {
            if (HasDeployments[a]) continue;
            var n = 0;
            for (var t = 0; t < nT; t++) if (Role0[a * nT + t] != 0) n++;
            for (var t = 0; t < nT; t++) if (Role0[a * nT + t] != 0) DefaultShare[a * nT + t] = 1.0 / n;
        }

        TradeSlot = Fill(nA * nA); ChannelSlot = Fill(nA * nA);
        foreach (var p in model.Pairs)
        {
            int a = Array.IndexOf(Actors, p.A), b = Array.IndexOf(Actors, p.B);
            if (a < 0 || b < 0) { warnings.Add($"pair {p.A}–{p.B}: a state has no role in the escalation model; ignored"); continue; }
            var key = string.CompareOrdinal(p.A.Iso3, p.B.Iso3) < 0 ? $"{p.A}-{p.B}" : $"{p.B}-{p.A}";
            if (p.TradeDependence is { } td) { var s = Slot($"pair.{key}.{Cat.Pair.TradeDependence.Name}", td); TradeSlot[a * nA + b] = s; TradeSlot[b * nA + a] = s; }
            if (p.Channel is { } ch) { var s = Slot($"pair.{key}.{Cat.Pair.Channel.Name}", ch); ChannelSlot[a * nA + b] = s; ChannelSlot[b * nA + a] = s; }
        }

        ChannelPartner = new int[nA][]; ChannelPartnerSlot = new int[nA][];
        for (var a = 0; a < nA; a++)
        {
            var bs = Enumerable.Range(0, nA).Where(b => ChannelSlot[a * nA + b] >= 0).ToArray();
            ChannelPartner[a] = bs; ChannelPartnerSlot[a] = bs.Select(b => ChannelSlot[a * nA + b]).ToArray();
        }

        // obligations
        // a signed treaty the scenario expects to enter into force binds in the model from the expected date (a judgement);
        // the scenario itself, and so the obligations engine's legal answer, is unchanged
        ExpectedInForce = model.Mechanisms.Expectations.Where(x => scenario.Treaty(x.Treaty) is { InForce: null }).OrderBy(x => x.Treaty, StringComparer.Ordinal).ToArray();
        var expected = ExpectedInForce.Count == 0 ? scenario : scenario with
        {
            Treaties = scenario.Treaties.Select(t => ExpectedInForce.FirstOrDefault(x => x.Treaty == t.Id) is { } x ? t with { InForce = x.InForce } : t).ToList(),
        };
        var rows = obligations.Obligations(expected, ladder)
            .Where(r => Array.IndexOf(Actors, r.Ally) >= 0 && Array.IndexOf(Actors, r.Partner) >= 0 && Array.IndexOf(Theaters, r.Theater) >= 0)
            .Where(r => r.Span.To is null || r.Span.To >= Start)
            .OrderBy(r => r.Treaty, StringComparer.Ordinal).ThenBy(r => r.Theater, StringComparer.Ordinal).ThenBy(r => r.Ally.Iso3, StringComparer.Ordinal)
            .ThenBy(r => r.Partner.Iso3, StringComparer.Ordinal).ThenBy(r => r.Article, StringComparer.Ordinal)
            .ToArray();
        ObligationRows = rows;
        ObligationTreaties = rows.Select(r => r.Treaty).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
        var nO = rows.Length;
        OblAlly = new int[nO]; OblPartner = new int[nO]; OblTheater = new int[nO]; OblTrigger = new int[nO];
        OblFromStep = new int[nO]; OblToStep = new int[nO]; OblTreaty = new int[nO]; OblStrengthSlot = new int[nO];
        OblCredibility = new double[nO]; OblExcludesProvoked = new bool[nO]; OblSomeReadings = new bool[nO]; OblKey = new ulong[nO];
        for (var o = 0; o < nO; o++)
        {
            var r = rows[o];
            OblAlly[o] = Array.IndexOf(Actors, r.Ally); OblPartner[o] = Array.IndexOf(Actors, r.Partner);
            OblTheater[o] = Array.IndexOf(Theaters, r.Theater); OblTrigger[o] = Math.Clamp(r.TriggerLevel, 1, ladder.Top);
            OblFromStep[o] = r.Span.From is { } f ? Math.Max(0, StepOf(f)) : 0;
            OblToStep[o] = r.Span.To is { } to ? StepOf(to) : int.MaxValue;
            OblTreaty[o] = Array.IndexOf(ObligationTreaties, r.Treaty);
            OblStrengthSlot[o] = G(r.Strength switch
            {
                ClauseStrength.Automatic => Cat.Global.StrengthAutomatic,
                ClauseStrength.Conditional => Cat.Global.StrengthConditional,
                _ => Cat.Global.StrengthConsultation,
            });
            OblCredibility[o] = r.Credibility?.Value ?? double.NaN;
            OblExcludesProvoked[o] = r.ExcludesProvoked;
            OblSomeReadings[o] = r.Reading != "all";
            OblKey[o] = Seed.Fnv1a64($"obligation:{r.Treaty}:{r.Article}:{r.Ally}:{r.Partner}:{r.Theater}");
        }

        OblByTheater = Enumerable.Range(0, nT).Select(t => Enumerable.Range(0, nO).Where(o => OblTheater[o] == t).ToArray()).ToArray();

        // horizontal links (a link resting on a treaty that is not in the scenario is dropped)
        var links = model.Links.Where(l => l.Treaty is null || scenario.Treaty(l.Treaty) is not null).OrderBy(l => l.Id, StringComparer.Ordinal).ToArray();
        LinkIds = links.Select(l => l.Id).ToArray();
        LinkActor = new int[links.Length]; LinkBeneficiary = new int[links.Length]; LinkFrom = new int[links.Length];
        LinkTo = new int[links.Length]; LinkWeightSlot = new int[links.Length];
        for (var i = 0; i < links.Length; i++)
        {
            var l = links[i];
            LinkActor[i] = Array.IndexOf(Actors, l.Actor); LinkBeneficiary[i] = Array.IndexOf(Actors, l.Beneficiary);
            LinkFrom[i] = Array.IndexOf(Theaters, l.FromTheater); LinkTo[i] = Array.IndexOf(Theaters, l.ToTheater);
            if (LinkActor[i] < 0 || LinkBeneficiary[i] < 0 || LinkFrom[i] < 0 || LinkTo[i] < 0)
                Err($"link '{l.Id}' names an actor or theater that is not in the escalation model");
            else if (Role0[LinkActor[i] * nT + LinkTo[i]] != 1)
                Err($"link '{l.Id}': {l.Actor} must be a principal in '{l.ToTheater}' to escalate there");
            LinkWeightSlot[i] = Slot($"link.{l.Id}.weight", l.Weight);
        }

        // treaty flows: present only while the treaty that enables them is in the scenario
        var flows = model.Mechanisms.Flows.Where(f => scenario.Treaty(f.Treaty) is not null).OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        FlowIds = flows.Select(f => f.Id).ToArray(); FlowTreaty = flows.Select(f => f.Treaty).ToArray(); FlowKinds = flows.Select(f => f.Kind).ToArray();
        FlowBy = flows.Select(f => Array.IndexOf(Actors, f.By)).ToArray(); FlowTo = flows.Select(f => Array.IndexOf(Actors, f.To)).ToArray();
        FlowTheater = flows.Select(f => Array.IndexOf(Theaters, f.Theater)).ToArray();
        FlowHazardSlot = new int[flows.Length]; FlowAmountSlot = new int[flows.Length];
        for (var i = 0; i < flows.Length; i++)
        {
            var f = flows[i];
            if (FlowBy[i] < 0 || FlowTo[i] < 0 || FlowTheater[i] < 0) Err($"flow '{f.Id}' names a state or theater that is not in the escalation model");
            else if (Role0[FlowTo[i] * nT + FlowTheater[i]] == 0) Err($"flow '{f.Id}': {f.To} has no role in '{f.Theater}', so capability there reaches nothing; make it a principal or supporter there");
            FlowHazardSlot[i] = Slot($"flow.{f.Id}.{Cat.Flow.Hazard.Name}", f.Hazard);
            FlowAmountSlot[i] = Slot($"flow.{f.Id}.{Cat.Flow.Amount.Name}", f.Amount);
        }
        FlowKey = FlowIds.Select(id => Seed.Fnv1a64("flow:" + id)).ToArray();

        // arms spirals
        var spirals = model.Mechanisms.Spirals.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        SpiralIds = spirals.Select(x => x.Id).ToArray();
        SpiralA = spirals.Select(x => Array.IndexOf(Actors, x.A)).ToArray(); SpiralB = spirals.Select(x => Array.IndexOf(Actors, x.B)).ToArray();
        SpiralTheaters = spirals.Select(x => x.Theaters.Select(t => Array.IndexOf(Theaters, t)).OrderBy(t => t).ToArray()).ToArray();
        for (var i = 0; i < spirals.Length; i++)
            if (SpiralA[i] < 0 || SpiralB[i] < 0 || SpiralA[i] == SpiralB[i] || SpiralTheaters[i].Any(t => t < 0))
                Err($"spiral '{spirals[i].Id}' must name two different states and theaters of the escalation model");

        // fault lines: the patron's flows to the client and its obligations to the client in the theater are bounded
        var lines = model.Mechanisms.Lines.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        FaultLineIds = lines.Select(x => x.Id).ToArray();
        FaultPatron = lines.Select(x => Array.IndexOf(Actors, x.Patron)).ToArray(); FaultLimiter = lines.Select(x => Array.IndexOf(Actors, x.Limiter)).ToArray();
        FaultClient = lines.Select(x => Array.IndexOf(Actors, x.Client)).ToArray(); FaultTheater = lines.Select(x => Array.IndexOf(Theaters, x.Theater)).ToArray();
        FaultRestraintSlot = new int[lines.Length];
        FlowFaultLine = Fill(FlowIds.Length); OblFaultLine = Fill(nO);
        for (var i = 0; i < lines.Length; i++)
        {
            if (FaultPatron[i] < 0 || FaultLimiter[i] < 0 || FaultClient[i] < 0 || FaultTheater[i] < 0)
                Err($"fault line '{lines[i].Id}' must name states and a theater of the escalation model");
            else if (Role0[FaultClient[i] * nT + FaultTheater[i]] != Principal)
                Err($"fault line '{lines[i].Id}': the client {lines[i].Client} must be a principal in '{lines[i].Theater}'");
            FaultRestraintSlot[i] = Slot($"fault_line.{lines[i].Id}.{Cat.FaultLine.Restraint.Name}", lines[i].Restraint);
            for (var f = 0; f < FlowIds.Length; f++)
                if (FlowBy[f] == FaultPatron[i] && FlowTo[f] == FaultClient[i] && FlowTheater[f] == FaultTheater[i])
                {
                    if (FlowFaultLine[f] >= 0) Err($"flow '{FlowIds[f]}' is bounded by two fault lines ('{FaultLineIds[FlowFaultLine[f]]}', '{lines[i].Id}')");
                    FlowFaultLine[f] = i;
                }
            for (var o = 0; o < nO; o++)
                if (OblAlly[o] == FaultPatron[i] && OblPartner[o] == FaultClient[i] && OblTheater[o] == FaultTheater[i])
                {
                    if (OblFaultLine[o] >= 0) Err($"obligation {ObligationRows[o].Treaty} {ObligationRows[o].Article} is bounded by two fault lines");
                    OblFaultLine[o] = i;
                }
        }

        // economies: an actor's external resources, read from the scenario's relations and events; a channel resting on
        // a treaty that is not in the scenario is dropped (the counterfactual without the treaty removes it)
        var econs = model.Mechanisms.Economics.OrderBy(x => x.Actor.Iso3, StringComparer.Ordinal).ToArray();
        EconActor = econs.Select(x => Array.IndexOf(Actors, x.Actor)).ToArray();
        EconElasticitySlot = new int[econs.Length];
        EconomyOf = Fill(nA);
        var chans = new List<(int Economy, EconomicChannel C)>();
        for (var i = 0; i < econs.Length; i++)
        {
            if (EconActor[i] < 0) { Err($"economy of {econs[i].Actor}: the state is not in the escalation model"); continue; }
            EconomyOf[EconActor[i]] = i;
            EconElasticitySlot[i] = Slot($"economy.{econs[i].Actor}.{Cat.Economy.Elasticity.Name}", econs[i].Elasticity);
            foreach (var c in econs[i].Channels)
                if (c.Treaty is null || scenario.Treaty(c.Treaty) is not null) chans.Add((i, c));
        }
        chans.Sort((x, y) => string.CompareOrdinal(x.C.Id, y.C.Id));
        ChannelIds = chans.Select(x => x.C.Id).ToArray(); ChannelRelation = chans.Select(x => x.C.Relation).ToArray();
        ChannelEvent = chans.Select(x => x.C.Event).ToArray(); ChannelTreaty = chans.Select(x => x.C.Treaty).ToArray();
        ChannelEconomy = chans.Select(x => x.Economy).ToArray();
        ChannelFirstStep = new int[chans.Count]; ChannelShare = new double[chans.Count];
        ChannelGrowthSlot = Fill(chans.Count); ChannelInflowSlot = Fill(chans.Count); ChannelDelaySlot = Fill(chans.Count);
        for (var i = 0; i < chans.Count; i++)
        {
            var (e, c) = chans[i];
            var who = econs[e].Actor.Iso3;
            var rel = scenario.Relations.FirstOrDefault(r => r.Id == c.Relation);
            if (rel is null) { Err($"channel '{c.Id}': relation '{c.Relation}' is not in the scenario"); continue; }
            if (rel.From != who && rel.To != who) { Err($"channel '{c.Id}': relation '{c.Relation}' ({rel.From}–{rel.To}) does not involve {who}, whose economy the channel is in"); continue; }
            var first = rel.Span.From;
            if (c.Event is { } evId)
            {
                var ev = scenario.Events.FirstOrDefault(x => x.Id == evId);
                if (ev?.Date is not { } d) { Err($"channel '{c.Id}': event '{evId}' has no date; a channel starts at a dated act"); continue; }
                if (first is null || d > first) first = d;
            }
            ChannelFirstStep[i] = first is { } f ? Math.Max(0, StepOf(f)) : 0;
            if (rel.Kind == RelationKind.Trade)
            {
                // the channel's share of the actor's recorded trade in the relation's year (the scenario's trade relations)
                if (rel.Value is not { } v || rel.Year is not { } y) { Err($"channel '{c.Id}': trade relation '{c.Relation}' needs a value and a year"); continue; }
                var total = scenario.Relations.Where(r => r.Kind == RelationKind.Trade && r.Year == y && r.Unit == rel.Unit && (r.From == who || r.To == who))
                    .Sum(r => r.Value ?? 0);
                ChannelShare[i] = total > 0 ? v / total : 0;
            }
            if (c.Growth is { } g) ChannelGrowthSlot[i] = Slot($"channel.{c.Id}.{Cat.Channel.Growth.Name}", g);
            if (c.Inflow is { } q) ChannelInflowSlot[i] = Slot($"channel.{c.Id}.{Cat.Channel.Inflow.Name}", q);
            if (c.Delay is { } dl) ChannelDelaySlot[i] = Slot($"channel.{c.Id}.{Cat.Channel.Delay.Name}", dl);
        }

        // normalisations
        var norms = model.Normalisations.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
        NormIds = norms.Select(n => n.Id).ToArray();
        NormBaseSlot = new int[norms.Length]; NormSensSlot = new int[norms.Length]; NormPivotSlot = new int[norms.Length];
        NormPivotActor = new int[norms.Length]; NormTheaters = new int[norms.Length][]; NormKey = new ulong[norms.Length];
        for (var i = 0; i < norms.Length; i++)
        {
            var n = norms[i];
            NormBaseSlot[i] = Slot($"normalisation.{n.Id}.{Cat.Normalisation.BaseRate.Name}", n.BaseRate);
            NormSensSlot[i] = Slot($"normalisation.{n.Id}.{Cat.Normalisation.Sensitivity.Name}", n.Sensitivity);
            NormPivotSlot[i] = Slot($"normalisation.{n.Id}.{Cat.Normalisation.PivotSensitivity.Name}", n.PivotSensitivity);
            NormPivotActor[i] = n.PivotActor is { } pa ? Array.IndexOf(Actors, pa) : -1;
            NormTheaters[i] = n.Theaters.Select(t => Array.IndexOf(Theaters, t)).OrderBy(x => x).ToArray();
            if (NormTheaters[i].Any(x => x < 0)) Err($"normalisation '{n.Id}' names a theater that is not in the escalation model");
            NormKey[i] = Seed.Fnv1a64("normalisation:" + n.Id);
        }

        // events
        var evs = new List<(string Id, int Step, int Prob, int Author, CompiledEffect[] Effects)>();
        foreach (var ev in scenario.Events.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            var author = ev.By is { } by ? Array.IndexOf(Actors, by) : -1;
            var effects = new List<CompiledEffect>();
            foreach (var ef in ev.Effects)
            {
                EffectKind? kind = ef.Parameter switch
                {
                    "tension" => EffectKind.Tension, "level" => EffectKind.Level, "intervention_pressure" => EffectKind.InterventionPressure,
                    "resolve" => EffectKind.Resolve, "forces" => EffectKind.Forces, _ => null,
                };
                if (kind is null) { warnings.Add($"event '{ev.Id}': effect on '{ef.Parameter}' is not read by the escalation engine (it reads tension, level, intervention_pressure, resolve, forces)"); continue; }
                var onTheater = kind is EffectKind.Tension or EffectKind.Level or EffectKind.InterventionPressure;
                var target = onTheater ? Array.IndexOf(Theaters, ef.Target) : Array.IndexOf(Actors, new StateId(ef.Target));
                if (target < 0) { warnings.Add($"event '{ev.Id}': target '{ef.Target}' of '{ef.Parameter}' is not a {(onTheater ? "theater" : "state")} of the escalation model; ignored"); continue; }
                if (kind is EffectKind.Tension or EffectKind.Level)
                {
                    if (ev.By is null) { Err($"event '{ev.Id}': a '{ef.Parameter}' effect moves its author's posture; say whose act it is with 'by: ISO3'"); continue; }
                    if (author < 0 || Role0[author * nT + target] != 1)
                    {
                        Err($"event '{ev.Id}': its author {ev.By} is not a principal in '{ef.Target}', so it has no posture there to move; make the effect a 'resolve', 'forces' or 'intervention_pressure' change, or name a principal");
                        continue;
                    }
                    if (!double.IsFinite(ef.Value) || Math.Abs(ef.Value) > ladder.Top) { Err($"event '{ev.Id}': '{ef.Parameter}' = {ef.Value} must lie within ±{ladder.Top} levels"); continue; }
                }
                else if (!double.IsFinite(ef.Value)) { Err($"event '{ev.Id}': '{ef.Parameter}' = {ef.Value} is not a finite number"); continue; }
                effects.Add(new CompiledEffect(kind.Value, target, ef.Value));
            }
            if (effects.Count == 0) continue;
            int step;
            if (ev.Date is { } d)
            {
                if (d < Start) continue; // already part of the starting picture
                step = StepOf(d);
                if (step >= Steps) continue;
            }
            else step = -1;
            if (ev.Kind != EventKind.Shock && step < 0) continue;
            var prob = ev.Kind == EventKind.Shock && ev.Probability is { } p ? Slot($"event.{ev.Id}.probability", Estimate.From(p)) : -1;
            if (ev.Kind == EventKind.Shock && ev.Probability is null && step < 0) continue;
            evs.Add((ev.Id, step, prob, author, effects.ToArray()));
        }
        EventIds = evs.Select(e => e.Id).ToArray();
        EventStep = evs.Select(e => e.Step).ToArray();
        EventProbSlot = evs.Select(e => e.Prob).ToArray();
        EventAuthor = evs.Select(e => e.Author).ToArray();
        EventEffects = evs.Select(e => e.Effects).ToArray();
        EventKey = EventIds.Select(id => Seed.Fnv1a64("event:" + id)).ToArray();

        DecisionKey = new ulong[nA * nT]; InterventionKey = new ulong[nA * nT];
        for (var a = 0; a < nA; a++)
            for (var t = 0; t < nT; t++)
            {
                DecisionKey[a * nT + t] = Seed.Fnv1a64($"decide:{Actors[a]}:{Theaters[t]}");
                InterventionKey[a * nT + t] = Seed.Fnv1a64($"intervene:{Actors[a]}:{Theaters[t]}");
            }
        SlipKey = Theaters.Select(t => Seed.Fnv1a64("slip:" + t)).ToArray();
        SettleKey = Theaters.Select(t => Seed.Fnv1a64("settle:" + t)).ToArray();

        Specs = specs.ToArray();
        SlotPath = paths.ToArray();
        SlotKey = SlotPath.Select(Seed.Fnv1a64).ToArray();
        for (var i = 0; i < Specs.Length; i++) Check(i, Err);
        Warnings = warnings;
        if (errors.Count > 0) throw new InputException(errors);
    }

    private void Check(int slot, Action<string> err)
    {
        var path = SlotPath[slot];
        var (lo, hi) = Specs[slot].Range;
        var info = Cat.ForPath(path);
        double min = info?.Min ?? 0;
        double max = info?.Max ?? (path.StartsWith("link.", StringComparison.Ordinal) ? MaxLinkWeight : path.StartsWith("theater.", StringComparison.Ordinal) ? Ladder.Top : path.StartsWith("stake.", StringComparison.Ordinal) ? MaxStake : 1);
        if (lo < min || hi > max || lo > hi || double.IsNaN(lo) || double.IsNaN(hi))
            err($"parameter {path} = {Specs[slot]} must lie in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    private static int[] Fill(int n) { var x = new int[n]; Array.Fill(x, -1); return x; }

    /// <summary>The step in which <paramref name="date"/> falls (negative before the start).</summary>
    public int StepOf(DateOnly date) => StepUnit == StepUnit.Week
        ? (int)Math.Floor((date.DayNumber - Start.DayNumber) / (double)DaysPerWeek)
        : (date.Year - Start.Year) * MonthsPerYear + date.Month - Start.Month - (date.Day < Start.Day ? 1 : 0);

    /// <summary>The date at which step <paramref name="step"/> begins.</summary>
    public DateOnly DateOf(int step) => StepUnit == StepUnit.Week ? Start.AddDays(DaysPerWeek * step) : Start.AddMonths(step);

    /// <summary>Forces default to military expenditure in US$ bn (a unit conversion).</summary>
    private const double UsdPerBillion = 1e9;
    /// <summary>Rounding tolerance when adding deployment shares.</summary>
    private const double ShareTolerance = 1e-9;
    /// <summary>Validation bounds of scenario inputs that are not catalog parameters (link weights, stakes).</summary>
    private const double MaxLinkWeight = 100, MaxStake = 10;

    /// <summary>Calendar constants (not model numbers).</summary>
    private const int DaysPerWeek = 7, MonthsPerYear = 12;

    /// <summary>
    /// A copy with parameters replaced by path (<c>actor.USA.resolve=0.8</c>). Throws <see cref="InputException"/>
    /// for an unknown path, with a suggestion.
    /// </summary>
    public CompiledModel WithOverrides(IEnumerable<KeyValuePair<string, Estimate>> overrides)
    {
        var copy = (CompiledModel)MemberwiseClone();
        copy.Specs = (Estimate[])Specs.Clone();
        var errors = new List<Diagnostic>();
        foreach (var (path, e) in overrides)
        {
            if (!SlotOf.TryGetValue(path, out var slot))
            {
                errors.Add(new Diagnostic(null, null, null, $"unknown parameter '{path}'{Suggest.DidYouMean(path, SlotPath)}"));
                continue;
            }
            copy.Specs[slot] = e;
            copy.Check(slot, m => errors.Add(new Diagnostic(null, null, null, m)));
        }
        if (errors.Count > 0) throw new InputException(errors);
        return copy;
    }

    /// <summary>Parses <c>path=value</c> into an override with a judgement provenance.</summary>
    public static KeyValuePair<string, Estimate> ParseOverride(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new InputException($"'{text}' is not an override; write PATH=NUMBER, e.g. actor.USA.resolve=0.8");
        var path = text[..eq].Trim();
        return new(path, Estimate.Judged(v, $"override {path}={v.ToString(CultureInfo.InvariantCulture)} given on the command line"));
    }
}
