using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>The situation page (map, alliance graph, clause texts) and the cascade page.</summary>
[Collection("workbench")]
public class SituationPageTests(Workbench bench)
{
    [Fact]
    public async Task Situation_draws_the_map_with_blocs_and_theaters_and_the_alliance_graph_with_named_nodes()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/situation?s=russia-dprk-2024");
        var p = w.Page;
        // the map: the scenario's states by bloc, the three theaters outlined
        await p.WaitForSelectorAsync("#world-map svg path[data-iso3=PRK]");
        Assert.Equal("b", await p.GetAttributeAsync("#world-map path[data-iso3=PRK]", "data-bloc"));
        Assert.Equal("a", await p.GetAttributeAsync("#world-map path[data-iso3=KOR]", "data-bloc"));
        Assert.Equal("a", await p.GetAttributeAsync("#world-map path[data-iso3=USA]", "data-bloc"));
        // Spain is no actor of the escalation model: it is in bloc A by the alliance rule (NATO with the United States, a principal)
        Assert.Equal("a", await p.GetAttributeAsync("#world-map path[data-iso3=ESP]", "data-bloc"));
        Assert.Contains("allied with side A by nato-1949", await p.Locator("#states-table tr:has(td:text-is('ESP'))").InnerTextAsync());
        foreach (var t in new[] { "korea", "europe-ukraine", "taiwan-strait" })
            Assert.Equal(1, await p.Locator($"#world-map path.theater[data-theater={t}]").CountAsync());
        Assert.Contains("PRK B", await p.Locator("#world-map text[data-label=PRK]").TextContentAsync());
        var box = await p.Locator("#world-map path[data-iso3=RUS]").BoundingBoxAsync();
        Assert.True(box is { Width: > 50, Height: > 20 }, "Russia is drawn with a size");

        await w.Screenshot("situation");

        // the graph: named state nodes, drawn on the canvas
        var nodes = await p.EvaluateAsync<string[]>("() => window.__cy.nodes('[kind = \"state\"]').map(n => n.id())");
        foreach (var s in new[] { "RUS", "PRK", "CHN", "USA", "KOR", "JPN" }) Assert.Contains(s, nodes);
        Assert.Equal("automatic", await p.EvaluateAsync<string>("() => window.__cy.getElementById('e:rus-prk-2024').data('strength')"));
        Assert.Contains("≈", await p.EvaluateAsync<string>("() => window.__cy.getElementById('e:rus-prk-2024').data('label')"));
        var canvas = await p.Locator("#alliance-graph canvas").First.BoundingBoxAsync();
        Assert.True(canvas is { Width: > 300, Height: > 300 });

        // click the Russia–DPRK edge on the canvas: its clause text and source appear
        await p.Locator("#alliance-graph").ScrollIntoViewIfNeededAsync();
        var mid = await p.EvaluateAsync<double[]>("() => { const m = window.__cy.getElementById('e:rus-prk-2024').renderedMidpoint(); return [m.x, m.y]; }");
        var host = (await p.Locator("#alliance-graph").BoundingBoxAsync())!;
        await p.Mouse.ClickAsync((float)(host.X + mid[0]), (float)(host.Y + mid[1]));
        await p.WaitForSelectorAsync("#treaty-detail[data-treaty=rus-prk-2024]");
        var panel = await p.Locator("#treaty-detail").InnerTextAsync();
        Assert.Contains("Art. 4", panel);
        Assert.Contains("Reading-dependent", panel);
        Assert.Contains("source", panel);

        // figures with sources; judgements marked as such
        Assert.True(await p.Locator("#states-table .badge.source").CountAsync() > 10);
        Assert.True(await p.Locator("#theaters-table .badge.judgement").CountAsync() > 0);
        await w.Screenshot("situation-graph");
        await w.AssertAccessible("the situation page");
        w.AssertClean();
    }

    [Fact]
    public async Task Cascade_of_a_US_attack_on_the_DPRK_shows_China_joining_in_wave_one_and_Russia_held_back_by_a_treaty_not_yet_in_force()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/cascade?s=russia-dprk-2024");
        var p = w.Page;
        await p.SelectOptionAsync("#attacker", "USA");
        await p.SelectOptionAsync("#target", "PRK");
        await p.FillAsync("#on", "2025-01-10");
        await p.ClickAsync("#run-cascade");
        await p.WaitForSelectorAsync("#cascade-waves tbody tr");
        var waves = await p.Locator("#cascade-waves tbody tr").AllInnerTextsAsync();
        Assert.StartsWith("0", waves[0]);
        Assert.Contains("USA", waves[0]);
        Assert.Contains("CHN", waves[1]);
        // The scenario is dated 2024-06-23: rus-prk-2024 was signed on 2024-06-19 and, as far as the scenario knows,
        // is pending ratification (its entry into force is hindsight), so Russia is not obliged and the page says why.
        Assert.DoesNotContain("RUS", waves[1]);
        var held = await p.Locator("#not-triggered tbody tr").AllInnerTextsAsync();
        Assert.Contains(held, r => r.Contains("RUS", StringComparison.Ordinal) && r.Contains("rus-prk-2024", StringComparison.Ordinal)
            && r.Contains("pending ratification", StringComparison.Ordinal));
        // each obligation with its clause and justification
        var edges = await p.Locator("#cascade-edges tbody tr").AllInnerTextsAsync();
        Assert.Contains(edges, e => e.Contains("chn-prk-1961 Art. II", StringComparison.Ordinal) && e.Contains("Trigger:", StringComparison.Ordinal));
        Assert.DoesNotContain(edges, e => e.Contains("rus-prk-2024", StringComparison.Ordinal));
        // on the map and the graph
        Assert.Contains("wave 1", await p.Locator("#cascade-map text[data-label=CHN]").TextContentAsync());
        Assert.True(await p.EvaluateAsync<bool>("() => window.__cascade.cy.getElementById('CHN').hasClass('joined')"));
        Assert.False(await p.EvaluateAsync<bool>("() => window.__cascade.cy.getElementById('RUS').hasClass('joined')"));
        Assert.True(await p.EvaluateAsync<int>("() => window.__cascade.cy.edges('.cascade').length") >= 2);
        await w.Screenshot("cascade");
        await w.AssertAccessible("the cascade page");
        w.AssertClean();
    }
}
