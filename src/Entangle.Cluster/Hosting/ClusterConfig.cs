using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Entangle.Domain;

namespace Entangle.Cluster.Hosting;

/// <summary>
/// How silos find each other and clients find silos, read from a JSON file (docs/cluster.md). Two kinds of clustering:
/// <c>localhost</c> (development: silos on one machine, the first one, on <see cref="PrimarySiloPort"/>, holding the
/// membership) and <c>postgres</c> (ADO.NET membership in a PostgreSQL database; any silo may die).
/// </summary>
public sealed record ClusterConfig
{
    /// <summary>localhost or postgres. <value>Default localhost.</value></summary>
    public string Clustering { get; init; } = "localhost";
    /// <summary>Orleans cluster id; silos and clients of one cluster share it. <value>Default entangle.</value></summary>
    public string ClusterId { get; init; } = "entangle";
    /// <summary>Orleans service id. <value>Default entangle.</value></summary>
    public string ServiceId { get; init; } = "entangle";
    /// <summary>This silo's port for silo-to-silo traffic (a silo's <c>--silo-port</c> overrides it). <value>Default 11111.</value></summary>
    public int SiloPort { get; init; } = 11111;
    /// <summary>This silo's port for clients (<c>--gateway-port</c> overrides it). <value>Default 30000.</value></summary>
    public int GatewayPort { get; init; } = 30000;
    /// <summary>localhost clustering: the silo port of the silo holding the membership. <value>Default 11111.</value></summary>
    public int PrimarySiloPort { get; init; } = 11111;
    /// <summary>localhost clustering: the gateways a client connects to, as host:port. <value>Default 127.0.0.1:30000.</value></summary>
    public IReadOnlyList<string> Gateways { get; init; } = ["127.0.0.1:30000"];
    /// <summary>postgres clustering or grain storage: the Npgsql connection string of the database.</summary>
    public string? ConnectionString { get; init; }
    /// <summary>
    /// none, or postgres: item grains write their results to Orleans grain storage in the database of
    /// <see cref="ConnectionString"/> (ADO.NET persistence), so that an item already computed, by a silo since dead or
    /// in an earlier run of the same sweep, is answered from storage instead of computed again. <value>Default none.</value>
    /// </summary>
    public string GrainStorage { get; init; } = "none";
    /// <summary>The address this silo gives the others (postgres clustering). <value>Default 127.0.0.1.</value></summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";
    /// <summary>Declare a silo dead after about two seconds of missed probes (for tests and one-machine clusters) instead of Orleans' defaults. <value>Default false.</value></summary>
    public bool FastFailureDetection { get; init; }
    /// <summary>Work per item (run-steps × actors). <value>Default 3,000,000 (about 1 s of one core on the bundled scenario, where the coordination overhead was measured at 3.4%; docs/cluster.md).</value></summary>
    public long ItemCost { get; init; } = 3_000_000;
    /// <summary>Items sent and not yet answered. <value>Default 16.</value></summary>
    public int MaxInFlight { get; init; } = 16;
    /// <summary>
    /// Seconds to wait for an item's answer before sending it again. A client does not learn that a gateway it sent
    /// calls through has died until Orleans' response timeout, so this is what re-issues those calls; a re-sent item
    /// that was only slow reaches the same grain, which answers it from its kept result (a late duplicate, dropped).
    /// <value>Default 120.</value>
    /// </summary>
    public double ItemTimeoutSeconds { get; init; } = 120;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and validates a config file; a problem is an <see cref="InputException"/> with file:line:col where there is one.</summary>
    public static ClusterConfig Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: no such cluster config (docs/cluster.md shows one)");
        ClusterConfig? c;
        try { c = JsonSerializer.Deserialize<ClusterConfig>(File.ReadAllText(path), Options); }
        catch (JsonException e)
        {
            var what = e.Message.Split(". Path:")[0].Split(" Path:")[0];
            throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a cluster config ({what}); the fields are listed in docs/cluster.md");
        }
        return (c ?? throw new InputException($"{path}: empty cluster config")).Validate(path);
    }

    /// <summary>Checks the fields; throws naming the first bad one.</summary>
    public ClusterConfig Validate(string where)
    {
        if (Clustering is not ("localhost" or "postgres")) throw new InputException($"{where}: clustering '{Clustering}': use localhost or postgres");
        if (Clustering == "postgres" && string.IsNullOrWhiteSpace(ConnectionString)) throw new InputException($"{where}: postgres clustering needs a connection_string");
        if (GrainStorage is not ("none" or "postgres")) throw new InputException($"{where}: grain_storage '{GrainStorage}': use none or postgres");
        if (GrainStorage == "postgres" && string.IsNullOrWhiteSpace(ConnectionString)) throw new InputException($"{where}: postgres grain_storage needs a connection_string");
        if (Clustering == "postgres" || GrainStorage == "postgres")
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString); }
            catch (ArgumentException e) { throw new InputException($"{where}: connection_string: not an Npgsql connection string ({e.Message.Split('\n')[0]})"); }
        foreach (var p in new[] { SiloPort, GatewayPort, PrimarySiloPort })
            if (p is < 1 or > 65535) throw new InputException($"{where}: port {p}: must lie in 1..65535");
        foreach (var g in Gateways) Endpoint(g, where);
        if (!IPAddress.TryParse(AdvertisedAddress, out _)) throw new InputException($"{where}: advertised_address '{AdvertisedAddress}': not an IP address");
        if (ItemCost < 1) throw new InputException($"{where}: item_cost {ItemCost}: must be at least 1");
        if (MaxInFlight < 1) throw new InputException($"{where}: max_in_flight {MaxInFlight}: must be at least 1");
        if (!(ItemTimeoutSeconds >= 1 && ItemTimeoutSeconds <= 86_400)) throw new InputException($"{where}: item_timeout_seconds {ItemTimeoutSeconds}: must lie in 1..86400");
        return this;
    }

    /// <summary>A host:port as an endpoint (names are resolved).</summary>
    public static IPEndPoint Endpoint(string hostPort, string where = "cluster config")
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new InputException($"{where}: gateway '{hostPort}': write it as host:port, e.g. 127.0.0.1:30000");
        var host = hostPort[..colon];
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, port);
        var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InputException($"{where}: gateway '{hostPort}': no IPv4 address for {host}");
        return new IPEndPoint(found, port);
    }
}
