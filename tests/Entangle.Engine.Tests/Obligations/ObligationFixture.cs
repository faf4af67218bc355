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

    /// <summary>The scenario the pinned cases run against.</summary>
    public static Scenario Bundled => Loaded.Value;


    /// <summary>Answers "attacker attacks target (where) on date".</summary>
    public static ObligationAnswer Ask(string attacker, string target, string? where, string on, ForceKind? asset = null, params War[] wars) =>
        ObligationEngine.Answer(Bundled, new ObligationQuery(new StateId(attacker), new StateId(target), where, asset,
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), wars));

    /// <summary>The cascade from "attacker attacks target (where) on date".</summary>
    public static CascadeResult Cascade(string attacker, string target, string? where, string on, CascadeOptions? options = null) =>
        CascadeEngine.Run(Bundled, new ObligationQuery(new StateId(attacker), new StateId(target), where, null,
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
