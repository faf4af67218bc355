using System.Net;
using Entangle.Cluster.Coordinator;
using Entangle.Cluster.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Entangle.Cluster.Hosting;

/// <summary>Builds silos and clients from a <see cref="ClusterConfig"/>; <c>entangle silo</c>, <c>entangle sweep</c> and the tests use it.</summary>
public static class ClusterHost
{
    /// <summary>What every silo has, whatever its clustering: the item grains' shared work and the membership timings.</summary>
    public static ISiloBuilder AddSweepWork(this ISiloBuilder silo, bool fastFailureDetection)
    {
        silo.Services.AddSingleton(sp => new SiloWork(sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        if (fastFailureDetection)
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            });
        return silo;
    }

    /// <summary>The PostgreSQL membership schema (Sql/postgresql-membership.sql): tables and the queries Orleans reads from them.</summary>
    public static string PostgresSchema => Embedded("postgresql-membership.sql");

    /// <summary>The PostgreSQL grain storage schema (Sql/postgresql-persistence.sql): the OrleansStorage table and the queries Orleans reads.</summary>
    public static string PostgresPersistenceSchema => Embedded("postgresql-persistence.sql");

    private static string Embedded(string name)
    {
        using var stream = typeof(ClusterHost).Assembly.GetManifestResourceStream("Entangle.Cluster.Sql." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded in Entangle.Cluster");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Postgres clustering and postgres grain storage: creates or updates their tables and queries (idempotent; one
    /// silo at a time, under an advisory lock). Nothing to do for localhost clustering without grain storage. A
    /// database that cannot be reached is an <see cref="IOException"/> naming it.
    /// </summary>
    public static async Task EnsureSchemaAsync(ClusterConfig config, CancellationToken cancel = default)
    {
        var scripts = new List<string>();
        if (config.Clustering == "postgres") scripts.Add(PostgresSchema);
        if (config.GrainStorage == "postgres") scripts.Add(PostgresPersistenceSchema);
        if (scripts.Count == 0) return;
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(config.ConnectionString);
            await connection.OpenAsync(cancel);
            await using var tx = await connection.BeginTransactionAsync(cancel);
            await using (var lockIt = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(74250114)", connection, tx))
                await lockIt.ExecuteNonQueryAsync(cancel);
            foreach (var sql in scripts)
                await using (var script = new Npgsql.NpgsqlCommand(sql, connection, tx))
                    await script.ExecuteNonQueryAsync(cancel);
            await tx.CommitAsync(cancel);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var where = new Npgsql.NpgsqlConnectionStringBuilder(config.ConnectionString);
            throw new IOException($"the cluster's database {where.Host}:{where.Port}/{where.Database}: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>A silo host (not started) for <paramref name="config"/>, with the ports given or the config's.</summary>
    public static IHost Silo(ClusterConfig config, int? siloPort = null, int? gatewayPort = null)
    {
        int sp = siloPort ?? config.SiloPort, gp = gatewayPort ?? config.GatewayPort;
        return Host.CreateDefaultBuilder([])
            .ConfigureLogging(Quiet)
            .UseOrleans(silo =>
            {
                if (config.Clustering == "localhost")
                    silo.UseLocalhostClustering(sp, gp, sp == config.PrimarySiloPort ? null : new IPEndPoint(IPAddress.Loopback, config.PrimarySiloPort),
                        config.ServiceId, config.ClusterId);
                else
                {
                    silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = config.ConnectionString; });
                    silo.Configure<ClusterOptions>(o => { o.ClusterId = config.ClusterId; o.ServiceId = config.ServiceId; });
                    silo.ConfigureEndpoints(IPAddress.Parse(config.AdvertisedAddress), sp, gp, listenOnAnyHostAddress: false);
                }
                if (config.GrainStorage == "postgres")
                    silo.AddAdoNetGrainStorage(SweepItemGrain.StorageName, o => { o.Invariant = "Npgsql"; o.ConnectionString = config.ConnectionString; });
                silo.AddSweepWork(config.FastFailureDetection);
            })
            .Build();
    }

    /// <summary>A started client host connected to the cluster of <paramref name="config"/>.</summary>
    public static async Task<IHost> ConnectAsync(ClusterConfig config, CancellationToken cancel = default)
    {
        var host = Host.CreateDefaultBuilder([])
            .ConfigureLogging(Quiet)
            .UseOrleansClient(client =>
            {
                if (config.Clustering == "localhost")
                    client.UseStaticClustering(config.Gateways.Select(g => ClusterConfig.Endpoint(g)).ToArray());
                else
                    client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = config.ConnectionString; });
                client.Configure<ClusterOptions>(o => { o.ClusterId = config.ClusterId; o.ServiceId = config.ServiceId; });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(config.FastFailureDetection ? 1 : 30));
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            })
            .Build();
        await host.StartAsync(cancel);
        return host;
    }

    /// <summary>The sweep executor of a connected client.</summary>
    public static ClusterSweepExecutor Executor(IHost client, ClusterConfig config) =>
        new(client.Services.GetRequiredService<IClusterClient>(), new ClusterExecutorOptions(config.ItemCost, config.MaxInFlight, ItemTimeout: TimeSpan.FromSeconds(config.ItemTimeoutSeconds)),
            client.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Entangle.Cluster.Coordinator"));

    /// <summary>Orleans' own logs at warnings and up, ours at information, all on stderr.</summary>
    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Entangle", LogLevel.Information);
    }
}
