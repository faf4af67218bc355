using Entangle.Domain;

namespace Entangle.Application.Scenarios;

/// <summary>Prints a clause's structured coding back as plain English, so a reader can check it against the text.</summary>
public static class ClauseText
{
    public static string Trigger(Trigger t)
    {
        var what = t.Event switch
        {
            TriggerEvent.ArmedAttack => "an armed attack on a party",
            TriggerEvent.ArmedInvasion => "an armed invasion of a party",
            TriggerEvent.StateOfWar => "a party being in a state of war",
            _ => "a threat to a party",
        };
        var by = t.AnyAttacker ? (t.Event == TriggerEvent.StateOfWar ? "" : " by any state") : $" by {string.Join(" or ", t.By)}";
        var war = t.RequiresStateOfWar && t.Event != TriggerEvent.StateOfWar ? ", that leaves it in a state of war" : "";
        var provoked = t.ExcludesProvoked ? "; not if the party provoked it" : "";
        return what + by + war + provoked;
    }

    public static string Scope(Scope s)
    {
        if (s.Anywhere) return "anywhere";
        var parts = new List<string>();
        if (s.Territories.Count > 0) parts.Add($"territories {string.Join(", ", s.Territories)}");
        if (s.Areas.Count > 0) parts.Add($"{(s.AdministeredOnly ? "territory under a party's administration" : "a party's territory")} in {string.Join(" or ", s.Areas)}");
        else if (s.AdministeredOnly) parts.Add("territory under a party's administration");
        if (s.AdministeredBy is { Count: > 0 } admins) parts.Add($"territory under the administration of {string.Join(" or ", admins.Select(a => a.Iso3))}");
        if (s.Forces.Count > 0)
            parts.Add($"its {string.Join(", ", s.Forces.Select(f => ScenarioView.MapKind(f.ToString()).Replace('-', ' ')))} in {(s.Areas.Count > 0 ? string.Join(" or ", s.Areas) : "the scope")}");
        var text = parts.Count > 0 ? string.Join("; ", parts) : "not coded beyond its description";
        return s.Description is null ? text : $"{text} (\"{s.Description}\")";
    }

    public static string Strength(ClauseStrength s) => s switch
    {
        ClauseStrength.Automatic => "automatic (no further decision reserved)",
        ClauseStrength.Conditional => "conditional (each party acts by its own constitutional processes / as it deems necessary)",
        _ => "consultation only",
    };

    /// <summary>One sentence: "Art. 4 (defense, automatic): if …, within …, each other party must act. Source: …".</summary>
    public static string Describe(Treaty t, Clause c)
    {
        var kind = ScenarioView.MapKind(c.Kind.ToString());
        var duty = c.Kind switch
        {
            ClauseKind.Defense => "the other parties are to assist",
            ClauseKind.Offense => "the other parties are to join the fighting",
            ClauseKind.Neutrality => "the other parties are to stay neutral",
            ClauseKind.NonAggression => "the parties are not to attack one another",
            ClauseKind.Consultation => "the parties are to consult",
            _ => "the parties cooperate",
        };
        var exceptions = c.Exceptions.Count > 0 ? $" Exceptions: {string.Join(", ", c.Exceptions)}." : "";
        return $"{t.Name}, Art. {c.Article} ({kind}, {Strength(c.Strength)}): on {Trigger(c.Trigger)}, within {Scope(c.Scope)}, {duty}.{exceptions} Source: {c.Source}";
    }
}
