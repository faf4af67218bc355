using Entangle.Domain.Escalation;
using Entangle.Engine.Analysis;
using Entangle.Engine.Escalation;

namespace Entangle.Application.Escalation;

/// <summary>
/// The outcome metrics of an escalation ensemble, declared as data in this one place: a name, what it means, the
/// reading it uses, and the test on a finished run. Every reading is of the state at the end of a step (the
/// highest end-of-step level, the end of the run, or a flag the step sets); nothing reads inside a step. The names
/// and readings are documented in docs/escalation.md.
/// </summary>
public static class Metrics
{
    /// <summary>A crisis lasts "more than six months" when it is still on, or ended, more than this many days after its onset (ICB's duration in days).</summary>
    public const int LongCrisisDays = 182;

    /// <summary>A force share has "moved out" when it ends at least this far below its start (5 points of the actor's forces).</summary>
    public const double MovedOut = 0.05;

    public const string EndOfSomeStep = "end of some step";
    public const string EndOfRun = "end of the run";
    public const string Flag = "a flag set when it happens";

    /// <summary>Every outcome metric for a compiled model, in report order.</summary>
    public static IReadOnlyList<OutcomeDefinition> For(CompiledModel m)
    {
        var list = new List<OutcomeDefinition>();
        var lad = m.Ladder;
        var nT = m.TheaterCount;
        var levels = m.Theaters.Select(MapNode.Level).ToArray();
        void Add(OutcomeDefinition d, params IEnumerable<string> reads) => list.Add(d with { Reads = reads.ToArray() });
        Add(new("first_war", "a theater that was not at war at the start is at war (MID 5) at the end of a step", s => s.FirstWarStep > 0, null, EndOfSomeStep), levels);
        Add(new("two_theater_crisis", $"two or more theaters at crisis level ({m.CrisisLevel}, {lad.Levels[m.CrisisLevel].Name}) or above at the end of the same step",
            s => s.TwoCrisisStep > 0, null, EndOfSomeStep), levels);
        Add(new("two_theater_nuclear_crisis", $"two or more theaters at nuclear signalling (level {lad.NuclearSignalLevel}, {lad.Levels[lad.NuclearSignalLevel].Name}) or above at the end of the same step: two Cuba-like crises at once",
            s => s.TwoNuclearCrisisStep > 0, null, EndOfSomeStep), levels);
        Add(new("nuclear_signal", $"some theater at nuclear signalling (level {lad.NuclearSignalLevel}) or above at the end of a step", s => AnyAtLeast(s, lad.NuclearSignalLevel), null, EndOfSomeStep), levels);
        Add(new("nuclear_use", "nuclear weapons are used in some theater", s => AnyAtLeast(s, lad.NuclearUseLevel), null, EndOfSomeStep), levels);
        Add(new("general_nuclear_war", "some theater reaches general nuclear war", s => AnyAtLeast(s, lad.Top), null, EndOfSomeStep), levels);
        Add(new("ally_entry", "some state enters a theater to honour a treaty obligation", s => Any(s.ObligationHonoured), null, Flag), m.Obligations.Select(r => MapNode.Obligations(r.Treaty, r.Theater)));
        for (var t = 0; t < nT; t++)
        {
            var tid = m.Theaters[t]; var ti = t;
            string[] at = [MapNode.Level(tid)], ends = [MapNode.Level(tid), MapNode.Balance(tid)];
            Add(new($"war.{tid}", $"{tid} is at war (MID 5) at the end of some step", s => s.MaxReached[ti] >= lad.WarLevel, null, EndOfSomeStep), at);
            Add(new($"nuclear_signal.{tid}", $"{tid} is at nuclear signalling or above at the end of some step", s => s.MaxReached[ti] >= lad.NuclearSignalLevel, null, EndOfSomeStep), at);
            Add(new($"nuclear_use.{tid}", $"nuclear weapons are used in {tid}", s => s.MaxReached[ti] >= lad.NuclearUseLevel, null, EndOfSomeStep), at);
            Add(new($"escalates.{tid}", $"{tid} stands above its starting level at the end of some step", s => s.MaxReached[ti] > s.StartLevel[ti], null, EndOfSomeStep), at);
            Add(new($"ends_above_start.{tid}", $"{tid} ends the run above its starting level", s => s.Level[ti] > s.StartLevel[ti], null, EndOfRun), at);
            Add(new($"ends_below_start.{tid}", $"{tid} ends the run below its starting level", s => s.Level[ti] < s.StartLevel[ti], null, EndOfRun), at);
            Add(new($"crisis_ends.{tid}", $"the crisis in {tid} ends within the horizon (settlement, freeze or return to normal relations)",
                s => s.Ended[ti] != Termination.None, s => s.CrisisStart[ti] >= 0, Flag), ends);
            foreach (var kind in new[] { Termination.Settlement, Termination.Freeze, Termination.Normal })
            {
                var k = kind;
                Add(new($"crisis_ends.{tid}.{kind.ToString().ToLowerInvariant()}", $"the crisis in {tid} first ends by {Describe(kind)}",
                    s => s.Ended[ti] == k, s => s.CrisisStart[ti] >= 0, Flag), ends);
            }
            Add(new($"crisis_lasts_over_6_months.{tid}", $"the crisis in {tid} lasts more than six months from its onset (ICB duration, trgterra > {LongCrisisDays} days)",
                s => DaysInCrisis(m, s, ti) > LongCrisisDays, s => s.CrisisStart[ti] >= 0 && (s.Ended[ti] != Termination.None || DaysInCrisis(m, s, ti) > LongCrisisDays), Flag), ends);
        }
        for (var k = 0; k < m.ObligationTreaties.Length; k++)
        {
            var treaty = m.ObligationTreaties[k];
            var rows = Enumerable.Range(0, m.Obligations.Count).Where(o => m.Obligations[o].Treaty == treaty).ToArray();
            var obl = rows.Select(o => MapNode.Obligations(treaty, m.Obligations[o].Theater)).Distinct().ToArray();
            Add(new($"obligation_triggered.{treaty}", $"an obligation under {treaty} is triggered by another state's armed attack", s => AnyOf(s.ObligationTriggered, rows), null, Flag), obl);
            Add(new($"ally_entry.{treaty}", $"a party enters a theater to honour {treaty}", s => AnyOf(s.ObligationHonoured, rows), null, Flag), obl);
            Add(new($"honoured_given_triggered.{treaty}", $"{treaty} is honoured, among runs where it was triggered",
                s => AnyOf(s.ObligationHonoured, rows), s => AnyOf(s.ObligationTriggered, rows), Flag), obl);
        }
        var anyIntervention = new List<int>();
        for (var a = 0; a < m.ActorCount; a++)
            for (var t = 0; t < nT; t++)
                if (m.Role(a, t) == "supporter" && m.MayInterveneAt(a, t))
                {
                    var i = a * nT + t;
                    anyIntervention.Add(i);
                    Add(new($"intervention.{m.Theaters[t]}.{m.Actors[a]}", $"{m.Actors[a]} intervenes in {m.Theaters[t]} of its own accord", s => s.Intervened[i], null, Flag), MapNode.Intervention(m.Actors[a].Iso3, m.Theaters[t]));
                }
        if (anyIntervention.Count > 0)
        {
            var idx = anyIntervention.ToArray();
            Add(new("intervention", "some supporter intervenes of its own accord", s => AnyOf(s.Intervened, idx), null, Flag), idx.Select(i => MapNode.Intervention(m.Actors[i / nT].Iso3, m.Theaters[i % nT])));
        }
        for (var l = 0; l < m.LinkIdList.Count; l++)
        {
            var li = l;
            Add(new($"horizontal_escalation.{m.LinkIdList[l]}", $"link {m.LinkIdList[l]}: its actor raises its posture while the pressure on its beneficiary is on", s => s.LinkFired[li], null, Flag), MapNode.Link(m.LinkIdList[li]), MapNode.Level(m.Theaters[m.LinkTarget(li)]));
        }
        for (var n = 0; n < m.NormalisationIds.Count; n++)
        {
            var ni = n;
            Add(new($"normalisation.{m.NormalisationIds[n]}", $"normalisation {m.NormalisationIds[n]} happens", s => s.Normalised[ni], null, Flag), NormalisationReads(m, ni));
        }
        for (var a = 0; a < m.ActorCount; a++)
            for (var t = 0; t < nT; t++)
                if (m.HasDeploymentIn(a, t))
                {
                    var i = a * nT + t;
                    Add(new($"forces_moved_out.{m.Actors[a]}.{m.Theaters[t]}", $"{m.Actors[a]}'s share of forces in {m.Theaters[t]} ends at least 5 points below its start",
                        s => s.Share[i] <= s.ShareStart[i] - MovedOut, null, EndOfRun), MapNode.Share(m.Actors[a].Iso3, m.Theaters[t]));
                }
        for (var f = 0; f < m.FlowIdList.Count; f++)
        {
            var fi = f;
            Add(new($"flow.{m.FlowIdList[f]}", $"treaty flow {m.FlowIdList[f]} acts at least once", s => s.FlowActs[fi] > 0, null, Flag), MapNode.Flow(m.FlowIdList[fi]));
        }
        for (var sp = 0; sp < m.SpiralIdList.Count; sp++)
        {
            var si = sp;
            Add(new($"spiral.{m.SpiralIdList[sp]}", $"spiral {m.SpiralIdList[sp]}: both rivals end the run with a build-up in its theaters of at least global.spiral_build_up of their starting forces there",
                s => s.SpiralReached[si], null, EndOfRun), MapNode.Spiral(m.SpiralIdList[si]));
        }
        for (var l = 0; l < m.FaultLineIdList.Count; l++)
        {
            var li = l;
            var (patron, limiter, client, th) = m.FaultLineOf(l);
            var bounded = Enumerable.Range(0, m.Obligations.Count)
                .Where(o => m.Obligations[o].Ally == m.Actors[patron] && m.Obligations[o].Partner == m.Actors[client] && m.Obligations[o].Theater == m.Theaters[th])
                .Select(o => MapNode.Obligations(m.Obligations[o].Treaty, m.Obligations[o].Theater)).Distinct();
            Add(new($"fault_line_crossed.{m.FaultLineIdList[l]}",
                $"{m.Actors[patron]} enters {m.Theaters[th]} to honour an obligation to {m.Actors[client]} while {m.Actors[limiter]} has not joined {m.Actors[client]}'s side there (it acts unilaterally, against {m.Actors[limiter]})",
                s => s.FaultLineCrossed[li], null, Flag), [MapNode.FaultLine(m.FaultLineIdList[li]), .. bounded]);
        }
        if (m.FlowIdList.Count > 0)
            for (var a = 0; a < m.ActorCount; a++)
                for (var t = 0; t < nT; t++)
                    if (m.HasDeploymentIn(a, t))
                    {
                        var i = a * nT + t;
                        Add(new($"forces_moved_out_given_transfers.{m.Actors[a]}.{m.Theaters[t]}",
                            $"{m.Actors[a]}'s share of forces in {m.Theaters[t]} ends at least 5 points below its start, among runs where every transfer and exercise flow acted at least once (in a model without such flows: every run)",
                            s => s.Share[i] <= s.ShareStart[i] - MovedOut, s => AllActed(m, s), EndOfRun),
                            MapNode.Share(m.Actors[a].Iso3, m.Theaters[t])); // the condition selects runs; it is not a path
                    }
        for (var e = 0; e < m.Events.Count; e++)
        {
            var ei = e;
            Add(new($"event.{m.Events[e]}", $"event {m.Events[e]} fires", s => s.EventFired[ei], null, Flag), MapNode.Event(m.Events[ei]));
        }
        return list;
    }

