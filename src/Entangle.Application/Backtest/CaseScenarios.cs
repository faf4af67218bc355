using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Backtest;

/// <summary>
/// Turns a <see cref="CrisisCase"/> into a scenario in the project's model, in memory: one state per principal and
/// supporter (with its COW NMC military expenditure and, for a tested nuclear power, a nuclear figure citing the first
/// test), one theater, the ATOP alliances as treaties, and an <c>escalation:</c> section with monthly steps from the
/// trigger date. Numbers the data do not give are labelled judgements (<see cref="Judgements"/>).
/// </summary>
public static class CaseScenarios
{
    /// <summary>The judged numbers of a generated scenario (each is printed with its basis in docs/validation.md).</summary>
    public static class Judgements
    {
        public const int Steps = 12;
        /// <summary>Crisis floor (confrontation): an ICB crisis begins with a heightened probability of military hostilities.</summary>
        public const int StartLevel = 2;
        /// <summary>Violence before the crisis (timvio = 2): mobilisation and harassment under way.</summary>
        public const int StartLevelAfterViolence = 3;
        /// <summary>
        /// A violent trigger (ICB <c>break</c> 9, a violent act, or 8, an indirect violent act such as an attack on a client)
        /// is an authored shock in the first month (<see cref="ViolentTriggerEvent"/>): its author's posture rises one level
        /// with this probability (a judged default; <c>entangle calibrate</c> fits it as <c>event.violent-trigger.probability</c>).
        /// The structure was chosen on the training crises (before 2000, not intra-war; share with <c>viol</c> ≥ 3: 19%
        /// with neither a violent trigger nor earlier violence, 42% with either, 70% with both), where the calibrated model
        /// without it forecast about the same for all four groups.
        /// </summary>
        public const double ViolentTriggerProbability = 0.5;
        /// <summary>An intra-war crisis (ICB iwcmb ≠ 1): the war is under way at the trigger.</summary>
        public const int StartLevelIntraWar = 5;
        public const double PrincipalStake = 1.0;
        public const double SupporterStake = 0.3;
        public const double SupporterHelp = 0.2;
        public const double ForcesWhenUncoded = 0.05;
    }

    public const string Theater = "crisis";

    /// <summary>The id of the violent-trigger shock (its probability's path is <c>event.violent-trigger.probability</c>).</summary>
    public const string ViolentTriggerEvent = "violent-trigger";

