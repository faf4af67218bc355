using System.Text.RegularExpressions;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Microsoft.Playwright;

namespace Entangle.Report.Tests;

/// <summary>
/// The briefing rendered in headless Chromium (Debian's package at /usr/bin/chromium; scripts/test installs it):
/// no console errors, the claims table with one row per claim, and every chart drawn.
/// </summary>
public class BrowserTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Report_renders_in_headless_chromium_with_the_claims_table_and_every_chart()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} not found: install Debian's chromium (apt-get install chromium; scripts/test does it)");
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => { if (!r.Url.StartsWith("file://", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) requests.Add(r.Url); };
        await page.GotoAsync(new Uri(fixture.Result.Html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(errors);
        Assert.Empty(requests); // self-contained: nothing fetched from anywhere

        var claims = ScenarioService.Load(Files.Scenario).Claims();
        var rows = await page.Locator("#claims-table tr").CountAsync();
        Assert.Equal(claims.Count + 1, rows);
        foreach (var c in claims)
            Assert.Contains(c.Id, await page.Locator("#claims-table").InnerTextAsync());
        var verdicts = await page.Locator("#claims-table td.supported, #claims-table td.contradicted, #claims-table td.inconclusive, #claims-table td.untestable, #claims-table td.bounded").CountAsync();
        Assert.Equal(claims.Count, verdicts);

        // every chart: each figure holds an SVG that the browser laid out with a non-zero size
        var figures = page.Locator("figure.chart");
        var n = await figures.CountAsync();
        Assert.Equal(fixture.Result.Charts - 1, n); // the alliance network is counted separately
        for (var i = 0; i < n; i++)
        {
            var svg = figures.Nth(i).Locator("svg").First;
            var box = await svg.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box!.Width > 100 && box.Height > 50, $"chart {i} is {box.Width}×{box.Height}");
        }
        Assert.True(await page.Locator("#chart-claims svg").CountAsync() == 1);
        Assert.True(await page.Locator("[id^=chart-tornado-] svg").CountAsync() >= 1);
        Assert.True(await page.Locator("[id^=chart-morris-] svg").CountAsync() >= 1);
        var network = await page.Locator("#alliance-network svg").BoundingBoxAsync();
        Assert.NotNull(network);
        Assert.True(await page.Locator("#alliance-network svg circle").CountAsync() >= 2);

        var shot = Path.Combine(fixture.Dir, "report-screenshot.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = false });
        var full = Path.Combine(fixture.Dir, "report-screenshot-full.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = full, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000);
        Console.WriteLine($"screenshots: {shot} {full}");
    }

    [Fact]
    public void Report_references_nothing_outside_itself()
    {
        var html = fixture.Html;
        Assert.DoesNotMatch(new Regex(@"<(script|img|link|iframe)[^>]+(src|href)\s*=\s*""(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotMatch(new Regex(@"url\(\s*['""]?https?:", RegexOptions.IgnoreCase), html);
        Assert.Contains("<style>", html);
    }
}
