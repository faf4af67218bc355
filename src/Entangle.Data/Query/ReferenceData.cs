using Entangle.Data.Importers;
using Entangle.Data.Store;
using Entangle.Domain;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Query;

/// <summary>Where one imported row came from: dataset, release, file (name and SHA-256) and line (and column).</summary>
public sealed record RowSource(string Dataset, string Version, string File, string Sha256, int Line, int? Column = null)
{
    /// <summary>A citation-style reference, e.g. <c>ATOP 5.1, atop5_1m.csv:2017</c>.</summary>
    public override string ToString() =>
        $"{Dataset} {Version}, {File}:{Line}{(Column is { } c ? $":{c}" : "")}";
}

/// <summary>A date that may lack its month or day, as the COW and ATOP files code them.</summary>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    /// <summary><c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() =>
        Month is null ? $"{Year:D4}" : Day is null ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}-{Month:D2}-{Day:D2}";

    internal static PartialDate Of(int year, int? month, int? day) =>
        new(year, month is > 0 ? month : null, month is > 0 && day is > 0 ? day : null);
}

/// <summary>
/// Read access to the imported reference data. Open one per unit of work and dispose it: it reads one consistent
/// state of the store (a read transaction held until disposed; see <see cref="DataStore"/>). Each part throws
/// <see cref="InputException"/> naming the <c>entangle data import</c> command to run when its dataset has not
/// been imported.
/// </summary>
public sealed class ReferenceData : IDisposable
{
    private readonly SqliteConnection? _conn;
    private readonly Dictionary<long, (string Dataset, string Version, string File, string Sha)> _files = [];
    private AtopRepository? _atop;
    private CowStatesRepository? _states;
    private IcbRepository? _icb;

    /// <summary>Opens the store in <paramref name="dataDirectory"/>.</summary>
    public ReferenceData(string dataDirectory) : this(new DataStore(dataDirectory)) { }

    /// <summary>Opens <paramref name="store"/> (which may not exist yet: then nothing is imported).</summary>
    public ReferenceData(DataStore store)
    {
        Store = store;
        try
        {
            _conn = store.OpenForRead();
            if (_conn is null) return;
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT f.id, r.dataset, r.version, f.file_name, f.sha256, r.kind FROM source_file f JOIN import_run r ON r.kind = f.kind";
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
                _files[rd.GetInt64(0)] = (ShortName(rd.GetString(5)), rd.GetString(2), rd.GetString(3), rd.GetString(4));
        }
        catch (SqliteException e) when (store.Explain(e) is { } explained)
        {
            _conn?.Dispose();
            throw explained;
        }
    }

    /// <summary>The store this reads.</summary>
    public DataStore Store { get; }

    /// <summary>Every imported dataset, in the order of <see cref="DatasetCatalog.All"/>.</summary>
    public IReadOnlyList<ImportRecord> Sources()
    {
        if (_conn is null) return [];
        var files = new List<(string Kind, SourceFileInfo Info)>();
        using (var cmd = _conn.CreateCommand())
        {
            cmd.CommandText = "SELECT kind, role, file_name, path, sha256, rows FROM source_file ORDER BY id";
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
                files.Add((rd.GetString(0), new SourceFileInfo(rd.GetString(1), rd.GetString(2), rd.GetString(3), rd.GetString(4), rd.GetInt64(5))));
        }
        var runs = new List<ImportRecord>();
        using (var cmd = _conn.CreateCommand())
        {
            cmd.CommandText = "SELECT kind, dataset, version, citation, licence, source_format, source_path, imported_at, rows, notes FROM import_run";
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
            {
                var kind = rd.GetString(0);
                runs.Add(new ImportRecord(kind, rd.GetString(1), rd.GetString(2), rd.GetString(3), rd.GetString(4), rd.GetString(5),
                    rd.GetString(6), rd.GetString(7), rd.GetInt64(8),
                    files.Where(f => f.Kind == kind).Select(f => f.Info).ToList(), rd.IsDBNull(9) ? null : rd.GetString(9)));
            }
        }
        var order = DatasetCatalog.Kinds.ToList();
        return runs.OrderBy(r => order.IndexOf(r.Kind) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    /// <summary>True if <paramref name="kind"/> has been imported.</summary>
    public bool Has(string kind)
    {
        if (_conn is null) return false;
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM import_run WHERE kind = $k";
        cmd.Parameters.AddWithValue("$k", kind);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    /// <summary>ATOP alliances and memberships.</summary>
    public AtopRepository Atop => _atop ??= new AtopRepository(this);

    /// <summary>COW state system membership and major powers.</summary>
    public CowStatesRepository CowStates => _states ??= new CowStatesRepository(this);

    /// <summary>COW National Material Capabilities.</summary>
    public NmcRepository Nmc => new(this);

    /// <summary>SIPRI military expenditure.</summary>
    public SipriRepository Sipri => new(this);

    /// <summary>COW dyadic trade.</summary>
    public TradeRepository Trade => new(this);

    /// <summary>International Crisis Behavior: crises, actors, dyads, base rates.</summary>
    public IcbRepository Icb => _icb ??= new IcbRepository(this);

    /// <summary>COW Militarized Interstate Disputes.</summary>
    public MidRepository Mid => new(this, "mid");

    /// <summary>Gibler–Miller–Little Militarized Interstate Disputes.</summary>
    public MidRepository Gml => new(this, "gml");

    internal SqliteConnection Require(string kind)
    {
        if (!Has(kind))
            throw new InputException(
                $"the {kind} dataset has not been imported into {Store.DataDirectory}; run: entangle data import {kind} PATH");
        return _conn!;
    }

    /// <summary>The recorded release of an imported kind, or null.</summary>
    public string? VersionOf(string kind)
    {
        if (_conn is null) return null;
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT version FROM import_run WHERE kind = $k";
        cmd.Parameters.AddWithValue("$k", kind);
        return cmd.ExecuteScalar() as string;
    }

    internal RowSource Source(long fileId, int line, int? column = null)
    {
        var f = _files[fileId];
        return new RowSource(f.Dataset, f.Version, f.File, f.Sha, line, column);
    }

    internal static int? NullableInt(SqliteDataReader rd, int i) => rd.IsDBNull(i) ? null : rd.GetInt32(i);
    internal static double? NullableDouble(SqliteDataReader rd, int i) => rd.IsDBNull(i) ? null : rd.GetDouble(i);

    private static string ShortName(string kind) => kind switch
    {
        "atop" => "ATOP",
        "cow-states" => "COW states",
        "cow-nmc" => "COW NMC",
        "sipri-milex" => "SIPRI milex",
        "cow-trade" => "COW trade",
        "icb" => "ICB",
        "mid" => "COW-MID",
        "gml" => "GML MID",
        _ => kind,
    };

    /// <summary>Closes the database connection.</summary>
    public void Dispose() => _conn?.Dispose();
}