    /// <summary>A normalisation reads the levels of its theaters and its pivot actor's shares there.</summary>
    private static IEnumerable<string> NormalisationReads(CompiledModel m, int n)
    {
        var (theaters, pivot) = m.NormalisationInputs(n);
        foreach (var t in theaters)
        {
            yield return MapNode.Level(m.Theaters[t]);
            if (pivot >= 0 && m.HasDeploymentIn(pivot, t)) yield return MapNode.Share(m.Actors[pivot].Iso3, m.Theaters[t]);
        }
    }

    /// <summary>Days from the crisis's onset to its first end, or to the end of the horizon while it is still on.</summary>
    private static int DaysInCrisis(CompiledModel m, RunState s, int t) =>
        m.DateOf(s.Ended[t] != Termination.None ? s.EndStep[t] : m.Steps).DayNumber - m.DateOf(s.CrisisStart[t]).DayNumber;

    /// <summary>How a termination kind reads in prose.</summary>
    public static string Describe(Termination k) => k switch
    {
        Termination.Settlement => "negotiated settlement",
        Termination.Freeze => "a freeze (no posture changes for freeze_steps steps below war)",
        Termination.Normal => "return to normal relations (the level falls below the crisis floor)",
        _ => "—",
    };

    private static bool AllActed(CompiledModel m, RunState s)
    {
        for (var f = 0; f < s.FlowActs.Length; f++)
            if (m.FlowKindOf(f) is FlowKind.Transfer or FlowKind.Exercise && s.FlowActs[f] == 0) return false;
        return true;
    }
    private static bool Any(bool[] xs) { foreach (var x in xs) if (x) return true; return false; }
    private static bool AnyOf(bool[] xs, int[] idx) { foreach (var i in idx) if (xs[i]) return true; return false; }
    private static bool AnyAtLeast(RunState s, int level) { foreach (var l in s.MaxReached) if (l >= level) return true; return false; }

