using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>The briefing page (HTML and PDF export), the forecast page, and what every page shares (no request outside the server, the shell's policy).</summary>
[Collection("workbench")]
public class BriefingPageTests(Workbench bench)
{
    [Fact]
    public async Task Make_the_briefing_and_download_it_as_pdf()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/briefing?s=russia-dprk-2024");
        var p = w.Page;
        await p.FillAsync("#report-runs", "300");
        await p.FillAsync("#report-claim-runs", "200");
        await p.FillAsync("#report-screening-runs", "30");
        await p.ClickAsync("#make-report");
        await p.WaitForSelectorAsync("#download-pdf", new PageWaitForSelectorOptions { Timeout = 400_000 });
        var download = await p.RunAndWaitForDownloadAsync(() => p.ClickAsync("#download-pdf"), new PageRunAndWaitForDownloadOptions { Timeout = 180_000 });
        var path = Path.Combine(Workbench.Screenshots, "briefing.pdf");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes[..5]));
        Assert.True(bytes.Length > 50_000, $"the PDF has {bytes.Length} bytes");
        Assert.Contains("/Type /Page", System.Text.Encoding.Latin1.GetString(bytes).Replace("/Type/Page", "/Type /Page"));
        await p.WaitForSelectorAsync("#briefing-frame");
        var frame = p.FrameLocator("#briefing-frame");
        await frame.Locator("#claims-table").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await w.Screenshot("briefing");
        await w.AssertAccessible("the briefing page");
        w.AssertClean();
    }

    [Fact]
    public async Task Forecast_draws_the_bargaining_chart_per_round_with_the_perturbation_band_and_influential_stakeholders()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/forecast?s=russia-dprk-2024");
        var p = w.Page;
        await p.SelectOptionAsync("#issue", "unsc-sanctions-dprk");
        await p.FillAsync("#forecast-runs", "100");
        await p.ClickAsync("#forecast-form button[type=submit]");
        await p.WaitForSelectorAsync("#forecast-chart[data-rendered=true]", new PageWaitForSelectorOptions { Timeout = 120_000 });
        Assert.True(await p.Locator("#influence tbody tr").CountAsync() > 0);
        Assert.Equal(await p.EvaluateAsync<int>("() => document.querySelectorAll('#rounds tbody tr').length"), await p.Locator("#rounds tbody tr").CountAsync());
        await w.Screenshot("forecast");
        await w.AssertAccessible("the forecast page");
        w.AssertClean();
    }

    [Fact]
    public async Task The_workbench_loads_nothing_from_outside_the_server_and_its_pages_forbid_it()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/situation?s=russia-dprk-2024");
        await w.Page.WaitForSelectorAsync("#world-map svg");
        var requests = w.Requests;
        Assert.Contains(requests, r => r.EndsWith("/vendor/echarts/echarts.min.js", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.EndsWith("/vendor/world-atlas/countries-50m.json", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.StartsWith(bench.Url + "/", r));
        using var http = new HttpClient();
        var shell = await http.GetAsync(bench.Url + "/");
        var csp = string.Join(";", shell.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        // and the page source names no other host
        var html = await shell.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        w.AssertClean();
    }
}
