using Entangle.Application.Data;
using Entangle.Data.Importers;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>
/// A CSV cut at a row boundary reads as a valid, shorter file. Imports compare row counts with what the release is
/// known to hold and with the import they replace, and refuse an empty file, unless told the shrink is wanted.
/// </summary>
public sealed class RowCountTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string AllianceHeader = "atopid,begyr,endyr,ineffect,defense,offense,neutral,nonagg,consul,version\n";

    /// <summary>An alliance-level file of <paramref name="rows"/> alliances, release <paramref name="version"/>.</summary>
    private string Alliances(string name, int rows, string version)
    {
        var body = string.Concat(Enumerable.Range(1, rows).Select(i => $"{i},1950,0,1,1,0,0,0,0,{version}\n"));
        return _dir.Write(name, AllianceHeader + body);
    }

    [Fact]
    public void A_file_with_fewer_rows_than_its_release_holds_is_refused_and_names_the_release_count()
    {
        // The fixture is named and versioned ATOP 5.1 but holds 5 alliances and 16 member rows (counted by hand).
        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store));
        Assert.Equal(
            [
                ("atop5_1a.csv", "5 data rows, but the alliance-level file of atop 5.1 holds 789"),
                ("atop5_1m.csv", "16 data rows, but the member-level file of atop 5.1 holds 2,510"),
            ],
            ex.Diagnostics.Select(d => (Path.GetFileName(d.File!), d.Message[..d.Message.IndexOf(" (", StringComparison.Ordinal)])));
        Assert.All(ex.Diagnostics, d => Assert.Contains("--allow-shrink", d.Message));
        Assert.Empty(DataService.Sources(_dir.Store).Sources);

        var ok = DataService.Import("atop", TestPaths.Fixture("atop"), _dir.Store, allowShrink: true);
        Assert.Equal(21, ok.Imported.Rows);
    }

    [Fact]
    public void More_rows_than_the_release_holds_are_imported_with_a_note()
    {
        var r = DataService.Import("atop", Alliances("in/atop5_1a.csv", 790, "5.1"), _dir.Store);
        Assert.Equal(790, r.Imported.Rows);
        Assert.Contains("atop5_1a.csv has 790 rows, more than the 789 of atop 5.1 as released", r.Imported.Notes);
    }

    [Fact]
    public void A_reimport_truncated_at_a_row_boundary_is_refused_and_the_store_keeps_the_full_import()
    {
        var full = Alliances("v1/atop9_9a.csv", 30, "9.9");
        DataService.Import("atop", full, _dir.Store);
        var lines = File.ReadAllLines(full);
        var cut = _dir.Write("v2/atop9_9a.csv", string.Join("\n", lines.Take(21)) + "\n"); // header + 20 rows

        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", cut, _dir.Store));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(cut, d.File);
        Assert.StartsWith("20 alliance-level rows would replace the 30 now in the store (atop 9.9, imported ", d.Message);
        Assert.EndsWith($"from {full}); refused as a likely truncated file: pass --allow-shrink if it is complete as it is", d.Message);
        Assert.Equal(30, DataService.Sources(_dir.Store).Sources.Single().Rows);

        Assert.Equal(20, DataService.Import("atop", cut, _dir.Store, allowShrink: true).Imported.Rows);
        Assert.Equal(20, DataService.Sources(_dir.Store).Sources.Single().Rows);
    }

    [Fact]
    public void A_reimport_that_drops_a_file_is_a_shrink()
    {
        var folder = Path.GetDirectoryName(Alliances("v1/atop9_9a.csv", 2, "9.9"))!;
        _dir.Write("v1/atop9_9m.csv",
            "atopid,member,phase,yrent,yrexit,ineffect,defense,offense,neutral,nonagg,consul,version\n" +
            "1,2,1,1950,0,1,1,0,0,0,0,9.9\n1,20,1,1950,0,1,1,0,0,0,0,9.9\n");
        DataService.Import("atop", folder, _dir.Store);

        var ex = Assert.Throws<InputException>(() => DataService.Import("atop", Path.Combine(folder, "atop9_9a.csv"), _dir.Store));
        Assert.StartsWith("0 member-level rows would replace the 2 now in the store", Assert.Single(ex.Diagnostics).Message);
    }

    [Fact]
    public void A_header_only_file_is_refused_even_into_an_empty_store_and_with_allow_shrink()
    {
        var empty = _dir.Write("in/atop9_9a.csv", AllianceHeader);
        foreach (var allow in new[] { false, true })
        {
            var ex = Assert.Throws<InputException>(() => DataService.Import("atop", empty, _dir.Store, allowShrink: allow));
            var d = Assert.Single(ex.Diagnostics);
            Assert.Equal(empty, d.File);
            Assert.Equal("no data rows in this alliance-level file (only a header, or nothing); is the download complete?", d.Message);
        }
        Assert.Empty(DataService.Sources(_dir.Store).Sources);
    }

    [Fact]
    public void Every_known_count_names_its_file_and_a_sha256_prefix_and_keys_are_unique()
    {
        Assert.Equal(KnownRowCounts.All.Count, KnownRowCounts.All.Select(k => (k.Kind, k.Version, k.Role, k.Layout)).Distinct().Count());
        Assert.All(KnownRowCounts.All, k =>
        {
            Assert.Contains(k.Kind, DatasetCatalog.Kinds);
            Assert.Matches(@"\.csv\b", k.Source);
            Assert.Matches(@"SHA-256 [0-9a-f]{8}…", k.Source);
            Assert.True(k.Rows > 0);
        });
    }
}
