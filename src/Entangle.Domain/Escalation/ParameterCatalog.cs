namespace Entangle.Domain.Escalation;

/// <summary>
/// A named model parameter: its default, allowed range, unit, meaning and the basis of the default. Its
/// <see cref="Index"/> is its position in its scope's list, assigned when the catalog is built, so the engine's
/// slot offsets come from this one list (there is no parallel enum to keep in step).
/// </summary>
public sealed record ParameterInfo(string Name, double Default, double Min, double Max, string Unit, string Meaning, string DefaultRationale, int Index)
{
    /// <summary>The default as an <see cref="Estimate"/> labelled as judgement.</summary>
    public Estimate DefaultEstimate => Estimate.Judged(Default, $"default ({DefaultRationale}); see docs/model.md");
}

/// <summary>
/// Every number the escalation dynamics read, by scope, each with its default, range, unit and basis. The scenario
/// may set any of them; overrides and the sensitivity screening reach them by path:
/// <c>global.NAME</c>, <c>actor.ISO3.NAME</c>, <c>ladder.LEVEL-ID.COLUMN</c>, <c>threshold.ID.premium</c>,
/// <c>stake.ISO3.THEATER</c>, <c>share.ISO3.THEATER</c>, <c>help.ISO3.THEATER</c>, <c>pair.ISO3-ISO3.NAME</c>,
/// <c>link.ID.weight</c>, <c>normalisation.ID.NAME</c>, <c>flow.ID.NAME</c>, <c>fault_line.ID.restraint</c>, <c>economy.ISO3.elasticity</c>, <c>channel.ID.NAME</c>, <c>event.ID.probability</c>, <c>theater.ID.start_level</c>.
/// The ladder's columns and the thresholds' premiums take their defaults from the ladder file (ladder.json).
/// </summary>
public static class ParameterCatalog
{
    /// <summary>A scope's list; each entry's index is its position.</summary>
    public sealed class Scope
    {
        private readonly List<ParameterInfo> _all = [];
        public string Prefix { get; }
        internal Scope(string prefix) => Prefix = prefix;
        /// <summary>The parameters in slot order.</summary>
        public IReadOnlyList<ParameterInfo> All => _all;
        internal ParameterInfo Add(string name, double def, double min, double max, string unit, string meaning, string rationale)
        {
            var p = new ParameterInfo(name, def, min, max, unit, meaning, rationale, _all.Count);
            _all.Add(p);
            return p;
        }
        /// <summary>The parameter of that name, or null.</summary>
        public ParameterInfo? Find(string name) => _all.FirstOrDefault(p => p.Name == name);
    }

