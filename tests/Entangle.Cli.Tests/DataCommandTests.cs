using System.Diagnostics;
using System.Text.Json;

namespace Entangle.Cli.Tests;

/// <summary><c>entangle data import</c> and <c>entangle data sources</c>, run as a process.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "entangle-cli-data-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "entangle.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        psi.Environment.Remove("ENTANGLE_DATA_DIR");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private string WriteAtop(string allianceCsv)
    {
        var folder = Path.Combine(_dir, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "atop5_1a.csv"), allianceCsv);
        return folder;
    }

    private const string Alliances =
        "atopid,begyr,endyr,ineffect,defense,offense,neutral,nonagg,consul,version\n" +
        "1,1950,0,1,1,0,0,0,1,5.1\n" +
        "2,1960,1970,0,0,0,0,1,0,5.1\n";

    [Fact]
    public void Import_then_sources_as_json_in_the_documented_shape()
    {
        var store = Path.Combine(_dir, "store");
        var imp = Run("data", "import", "atop", WriteAtop(Alliances), "--data-dir", store, "--json", "--allow-shrink");
        Assert.True(imp.Code == 0, imp.Err);
        using (var doc = JsonDocument.Parse(imp.Out))
        {
            var i = doc.RootElement.GetProperty("imported");
            Assert.Equal("atop", i.GetProperty("kind").GetString());
            Assert.Equal("5.1", i.GetProperty("version").GetString());
            Assert.Equal(2, i.GetProperty("rows").GetInt64());
        }

        var src = Run("data", "sources", "--data-dir", store, "--json");
        Assert.Equal(0, src.Code);
        using var s = JsonDocument.Parse(src.Out);
        Assert.Equal(["data_dir", "database", "sources", "not_imported"], s.RootElement.EnumerateObject().Select(p => p.Name));
        var atop = s.RootElement.GetProperty("sources")[0];
        Assert.Equal(
            ["kind", "dataset", "version", "citation", "licence", "source_format", "source_path", "imported_at", "rows", "files", "notes"],
            atop.EnumerateObject().Select(p => p.Name));
        var file = atop.GetProperty("files")[0];
        Assert.Equal(["role", "file", "path", "sha256", "rows"], file.EnumerateObject().Select(p => p.Name));
        Assert.Equal(64, file.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(["cow-states", "cow-nmc", "sipri-milex", "cow-trade", "icb", "mid", "gml"],
            s.RootElement.GetProperty("not_imported").EnumerateArray().Select(e => e.GetString()));

        var table = Run("data", "sources", "--data-dir", store);
        Assert.Equal(0, table.Code);
        Assert.Contains("atop5_1a.csv", table.Out);
        Assert.Contains("Leeds", table.Out);
    }

    [Fact]
    public void Bad_rows_exit_2_with_locations_and_write_nothing()
    {
        var store = Path.Combine(_dir, "store");
        var r = Run("data", "import", "atop", WriteAtop(Alliances + "3,19x0,0,1,1,0,0,0,0,5.1\n"), "--data-dir", store);
        Assert.Equal(2, r.Code);
        Assert.Contains("atop5_1a.csv:4:3: 'begyr' must be a whole number, not '19x0'", r.Err);
        Assert.Contains("nothing was written", r.Err);
        var src = Run("data", "sources", "--data-dir", store, "--json");
        Assert.Contains("\"sources\": []", src.Out);
    }

    [Fact]
    public void Unknown_kind_exits_2_with_a_suggestion()
    {
        var r = Run("data", "import", "sipri", _dir, "--data-dir", Path.Combine(_dir, "store"));
        Assert.Equal(2, r.Code);
        Assert.Contains("unknown dataset kind 'sipri'", r.Err);
        var r2 = Run("data", "import", "cow-trad", _dir, "--data-dir", Path.Combine(_dir, "store"));
        Assert.Contains("did you mean 'cow-trade'?", r2.Err);
    }

    [Fact]
    public void Every_data_command_has_help()
    {
        foreach (var args in new[] { new[] { "data", "--help" }, ["data", "import", "--help"], ["data", "sources", "--help"],
                                     ["data", "atop", "--help"], ["data", "lookup", "--help"],
                                     ["data", "icb", "--help"], ["data", "mid", "--help"] })
        {
            var r = Run(args);
            Assert.Equal(0, r.Code);
            Assert.Contains("Usage:", r.Out);
        }
        Assert.Contains("--data-dir", Run("data", "import", "--help").Out);
    }

    [Fact]
    public void Atop_query_prints_json_with_sources()
    {
        var store = Path.Combine(_dir, "store");
        Assert.Equal(0, Run("data", "import", "atop", WriteAtop(Alliances), "--data-dir", store, "--allow-shrink").Code);
        var r = Run("data", "atop", "--alliance", "1", "--data-dir", store, "--json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("atopid").GetInt32());
        Assert.Equal("ATOP 5.1, atop5_1a.csv:2", doc.RootElement.GetProperty("source").GetString());
        var after = Run("data", "atop", "--year", "2019", "--data-dir", store);
        Assert.Equal(2, after.Code);
        Assert.Contains("ends in 2018", after.Err);
    }

    private static string DataFixture(string name) =>
        Path.Combine(Cli.RepoRoot, "tests", "Entangle.Data.Tests", "Fixtures", name);

    [Fact]
    public void Icb_crisis_and_base_rates_print_json_with_sources()
    {
        var store = Path.Combine(_dir, "store");
        var imp = Run("data", "import", "icb", DataFixture("icb"), "--data-dir", store);
        Assert.True(imp.Code == 0, imp.Err);
        var r = Run("data", "icb", "--crisis", "902", "--data-dir", store, "--json");
        Assert.True(r.Code == 0, r.Err);
        using (var doc = JsonDocument.Parse(r.Out))
        {
            var c = doc.RootElement;
            Assert.Equal(("FIXTURE BORDER", 4, "full-scale war", "ICB 15, icb1v15.csv:3"),
                (c.GetProperty("name").GetString(), c.GetProperty("violence").GetInt32(), c.GetProperty("violence_name").GetString(), c.GetProperty("source").GetString()));
            var actors = c.GetProperty("actors").EnumerateArray().ToList();
            Assert.Equal([("IND", "victory"), ("PAK", "defeat")], actors.Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("outcome_name").GetString())));
            Assert.Equal([1995, 1996], c.GetProperty("dyads")[0].GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        }
        var table = Run("data", "icb", "--crisis", "901", "--data-dir", store);
        Assert.Contains("FIXTURE STRAIT", table.Out);
        Assert.Contains("icb2v15.csv:2", table.Out);

        var b = Run("data", "icb", "--from", "1990", "--to", "1999", "--data-dir", store, "--json");
        using (var doc = JsonDocument.Parse(b.Out))
        {
            var e = doc.RootElement;
            Assert.Equal((2, 0.5, 1.0, 56.5), (e.GetProperty("crises").GetInt32(), e.GetProperty("full_scale_war_share").GetDouble(),
                e.GetProperty("serious_clashes_or_war_share").GetDouble(), e.GetProperty("median_duration_days").GetDouble()));
        }
        var missing = Run("data", "icb", "--crisis", "42", "--data-dir", store);
        Assert.Equal(2, missing.Code);
        Assert.Contains("no ICB crisis 42", missing.Err);
        Assert.Equal(2, Run("data", "icb", "--data-dir", store).Code);
    }

    [Fact]
    public void Backtest_with_a_split_that_leaves_no_training_or_no_validation_crises_is_a_clear_error()
    {
        // the fixture's crises were triggered in 1990, 1995 and 2001 (before the fix, --split 1990 was an internal error)
        var store = Path.Combine(_dir, "store");
        Assert.Equal(0, Run("data", "import", "icb", DataFixture("icb"), "--data-dir", store).Code);
        foreach (var kind in new[] { "atop", "cow-nmc", "cow-states" }) // small fixtures of files with known row counts
            Assert.Equal(0, Run("data", "import", kind, DataFixture(kind), "--allow-shrink", "--data-dir", store).Code);
        var noTraining = Run("backtest", "--split", "1990", "--runs", "10", "--data-dir", store);
        Assert.True(noTraining.Code == 2, noTraining.Err);
        Assert.Contains("split 1990: no training crises: none of the 3 imported ICB crises was triggered before 1990 (the first was triggered in 1990)", noTraining.Err);
        Assert.DoesNotContain("   at ", noTraining.Err);
        Assert.Equal("", noTraining.Out);
        var noValidation = Run("backtest", "--split", "2005", "--runs", "10", "--data-dir", store, "--json");
        Assert.True(noValidation.Code == 2, noValidation.Err);
        Assert.Contains("split 2005: no validation crises: none of the 3 imported ICB crises was triggered in 2005..2019 (the last was triggered in 2001)", noValidation.Err);
        Assert.Equal("", noValidation.Out);
        var before = Run("backtest", "--split", "2000", "--last-year", "1999", "--data-dir", store);
        Assert.Equal(2, before.Code);
        Assert.Contains("last_year 1999: must not be before the split year 2000", before.Err);
    }

    [Fact]
    public void Mid_dispute_and_dyad_views()
    {
        var store = Path.Combine(_dir, "store");
        Assert.Equal(0, Run("data", "import", "mid", DataFixture("mid"), "--data-dir", store).Code);
        var r = Run("data", "mid", "--dispute", "9003", "--data-dir", store, "--json");
        Assert.True(r.Code == 0, r.Err);
        using (var doc = JsonDocument.Parse(r.Out))
        {
            var d = doc.RootElement;
            Assert.Equal((5, "COW-MID 5.0, cow_mid_disps.csv:4"), (d.GetProperty("hostility_level").GetInt32(), d.GetProperty("source").GetString()));
            Assert.Equal([2, 750], d.GetProperty("side_a").EnumerateArray().Select(x => x.GetInt32()));
        }
        var dyad = Run("data", "mid", "--dyad", "731,732", "--data-dir", store);
        Assert.True(dyad.Code == 0, dyad.Err);
        Assert.Contains("2 disputes, 1 with use of force, 1 with mutual use of force, 0 with mutual war; 3 dyad-years", dyad.Out);
        var bad = Run("data", "mid", "--dyad", "731", "--data-dir", store);
        Assert.Equal(2, bad.Code);
        Assert.Contains("--dyad takes two states", bad.Err);
        var gml = Run("data", "mid", "--dispute", "9003", "--gml", "--data-dir", store);
        Assert.Equal(2, gml.Code);
        Assert.Contains("entangle data import gml PATH", gml.Err);
    }
}
