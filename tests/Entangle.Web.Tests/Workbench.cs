using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Entangle.Tests.Shared;
using Microsoft.Playwright;

namespace Entangle.Web.Tests;

/// <summary>
/// One <c>entangle serve</c> process (as a user starts it, from the repository root, on a free loopback port, with a
/// fresh data directory) and one headless Chromium (Debian's, at /usr/bin/chromium), shared by every test of the
/// collection: the tests run one after another against the same server, as one user would.
/// </summary>
public sealed class Workbench : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Where the tests save a screenshot of each page (scripts/test clears TestResults at start).</summary>
    public static string Screenshots => Path.Combine(RepoPaths.RepoRoot, "TestResults", "screenshots");

    public string Url { get; private set; } = "";
    public Process? Server { get; private set; }
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _pw = null!;
    private string _dataDir = "";
    private readonly System.Text.StringBuilder _stderr = new();

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} not found: install Debian's chromium (apt-get install chromium; scripts/test does it)");
        _dataDir = Directory.CreateTempSubdirectory("entangle-web-test-").FullName;
        var port = EntangleProcess.FreePort();
        Server = EntangleProcess.Start(RepoPaths.RepoRoot, new Dictionary<string, string> { ["ENTANGLE_CHROMIUM"] = Chromium },
            "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", _dataDir);
        Server.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        Server.BeginErrorReadLine();
        var lines = new System.Text.StringBuilder();
        var ready = Task.Run(() =>
        {
            while (Server.StandardOutput.ReadLine() is { } line)
            {
                lines.AppendLine(line);
                // the address the user is told to open
                if (line.StartsWith("workbench: open ", StringComparison.Ordinal)) return line["workbench: open ".Length..].Split(' ')[0];
            }
            return null;
        });
        if (!ready.Wait(TimeSpan.FromSeconds(120)) || ready.Result is null)
            throw new InvalidOperationException($"entangle serve did not print the workbench address: {lines}{Stderr}");
        Url = ready.Result.TrimEnd('/');
        _ = Task.Run(() => { while (Server.StandardOutput.ReadLine() is not null) { } });
        _pw = await Playwright.CreateAsync();
        Browser = await _pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _pw?.Dispose();
        if (Server is { HasExited: false }) { Server.Kill(entireProcessTree: true); await Server.WaitForExitAsync(); }
        Server?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A new browser page watched for console errors, page errors, failed requests and requests outside the server.</summary>
    public async Task<WatchedPage> Open(string route)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1360, Height = 1000 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var w = new WatchedPage(this, context, page).Hook();
        await page.GotoAsync(Url + "/" + route, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await w.Ready();
        return w;
    }

    /// <summary>Uploads the bundled scenario through the API (idempotent: the same content is the same version), for pages that need one stored.</summary>
    public async Task EnsureBundledScenario()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var body = new ByteArrayContent(BundledZip());
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        var r = await http.PostAsync("/api/v1/scenarios?root=scenarios/russia-dprk-2024.yaml", body);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The bundled scenario as a zip whose paths start at the repository root (scenarios/…), with the calibration file
    /// it names, as a user would zip the folder.
    /// </summary>
    public static byte[] BundledZip()
    {
        var root = RepoPaths.RepoRoot;
        var files = new[] { Path.Combine(root, "scenarios", "russia-dprk-2024.yaml") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "scenarios", "russia-dprk-2024"), "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "scenarios", "calibration"), "*", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var f in files)
            {
                var e = zip.CreateEntry(Path.GetRelativePath(root, f).Replace('\\', '/'), CompressionLevel.Fastest);
                using var s = e.Open();
                s.Write(File.ReadAllBytes(f));
            }
        return ms.ToArray();
    }
}

[CollectionDefinition("workbench")]
public sealed class WorkbenchCollection : ICollectionFixture<Workbench>;

