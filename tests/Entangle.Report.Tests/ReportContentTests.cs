using System.Net;
using System.Text.Json;
using Entangle.Application.Analysis;
using Entangle.Application.Output;
using Entangle.Application.Scenarios;
using Entangle.Domain;

namespace Entangle.Report.Tests;

/// <summary>What the briefing must contain: situation, claims with quotes, provenance of every parameter.</summary>
public class ReportContentTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Every_parameter_used_appears_in_the_provenance_table_with_its_basis()
    {
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Dir, "summary.json")));
        var html = fixture.Html;
        var table = html[html.IndexOf("id=\"provenance-table\"", StringComparison.Ordinal)..];
        var count = 0;
        foreach (var p in summary.RootElement.GetProperty("parameters").EnumerateArray())
        {
            var path = p.GetProperty("path").GetString()!;
            Assert.Contains($"<code>{WebUtility.HtmlEncode(path)}</code>", table);
            Assert.Contains(p.GetProperty("basis").GetString()!, new[] { "source", "judgement" });
            count++;
        }
        Assert.True(count > 10);
    }

    [Fact]
    public void Situation_lists_every_treaty_with_its_clauses_and_the_claims_with_their_Dutch_quotes()
    {
        var s = ScenarioService.Load(Files.Scenario);
        foreach (var t in s.Treaties) Assert.Contains($"<code>{WebUtility.HtmlEncode(t.Id)}</code>", fixture.Html);
        foreach (var c in s.Treaties.SelectMany(t => t.Clauses)) Assert.Contains(WebUtility.HtmlEncode(c.Text), fixture.Html);
        foreach (var c in s.Claims())
        {
            Assert.Contains(WebUtility.HtmlEncode(c.Quote), fixture.Html);
            Assert.Contains(WebUtility.HtmlEncode(c.Gloss), fixture.Html);
        }
    }

    [Fact]
    public void Claims_json_has_the_documented_shape()
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Dir, "claims.json")));
        var claims = doc.RootElement.GetProperty("claims");
        Assert.True(claims.GetArrayLength() >= 4);
        foreach (var c in claims.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString()));
            Assert.Equal(Entangle.Tests.Shared.VerdictCheck.Expected(c), c.GetProperty("verdict").GetString()); // the verdict follows from the printed interval
            var with = c.GetProperty("with").GetProperty("estimate").GetDouble();
            var without = c.GetProperty("without").GetProperty("estimate").GetDouble();
            Assert.Equal(with - without, c.GetProperty("difference").GetProperty("estimate").GetDouble(), 5); // the difference is of the two arms shown
            Assert.Equal(JsonValueKind.Array, c.GetProperty("hinges_on").ValueKind);
            Assert.True(c.GetProperty("hinges_on").GetArrayLength() <= 3);
        }
    }
}

/// <summary>Same inputs and seed, same bytes — whatever the thread count.</summary>
public class DeterminismTests
{
    [Fact]
    public void Claims_json_is_byte_identical_on_one_and_on_several_threads()
    {
        var request = new ClaimsRequest(Runs: 300, ScreeningRuns: 30, Trajectories: 2, Levels: 3, Seed: 11);
        var one = Json.Serialize(ClaimsService.Test(Files.Scenario, request with { Threads = 1 }));
        var many = Json.Serialize(ClaimsService.Test(Files.Scenario, request with { Threads = 3 }));
        Assert.Equal(one, many);
        var other = Json.Serialize(ClaimsService.Test(Files.Scenario, request with { Threads = 2, Seed = 12 }));
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Compare_json_is_byte_identical_on_one_and_on_several_threads()
    {
        var r = new CompareRequest(Without: ["rus-prk-2024"], Runs: 400, Seed: 3);
        Assert.Equal(Json.Serialize(CompareService.Compare(Files.Scenario, r with { Threads = 1 })),
            Json.Serialize(CompareService.Compare(Files.Scenario, r with { Threads = 2 })));
    }

    [Fact]
    public void A_variant_equal_to_the_baseline_gives_zero_differences_under_common_random_numbers()
    {
        // setting a parameter to the value it already has changes nothing, so with common random numbers every
        // run is identical in both arms and every difference is exactly 0
        var r = new CompareRequest(Set: ["global.stickiness=0.3"], Runs: 300, Seed: 5);
        var s = ScenarioService.Load(Files.Scenario);
        var current = Entangle.Domain.Escalation.EscalationScenario.Escalation(s)!.Globals.TryGetValue("stickiness", out var e) ? e.Mean : 0.3;
        r = r with { Set = [FormattableString.Invariant($"global.stickiness={current}")] };
        var result = CompareService.Compare(Files.Scenario, r);
        Assert.All(result.Metrics, m => Assert.Equal(0, m.Difference.Estimate));
        Assert.Contains(result.Metrics, m => m.With.Estimate > 0);
    }
}
