using Entangle.Tests.Shared;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Obligations;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>
/// Loads the bundled scenario (scenarios/russia-dprk-2024.yaml) for the obligations tests. The CLI tests use
/// Fixtures/test-root.yaml, a smaller root over the same geography and treaties fragments.
/// </summary>
public static class ObligationFixture
{
    /// <summary>The repository root (the folder holding Entangle.slnx).</summary>
    public static string RepoRoot => RepoPaths.RepoRoot;

    private static readonly Lazy<Scenario> Loaded = new(() => ScenarioService.Load(RepoPaths.BundledScenario));
    private static readonly Lazy<Scenario> LoadedWithHindsight = new(() =>
        ScenarioService.Load(Path.Combine(RepoPaths.RepoRoot, "scenarios", "russia-dprk-2024.hindsight.yaml")));

    /// <summary>The bundled scenario as of its date (2024-06-23): the Russia–DPRK treaty signed, not yet in force.</summary>
    public static Scenario Bundled => Loaded.Value;

    /// <summary>
    /// The scenario the pinned legal cases run against: the bundled one with its hindsight overlay
    /// (scenarios/russia-dprk-2024.hindsight.yaml), loaded explicitly, because the cases ask about dates after the
    /// scenario's date (the treaty's entry into force on 4 Dec 2024, queries in 2025), which only hindsight can answer.
    /// </summary>
    public static Scenario Pinned => LoadedWithHindsight.Value;


    /// <summary>Answers "attacker attacks target (where) on date".</summary>
    public static ObligationAnswer Ask(string attacker, string target, string? where, string on, ForceKind? asset = null, params War[] wars) =>
        ObligationEngine.Answer(Pinned, new ObligationQuery(new StateId(attacker), new StateId(target), where, asset,
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), wars));

    /// <summary>The cascade from "attacker attacks target (where) on date".</summary>
    public static CascadeResult Cascade(string attacker, string target, string? where, string on, CascadeOptions? options = null) =>
        CascadeEngine.Run(Pinned, new ObligationQuery(new StateId(attacker), new StateId(target), where, null,
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)), options);

    /// <summary>The obliged findings for one state.</summary>
    public static List<ObligationFinding> ObligedFor(this ObligationAnswer a, string state) =>
        a.Obliged.Where(f => f.State.Iso3 == state).ToList();

    /// <summary>The not-obliged findings for one state.</summary>
    public static List<ObligationFinding> NotObligedFor(this ObligationAnswer a, string state) =>
        a.NotObliged.Where(f => f.State.Iso3 == state).ToList();

    /// <summary>A state's overall status, or null if no relevant treaty mentions it.</summary>
    public static ObligationStatus? StatusOf(this ObligationAnswer a, string state) =>
        a.Status.TryGetValue(new StateId(state), out var s) ? s : null;

}
