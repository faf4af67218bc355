using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>The claims page: the verdict table, tornado charts, a judgement moved with the slider (by keyboard) and the verdicts recomputed as a job; compare.</summary>
[Collection("workbench")]
public class ClaimsPageTests(Workbench bench)
{
    [Fact]
    public async Task Run_claims_see_the_verdict_table_then_move_a_judgement_with_the_slider_and_see_the_recomputed_verdicts()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/claims?s=russia-dprk-2024");
        var p = w.Page;
        await p.FillAsync("#claims-runs", "300");
        await p.FillAsync("#claims-screening-runs", "40");
        await p.ClickAsync("#run-claims");
        await p.WaitForSelectorAsync("#claims-table tbody tr", new PageWaitForSelectorOptions { Timeout = 300_000 });
        var claims = await p.EvaluateAsync<string[]>("() => window.__claims.claims.map(c => c.id)");
        // the claims the scenario states, read from its file: one "- id:" entry each
        var stated = File.ReadAllLines(Path.Combine(Entangle.Tests.Shared.RepoPaths.RepoRoot, "scenarios", "russia-dprk-2024", "claims.yaml"))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s*- id: (\S+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(stated, claims);
        var rows = await p.Locator("#claims-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(claims.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Contains(claims[i], rows[i]);
            Assert.Matches("supported|contradicted|inconclusive|untestable|bounded", rows[i]);
        }
        // the verdict is told in words, not by colour alone
        Assert.Equal(claims.Length, await p.Locator("#claims-table .verdict").CountAsync());
        await p.Locator("details.claim summary").First.ClickAsync();
        await p.WaitForSelectorAsync("[id^=tornado-][data-rendered=true]");
        await w.Screenshot("claims");
        await w.AssertAccessible("the claims page");

        // move the first judgement one step with the keyboard: a change event starts a claims job with the override
        var path = await p.InputValueAsync("#judgement");
        var before = await p.InputValueAsync("#judgement-slider");
        await p.FocusAsync("#judgement-slider");
        await p.Keyboard.PressAsync("ArrowRight");
        var after = await p.InputValueAsync("#judgement-slider");
        Assert.NotEqual(before, after);
        await p.WaitForSelectorAsync("#recomputed-table tbody tr", new PageWaitForSelectorOptions { Timeout = 300_000 });
        var caption = await p.Locator("#recomputed-table caption").InnerTextAsync();
        Assert.Contains(path + "=", caption);
        var again = await p.Locator("#recomputed-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(claims.Length, again.Count);
        Assert.All(again, r => Assert.Matches("(supported|contradicted|inconclusive|untestable|bounded).*(supported|contradicted|inconclusive|untestable|bounded)", r.Replace("\n", " ").Replace("\t", " ")));
        // the job the page started carried the override
        var jobs = await p.EvaluateAsync<string>("() => fetch('/api/v1/jobs').then(r => r.json()).then(js => JSON.stringify(js.filter(j => j.kind === 'claims').map(j => j.request.overrides ?? [])))");
        Assert.Contains(path + "=", jobs);
        await w.Screenshot("claims-slider");
        w.AssertClean();
    }

    [Fact]
    public async Task Compare_without_the_2024_treaty_shows_both_arms_side_by_side()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/claims?s=russia-dprk-2024");
        var p = w.Page;
        await p.SelectOptionAsync("#compare-without", "rus-prk-2024");
        await p.FillAsync("#compare-runs", "200");
        await p.ClickAsync("#compare-form button[type=submit]");
        await p.WaitForSelectorAsync("#compare-table tbody tr", new PageWaitForSelectorOptions { Timeout = 240_000 });
        var text = await p.Locator("#compare-table").InnerTextAsync();
        Assert.Contains("two_theater_crisis", text);
        Assert.Contains("rus-prk-2024", await p.Locator("#compare-table caption").InnerTextAsync());
        w.AssertClean();
    }
}
