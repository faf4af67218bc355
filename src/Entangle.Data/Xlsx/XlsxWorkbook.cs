using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Entangle.Data.Csv;
using Entangle.Domain;

namespace Entangle.Data.Xlsx;

/// <summary>One worksheet: its name and its rows as dense field lists (row number as line, column number as column).</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<CsvField>> Rows);

/// <summary>
/// A minimal reader of the cell values of an Office Open XML workbook (<c>.xlsx</c>, ECMA-376): sheet names and
/// order from <c>xl/workbook.xml</c> and its relationships, shared strings, inline strings, and numbers as written
/// in the file. Formulas are not evaluated (their cached values are read); styles, dates and merged cells are
/// ignored. Enough for data sheets such as SIPRI's.
/// </summary>
public static class XlsxWorkbook
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Reads every worksheet of <paramref name="path"/>; a file that is not a workbook is bad input.</summary>
    public static IReadOnlyList<XlsxSheet> Read(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var shared = SharedStrings(zip);
            var rels = Relationships(zip);
            var wb = zip.GetEntry("xl/workbook.xml") ?? throw new InputException(name, "not an .xlsx workbook (no xl/workbook.xml)");
            var doc = Load(wb);
            var ns = new XmlNamespaceManager(doc.NameTable);
            ns.AddNamespace("m", MainNs);
            var sheets = new List<XlsxSheet>();
            foreach (XmlElement sheet in doc.SelectNodes("//m:sheets/m:sheet", ns)!)
            {
                var id = sheet.GetAttribute("id", RelNs);
                if (!rels.TryGetValue(id, out var target) || zip.GetEntry(target) is not { } entry) continue;
                sheets.Add(new XlsxSheet(sheet.GetAttribute("name"), Cells(entry, shared)));
            }
            return sheets;
        }
        catch (InvalidDataException e)
        {
            throw new InputException(name, $"not a readable .xlsx workbook: {e.Message}");
        }
        catch (XmlException e)
        {
            throw new InputException(name, $"malformed workbook XML: {e.Message}");
        }
    }

    private static XmlDocument Load(ZipArchiveEntry e)
    {
        var doc = new XmlDocument { XmlResolver = null };
        using var s = e.Open();
        using var r = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        doc.Load(r);
        return doc;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } e) return list;
        var doc = Load(e);
        foreach (XmlElement si in doc.GetElementsByTagName("si", MainNs))
            list.Add(Text(si));
        return list;
    }

    /// <summary>The text of an <c>si</c> or <c>is</c> element: its <c>t</c> descendants, without phonetic runs.</summary>
    private static string Text(XmlElement e)
    {
        var sb = new StringBuilder();
        foreach (XmlElement t in e.GetElementsByTagName("t", MainNs))
            if (t.ParentNode is XmlElement { LocalName: not "rPh" }) sb.Append(t.InnerText);
        return sb.ToString();
    }

    private static Dictionary<string, string> Relationships(ZipArchive zip)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } e) return map;
        foreach (XmlElement rel in Load(e).GetElementsByTagName("Relationship"))
        {
            var target = rel.GetAttribute("Target");
            map[rel.GetAttribute("Id")] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        }
        return map;
    }

    private static List<IReadOnlyList<CsvField>> Cells(ZipArchiveEntry entry, List<string> shared)
    {
        var rows = new List<IReadOnlyList<CsvField>>();
        var doc = Load(entry);
        var nextRow = 1;
        foreach (XmlElement row in doc.GetElementsByTagName("row", MainNs))
        {
            var rowNumber = int.TryParse(row.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var rn) ? rn : nextRow;
            nextRow = rowNumber + 1;
            var cells = new SortedDictionary<int, string>();
            var nextCol = 1;
            foreach (XmlElement c in row.GetElementsByTagName("c", MainNs))
            {
                var col = ColumnOf(c.GetAttribute("r")) ?? nextCol;
                nextCol = col + 1;
                var type = c.GetAttribute("t");
                string? value;
                if (type == "inlineStr") value = c.GetElementsByTagName("is", MainNs) is { Count: > 0 } iss ? Text((XmlElement)iss[0]!) : null;
                else value = c.GetElementsByTagName("v", MainNs) is { Count: > 0 } vs ? vs[0]!.InnerText : null;
                if (value is null) continue;
                if (type == "s")
                    value = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var si) && si < shared.Count ? shared[si] : value;
                else if (type == "b") value = value == "1" ? "TRUE" : "FALSE";
                cells[col] = value;
            }
            if (cells.Count == 0) continue;
            var width = cells.Keys.Max();
            var fields = new CsvField[width];
            for (var k = 1; k <= width; k++) fields[k - 1] = new CsvField(cells.TryGetValue(k, out var v) ? v : "", rowNumber, k);
            rows.Add(fields);
        }
        return rows;
    }

    /// <summary>The 1-based column of a cell reference such as <c>AB12</c> (28).</summary>
    public static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var col = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') col = col * 26 + (ch - 'A' + 1);
            else break;
        }
        return col == 0 ? null : col;
    }
}
