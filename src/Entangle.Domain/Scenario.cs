namespace Entangle.Domain;

/// <summary>A scenario's identity and the date its picture of the world refers to.</summary>
public sealed record ScenarioInfo(string Id, string Title, DateOnly AsOf, string? Description, IReadOnlyList<string> Sources);

/// <summary>The whole model of a strategic situation, as loaded from a scenario file and its includes.</summary>
public sealed record Scenario(
    ScenarioInfo Info,
    IReadOnlyList<State> States,
    IReadOnlyList<Organization> Organizations,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<Territory> Territories,
    IReadOnlyList<Treaty> Treaties,
    IReadOnlyList<Theater> Theaters,
    IReadOnlyList<Relation> Relations,
    IReadOnlyList<Issue> Issues,
    IReadOnlyList<ScenarioEvent> Events,
    IReadOnlyList<Correction> Corrections)
{
    /// <summary>
    /// Sections that engines define on top of the core model (e.g. <c>escalation</c>), keyed by section name.
    /// Each engine exposes a typed accessor over its own entry.
    /// </summary>
    public IReadOnlyDictionary<string, object> Extensions { get; init; } = new Dictionary<string, object>();

    /// <summary>Things that load but are probably not what the author meant (e.g. a treaty with no <c>in_force</c>
    /// date), located; <c>validate</c> prints them.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    public State? State(StateId id) => States.FirstOrDefault(s => s.Id == id);
    public Treaty? Treaty(string id) => Treaties.FirstOrDefault(t => t.Id == id);
    public Theater? Theater(string id) => Theaters.FirstOrDefault(t => t.Id == id);
    public Territory? Territory(string id) => Territories.FirstOrDefault(t => t.Id == id);
    public Area? Area(string id) => Areas.FirstOrDefault(a => a.Id == id);
    public Issue? Issue(string id) => Issues.FirstOrDefault(i => i.Id == id);

    /// <summary>A copy without the named treaty (for counterfactuals).</summary>
    public Scenario WithoutTreaty(string id) => this with { Treaties = Treaties.Where(t => t.Id != id).ToList() };

    /// <summary>True when <paramref name="area"/> is <paramref name="container"/> or lies within it, transitively.</summary>
    public bool AreaWithin(string area, string container)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>();
        todo.Push(area);
        while (todo.Count > 0)
        {
            var a = todo.Pop();
            if (a == container) return true;
            if (!seen.Add(a)) continue;
            foreach (var p in Area(a)?.Within ?? []) todo.Push(p);
        }
        return false;
    }
}

/// <summary>
/// A scenario loaded with a hindsight overlay: what was learned after its date, for evaluation only. Its presence in
/// <c>Scenario.Extensions</c> labels every answer drawn from the scenario as using hindsight.
/// </summary>
/// <param name="Label">What the overlay holds, as its author wrote it.</param>
/// <param name="Treaties">Later treaty dates it adds.</param>
public sealed record HindsightInfo(string Label, IReadOnlyList<TreatyAmendment> Treaties)
{
    /// <summary>The section name (<c>hindsight:</c>) and the key in <c>Scenario.Extensions</c>.</summary>
    public const string SectionName = "hindsight";
}

/// <summary>A treaty's dates as learned later (entry into force, end, successor), with the source.</summary>
public sealed record TreatyAmendment(string Treaty, DateOnly? InForce, DateOnly? Ended, string? SupersededBy, string Source);

/// <summary>Typed access to a scenario's hindsight overlay.</summary>
public static class HindsightScenario
{
    /// <summary>The overlay the scenario was loaded with, or null for a scenario as of its date.</summary>
    public static HindsightInfo? Hindsight(this Scenario scenario) =>
        scenario.Extensions.TryGetValue(HindsightInfo.SectionName, out var v) ? v as HindsightInfo : null;
}