/// <summary>
/// A page with everything a test must fail on recorded: console errors, uncaught exceptions, requests that failed or
/// got an error status, and any request to an address other than the server's.
/// </summary>
public sealed class WatchedPage(Workbench bench, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    private readonly List<string> _errors = [];
    private readonly List<string> _outside = [];
    private readonly List<(string Path, int Status)> _expected = [];
    private readonly List<string> _requests = [];

    /// <summary>Every request the page made (URLs).</summary>
    public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

    internal async Task Ready()
    {
        await Page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    /// <summary>Hooks the listeners; <see cref="Workbench.Open"/> calls it before the first navigation.</summary>
    public WatchedPage Hook()
    {
        Page.Console += (_, m) =>
        {
            if (m.Type != "error") return;
            // a problem-details answer the test asked for (e.g. 400 for a broken scenario) is logged by Chromium as a failed resource
            if (m.Text.StartsWith("Failed to load resource: the server responded with a status of ", StringComparison.Ordinal)
                && _expected.Any(x => m.Location.Contains(x.Path, StringComparison.Ordinal) && m.Text.Contains($"status of {x.Status} ", StringComparison.Ordinal)))
                return;
            lock (_errors) _errors.Add($"console: {m.Text} ({m.Location})");
        };
        Page.PageError += (_, e) => { lock (_errors) _errors.Add($"page error: {e}"); };
        Page.RequestFailed += (_, r) =>
        {
            // a job's event stream is closed by the page once the job is done; that is not a failure
            if (r.Url.Contains("/events", StringComparison.Ordinal) && r.Failure is "net::ERR_ABORTED") return;
            // a download the page starts is handed to the download manager, which Chromium reports as aborted
            if (r.Failure is "net::ERR_ABORTED" && r.IsNavigationRequest == false && r.Url.Contains("/pdf", StringComparison.Ordinal)) return;
            lock (_errors) _errors.Add($"request failed: {r.Method} {r.Url}: {r.Failure}");
        };
        Page.Response += (_, r) =>
        {
            if (r.Status < 400) return;
            var path = new Uri(r.Url).AbsolutePath;
            if (_expected.Any(x => path.Contains(x.Path, StringComparison.Ordinal) && x.Status == r.Status)) return;
            lock (_errors) _errors.Add($"HTTP {r.Status}: {r.Request.Method} {r.Url}");
        };
        Page.Request += (_, r) =>
        {
            lock (_requests) _requests.Add(r.Url);
            if (!(r.Url.StartsWith(bench.Url + "/", StringComparison.Ordinal) || r.Url == bench.Url || r.Url.StartsWith("data:", StringComparison.Ordinal) || r.Url.StartsWith("blob:" + bench.Url, StringComparison.Ordinal)))
                lock (_outside) _outside.Add(r.Url);
        };
        return this;
    }

    /// <summary>Allows one error status on one path: a problem the test provokes on purpose.</summary>
    public void Expect(string path, int status) => _expected.Add((path, status));

    public async Task Go(string route)
    {
        await Page.EvaluateAsync("r => { location.hash = r; }", route);
        await Page.WaitForFunctionAsync("r => location.hash === r && document.body.dataset.ready === 'true'", route, new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    /// <summary>Fails on anything recorded so far.</summary>
    public void AssertClean()
    {
        lock (_errors) Assert.True(_errors.Count == 0, "the page reported errors:\n" + string.Join("\n", _errors) + "\nserver stderr:\n" + bench.Stderr);
        lock (_outside) Assert.True(_outside.Count == 0, "the page made requests outside the server:\n" + string.Join("\n", _outside));
    }

    /// <summary>Runs axe-core (vendored from npm into tests/Entangle.Web.Tests/vendor) and fails on any serious or critical violation.</summary>
    public async Task AssertAccessible(string what)
    {
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "vendor", "axe.min.js"));
        // evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
        await Page.EvaluateAsync(axe + ";0");
        var json = await Page.EvaluateAsync<string>(@"async () => {
            const r = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })));
        }");
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetArrayLength() == 0, $"axe-core found serious or critical violations on {what}:\n{json}");
    }

    /// <summary>Saves a screenshot of the page as TestResults/screenshots/NAME.png.</summary>
    public async Task<string> Screenshot(string name, bool fullPage = false)
    {
        var path = Path.Combine(Workbench.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Assert.True(new FileInfo(path).Length > 10_000, $"screenshot {path} is nearly empty");
        return path;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
