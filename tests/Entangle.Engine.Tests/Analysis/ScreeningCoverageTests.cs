using Entangle.Application.Analysis;
using Entangle.Application.Escalation;
using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Analysis;

/// <summary>
/// Screening can reach every catalog parameter of the bundled scenario, λ and the ladder included (issue 10):
/// <c>--parameter all</c> selects every parameter with a range, and patterns select a scope.
/// </summary>
public sealed class ScreeningCoverageTests
{
    private static readonly Lazy<Arm> Bundled = new(() => EscalationService.Arm(EscalationService.Load(RepoPaths.BundledScenario, new EscalationRequest())));

    [Fact]
    public void All_CoversEveryCatalogScope_LambdaAndTheLadderIncluded()
    {
        var chosen = Screening.Select(Bundled.Value, [Screening.All]).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var scope in ParameterCatalog.Scopes)
            Assert.Contains(chosen, p => p.StartsWith(scope.Prefix + ".", StringComparison.Ordinal));
        foreach (var a in new[] { "USA", "CHN", "RUS", "PRK" }) Assert.Contains($"actor.{a}.lambda", chosen);
        // the ladder's four columns at a level with non-zero entries (the top: general nuclear war) and a threshold premium
        foreach (var col in ParameterCatalog.Ladder.List.All)
            Assert.Contains(chosen, p => p.StartsWith("ladder.", StringComparison.Ordinal) && p.EndsWith("." + col.Name, StringComparison.Ordinal));
        Assert.Contains(chosen, p => p.StartsWith("threshold.", StringComparison.Ordinal));
        Assert.Contains("fault_line.rus-chn-korea.restraint", chosen);
        // nothing outside the model, and every parameter the model has with a non-degenerate range
        var model = Bundled.Value.Model;
        Assert.All(chosen, p => Assert.Contains(p, model.ParameterPaths));
        var missing = model.ParameterPaths.Where(p => !chosen.Contains(p)).Where(p => Screening.Describe(p, model.Spec(p)) is var d && d.Hi > d.Lo).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Pattern_SelectsOneScope_AndAPatternThatMatchesNothingIsAnError()
    {
        var lambdas = Screening.Select(Bundled.Value, ["actor.*.lambda"]).Select(p => p.Path).ToList();
        Assert.Equal(Bundled.Value.Model.ActorCount, lambdas.Count);
        Assert.All(lambdas, p => Assert.Matches(@"^actor\.[A-Z]{3}\.lambda$", p));
        var e = Assert.Throws<InputException>(() => Screening.Select(Bundled.Value, ["ladder.*.nonsense"]));
        Assert.Contains("matches no parameter", e.Message);
    }
}