    /// <summary>Constants of the whole model.</summary>
    public static class Global
    {
        public static readonly Scope List = new("global");
        public static readonly ParameterInfo Accident = List.Add("accident", 0.01, 0, 0.5, "probability per decision",
            "chance that an action lands one level higher than chosen (incident, misread order); never across a threshold", "Schelling's 'threat that leaves something to chance'; small");
        public static readonly ParameterInfo LossOfControl = List.Add("loss_of_control", 0.5, 0, 10, "multiplier on the ladder's risk column",
            "per-step chance that a theater with a nuclear-armed principal slips one level beyond the highest posture, as loss_of_control × risk(L)", "Schelling 1966, Powell 1990: risk shared by both sides; half the ladder's risk column is realised as a slip");
        public static readonly ParameterInfo MoveCost = List.Add("move_cost", 0.05, 0, 10, "war-months per level moved",
            "cost of changing one's posture by one level (orders, mobilisation, signalling), either way", "a twentieth of a war-month: holding is the default unless a change is worth it");
        public static readonly ParameterInfo StabilityInstability = List.Add("stability_instability", 0.3, 0, 0.95, "share",
            "share of conventional costs (levels below nuclear use) that mutual nuclear deterrence removes", "Snyder 1965 stability-instability paradox; moderate");
        public static readonly ParameterInfo ContestExponent = List.Add("contest_exponent", 1.0, 0.1, 4, "exponent",
            "exponent m of the contest success function p = F^m/(F^m+G^m)", "ratio form (Tullock/Hirshleifer); Lanchester's square law would be 2");
        public static readonly ParameterInfo Stickiness = List.Add("stickiness", 0.3, 0, 10, "war-months per threshold",
            "extra cost of taking one's posture back below a threshold the theater has crossed", "crossed thresholds are hard to uncross");
        public static readonly ParameterInfo SecurityDilemma = List.Add("security_dilemma", 0.5, 0, 10, "stake per unit of relative growth",
            "stake added per unit of relative growth of the opposing side's local forces", "Jervis 1978 spiral model");
        public static readonly ParameterInfo PressurePerLevel = List.Add("pressure_per_level", 0.34, 0, 1, "pressure per level",
            "pressure on an actor per level the opposing side's highest posture stands above its start", "three levels of escalation make full pressure");
        public static readonly ParameterInfo PressurePerEntry = List.Add("pressure_per_entry", 0.5, 0, 1, "pressure per entry",
            "pressure on an actor per opposing state that entered the fighting", "a new belligerent is a major escalation");
        public static readonly ParameterInfo TradeWeight = List.Add("trade_weight", 2.0, 0, 100, "war-months per unit of trade dependence",
            "scale of the trade cost term", "trade dependence 0.1 at full risk costs 0.2, a fifth of a war's cost");
        public static readonly ParameterInfo AllianceSensitivity = List.Add("alliance_sensitivity", 2.0, 0, 100, "logit per war-month",
            "weight κ of interests against the credibility prior in the decision to honour an obligation: logit P = logit(credibility) + κ ΔU", "interests shift the prior but do not swamp it");
        public static readonly ParameterInfo InterventionPressureDecay = List.Add("intervention_pressure_decay", 0.7, 0, 1, "share kept per step",
            "share of a theater's event-driven intervention pressure kept from one step to the next", "a debate about intervening fades over a few months");
        public static readonly ParameterInfo ChannelDamping = List.Add("channel_damping", 1.0, 0, 100, "war-months per level per unit of channel",
            "cost per level of raising one's posture against a state one has a channel with, per unit of channel strength", "a full-strength channel costs as much as a war per level");
        public static readonly ParameterInfo StrengthAutomatic = List.Add("strength_automatic", 1.0, 0, 10, "weight",
            "weight of an automatic clause in the abandonment cost", "the firmest commitment is the unit");
        public static readonly ParameterInfo StrengthConditional = List.Add("strength_conditional", 0.6, 0, 10, "weight",
            "weight of a conditional clause ('as it deems necessary', constitutional processes) in the abandonment cost", "judgement: a little more than half an automatic clause");
        public static readonly ParameterInfo StrengthConsultation = List.Add("strength_consultation", 0.2, 0, 10, "weight",
            "weight of a consultation-only clause in the abandonment cost", "judgement: a fifth of an automatic clause");
        public static readonly ParameterInfo ReadingFactor = List.Add("reading_factor", 0.5, 0, 1, "multiplier on credibility",
            "credibility multiplier for an obligation that holds only under some renderings or readings of the text", "judgement: an even chance that the binding reading is the one acted on");
        public static readonly ParameterInfo DefaultCredibility = List.Add("default_credibility", 0.5, 0, 1, "probability",
            "credibility prior of a defence clause for which the scenario gives none", "judgement: an even chance");
        public static readonly ParameterInfo CredibilityBound = List.Add("credibility_bound", 0.001, 1e-9, 0.1, "probability",
            "credibilities are kept in [b, 1 − b] so that their logit is finite", "a clause is never certain to be honoured or ignored");
        public static readonly ParameterInfo ForceFloor = List.Add("force_floor", 0.05, 0, 1, "relative weight",
            "smallest relative target weight a theater keeps in a great power's force allocation however far its threat falls", "a presence is never wholly withdrawn within a run");
        public static readonly ParameterInfo CrisisFloor = List.Add("crisis_floor", 2, 1, 9, "ladder level",
            "a theater is in crisis while its level is at or above this level (Kahn's 'don't rock the boat' threshold lies below level 2)", "confrontation (level 2) is where ICB's 'heightened probability of military hostilities' begins");
        public static readonly ParameterInfo SettlementRate = List.Add("settlement_rate", 0.03, 0, 1, "probability per step",
            "base chance per step that a crisis ends in a negotiated settlement, at the crisis floor with balanced forces and no channel", "judgement: about a third of crises settled within a year absent escalation");
        public static readonly ParameterInfo SettlementEscalationDecay = List.Add("settlement_escalation_decay", 0.5, 0, 10, "log-rate per level",
            "fall of the settlement log-rate per level the theater stands above the crisis floor", "judgement: wars are harder to settle than confrontations");
        public static readonly ParameterInfo FreezeSteps = List.Add("freeze_steps", 6, 1, 1000, "steps",
            "a crisis below war whose postures do not change for this many steps ends in a freeze", "half a year of stalemate at monthly steps");
        public static readonly ParameterInfo CapabilityAbsorption = List.Add("capability_absorption", 0.25, 0, 1, "share per step",
            "share of the capability delivered by treaty flows but not yet usable that becomes usable each step (capability is a slow variable: a delivery takes months to absorb)",
            "judgement: half of a delivery usable within about three months (training, integration)");
        public static readonly ParameterInfo SpiralBuildUp = List.Add("spiral_build_up", 0.05, 0, 10, "share of starting local force",
            "an arms spiral counts as under way when both rivals' build-ups in its theaters reach this share of their starting local forces there (the spiral metric)",
            "judgement: five per cent more force in the region is a visible build-up");
        public static readonly ParameterInfo LeadShareWeight = List.Add("lead_share_weight", 0, 0, 100, "war-months per unit of relative share",
            "utility a supporter adds to a voluntary intervention per unit of relative change in the force share its side's great powers keep in the theater (allies follow the leader's posture)",
            "off unless a scenario judges it: allies' reading of the leader's posture is scenario-specific");
        public static readonly ParameterInfo SettlementDispersion = List.Add("settlement_dispersion", 0, 0, 5, "sd of the log settlement hazard",
            "crisis-to-crisis spread of how fast a crisis settles (a frailty): each run draws, per theater, a multiplier exp(σ z), z standard normal, on its settlement hazard, so some crises settle within weeks and others drag on; settlement_rate is then the rate of the median crisis",
            "off (every run alike) unless a scenario or a calibration sets it; the ICB training crises' monthly end hazard falls from 0.27 in the first month to 0.12-0.13 in months 5-6, the mark of heterogeneity (docs/validation.md)");
    }