    /// <summary>The scenario and its obligations table.</summary>
    public static (Scenario Scenario, IObligationSource Obligations) Build(CrisisCase c)
    {
        var all = c.SideA.Concat(c.SideB).Concat(c.Supporters.Select(s => s.Actor)).ToList();
        var states = all.Select(a =>
        {
            var figures = new List<Figure>();
            if (a.MilexUsd is { } m) figures.Add(new Figure(FigureNames.MilexUsd, m, a.MilexYear!.Value, Provenance.Source(a.ForcesBasis)));
            if (a.Nuclear) figures.Add(new Figure(FigureNames.WarheadsTotal, 1, c.Year, Provenance.Source(a.NuclearBasis!),
                "1 = holds nuclear weapons (from the first-test date); the inventory is not modelled"));
            return new State(new StateId(a.Code), a.Ccode == 0 ? null : a.Ccode, a.Code, [], figures);
        }).ToList();
        var stakeholders = c.SideA.Concat(c.SideB).Select(a => new Stakeholder(new StateId(a.Code),
                new Assessed(Judgements.PrincipalStake, Provenance.Judge("a principal's stake in its own crisis: the unit")), "belligerent"))
            .Concat(c.Supporters.Select(s => new Stakeholder(new StateId(s.Actor.Code),
                new Assessed(Judgements.SupporterStake, Provenance.Judge("an ally's stake: under a third of the principal's")), "supporter"))).ToList();
        var theater = new Theater(Theater, c.Name, [], [], stakeholders, $"ICB crisis {c.Crisno}");
        var treaties = c.Supporters.SelectMany(s => s.Alliances).GroupBy(a => a.AtopId).OrderBy(g => g.Key).Select(g =>
            new Treaty($"atop-{g.Key}", $"ATOP alliance {g.Key}", TreatyKind.Alliance,
                g.SelectMany(a => new[] { a.Ally, a.Partner }).Distinct().Order().Select(cc => new Membership(new StateId(all.First(x => x.Ccode == cc).Code), DateSpan.Always)).ToList(),
                null, c.Trigger, null, [], null, g.Key, g.First().Source, [], $"obligations: {string.Join(", ", g.First().Obligations)}")).ToList();
        var info = new ScenarioInfo($"icb-{c.Crisno}", c.Name, c.Trigger, $"generated from ICB crisis {c.Crisno} as knowable on {c.Trigger:yyyy-MM-dd}", c.Provenance);
        // a violent trigger: the triggering state (ICB trigent, when it is a principal; otherwise the first principal of
        // side B, the side facing the first crisis actor) raises its posture one level in the first month, with a probability
        var events = new List<ScenarioEvent>();
        if (c.Features.TriggerType is 8 or 9)
        {
            var author = c.SideA.Concat(c.SideB).FirstOrDefault(a => a.Ccode != 0 && a.Ccode == c.Features.TriggeringEntity) ?? c.SideB[0];
            var what = c.Features.TriggerType == 9 ? "a violent act" : "an indirect violent act";
            events.Add(new ScenarioEvent(ViolentTriggerEvent, EventKind.Shock, c.Trigger, $"The trigger: {what} by {author.Code}", Theater, [author.Code],
                new Assessed(Judgements.ViolentTriggerProbability, Provenance.Judge("the chance that the violent act that began the crisis raises its author's posture by one level in the first month (an incident may stay one)")),
                [new Effect(Theater, "tension", 1)],
                Provenance.Source($"ICB break = {c.Features.TriggerType} ({what}), trigent = {c.Features.TriggeringEntity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not a state"}: {c.Provenance[0]}"),
                null, new StateId(author.Code)));
        }
        var scenario = new Scenario(info, states, [], [], [], treaties, [theater], [], [], events, []);
        var start = c.Features.IntraWar
            ? Estimate.Judged(Judgements.StartLevelIntraWar, "ICB iwcmb: the crisis broke out during an ongoing war, so the theater starts at war")
            : c.Features.PreCrisisViolence
            ? Estimate.Judged(Judgements.StartLevelAfterViolence, "ICB timvio = 2 (violence before the crisis): mobilisation and harassment under way")
            : Estimate.Judged(Judgements.StartLevel, "an ICB crisis begins at confrontation (the crisis floor)");
        var actorParams = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        var actors = all.Select(a => new EscalationActor(new StateId(a.Code),
            a.MilexUsd is null ? new Dictionary<string, Estimate> { ["forces"] = Estimate.Judged(Judgements.ForcesWhenUncoded, a.ForcesBasis) } : actorParams,
            [])).ToList();
        var supporters = c.Supporters.Select(s => new Supporter(new StateId(s.Actor.Code), s.Side == 'A' ? Side.A : Side.B,
            Estimate.Judged(Judgements.SupporterHelp, "an ally's aid is worth a fifth of its local forces"), s.Actor.GreatPower)).ToList();
        var et = new EscalationTheater(Theater, start, c.SideA.Select(a => new StateId(a.Code)).ToList(), c.SideB.Select(a => new StateId(a.Code)).ToList(),
            supporters, new Dictionary<StateId, Estimate>());
        var model = new EscalationModel(new EscalationSettings(StepUnit.Month, Judgements.Steps, c.Trigger, 4), new Dictionary<string, Estimate>(),
            actors, [et], [], [], []);
        var rows = c.Supporters.SelectMany(s => s.Alliances.Where(a => a.Obligations.Contains("defense")).Select(a => new ObligationRow(
            new StateId(s.Actor.Code), new StateId(all.First(x => x.Ccode == a.Partner).Code), Theater, $"atop-{a.AtopId}", "defense",
            a.Conditional ? ClauseStrength.Conditional : ClauseStrength.Automatic, null, Engine.Escalation.Ladder.Default.WarLevel - 1, a.NotProvoked,
            DateSpan.Always))).GroupBy(r => (r.Ally, r.Partner, r.Treaty)).Select(g => g.First()).ToList();
        return (scenario.WithEscalation(model), new FixedObligations(rows));
    }

    /// <summary>Compiles a case's scenario.</summary>
    public static CompiledModel Compile(CrisisCase c)
    {
        var (s, o) = Build(c);
        return CompiledModel.Compile(s, s.Escalation()!, o);
    }

    private sealed class FixedObligations(IReadOnlyList<ObligationRow> rows) : IObligationSource
    {
        public IReadOnlyList<ObligationRow> Obligations(Scenario scenario, Engine.Escalation.Ladder ladder) => rows;
    }
}
