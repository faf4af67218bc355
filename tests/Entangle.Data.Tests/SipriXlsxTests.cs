using System.IO.Compression;
using System.Security;
using System.Text;
using Entangle.Application.Data;
using Entangle.Data.Xlsx;
using Entangle.Domain;

namespace Entangle.Data.Tests;

/// <summary>
/// The SIPRI workbook read directly from .xlsx. The workbook is built here from hand-written Office Open XML
/// (shared strings, inline strings, numbers, a skipped cell), with made-up values.
/// </summary>
public sealed class SipriXlsxTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A cell: a string (shared), a number, or an inline string (prefix "i:").</summary>
    private static string Workbook(string path, params (string Name, object?[][] Rows)[] sheets)
    {
        var shared = new List<string>();
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(xml);
        }
        var wb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        var rels = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 0; i < sheets.Length; i++)
        {
            wb.Append($"""<sheet name="{SecurityElement.Escape(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
            rels.Append($"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
            var sx = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 0; r < sheets[i].Rows.Length; r++)
            {
                var cells = sheets[i].Rows[r];
                if (cells.Length == 0) continue; // an empty row is simply absent, as Excel writes it
                sx.Append($"""<row r="{r + 1}">""");
                for (var c = 0; c < cells.Length; c++)
                {
                    var refName = $"{(char)('A' + c)}{r + 1}";
                    switch (cells[c])
                    {
                        case null: break;
                        case string s when s.StartsWith("i:", StringComparison.Ordinal):
                            sx.Append($"""<c r="{refName}" t="inlineStr"><is><t>{SecurityElement.Escape(s[2..])}</t></is></c>"""); break;
                        case string s:
                            var k = shared.IndexOf(s);
                            if (k < 0) { shared.Add(s); k = shared.Count - 1; }
                            sx.Append($"""<c r="{refName}" t="s"><v>{k}</v></c>"""); break;
                        case double d:
                            sx.Append($"""<c r="{refName}"><v>{d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>"""); break;
                    }
                }
                sx.Append("</row>");
            }
            sx.Append("</sheetData></worksheet>");
            Entry($"xl/worksheets/sheet{i + 1}.xml", sx.ToString());
        }
        Entry("xl/workbook.xml", wb.Append("</sheets></workbook>").ToString());
        Entry("xl/_rels/workbook.xml.rels", rels.Append("</Relationships>").ToString());
        var ss = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        foreach (var s in shared) ss.Append($"<si><t>{SecurityElement.Escape(s)}</t></si>");
        Entry("xl/sharedStrings.xml", ss.Append("</sst>").ToString());
        return path;
    }

    private string SampleWorkbook() => Workbook(Path.Combine(_dir.Path, "SIPRI-Milex-data-2020-2023.xlsx"),
        ("Front page", [["SIPRI Military Expenditure Database"], ["i:Read the notes"]]),
        ("Current US$", [
            ["Military expenditure by country, in millions of US$ at current prices and exchange rates, 2020-2023"],
            [],
            ["Country", "Notes", "2020", "2021"],
            ["Europe"],
            ["Eastern Europe"],
            ["Russia", "83", 500.0, 600.5],
            ["i:Korea, North", null, "...", "..."],
            ["USSR", null, "xxx", "xxx"],
        ]),
        ("Share of GDP", [
            ["Military expenditure by country as percentage of gross domestic product, 2020-2023"],
            ["Country", "Notes", "2020", "2021"],
            ["Russia", "83", 0.04, null],
        ]));

    [Fact]
    public void Reads_sheets_in_order_with_shared_and_inline_strings_and_gaps()
    {
        var sheets = XlsxWorkbook.Read(SampleWorkbook());
        Assert.Equal(["Front page", "Current US$", "Share of GDP"], sheets.Select(s => s.Name));
        var cur = sheets[1].Rows;
        Assert.Equal(7, cur.Count); // the empty row 2 is absent
        Assert.Equal(["Country", "Notes", "2020", "2021"], cur[1].Select(f => f.Value));
        Assert.Equal(3, cur[1][0].Line);
        Assert.Equal(["Korea, North", "", "...", "..."], cur[5].Select(f => f.Value));
        Assert.Equal((7, 3), (cur[5][2].Line, cur[5][2].Column));
        Assert.Equal(28, XlsxWorkbook.ColumnOf("AB12"));
    }

    [Fact]
    public void Imports_the_country_sheets_of_a_workbook_and_skips_the_others()
    {
        var r = DataService.Import("sipri-milex", SampleWorkbook(), _dir.Store);
        Assert.Equal("data to 2023", r.Imported.Version);
        Assert.Equal("SIPRI milex workbook (.xlsx)", r.Imported.SourceFormat);
        var file = Assert.Single(r.Imported.Files);
        Assert.Equal(("workbook", 4L), (file.Role, file.Rows));
        Assert.Contains("not read (not country tables): Front page", r.Imported.Notes);
        using var data = DataService.Open(_dir.Store);
        var ru = data.Sipri.Get("Russia", 2021)!;
        Assert.Equal(600.5, ru.Value);
        Assert.Equal((6, 4), (ru.Source.Line, ru.Source.Column));
        Assert.Equal(0.04, data.Sipri.Get("Russia", 2020, "share_gdp")!.Value);
        Assert.Null(data.Sipri.Get("Russia", 2021, "share_gdp"));
        Assert.Equal("unavailable", data.Sipri.Get("Korea, North", 2020)!.Status);
    }

    [Fact]
    public void A_bad_cell_in_a_workbook_is_located_by_sheet_row_and_column()
    {
        var path = Workbook(Path.Combine(_dir.Path, "bad.xlsx"),
            ("Current US$", [
                ["Military expenditure by country, in millions of US$ at current prices and exchange rates, 2020-2021"],
                ["Country", "Notes", "2020", "2021"],
                ["Russia", "83", 500.0, "n/a"],
            ]));
        var ex = Assert.Throws<InputException>(() => DataService.Import("sipri-milex", path, _dir.Store));
        Assert.Equal("bad.xlsx[Current US$]:3:4", $"{ex.Diagnostics[0].File}:{ex.Diagnostics[0].Line}:{ex.Diagnostics[0].Column}");
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_bad_input()
    {
        var path = _dir.Write("fake.xlsx", "not a zip");
        Assert.Contains("not a readable .xlsx workbook", Assert.Throws<InputException>(() => DataService.Import("sipri-milex", path, _dir.Store)).Message);
    }
}
