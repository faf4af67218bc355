using Entangle.Application.Data;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>All-or-nothing imports, error reporting, replacement on re-import, unknown kinds.</summary>
public sealed class ImportSemanticsTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string GoodAlliance = """
        atopid,begyr,endyr,ineffect,defense,offense,neutral,nonagg,consul,version
        1,1950,0,1,1,0,0,0,0,5.1
        2,1960,1970,0,0,0,0,1,0,5.1

        """;

    [Fact]
    public void Every_bad_row_is_reported_with_line_and_column_and_nothing_is_written()
    {
        // A first, good import that must survive the failed one.
        DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);
        var before = DataService.Sources(_dir.Store).Sources.Single();

        var bad = _dir.Write("in/atop5_1a.csv",
            "atopid,begyr,endyr,ineffect,defense,offense,neutral,nonagg,consul,version\n" + // line 1
            "1,1950,0,1,1,0,0,0,0,5.1\n" +        // 2 good
            "x2,1960,1970,0,0,0,0,1,0,5.1\n" +    // 3 atopid not a number (col 1)
            "3,1960,1950,0,0,0,0,1,0,5.1\n" +     // 4 endyr before begyr (col 6)
            "4,1960,1970,0,2,0,0,1,0,5.1\n" +     // 5 defense = 2 (col 15)
            "5,1960,1970,0,0,0\n" +               // 6 too few fields
            "1,1961,0,1,1,0,0,0,0,5.1\n" +        // 7 duplicate atopid (col 1)
            "6,\"19\"60,0,1,1,0,0,0,0,5.1\n");    // 8 text after closing quote (col 7)
        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", bad, _dir.Store));
        var got = ex.Diagnostics.Select(d => $"{d.File}:{d.Line}:{d.Column}").ToList();
        Assert.Equal(
        [
            "atop5_1a.csv:3:1", "atop5_1a.csv:4:8", "atop5_1a.csv:5:15", "atop5_1a.csv:6:1",
            "atop5_1a.csv:7:1", "atop5_1a.csv:8:7",
        ], got);
        Assert.Contains("must be a whole number, not 'x2'", ex.Diagnostics[0].Message);
        Assert.Contains("endyr 1950 is before begyr 1960", ex.Diagnostics[1].Message);
        Assert.Contains("'defense' must be 0 or 1, not 2", ex.Diagnostics[2].Message);
        Assert.Contains("row has 6 fields but the header has 10", ex.Diagnostics[3].Message);
        Assert.Contains("appears twice (first on line 2)", ex.Diagnostics[4].Message);

        // The database is exactly as before: the fixture import, not a partial new one.
        var after = DataService.Sources(_dir.Store).Sources.Single();
        Assert.Equal(before, after with { Files = before.Files });
        Assert.Equal(before.Files, after.Files);
        using var data = DataService.Open(_dir.Store);
        Assert.Equal(5, data.Atop.Alliances.Count);
        Assert.Equal(16, data.Atop.Memberships.Count);
    }

    [Fact]
    public void A_missing_column_is_reported_once_with_a_suggestion()
    {
        var bad = _dir.Write("in/atop5_1a.csv", "atopid,begyr,endyr,ineffect,defence,offense,neutral,nonagg,consul\n1,1950,0,1,1,0,0,0,0\n");
        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", bad, _dir.Store));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(("atop5_1a.csv", 1), (d.File, d.Line));
        Assert.Contains("missing column 'defense' (did you mean 'defence'?)", d.Message);
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
    }

    [Fact]
    public void A_member_file_without_phase_is_bad_input_not_a_crash()
    {
        var bad = _dir.Write("in/atop5_1m.csv", "atopid,member,yrent,yrexit,ineffect,defense,offense,neutral,nonagg,consul\n1,2,1950,0,1,1,0,0,0,0\n");
        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", bad, _dir.Store));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Contains("missing column 'phase'", d.Message);
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
    }

    [Fact]
    public void Reimporting_a_kind_replaces_the_previous_import()
    {
        DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);
        var only = _dir.Write("in/atop5_1a.csv", GoodAlliance);
        var r = DataService.Import("atop", only, _dir.Store, allowShrink: true);
        Assert.Equal(2, r.Imported.Rows);
        var sources = DataService.Sources(_dir.Store);
        var atop = Assert.Single(sources.Sources);
        Assert.Equal("alliance-level", Assert.Single(atop.Files).Role);
        using var data = DataService.Open(_dir.Store);
        Assert.Equal([1, 2], data.Atop.Alliances.Select(a => a.AtopId));
        Assert.Empty(data.Atop.Memberships); // the member-level rows of the first import are gone
    }

    [Fact]
    public void Other_kinds_are_untouched_by_an_import()
    {
        DataService.Import("cow-states", TestPaths.Fixture("cow-states"), _dir.Store, allowShrink: true);
        DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);
        Assert.Throws<InputException>(() => DataService.Import("atop", _dir.Write("in/atop5_1a.csv", "atopid\nx\n"), _dir.Store));
        var kinds = DataService.Sources(_dir.Store).Sources.Select(s => s.Kind);
        Assert.Equal(["atop", "cow-states"], kinds);
        using var data = DataService.Open(_dir.Store);
        Assert.Equal("Russia", data.CowStates.Lookup(365)!.Name);
    }

    [Fact]
    public void Unknown_kind_is_bad_input_with_a_suggestion()
    {
        var ex = Assert.Throws<InputException>(() => DataService.Import("cow-nmcc", TestPaths.Fixture("cow-nmc"), _dir.Store));
        Assert.Contains("unknown dataset kind 'cow-nmcc' (did you mean 'cow-nmc'?)", ex.Message);
        Assert.False(File.Exists(Path.Combine(_dir.Store, "entangle.db")));
    }

    [Fact]
    public void Missing_path_and_wrong_file_are_bad_input()
    {
        Assert.Contains("no such file or folder",
            Assert.Throws<InputException>(() => DataService.Import("atop", Path.Combine(_dir.Path, "nope"), _dir.Store)).Message);
        Assert.Contains("not an ATOP alliance-level file",
            Assert.Throws<InputException>(() => DataService.Import("atop", TestPaths.Fixture("cow-nmc/cow_nmc_v7.0_fixture.csv"), _dir.Store)).Message);
        Assert.Contains("no ATOP files here",
            Assert.Throws<InputException>(() => DataService.Import("atop", TestPaths.Fixture("cow-nmc"), _dir.Store)).Message);
    }

    [Fact]
    public void Queries_on_a_kind_not_imported_say_which_command_to_run()
    {
        using var data = DataService.Open(_dir.Store);
        var ex = Assert.Throws<InputException>(() => data.Atop.Alliances);
        Assert.Contains("entangle data import atop PATH", ex.Message);
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
        Assert.Equal(8, DataService.Sources(_dir.Store).NotImported.Count);
    }

    [Fact]
    public void Data_dir_resolution_prefers_the_option_then_the_environment()
    {
        Assert.Equal(Path.GetFullPath("/tmp/x-entangle"), DataService.ResolveDataDir("/tmp/x-entangle"));
        if (Environment.GetEnvironmentVariable(DataService.DataDirVariable) is null)
            Assert.EndsWith("entangle", DataService.ResolveDataDir(null));
    }
}

