using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>The runs page (start, live progress to 100%, cancel, the fan chart, export) and the replay page.</summary>
[Collection("workbench")]
public class RunPageTests(Workbench bench)
{
    [Fact]
    public async Task Start_a_run_see_progress_reach_100_percent_and_the_fan_charts_then_export_one_as_png_and_open_a_replay()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/runs?s=russia-dprk-2024");
        var p = w.Page;
        // a seed no other test uses, so the job really runs (no cached result)
        await p.FillAsync("#runs", "600");
        await p.FillAsync("#seed", "4242");
        await p.ClickAsync("#start-run");
        await p.WaitForFunctionAsync("() => document.querySelector('#job-progress')?.value === 100 && /100%/.test(document.querySelector('#job-progress-text').textContent)",
            null, new PageWaitForFunctionOptions { Timeout = 240_000 });
        await p.WaitForSelectorAsync("#outcomes tbody tr");
        Assert.Contains("succeeded", await p.Locator("#run-status").InnerTextAsync());
        foreach (var t in new[] { "korea", "europe-ukraine", "taiwan-strait" })
        {
            await p.WaitForSelectorAsync($"#fan-{t}[data-rendered=true] canvas");
            var b = await p.Locator($"#fan-{t} canvas").First.BoundingBoxAsync();
            Assert.True(b is { Width: > 300, Height: > 200 }, $"fan chart {t} is drawn");
        }
        await p.WaitForSelectorAsync("#force-shares[data-rendered=true]");
        await p.WaitForSelectorAsync("#time-to-war[data-rendered=true]");
        var outcomes = await p.Locator("#outcomes").InnerTextAsync();
        Assert.Contains("first_war", outcomes);
        Assert.Contains("two_theater_crisis", outcomes);

        // export the Korea fan chart as PNG, and the outcome table as CSV
        var png = await p.RunAndWaitForDownloadAsync(() => p.ClickAsync("#fan-korea + figcaption + .tools button:has-text('PNG')"));
        var pngPath = Path.Combine(Workbench.Screenshots, "export-fan-korea.png");
        await png.SaveAsAsync(pngPath);
        var head = File.ReadAllBytes(pngPath)[..8];
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        var svg = await p.RunAndWaitForDownloadAsync(() => p.ClickAsync("#fan-korea + figcaption + .tools button:has-text('SVG')"));
        var svgText = await File.ReadAllTextAsync((await svg.PathAsync())!);
        Assert.StartsWith("<svg", svgText);
        var csv = await p.RunAndWaitForDownloadAsync(() => p.ClickAsync("#outcomes ~ .tools button"));
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.StartsWith("Outcome,P,95% interval", csvText);
        Assert.Contains("first_war,", csvText);
        await w.Screenshot("runs");
        await w.AssertAccessible("the runs page");

        // open run 3 in the replay view
        await p.FillAsync("#replay-run", "3");
        await p.ClickAsync("#open-replay");
        await p.WaitForSelectorAsync("#replay-timeline tbody tr", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Equal(await p.EvaluateAsync<int>("() => window.__replay.levels.length"), await p.Locator("#replay-timeline tbody tr").CountAsync());
        Assert.Equal(3, await p.EvaluateAsync<int>("() => window.__replay.run"));
        Assert.True(await p.Locator("#replay-steps li[data-kind=decision]").CountAsync() > 5);
        // the utilities behind a choice
        await p.Locator("#replay-steps li[data-kind=decision] details summary").First.ClickAsync();
        var util = await p.Locator("#replay-steps table.utilities").First.InnerTextAsync();
        Assert.Contains("Utility", util);
        Assert.Contains("✓ chosen", util);
        // the row marked chosen is the level the decision's text says the posture went to ("RUS holds in …: 5 → 5")
        var check = await p.EvaluateAsync<string>(@"() => {
            const li = document.querySelector('#replay-steps li[data-kind=decision]');
            const to = li.firstChild.nextSibling.textContent.match(/→ (\d+)/)[1];
            const row = [...li.querySelectorAll('table.utilities tbody tr')].find(r => r.textContent.includes('✓ chosen'));
            const accident = li.querySelector('caption').textContent.includes('accident');
            return accident ? 'accident' : (row.children[1].textContent === to ? 'ok' : `chosen row goes to ${row.children[1].textContent}, the text says ${to}`);
        }");
        Assert.True(check is "ok" or "accident", check);
        await p.WaitForSelectorAsync("#replay-levels[data-rendered=true]");
        await w.Screenshot("replay");
        await w.AssertAccessible("the replay page");
        w.AssertClean();
    }

    [Fact]
    public async Task A_long_run_can_be_cancelled_from_the_page()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/runs?s=russia-dprk-2024");
        var p = w.Page;
        await p.FillAsync("#runs", "2000000");
        await p.FillAsync("#seed", "777");
        await p.ClickAsync("#start-run");
        await p.WaitForFunctionAsync("() => document.querySelector('#job-cancel') && !document.querySelector('#job-cancel').disabled");
        await p.WaitForFunctionAsync("() => /running/.test(document.querySelector('#job-progress-text').textContent)", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await p.ClickAsync("#job-cancel");
        await p.WaitForFunctionAsync("() => /cancelled/.test(document.querySelector('#run-status').textContent)", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.Equal(0, await p.Locator("#outcomes").CountAsync());
        w.AssertClean();
    }
}