    /// <summary>An actor's dispositions.</summary>
    public static class Actor
    {
        public static readonly Scope List = new("actor");
        public static readonly ParameterInfo Resolve = List.Add("resolve", 1.0, 0, 10, "multiplier", "multiplier on the actor's stakes: how much it will risk for them", "neutral");
        public static readonly ParameterInfo CostSensitivity = List.Add("cost_sensitivity", 1.0, 0, 10, "multiplier", "multiplier on the ladder's cost of each level", "neutral");
        public static readonly ParameterInfo Lambda = List.Add("lambda", 30.0, 0, 1000, "per war-month",
            "rationality λ of the logit choice; 0 is uniform random, large is best response", "a utility gap of 0.1 (a tenth of a war-month) makes the better action about 20 times as likely");
        public static readonly ParameterInfo AudienceCost = List.Add("audience_cost", 0.3, 0, 10, "war-months", "cost of backing down, times the posture backed down from as a fraction of the top", "Fearon 1994; moderate");
        public static readonly ParameterInfo CatastropheAversion = List.Add("catastrophe_aversion", 20.0, 0, 10000, "war-months", "cost of a catastrophe, weighted by the ladder's risk column", "catastrophe costs twenty wars");
        public static readonly ParameterInfo Forces = List.Add("forces", 1.0, 0, 1e9, "force units (US$ bn)", "military capability in force units (e.g. military expenditure, US$ bn)", "placeholder when no figure is given");
        public static readonly ParameterInfo Inertia = List.Add("inertia", 0.8, 0, 1, "share kept per step", "share of last step's force allocation kept each step", "forces move slowly");
        public static readonly ParameterInfo ThreatResponse = List.Add("threat_response", 1.0, 0, 100, "multiplier",
            "how strongly force allocation follows the change in threat ((level − start)/top) in each theater", "a theater that climbs the whole ladder draws twice its starting share");
        public static readonly ParameterInfo AbandonmentCost = List.Add("abandonment_cost", 0.5, 0, 100, "war-months", "reputational cost of not honouring an obligation, scaled by the clause's strength", "Snyder 1984: fear of abandonment");
        public static readonly ParameterInfo EntryCost = List.Add("entry_cost", 1.0, 0, 100, "war-months", "fixed cost of entering a war as a new belligerent", "Snyder 1984: fear of entrapment");
        public static readonly ParameterInfo InterventionBias = List.Add("intervention_bias", -1.0, -100, 100, "war-months",
            "utility added to a voluntary intervention (negative: reluctance); events may raise it", "states are reluctant to join wars they are not obliged to");
        public static readonly ParameterInfo CapabilityResponse = List.Add("capability_response", 1.0, 0, 100, "multiplier",
            "how strongly the actor's force allocation follows its opponents' capability growth from treaty flows in each theater (relative to their starting forces there)",
            "judgement: opponents' capability growing by a tenth draws a tenth more of one's share, as a level's worth of threat would at threat_response 1; inert without flows");
        public static readonly ParameterInfo ArmsReaction = List.Add("arms_reaction", 0.1, 0, 1, "force units per force unit per step",
            "Richardson's reaction coefficient: build-up added per step per unit of the rival's build-up in a spiral's theaters", "Richardson 1960; judgement: a tenth per month");
        public static readonly ParameterInfo ArmsFatigue = List.Add("arms_fatigue", 0.2, 0, 1, "share per step",
            "Richardson's fatigue coefficient: share of one's own spiral build-up dropped each step (cost, other priorities); the spiral is stable iff fatigue_A × fatigue_B > reaction_A × reaction_B",
            "Richardson 1960; judgement: a fifth per month, so the default spiral is stable");
    }

