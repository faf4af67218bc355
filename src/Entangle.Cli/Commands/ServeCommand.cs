using System.CommandLine;
using System.Net;
using Entangle.Application.Data;
using Entangle.Cli.Output;
using Entangle.Domain;
using Entangle.Server;
using Microsoft.Extensions.Hosting;

namespace Entangle.Cli.Commands;

/// <summary><c>entangle serve</c>: the REST API (docs/server.md) over the same services as these commands.</summary>
public static class ServeCommand
{
    /// <summary>The environment variable that gives the token instead of <c>--token</c> (which other users can see in the process list).</summary>
    public const string TokenVariable = "ENTANGLE_SERVER_TOKEN";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "ADDR:PORT to listen on; any address but loopback requires a token", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string (Host=…;Database=…); default: SQLite in the data directory" };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Data directory (SQLite store, generated token, reference data; default ${DataService.DataDirVariable} or ~/.local/share/entangle)" };
        var token = new Option<string?>("--token") { Description = $"Token clients must send as 'Authorization: Bearer TOKEN' (or ${TokenVariable}); generated on first start off loopback" };
        var maxBody = new Option<long>("--max-body") { Description = "Largest request body in bytes (bigger: 413)", DefaultValueFactory = _ => 8L * 1024 * 1024 };
        var perClient = new Option<int>("--jobs-per-client") { Description = "Jobs one client may have queued or running (more: 429)", DefaultValueFactory = _ => 4 };
        var workers = new Option<int>("--workers") { Description = "Jobs run at once (each uses every core)", DefaultValueFactory = _ => 1 };
        var queue = new Option<int>("--queue") { Description = "Jobs that may wait (more: 429)", DefaultValueFactory = _ => 64 };
        var cluster = ClusterSession.Option();
        var cmd = new Command("serve", "Serve the REST API under /api/v1 (OpenAPI at /openapi/v1.json): stored scenarios and runs, background jobs with progress") { listen, db, dataDir, token, maxBody, perClient, workers, queue, cluster };
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var endpoint = ParseListen(r.GetValue(listen)!);
            if (r.GetValue(maxBody) < 1024) throw new InputException("--max-body: must be at least 1024 bytes");
            if (r.GetValue(perClient) < 1 || r.GetValue(workers) < 1 || r.GetValue(queue) < 1) throw new InputException("--jobs-per-client, --workers and --queue must be at least 1");
            var options = new ServerOptions
            {
                Listen = endpoint, Database = r.GetValue(db), DataDir = DataService.ResolveDataDir(r.GetValue(dataDir)),
                Token = r.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable), MaxBodyBytes = r.GetValue(maxBody),
                JobsPerClient = r.GetValue(perClient), Workers = r.GetValue(workers), QueueCapacity = r.GetValue(queue),
            };
            using var session = ClusterSession.Connect(r.GetValue(cluster));
            if (session is not null) options = options with { Executor = session.Executor };
            var (required, generated) = ServerApp.ResolveToken(options);
            var app = ServerApp.Build(options, required);
            app.Start();
            var store = app.Services.GetService(typeof(Server.Storage.ServerStore)) as Server.Storage.ServerStore;
            if (generated) Console.Out.WriteLine($"token (generated, kept in {Path.Combine(options.DataDir, ServerApp.TokenFile)}): {required}");
            else if (required is not null) Console.Out.WriteLine("token required: 'Authorization: Bearer TOKEN'");
            Console.Out.WriteLine($"entangle serve: listening on http://{endpoint} (API /api/v1, OpenAPI /openapi/v1.json); storage: {store?.Description}" +
                                  (session is null ? "" : $"; jobs run on the cluster '{session.Config.ClusterId}'"));
            Console.Out.WriteLine($"workbench: open http://{endpoint}/ in a browser");
            Console.Out.Flush();
            app.WaitForShutdown();
            return CommandRunner.Ok;
        }));
        return cmd;
    }

    /// <summary>ADDR:PORT (IPv6 as [ADDR]:PORT); "localhost" means 127.0.0.1.</summary>
    public static IPEndPoint ParseListen(string text)
    {
        var t = text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + text["localhost".Length..] : text;
        if (IPEndPoint.TryParse(t, out var ep) && t.Contains(':') && ep.Port > 0) return ep;
        throw new InputException($"--listen '{text}': write ADDR:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080 (which needs a token)");
    }
}