    /// <summary>Per-draw counts as the interval estimators' clusters.</summary>
    public static ClusterCounts Clusters(DrawCounts c) => new(c.Hits.Select(x => (double)x).ToArray(), c.Trials.Select(x => (double)x).ToArray());

    /// <summary>
    /// A probability with its 95% interval from per-draw counts: the cluster-aware Wilson interval (the draws, each
    /// holding its replicates, are the independent units; see <see cref="PairedDifference.Proportion"/>). With a
    /// single draw the runs are independent and the plain Wilson interval applies.
    /// </summary>
    public static (double P, double Lo, double Hi) Interval(DrawCounts c)
    {
        long hits = c.TotalHits, n = c.TotalTrials;
        var used = c.Trials.Count(x => x > 0);
        if (n == 0) return (0, 0, 1);
        if (used < 2) { var (lo, hi) = Wilson.Interval(hits, n); return ((double)hits / n, lo, hi); }
        var nonEmpty = Enumerable.Range(0, c.Trials.Length).Where(d => c.Trials[d] > 0).ToArray();
        var e = PairedDifference.Proportion(new ClusterCounts(nonEmpty.Select(d => (double)c.Hits[d]).ToArray(), nonEmpty.Select(d => (double)c.Trials[d]).ToArray()));
        return (e.Estimate, e.Lo, e.Hi);
    }
}

/// <summary>Wilson score interval for a binomial proportion (Wilson 1927).</summary>
public static class Wilson
{
    /// <summary>The 95% (z = 1.96) interval for <paramref name="hits"/> out of <paramref name="n"/>; (0, 1) when n = 0.</summary>
    public static (double Lo, double Hi) Interval(long hits, long n, double z = 1.959963984540054)
    {
        if (n <= 0) return (0, 1);
        double p = (double)hits / n, z2 = z * z;
        var denom = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denom;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
