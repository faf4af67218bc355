namespace Entangle.Domain.Escalation;

/// <summary>A named model parameter: its default (an analyst's judgement), allowed range and meaning.</summary>
public sealed record ParameterInfo(string Name, double Default, double Min, double Max, string Meaning, string DefaultRationale)
{
    /// <summary>The default as an <see cref="Estimate"/> labelled as judgement.</summary>
    public Estimate DefaultEstimate => Estimate.Judged(Default, $"default ({DefaultRationale}); see docs/model.md");
}

/// <summary>
/// Every parameter the escalation model reads, by scope, with defaults. The scenario may set any of them; the
/// defaults are judgements documented in docs/model.md. Parameter paths for overrides are
/// <c>global.NAME</c>, <c>actor.ISO3.NAME</c>, <c>stake.ISO3.THEATER</c>, <c>share.ISO3.THEATER</c>,
/// <c>help.ISO3.THEATER</c>, <c>pair.ISO3-ISO3.NAME</c>, <c>link.ID.weight</c>, <c>normalisation.ID.NAME</c>,
/// <c>event.ID.probability</c>.
/// </summary>
public static class ParameterCatalog
{
    /// <summary>Constants of the whole model.</summary>
    public static readonly IReadOnlyList<ParameterInfo> GlobalParameters =
    [
        new("accident", 0.02, 0, 0.5, "chance per decision that an action lands one level higher than chosen (accident, misperception)", "Schelling's 'threat that leaves something to chance'; small"),
        new("stability_instability", 0.3, 0, 0.95, "share of conventional costs (levels below nuclear use) that mutual nuclear deterrence removes", "Snyder 1965 stability-instability paradox; moderate"),
        new("contest_exponent", 1.0, 0.1, 4, "exponent m of the contest success function p = F^m/(F^m+G^m)", "ratio form (Tullock/Hirshleifer); Lanchester's square law would be 2"),
        new("threshold_premium", 0.3, 0, 10, "extra cost of crossing a threshold for the first time in a theater", "Kahn: thresholds are firebreaks"),
        new("stickiness", 0.3, 0, 10, "extra cost of going back below a threshold once crossed", "crossed thresholds are hard to uncross"),
        new("security_dilemma", 0.5, 0, 10, "stake added per unit of relative growth of the opposing side's local forces", "Jervis 1978 spiral model"),
        new("pressure_per_level", 0.34, 0, 1, "pressure on an actor per level its theater rose above the start", "three levels of escalation make full pressure"),
        new("pressure_per_entry", 0.5, 0, 1, "pressure on an actor per opposing state that entered the fighting", "a new belligerent is a major escalation"),
        new("trade_weight", 2.0, 0, 100, "scale of the trade cost term", "trade dependence 0.1 at full risk costs 0.2, a fifth of a war's cost"),
        new("alliance_sensitivity", 2.0, 0, 100, "weight κ of interests against the credibility prior in the decision to honour an obligation: logit P = logit(credibility) + κ ΔU", "interests shift the prior but do not swamp it"),
        new("intervention_pressure_decay", 0.7, 0, 1, "share of a theater's event-driven intervention pressure kept from one step to the next", "a debate about intervening fades over a few months"),
        new("channel_damping", 1.0, 0, 100, "cost per level of escalating against a state one has a channel with, per unit of channel strength", "a full-strength channel costs as much as a war per level"),
    ];

    /// <summary>An actor's dispositions.</summary>
    public static readonly IReadOnlyList<ParameterInfo> ActorParameters =
    [
        new("resolve", 1.0, 0, 10, "multiplier on the actor's stakes: how much it will risk for them", "neutral"),
        new("cost_sensitivity", 1.0, 0, 10, "multiplier on the ladder's cost of each level", "neutral"),
        new("lambda", 30.0, 0, 1000, "rationality λ of the logit choice; 0 is uniform random, large is best response", "a utility gap of 0.1 (a tenth of a war-month) makes the better action about 20 times as likely"),
        new("audience_cost", 0.3, 0, 10, "cost of backing down, per unit of the level backed down from (as a fraction of the top)", "Fearon 1994; moderate"),
        new("catastrophe_aversion", 20.0, 0, 10000, "cost of a catastrophe, weighted by the ladder's catastrophe risk", "catastrophe costs twenty wars"),
        new("forces", 1.0, 0, 1e9, "military capability in force units (e.g. military expenditure, US$ bn)", "placeholder when no figure is given"),
        new("inertia", 0.8, 0, 1, "share of last step's force allocation kept each step", "forces move slowly"),
        new("threat_response", 1.0, 0, 100, "how strongly force allocation follows the change in threat ((level − start)/top) in each theater", "a theater that climbs the whole ladder draws twice its starting share"),
        new("abandonment_cost", 0.5, 0, 100, "reputational cost of not honouring an obligation, scaled by the clause's strength and credibility", "Snyder 1984: fear of abandonment"),
        new("entry_cost", 1.0, 0, 100, "fixed cost of entering a war as a new belligerent", "Snyder 1984: fear of entrapment"),
        new("intervention_bias", -1.0, -100, 100, "utility added to a voluntary intervention (negative: reluctance); events may raise it", "states are reluctant to join wars they are not obliged to"),
    ];

    /// <summary>Parameters of a pair of states.</summary>
    public static readonly IReadOnlyList<ParameterInfo> PairParameters =
    [
        new("trade_dependence", 0.0, 0, 1, "share of welfare put at risk by escalation between the pair", "no trade unless given"),
        new("channel", 0.0, 0, 1, "strength of a diplomatic channel between the pair", "no channel unless given"),
    ];

    /// <summary>Parameters of a tracked normalisation.</summary>
    public static readonly IReadOnlyList<ParameterInfo> NormalisationParameters =
    [
        new("base_rate", 0.02, 0, 1, "chance per step of normalisation with no escalation", "slow"),
        new("sensitivity", 0.7, 0, 100, "fall of the log-rate per level of escalation above the start in the listed theaters", "judgement"),
        new("pivot_sensitivity", 5.0, 0, 100, "fall of the log-rate per unit of force share the pivot actor moved into the listed theaters", "judgement"),
    ];

    /// <summary>The parameter of that name in <paramref name="list"/>, or null.</summary>
    public static ParameterInfo? Find(IReadOnlyList<ParameterInfo> list, string name)
    {
        foreach (var p in list) if (p.Name == name) return p;
        return null;
    }
}
