using Entangle.Application.Obligations;
using Entangle.Application.Output;
using Entangle.Domain;
using Entangle.Engine.Obligations;
using static Entangle.Engine.Tests.Obligations.ObligationFixture;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>Same inputs, same bytes: answers do not depend on the order of the scenario's lists.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("PRK", "KOR", null)]
    [InlineData("RUS", "POL", null)]
    [InlineData("CHN", "JPN", "JPN-senkaku")]
    public void Cascade_JsonIndependentOfScenarioListOrder(string attacker, string target, string? where)
    {
        var q = new ObligationQuery(new StateId(attacker), new StateId(target), where, null, new DateOnly(2025, 1, 10));
        var shuffled = Bundled with
        {
            Treaties = Bundled.Treaties.Reverse().Select(t => t with { Parties = t.Parties.Reverse().ToList() }).ToList(),
            Territories = Bundled.Territories.Reverse().ToList(),
            Theaters = Bundled.Theaters.Reverse().ToList(),
        };
        var a = Json.Serialize(CascadeService.Run(Bundled, q, new CascadeOptions(HomelandStrikes: true)));
        var b = Json.Serialize(CascadeService.Run(shuffled, q, new CascadeOptions(HomelandStrikes: true)));
        Assert.Equal(a, b);
        Assert.Equal(Json.Serialize(ObligationsService.Query(Bundled, q)), Json.Serialize(ObligationsService.Query(shuffled, q)));
    }
}
