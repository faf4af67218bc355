using System.Collections.Frozen;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Entangle.Application.Output;
using Entangle.Domain;
using Entangle.Server.Api;
using Entangle.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Entangle.Server.Web;

/// <summary>
/// The web workbench: a single-page app (ES modules, no build step) served from the files embedded in this assembly
/// (wwwroot/, libraries vendored from npm by scripts/web/vendor), and the few endpoints only the pages need. The
/// pages compute nothing of the model: every answer comes from the REST API.
/// </summary>
public static class Workbench
{
    /// <summary>No request may leave the server: the browser enforces it from this policy as well as the pages not making any.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    private sealed record Asset(byte[] Body, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> Assets = LoadAssets();

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var asm = typeof(Workbench).Assembly;
        var d = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            var body = ms.ToArray();
            var path = name["wwwroot/".Length..].Replace('\\', '/');
            d[path] = new Asset(body, TypeOf(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..20] + "\"");
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>The files the workbench serves, by path (for tests: nothing it loads may be missing).</summary>
    public static IReadOnlyCollection<string> Files => Assets.Keys;

    public static void Map(WebApplication app, RouteGroupBuilder api, ServerStore store, ScenarioCache scenarios)
    {
        api.MapGet("/scenarios/{id}/situation", (string id, long? version) =>
        {
            var row = store.Scenario(id, version);
            if (row is null) return Problems.NotFound(version is null ? $"no scenario '{id}'" : $"scenario '{id}' has no version {version}");
            try
            {
                return Results.Text(Json.Serialize(Situation.Of(scenarios.Source(row).Load())), "application/json");
            }
            catch (InputException e)
            {
                return Problems.BadInput(e);
            }
        }).WithName("situation").WithSummary("For the workbench's situation page: blocs, theaters' countries, the alliance graph with clause strengths")
            .Produces<SituationView>().ProducesProblem(404);

        api.MapGet("/jobs/{id}/pdf", async (string id, HttpContext ctx) =>
        {
            var job = store.Job(id);
            if (job is null) return Problems.NotFound($"no job '{id}'");
            if (job.Kind != "report") return Problems.Of(400, "Bad input", $"job {id} is a {job.Kind} job; only a report job's briefing prints as PDF");
            var result = store.Result(id);
            if (result is null) return Problems.Of(409, "No result", $"job {id} is {job.Status}; it has no briefing yet");
            var (pdf, error) = await PrintPdf(result.Body, ctx.RequestAborted);
            return pdf is null
                ? Problems.Of(503, "PDF printing unavailable", error!)
                : Results.File(pdf, "application/pdf", $"briefing-{job.ScenarioId}-{id}.pdf");
        }).WithName("reportPdf").WithSummary("A report job's briefing printed to PDF by headless Chromium on the server")
            .Produces(200, contentType: "application/pdf").ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);

        app.MapGet("/", (HttpContext ctx) => Serve(ctx, "index.html")).ExcludeFromDescription();
        app.MapGet("/{**path}", (HttpContext ctx, string path) =>
            path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("openapi/", StringComparison.Ordinal)
                ? Problems.NotFound($"no endpoint '/{path}'")
                : Serve(ctx, path)).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext ctx, string path)
    {
        if (!Assets.TryGetValue(path, out var a)) return Problems.NotFound($"no file '/{path}'");
        var h = ctx.Response.Headers;
        h.ETag = a.ETag;
        h.CacheControl = "no-cache";
        h.XContentTypeOptions = "nosniff";
        if (a.ContentType.StartsWith("text/html", StringComparison.Ordinal)) h.ContentSecurityPolicy = ContentSecurityPolicy;
        if (ctx.Request.Headers.IfNoneMatch == a.ETag) return Results.StatusCode(304);
        return Results.Bytes(a.Body, a.ContentType);
    }

    /// <summary>Candidates for the browser that prints PDFs; <c>ENTANGLE_CHROMIUM</c> names another.</summary>
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>Prints a self-contained HTML page to PDF with headless Chromium (no network: the briefing has everything inline).</summary>
    private static async Task<(byte[]? Pdf, string? Error)> PrintPdf(string html, CancellationToken cancel)
    {
        var exe = Environment.GetEnvironmentVariable("ENTANGLE_CHROMIUM") is { Length: > 0 } e ? e : Browsers.FirstOrDefault(File.Exists);
        if (exe is null || !File.Exists(exe))
            return (null, "no Chromium on the server to print with: install it (Debian: apt-get install chromium) or set ENTANGLE_CHROMIUM; the HTML briefing is available as the job's result");
        var dir = Directory.CreateTempSubdirectory("entangle-pdf-");
        try
        {
            var input = Path.Combine(dir.FullName, "briefing.html");
            var output = Path.Combine(dir.FullName, "briefing.pdf");
            await File.WriteAllTextAsync(input, html, cancel);
            var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                         $"--print-to-pdf={output}", new Uri(input).AbsoluteUri })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync(cancel);
            _ = p.StandardOutput.ReadToEndAsync(cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            try
            {
                await p.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                return (null, "printing the briefing took longer than 120 s; try again");
            }
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                return (null, $"Chromium printed nothing (exit {p.ExitCode}): {(await stderr).Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal))?.Trim() ?? "no error message"}");
            return (await File.ReadAllBytesAsync(output, cancel), null);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
