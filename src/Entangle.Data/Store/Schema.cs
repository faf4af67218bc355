using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Entangle.Data.Store;

/// <summary>The SQLite schema of the reference-data store (see docs/data.md).</summary>
internal static class Schema
{
    /// <summary>Every data table, so that a schema change can rebuild them all.</summary>
    internal static readonly string[] DataTables =
        ["atop_alliance", "atop_member", "cow_state", "cow_major", "cow_nmc", "sipri_milex", "cow_trade_dyad",
         .. ConflictTables.All.Select(t => t.Table), "source_file", "import_run"];

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS import_run(
            kind TEXT PRIMARY KEY, dataset TEXT NOT NULL, version TEXT NOT NULL, citation TEXT NOT NULL,
            licence TEXT NOT NULL, source_format TEXT NOT NULL, source_path TEXT NOT NULL, imported_at TEXT NOT NULL,
            rows INTEGER NOT NULL, notes TEXT);
        CREATE TABLE IF NOT EXISTS source_file(
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, role TEXT NOT NULL, file_name TEXT NOT NULL, path TEXT NOT NULL,
            sha256 TEXT NOT NULL, rows INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS atop_alliance(
            atopid INTEGER PRIMARY KEY, begyr INTEGER NOT NULL, begmo INTEGER, begday INTEGER,
            endyr INTEGER NOT NULL, endmo INTEGER, endday INTEGER, ineffect INTEGER NOT NULL, bilat INTEGER,
            maxphase INTEGER, defense INTEGER NOT NULL, offense INTEGER NOT NULL, neutral INTEGER NOT NULL,
            nonagg INTEGER NOT NULL, consul INTEGER NOT NULL, active INTEGER, conditio INTEGER, asymm INTEGER,
            specthrt INTEGER, milcon INTEGER, milaid INTEGER, base INTEGER, organ1 INTEGER, version TEXT,
            file_id INTEGER NOT NULL, line INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS atop_member(
            atopid INTEGER NOT NULL, member INTEGER NOT NULL, phase INTEGER NOT NULL,
            yrent INTEGER NOT NULL, moent INTEGER, dayent INTEGER, yrexit INTEGER NOT NULL, moexit INTEGER, dayexit INTEGER,
            ineffect INTEGER NOT NULL, bilat INTEGER, defense INTEGER NOT NULL, offense INTEGER NOT NULL,
            neutral INTEGER NOT NULL, nonagg INTEGER NOT NULL, consul INTEGER NOT NULL, active INTEGER,
            conditio INTEGER, defcon INTEGER, offcon INTEGER, neucon INTEGER, concon INTEGER,
            defcoadv INTEGER, defcoloc INTEGER, defcocon INTEGER, defconum INTEGER, defcodem INTEGER, defconpr INTEGER,
            asymm INTEGER, specthrt INTEGER, version TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS atop_member_by_alliance ON atop_member(atopid, member, phase);
        CREATE INDEX IF NOT EXISTS atop_member_by_state ON atop_member(member);
        CREATE TABLE IF NOT EXISTS cow_state(
            ccode INTEGER NOT NULL, stateabb TEXT NOT NULL, statenme TEXT NOT NULL,
            styear INTEGER NOT NULL, stmonth INTEGER, stday INTEGER, endyear INTEGER NOT NULL, endmonth INTEGER, endday INTEGER,
            version TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS cow_state_by_code ON cow_state(ccode);
        CREATE TABLE IF NOT EXISTS cow_major(
            ccode INTEGER NOT NULL, styear INTEGER NOT NULL, stmonth INTEGER, stday INTEGER,
            endyear INTEGER NOT NULL, endmonth INTEGER, endday INTEGER, version TEXT,
            file_id INTEGER NOT NULL, line INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS cow_nmc(
            ccode INTEGER NOT NULL, year INTEGER NOT NULL, milex REAL, milper REAL, irst REAL, pec REAL,
            tpop REAL, upop REAL, cinc REAL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
            PRIMARY KEY(ccode, year)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sipri_milex(
            country TEXT NOT NULL, measure TEXT NOT NULL, year INTEGER NOT NULL, value REAL, status TEXT NOT NULL,
            region TEXT, subregion TEXT, notes TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,
            PRIMARY KEY(country, measure, year)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cow_trade_dyad(
            ccode1 INTEGER NOT NULL, ccode2 INTEGER NOT NULL, year INTEGER NOT NULL,
            flow1 REAL, flow2 REAL, smoothflow1 REAL, smoothflow2 REAL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
            PRIMARY KEY(ccode1, ccode2, year)) WITHOUT ROWID;
        """;

    /// <summary>Creates missing tables; rebuilds everything if the file was written by another schema version.</summary>
    internal static void Ensure(SqliteConnection c)
    {
        using var tx = c.BeginTransaction();
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        string? current;
        using (var q = c.CreateCommand())
        {
            q.Transaction = tx;
            q.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            current = q.ExecuteScalar() as string;
        }
        var wanted = DataStore.SchemaVersion.ToString(CultureInfo.InvariantCulture);
        if (current is not null && current != wanted)
            foreach (var t in DataTables) Exec(c, tx, $"DROP TABLE IF EXISTS {t};");
        Exec(c, tx, Ddl);
        foreach (var t in ConflictTables.All) Exec(c, tx, t.Ddl());
        Exec(c, tx, $"INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '{wanted}');");
        tx.Commit();
    }

    internal static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