    /// <summary>Parameters of a pair of states.</summary>
    public static class Pair
    {
        public static readonly Scope List = new("pair");
        public static readonly ParameterInfo TradeDependence = List.Add("trade_dependence", 0.0, 0, 1, "share of welfare", "share of welfare put at risk by escalation between the pair", "no trade unless given");
        public static readonly ParameterInfo Channel = List.Add("channel", 0.0, 0, 1, "strength", "strength of a diplomatic channel between the pair", "no channel unless given");
    }

    /// <summary>Parameters of a tracked normalisation.</summary>
    public static class Normalisation
    {
        public static readonly Scope List = new("normalisation");
        public static readonly ParameterInfo BaseRate = List.Add("base_rate", 0.02, 0, 1, "probability per step", "chance per step of normalisation with no escalation", "slow");
        public static readonly ParameterInfo Sensitivity = List.Add("sensitivity", 0.7, 0, 100, "log-rate per level", "fall of the log-rate per level of escalation above the start in the listed theaters", "judgement");
        public static readonly ParameterInfo PivotSensitivity = List.Add("pivot_sensitivity", 5.0, 0, 100, "log-rate per unit of share", "fall of the log-rate per unit of force share the pivot actor moved into the listed theaters", "judgement");
    }

    /// <summary>Parameters of a treaty flow (docs/model.md §11).</summary>
    public static class Flow
    {
        public static readonly Scope List = new("flow");
        public static readonly ParameterInfo Hazard = List.Add("hazard", 0, 0, 1, "probability per step", "chance per step that the flow's author performs one act of it", "a flow gives its own");
        public static readonly ParameterInfo Amount = List.Add("amount", 0, 0, 1e6, "force units per act", "capability one act adds to the recipient's stock in the theater (before absorption)", "a flow gives its own");
    }

    /// <summary>Parameters of a fault line (docs/model.md §13).</summary>
    public static class FaultLine
    {
        public static readonly Scope List = new("fault_line");
        public static readonly ParameterInfo Restraint = List.Add("restraint", 0, 0, 1, "share",
            "share of the patron's acts for the client in the theater (treaty-flow acts, honouring an obligation) that the limiter's core interests hold back while the limiter is not a principal on the client's side there",
            "a fault line gives its own");
    }

