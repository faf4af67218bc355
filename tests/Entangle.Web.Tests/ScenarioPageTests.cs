using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>The scenarios page: upload the bundled scenario, upload a broken one and see each problem at its line, versions and their diff.</summary>
[Collection("workbench")]
public class ScenarioPageTests(Workbench bench)
{
    /// <summary>A scenario with two problems, each on a line the test knows from the text itself.</summary>
    private static readonly string[] BrokenLines =
    [
        "scenario: { id: broken, title: Broken, as_of: 2024-06-23 }",
        "states:",
        "  - { id: RUS, name: Russia }",
        "  - { id: PRK, name: North Korea, colour: red }",
        "treaties:",
        "  - { id: t, name: T, kind: other, parties: [RUS, PRKK], source: x }",
    ];

    [Fact]
    public async Task Upload_the_bundled_scenario_as_a_zip_stores_it_and_opens_its_root_file_in_the_editor()
    {
        await using var w = await bench.Open("#/scenarios");
        var zip = Path.Combine(Path.GetTempPath(), $"entangle-web-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(zip, Workbench.BundledZip());
        try
        {
            await w.Page.SetInputFilesAsync("#upload-file", zip);
            await w.Page.WaitForFunctionAsync("() => /Stored as russia-dprk-2024 version \\d+.*opened its \\d+ files/.test(document.querySelector('#scenario-status').textContent)",
                null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        }
        finally { File.Delete(zip); }
        // the editor shows the root file as stored, and lists every file of the bundle
        var text = await w.Page.EvaluateAsync<string>("() => window.__editor.getValue()");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Entangle.Tests.Shared.RepoPaths.RepoRoot, "scenarios", "russia-dprk-2024.yaml")), text);
        var files = await w.Page.Locator("#open-file option").AllTextContentsAsync();
        Assert.Contains("scenarios/russia-dprk-2024/treaties.yaml", files);
        Assert.Equal(0, await w.Page.Locator("#problems li").CountAsync());
        Assert.Contains("russia-dprk-2024 (v", await w.Page.Locator("#scenario-picker").InnerTextAsync());
        await w.Screenshot("scenarios");
        await w.AssertAccessible("the scenarios page");
        w.AssertClean();
    }

    [Fact]
    public async Task Upload_a_broken_scenario_shows_each_problem_at_its_line_in_the_list_and_in_the_editor_margin()
    {
        await using var w = await bench.Open("#/scenarios");
        w.Expect("/api/v1/scenarios/validate", 400);
        var file = Path.Combine(Directory.CreateTempSubdirectory("entangle-web-").FullName, "broken.yaml");
        await File.WriteAllTextAsync(file, string.Join("\n", BrokenLines) + "\n");
        await w.Page.SetInputFilesAsync("#upload-file", file);
        await w.Page.WaitForSelectorAsync("#problems li");
        var problems = await w.Page.Locator("#problems li").AllInnerTextsAsync();
        // columns from the text itself: where the unknown field and the misspelt party stand
        var colour = BrokenLines[3].IndexOf("colour", StringComparison.Ordinal) + 1;
        Assert.Contains(problems, p => p.Contains($"broken.yaml:4:{colour}: ", StringComparison.Ordinal) && p.Contains("unknown field 'colour'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.yaml:6:", StringComparison.Ordinal) && p.Contains("PRKK", StringComparison.Ordinal) && p.Contains("did you mean 'PRK'", StringComparison.Ordinal));
        Assert.Contains("problems found", await w.Page.Locator("#scenario-status").InnerTextAsync());
        // the editor marks lines 4 and 6 (CodeMirror's lint gutter), and only those
        var marked = await w.Page.EvaluateAsync<int[]>(@"() => { const cm = window.__editor; const out = [];
            cm.eachLine(l => { const info = cm.lineInfo(l); if (info.gutterMarkers && info.gutterMarkers['CodeMirror-lint-markers']) out.push(info.line + 1); }); return out; }");
        Assert.Equal([4, 6], marked);
        // "go" moves the cursor to the problem
        await w.Page.Locator("#problems li button").First.ClickAsync();
        var line = await w.Page.EvaluateAsync<int>("() => window.__editor.getCursor().line + 1");
        Assert.Contains(line, new[] { 4, 6 });
        await w.Screenshot("scenarios-broken");
        w.AssertClean();
    }

    [Fact]
    public async Task Editing_and_saving_makes_a_new_version_and_the_diff_shows_the_changed_line()
    {
        await bench.EnsureBundledScenario();
        await using var w = await bench.Open("#/scenarios?s=russia-dprk-2024");
        await w.Page.WaitForFunctionAsync("() => /Opened russia-dprk-2024/.test(document.querySelector('#scenario-status').textContent)");
        var stamp = $"# edited by the browser test {Guid.NewGuid():N}";
        await w.Page.EvaluateAsync("s => window.__editor.replaceRange(s + '\\n', {line: 0, ch: 0})", stamp);
        await w.Page.ClickAsync("#save");
        await w.Page.WaitForFunctionAsync("() => /\\(new version\\)/.test(document.querySelector('#scenario-status').textContent)", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        // the status names the stored version before the page has refreshed its versions table: wait for the table
        // that offers the new version, or the click lands on the old table while it is being replaced
        var status = await w.Page.Locator("#scenario-status").InnerTextAsync();
        var version = System.Text.RegularExpressions.Regex.Match(status, @"version (\d+) \(new version\)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(version), status);
        await w.Page.WaitForFunctionAsync("v => document.querySelector('#diff-to')?.value === v", version, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await w.Page.ClickAsync("#show-diff");
        await w.Page.WaitForSelectorAsync("#diff .add");
        var added = await w.Page.Locator("#diff .add").AllInnerTextsAsync();
        Assert.Contains(added, a => a.Contains(stamp, StringComparison.Ordinal));
        Assert.Equal(0, await w.Page.Locator("#diff .del").CountAsync());
        await w.Screenshot("scenarios-versions");
        w.AssertClean();
    }
}