/// <summary><c>data import all DIR</c>: every kind found in a folder of downloads and its subfolders.</summary>
public sealed class ImportAllTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Imports_each_kind_found_in_subfolders_and_lists_the_rest()
    {
        var downloads = Path.Combine(_dir.Path, "downloads");
        foreach (var sub in new[] { "atop", "cow-states", "sipri-milex" })
        {
            Directory.CreateDirectory(Path.Combine(downloads, sub));
            foreach (var f in Directory.GetFiles(TestPaths.Fixture(sub)))
                File.Copy(f, Path.Combine(downloads, sub, Path.GetFileName(f)));
        }
        var r = DataService.ImportAll(downloads, _dir.Store, allowShrink: true);
        Assert.Equal(["atop", "cow-states", "sipri-milex"], r.Imported.Select(s => s.Kind));
        Assert.Equal(["cow-nmc", "cow-trade", "icb", "mid", "gml"], r.NotFound);
        Assert.Equal(3, DataService.Sources(_dir.Store).Sources.Count);
    }

    [Fact]
    public void A_folder_without_any_dataset_is_bad_input()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "empty"));
        Assert.Contains("no dataset files found", Assert.Throws<InputException>(() => DataService.ImportAll(Path.Combine(_dir.Path, "empty"), _dir.Store)).Message);
    }
}