    /// <summary>Parameters of an actor's economy (docs/model.md §14).</summary>
    public static class Economy
    {
        public static readonly Scope List = new("economy");
        public static readonly ParameterInfo Elasticity = List.Add("elasticity", 0, 0, 10, "exponent",
            "how the actor's external resources R (1 at the start) scale its ladder costs: cost_sensitivity × R^(−elasticity); 0 leaves costs unchanged",
            "an economy gives its own");
    }

    /// <summary>Parameters of an economic channel (docs/model.md §14).</summary>
    public static class Channel
    {
        public static readonly Scope List = new("channel");
        public static readonly ParameterInfo Growth = List.Add("growth", 0, 0, 1, "share per step",
            "growth per step of the channel's contribution to the actor's resources (its starting share and what has flowed in)", "no growth unless given");
        public static readonly ParameterInfo Inflow = List.Add("inflow", 0, 0, 1, "share of recorded trade per step",
            "resources the channel adds per step, as a share of the actor's recorded trade in the year of the scenario's trade relations", "no inflow unless given");
        public static readonly ParameterInfo Delay = List.Add("delay", 0, 0, 1000, "steps",
            "steps after the relation's (or event's) date, or the run's start if later, before the channel contributes", "at once unless given");
    }

    /// <summary>The ladder's four columns, per level (defaults from ladder.json).</summary>
    public static class Ladder
    {
        public static readonly Scope List = new("ladder");
        public static readonly ParameterInfo Cost = List.Add("cost", 0, 0, 1000, "war-months per step", "cost per step of standing at the level, before the actor's cost sensitivity", "ladder.json");
        public static readonly ParameterInfo Gain = List.Add("gain", 0, 0, 100, "leverage", "coercive leverage of holding the level as one's posture, before stake, resolve and the chance of prevailing", "ladder.json");
        public static readonly ParameterInfo Risk = List.Add("catastrophe_risk", 0, 0, 1, "probability per step", "risk per step that the crisis goes out of control (expected cost, and realised as a slip times loss_of_control)", "ladder.json");
        public static readonly ParameterInfo Trade = List.Add("trade_at_risk", 0, 0, 1, "share", "share of the trade between the sides put at risk at the level", "ladder.json");
    }

    /// <summary>A threshold's premium (default from ladder.json).</summary>
    public static class Threshold
    {
        public static readonly Scope List = new("threshold");
        public static readonly ParameterInfo Premium = List.Add("premium", 0, 0, 1000, "war-months",
            "one-time cost of taking the theater across the threshold for the first time, paid by the actor whose posture crosses it (by choice, or charged when a slip crosses it)", "ladder.json");
    }

    /// <summary>The global parameters in slot order.</summary>
    public static IReadOnlyList<ParameterInfo> GlobalParameters => Global.List.All;
    /// <summary>The actor parameters in slot order.</summary>
    public static IReadOnlyList<ParameterInfo> ActorParameters => Actor.List.All;
    /// <summary>The pair parameters in slot order.</summary>
    public static IReadOnlyList<ParameterInfo> PairParameters => Pair.List.All;
    /// <summary>The normalisation parameters in slot order.</summary>
    public static IReadOnlyList<ParameterInfo> NormalisationParameters => Normalisation.List.All;

    /// <summary>The parameter of that name in <paramref name="list"/>, or null.</summary>
    public static ParameterInfo? Find(IReadOnlyList<ParameterInfo> list, string name) => list.FirstOrDefault(p => p.Name == name);

    /// <summary>Every scope, for lookups by path.</summary>
    public static IReadOnlyList<Scope> Scopes => [Global.List, Actor.List, Pair.List, Normalisation.List, Flow.List, FaultLine.List, Economy.List, Channel.List, Ladder.List, Threshold.List];

    /// <summary>The catalog entry behind a parameter path (by its prefix and last segment), or null.</summary>
    public static ParameterInfo? ForPath(string path)
    {
        var dot = path.IndexOf('.');
        if (dot < 0) return null;
        var prefix = path[..dot];
        var name = path[(path.LastIndexOf('.') + 1)..];
        foreach (var s in Scopes) if (s.Prefix == prefix) return s.Find(name);
        return null;
    }
}
