using Entangle.Engine.Escalation;

namespace Entangle.Application.Escalation;

/// <summary>
/// The outcome metrics of an escalation Monte Carlo, declared as data: a name, what it means, and the test on a
/// finished run. The names are documented in docs/escalation.md.
/// </summary>
public static class Metrics
{
    /// <summary>Every outcome metric for a compiled model, in report order.</summary>
    public static IReadOnlyList<OutcomeDefinition> For(CompiledModel m)
    {
        var list = new List<OutcomeDefinition>();
        var lad = m.Ladder;
        var nT = m.TheaterCount;
        list.Add(new("first_war", "a theater that was not at war at the start reaches war (MID 5)", s => s.FirstWarStep > 0));
        list.Add(new("two_theater_crisis", $"two or more theaters at crisis level ({m.CrisisLevel}, {lad.Levels[m.CrisisLevel].Name}) or above in the same step",
            s => s.TwoCrisisStep > 0));
        list.Add(new("nuclear_use", "nuclear weapons are used in some theater", s => AnyAtLeast(s, lad.NuclearUseLevel)));
        list.Add(new("general_nuclear_war", "some theater reaches general nuclear war", s => AnyAtLeast(s, lad.Top)));
        list.Add(new("ally_entry", "some state enters a theater to honour a treaty obligation", s => Any(s.ObligationHonoured)));
        for (var t = 0; t < nT; t++)
        {
            var tid = m.Theaters[t]; var ti = t;
            list.Add(new($"war.{tid}", $"{tid} is at war (MID 5) at some step", s => s.MaxReached[ti] >= lad.WarLevel));
            list.Add(new($"nuclear_use.{tid}", $"nuclear weapons are used in {tid}", s => s.MaxReached[ti] >= lad.NuclearUseLevel));
            list.Add(new($"escalates.{tid}", $"{tid} rises above its starting level at some step", s => s.MaxReached[ti] > s.StartLevel[ti]));
            list.Add(new($"ends_above_start.{tid}", $"{tid} ends the run above its starting level", s => s.Level[ti] > s.StartLevel[ti]));
            list.Add(new($"ends_below_start.{tid}", $"{tid} ends the run below its starting level", s => s.Level[ti] < s.StartLevel[ti]));
        }
        for (var k = 0; k < m.ObligationTreaties.Length; k++)
        {
            var treaty = m.ObligationTreaties[k];
            var rows = Enumerable.Range(0, m.Obligations.Count).Where(o => m.Obligations[o].Treaty == treaty).ToArray();
            list.Add(new($"obligation_triggered.{treaty}", $"an obligation under {treaty} is triggered", s => AnyOf(s.ObligationTriggered, rows)));
            list.Add(new($"ally_entry.{treaty}", $"a party enters a theater to honour {treaty}", s => AnyOf(s.ObligationHonoured, rows)));
            list.Add(new($"honoured_given_triggered.{treaty}", $"{treaty} is honoured, among runs where it was triggered",
                s => AnyOf(s.ObligationHonoured, rows), s => AnyOf(s.ObligationTriggered, rows)));
        }
        var anyIntervention = new List<int>();
        for (var a = 0; a < m.ActorCount; a++)
            for (var t = 0; t < nT; t++)
                if (m.Role(a, t) == "supporter" && m.MayInterveneAt(a, t))
                {
                    var i = a * nT + t;
                    anyIntervention.Add(i);
                    list.Add(new($"intervention.{m.Theaters[t]}.{m.Actors[a]}", $"{m.Actors[a]} intervenes in {m.Theaters[t]} of its own accord", s => s.Intervened[i]));
                }
        if (anyIntervention.Count > 0)
        {
            var idx = anyIntervention.ToArray();
            list.Add(new("intervention", "some supporter intervenes of its own accord", s => AnyOf(s.Intervened, idx)));
        }
        for (var l = 0; l < m.LinkIdList.Count; l++)
        {
            var li = l;
            list.Add(new($"horizontal_escalation.{m.LinkIdList[l]}", $"link {m.LinkIdList[l]}: an escalation while its pressure is on", s => s.LinkFired[li]));
        }
        for (var n = 0; n < m.NormalisationIds.Count; n++)
        {
            var ni = n;
            list.Add(new($"normalisation.{m.NormalisationIds[n]}", $"normalisation {m.NormalisationIds[n]} happens", s => s.Normalised[ni]));
        }
        for (var a = 0; a < m.ActorCount; a++)
            for (var t = 0; t < nT; t++)
                if (m.HasDeploymentIn(a, t))
                {
                    var i = a * nT + t;
                    list.Add(new($"forces_moved_out.{m.Actors[a]}.{m.Theaters[t]}", $"{m.Actors[a]}'s share of forces in {m.Theaters[t]} ends at least 5 points below its start",
                        s => s.Share[i] <= s.ShareStart[i] - 0.05));
                }
        for (var e = 0; e < m.Events.Count; e++)
        {
            var ei = e;
            list.Add(new($"event.{m.Events[e]}", $"event {m.Events[e]} fires", s => s.EventFired[ei]));
        }
        return list;
    }

    private static bool Any(bool[] xs) { foreach (var x in xs) if (x) return true; return false; }
    private static bool AnyOf(bool[] xs, int[] idx) { foreach (var i in idx) if (xs[i]) return true; return false; }
    private static bool AnyAtLeast(RunState s, int level) { foreach (var l in s.MaxReached) if (l >= level) return true; return false; }
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
