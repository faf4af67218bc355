using System.Net;
using System.Security.Cryptography;
using Entangle.Domain;
using Entangle.Server.Api;
using Entangle.Server.Jobs;
using Entangle.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MinDataRate = Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entangle.Server;

/// <summary>How <c>entangle serve</c> runs; every limit has its default here.</summary>
public sealed record ServerOptions
{
    /// <summary>Address and port to listen on. <value>Default 127.0.0.1:8080.</value></summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>PostgreSQL connection string; null stores in SQLite in <see cref="DataDir"/>. <value>Default null.</value></summary>
    public string? Database { get; init; }

    /// <summary>Folder of the SQLite store and the generated token. <value>Default $ENTANGLE_DATA_DIR or ~/.local/share/entangle.</value></summary>
    public string DataDir { get; init; } = "";

    /// <summary>The bearer token every request must carry; required (generated when not given) off loopback. <value>Default null.</value></summary>
    public string? Token { get; init; }

    /// <summary>Largest request body. <value>Default 8 MiB.</value></summary>
    public long MaxBodyBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Jobs waiting at most. <value>Default 64.</value></summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Jobs run at once. <value>Default 1 (each uses every core).</value></summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Uploaded scenarios parsed at once (validate, upload); more wait their turn. Parsing is the heaviest work a
    /// request does in the request (the bundled scenario's ~210 KB allocate some MiB while they are read), so this
    /// bounds the server's memory by a constant rather than by the number of clients, and no more parse at once than
    /// there are cores to run them. <value>Default the number of cores, at least 2.</value>
    /// </summary>
    public int ConcurrentLoads { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Jobs one client may have queued or running. <value>Default 4.</value></summary>
    public int JobsPerClient { get; init; } = 4;

    /// <summary>
    /// How long a client may stall before it is cut off: the time to send its request headers (then 408), and the
    /// grace before a request body or a response must move at <see cref="ClientMinBytesPerSecond"/> on average.
    /// <value>Default 60 s.</value>
    /// </summary>
    /// <remarks>
    /// Kestrel's own defaults (30 s for headers, 240 bytes/s after 5 s) cut off an ordinary client on a busy machine:
    /// in the load benchmark a client that could not be scheduled for five seconds found its connection reset in the
    /// middle of a <c>show</c> answer. These defaults keep the slow-client protection for clients that really stall.
    /// </remarks>
    public TimeSpan ClientGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Least average rate, once <see cref="ClientGrace"/> has passed, at which a request body must arrive and a response be read. <value>Default 100 bytes/s.</value></summary>
    public double ClientMinBytesPerSecond { get; init; } = 100;

    /// <summary>Where the jobs' Monte Carlo sweeps run (<c>entangle serve --cluster CONFIG</c>: an Orleans cluster). <value>Default null: the server's own threads.</value></summary>
    public Application.Sweeps.ISweepExecutor? Executor { get; init; }
}

/// <summary>Builds the server: storage, job queue, the REST API under /api/v1, the OpenAPI document at /openapi/v1.json, and the web workbench at /.</summary>
public static class ServerApp
{
    /// <summary>The file in the data directory that keeps a generated token.</summary>
    public const string TokenFile = "server-token";

    /// <summary>The name of the bearer token's security scheme in the OpenAPI document.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The environment variable that turns on the host's and Kestrel's log (a level: Debug, Information, Warning) on standard error.</summary>
    public const string LogVariable = "ENTANGLE_SERVER_LOG";

    /// <summary>The token to require: the given one; on a non-loopback address a stored or newly generated one; else null.</summary>
    public static (string? Token, bool Generated) ResolveToken(ServerOptions o)
    {
        if (o.Token is { Length: > 0 } t) return (t, false);
        if (IPAddress.IsLoopback(o.Listen.Address)) return (null, false);
        Directory.CreateDirectory(o.DataDir);
        var path = Path.Combine(o.DataDir, TokenFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } stored) return (stored, false);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (token, true);
    }

    public static WebApplication Build(ServerOptions options, string? token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Diagnostics on request: ENTANGLE_SERVER_LOG=Debug (or Information, Warning) logs the host and Kestrel to standard error.
        if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LogVariable), ignoreCase: true, out var level))
        {
            builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; });
            builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(level);
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = options.ClientGrace;
            k.Limits.MinRequestBodyDataRate = new MinDataRate(options.ClientMinBytesPerSecond, options.ClientGrace);
            k.Limits.MinResponseDataRate = new MinDataRate(options.ClientMinBytesPerSecond, options.ClientGrace);
            k.AddServerHeader = false;
            k.Listen(options.Listen);
        });
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            // the dialect request bodies are read in (JobKind.RequestOptions), so that the OpenAPI document describes it:
            // snake_case, numbers as JSON numbers only
            j.SerializerOptions.PropertyNamingPolicy = Application.Output.Json.Options.PropertyNamingPolicy;
            j.SerializerOptions.NumberHandling = JobKind.RequestOptions.NumberHandling;
            foreach (var c in Application.Output.Json.Options.Converters) j.SerializerOptions.Converters.Add(c);
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Entangle API";
            doc.Info.Description = "Scenarios, obligations, forecasts and the escalation Monte Carlo over HTTP; the same services and JSON shapes as the entangle CLI's --json.";
            doc.Info.Version = "v1";
            doc.Servers?.Clear(); // the address a client reaches (a port, a proxy) is the client's to set, and the document stays the same bytes
            // The bearer token: required when the server listens off loopback, not on loopback. The document is the
            // same either way, so it declares both: no security, or the bearer scheme.
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[BearerScheme] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The server's token (`entangle serve --token`, or generated on first start off loopback and kept in DATA_DIR/server-token): " +
                              "'Authorization: Bearer TOKEN'. Required when the server listens off loopback; without it every request gets 401.",
            };
            doc.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement(),
                new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(BearerScheme, doc)] = [] }];
            return Task.CompletedTask;
        }));
        var store = new ServerStore(options.DataDir, options.Database);
        var scenarios = new ScenarioCache(store);
        var queue = new JobQueue(store, scenarios, options.DataDir, options.QueueCapacity, options.Workers, options.JobsPerClient, options.Executor);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(queue);
        builder.Services.AddSingleton(options);
        var app = builder.Build();
        app.Lifetime.ApplicationStopping.Register(() => queue.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30)));

        app.Use(async (context, next) =>
        {
            if (token is not null)
            {
                var auth = context.Request.Headers.Authorization.ToString();
                var given = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..].Trim() : "";
                if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token)))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.Write(context, 401, "Unauthorized", "this server requires a token: send 'Authorization: Bearer TOKEN' (printed when the server first started, kept in its data directory)");
                    return;
                }
            }
            if (context.Request.ContentLength is { } len && len > options.MaxBodyBytes)
            {
                await Problems.Write(context, 413, "Content too large", Problems.BodyTooLarge(len, options.MaxBodyBytes));
                return;
            }
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await Problems.Write(context, e.StatusCode, e.StatusCode == 413 ? "Content too large" : "Bad request",
                    e.StatusCode == 413 ? Problems.BodyTooLarge(null, options.MaxBodyBytes) : e.Message);
            }
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1");
        Endpoints.Map(api, store, scenarios, queue, options);
        Web.Workbench.Map(app, api, store, scenarios);
        return app;
    }
}
