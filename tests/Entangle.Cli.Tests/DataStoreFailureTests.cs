using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Entangle.Cli.Tests;

/// <summary>
/// The data store after failures, with real processes: an import killed with SIGKILL part-way, a lock held by
/// another process, two imports into one store at once. After each, the store passes <c>PRAGMA integrity_check</c>
/// and holds one complete import.
/// </summary>
public sealed class DataStoreFailureTests : IDisposable
{
    private readonly string _dir = Cli.TempDir();

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Store => Path.Combine(_dir, "store");
    private string Db => Path.Combine(Store, "entangle.db");
    private string Journal => Db + "-journal";

    /// <summary>The first 8 bytes of a rollback journal that SQLite has synced, i.e. will roll back ("hot").</summary>
    private static readonly byte[] JournalMagic = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

    private static ProcessStartInfo Entangle(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "entangle.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        psi.Environment.Remove("ENTANGLE_DATA_DIR");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return psi;
    }

    private static Cli.Result Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var p = Process.Start(Entangle(env, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Cli.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// A peacesciencer-layout dyadic trade file of <paramref name="rows"/> distinct dyad-years; <paramref name="firstYear"/>
    /// tells two such files apart.
    /// </summary>
    private string WriteTrade(string name, int rows, int firstYear)
    {
        var path = Path.Combine(_dir, name, "cow_trade_ndy.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sb = new StringBuilder("ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n");
        for (var i = 0; i < rows; i++)
        {
            var a = 2 + i % 400;
            var b = 1000 + i / 400 % 500;
            var year = firstYear + i / 200_000;
            sb.Append(CultureInfo.InvariantCulture, $"{a},{b},{year},{i % 997}.5,{i % 313},{i % 101},{i % 89}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>A small ATOP release "9.9" (not a known release, so no known row count applies): three alliances.</summary>
    private string WriteAtop()
    {
        var folder = Path.Combine(_dir, "atop");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "atop9_9a.csv"),
            "atopid,begyr,endyr,ineffect,defense,offense,neutral,nonagg,consul,version\n" +
            "1,1950,0,1,1,0,0,0,1,9.9\n2,1960,0,1,1,0,0,0,0,9.9\n3,1961,0,1,1,0,0,0,0,9.9\n");
        File.WriteAllText(Path.Combine(folder, "atop9_9m.csv"),
            "atopid,member,phase,yrent,yrexit,ineffect,defense,offense,neutral,nonagg,consul,version\n" +
            "1,2,1,1950,0,1,1,0,0,0,1,9.9\n1,20,1,1950,0,1,1,0,0,0,1,9.9\n" +
            "2,2,1,1960,0,1,1,0,0,0,0,9.9\n2,740,1,1960,0,1,0,0,0,0,0,9.9\n" +
            "3,710,1,1961,0,1,1,0,0,0,0,9.9\n3,731,1,1961,0,1,1,0,0,0,0,9.9\n");
        return folder;
    }

    private static string IntegrityCheck(string db)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return (string)cmd.ExecuteScalar()!;
    }

    private static long Scalar(string db, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private bool JournalIsHot()
    {
        try
        {
            using var f = new FileStream(Journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var head = new byte[8];
            return f.Read(head, 0, 8) == 8 && head.AsSpan().SequenceEqual(JournalMagic);
        }
        catch (IOException) { return false; }
    }

    /// <summary>The file's length, 0 when it does not exist (it may vanish between the check and the read: the import commits).</summary>
    private static long Length(string path)
    {
        try { return File.Exists(path) ? new FileInfo(path).Length : 0; }
        catch (IOException) { return 0; }
    }

    /// <summary>
    /// Starts an import of <paramref name="trade"/> and kills it with SIGKILL as soon as SQLite has synced its
    /// journal and <paramref name="midway"/> holds (the import is then part-way: rows deleted or written, not
    /// committed). Returns false if the import finished before that could happen.
    /// </summary>
    private bool KillImportMidway(string trade, Func<bool> midway)
    {
        using var p = Process.Start(Entangle(null, "data", "import", "cow-trade", trade, "--data-dir", Store, "--dataset-version", "synthetic"))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        while (!p.HasExited && !(JournalIsHot() && midway())) Thread.Sleep(1);
        if (p.HasExited) return false;
        p.Kill();
        p.WaitForExit();
        _ = stdout.Result + stderr.Result;
        return true;
    }

    private static void AssertNoCrash(Cli.Result r)
    {
        Assert.DoesNotContain("Unhandled", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void Read_commands_recover_after_imports_killed_midway_and_the_store_stays_whole()
    {
        const int rows = 150_000;
        var trade = WriteTrade("trade", rows, 1950);
        Assert.Equal(0, Run(null, "data", "import", "atop", WriteAtop(), "--data-dir", Store).ExitCode);
        var first = Run(null, "data", "import", "cow-trade", trade, "--data-dir", Store, "--dataset-version", "synthetic");
        Assert.True(first.ExitCode == 0, first.Stderr);

        string[][] reads =
        [
            ["data", "sources", "--json"],
            ["data", "atop", "--year", "1960", "--json"],
            ["obligations", "network", "--year", "1960", "--json"],
        ];
        var kills = 0;
        foreach (var read in reads)
            for (var round = 0; round < 2; round++)
            {
                var killed = false;
                // A journal of more than 256 KiB holds old data pages: the previous rows are being replaced (the
                // schema check before the import journals a few pages only).
                for (var attempt = 0; attempt < 5 && !killed; attempt++) killed = KillImportMidway(trade, () => Length(Journal) > 256 * 1024);
                Assert.True(killed, "the import always finished before its journal was synced; nothing was tested");
                kills++;
                Assert.True(JournalIsHot(), "a killed import leaves a hot journal");

                var r = Run(null, [.. read, "--data-dir", Store]);
                AssertNoCrash(r);
                Assert.True(r.ExitCode == 0, $"{string.Join(' ', read)} after a killed import: exit {r.ExitCode}\n{r.Stderr}");
                using (JsonDocument.Parse(r.Stdout)) { }
                Assert.False(File.Exists(Journal), "the read command rolled the interrupted import back");
                Assert.Equal("ok", IntegrityCheck(Db));
                Assert.Equal(rows, Scalar(Db, "SELECT COUNT(*) FROM cow_trade_dyad"));
                Assert.Equal(rows, Scalar(Db, "SELECT rows FROM import_run WHERE kind = 'cow-trade'"));
            }
        Assert.Equal(6, kills);

        var sources = Run(null, "data", "sources", "--data-dir", Store, "--json");
        using var doc = JsonDocument.Parse(sources.Stdout);
        var kinds = doc.RootElement.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("kind").GetString()!, s => s.GetProperty("rows").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["atop"] = 9, ["cow-trade"] = rows }, kinds);
    }

    [Fact]
    public void A_first_import_killed_midway_leaves_a_store_that_reads_as_empty()
    {
        var trade = WriteTrade("trade", 150_000, 1950);
        var killed = false;
        // New pages are not journaled, so here "part-way" is a database file grown past 1 MiB of uncommitted rows.
        for (var attempt = 0; attempt < 5 && !killed; attempt++) killed = KillImportMidway(trade, () => Length(Db) > 1024 * 1024);
        Assert.True(killed, "the import always finished before its journal was synced; nothing was tested");

        var r = Run(null, "data", "sources", "--data-dir", Store, "--json");
        AssertNoCrash(r);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Equal("ok", IntegrityCheck(Db));
        Assert.False(File.Exists(Journal));
        Assert.True(Scalar(Db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'cow_trade_dyad'") == 0
                    || Scalar(Db, "SELECT COUNT(*) FROM cow_trade_dyad") == 0);
    }

    [Fact]
    public void A_lock_held_too_long_is_a_clear_message_with_exit_2()
    {
        Assert.Equal(0, Run(null, "data", "import", "atop", WriteAtop(), "--data-dir", Store).ExitCode);
        var env = new Dictionary<string, string> { ["ENTANGLE_DATA_LOCK_TIMEOUT"] = "1" };
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString()))
        {
            holder.Open();
            using (var cmd = holder.CreateCommand())
            {
                cmd.CommandText = "BEGIN EXCLUSIVE";
                cmd.ExecuteNonQuery();
            }
            foreach (var args in new[]
                     {
                         new[] { "data", "sources" },
                         ["data", "atop", "--year", "1960"],
                         ["obligations", "network", "--year", "1960"],
                         ["data", "import", "atop", Path.Combine(_dir, "atop"), "--allow-shrink"],
                     })
            {
                var r = Run(env, [.. args, "--data-dir", Store]);
                AssertNoCrash(r);
                Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}\n{r.Stderr}");
                Assert.Contains("locked by another process", r.Stderr);
                Assert.Contains("within 1 s", r.Stderr);
                Assert.Contains("ENTANGLE_DATA_LOCK_TIMEOUT", r.Stderr);
            }
        }
        // Released: everything works again, and the refused import changed nothing.
        var after = Run(null, "data", "sources", "--data-dir", Store, "--json");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal("ok", IntegrityCheck(Db));
        Assert.Equal(9, Scalar(Db, "SELECT rows FROM import_run WHERE kind = 'atop'"));
    }

    [Fact]
    public void A_bad_lock_timeout_setting_is_bad_input()
    {
        var r = Run(new Dictionary<string, string> { ["ENTANGLE_DATA_LOCK_TIMEOUT"] = "soon" }, "data", "sources", "--data-dir", Store);
        AssertNoCrash(r);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ENTANGLE_DATA_LOCK_TIMEOUT='soon' is not a whole number of seconds", r.Stderr);
    }

    [Fact]
    public void Two_imports_at_once_wait_for_each_other_and_leave_one_complete_import()
    {
        const int rows = 120_000;
        var a = WriteTrade("a", rows, 1900);
        var b = WriteTrade("b", rows, 2000);
        var procs = new[] { (Path: a, Version: "A"), (Path: b, Version: "B") }
            .Select(x => Process.Start(Entangle(null, "data", "import", "cow-trade", x.Path, "--data-dir", Store, "--dataset-version", x.Version))!)
            .ToList();
        var results = procs.Select(p =>
        {
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            var r = new Cli.Result(p.ExitCode, o.Result, e.Result);
            p.Dispose();
            return r;
        }).ToList();

        foreach (var r in results)
        {
            AssertNoCrash(r);
            // Each waits for the other (exit 0) or, past the lock timeout, refuses with the lock message (exit 2).
            Assert.True(r.ExitCode == 0 || (r.ExitCode == 2 && r.Stderr.Contains("locked by another process", StringComparison.Ordinal)),
                $"exit {r.ExitCode}\n{r.Stderr}");
        }
        Assert.Contains(results, r => r.ExitCode == 0);
        Assert.Equal("ok", IntegrityCheck(Db));

        // Exactly one complete import: the version recorded, and every row, come from the same file.
        var version = Scalar(Db, "SELECT CASE version WHEN 'A' THEN 1900 WHEN 'B' THEN 2000 END FROM import_run WHERE kind = 'cow-trade'");
        Assert.Equal(rows, Scalar(Db, "SELECT COUNT(*) FROM cow_trade_dyad"));
        Assert.Equal(rows, Scalar(Db, $"SELECT COUNT(*) FROM cow_trade_dyad WHERE year = {version}"));
        Assert.Equal(1, Scalar(Db, "SELECT COUNT(*) FROM source_file WHERE kind = 'cow-trade'"));
        Assert.Equal(1, Scalar(Db, "SELECT COUNT(DISTINCT file_id) FROM cow_trade_dyad"));
    }
}
