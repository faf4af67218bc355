using Entangle.Data.Csv;

namespace Entangle.Data.Tests;

public class CsvReaderTests
{
    private static List<List<CsvField>> ReadAll(string text, out CsvReader reader)
    {
        reader = new CsvReader(new StringReader(text), "t.csv");
        var rows = new List<List<CsvField>>();
        while (reader.Read() is { } r) rows.Add([.. r]);
        return rows;
    }

    [Fact]
    public void Plain_fields_with_lf_and_crlf_and_positions()
    {
        var rows = ReadAll("a,bb,c\r\n1,22,333\n4,,6", out var r);
        Assert.Empty(r.Problems);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", "bb", "c"], rows[0].Select(f => f.Value));
        Assert.Equal(["4", "", "6"], rows[2].Select(f => f.Value));
        Assert.Equal((2, 6), (rows[1][2].Line, rows[1][2].Column));
        Assert.Equal((3, 4), (rows[2][2].Line, rows[2][2].Column));
    }

    [Fact]
    public void Quoted_fields_with_commas_escaped_quotes_and_line_breaks()
    {
        var rows = ReadAll("\"Korea, North\",\"say \"\"hi\"\"\",\"two\r\nlines\",x\r\nnext,row\r\n", out var r);
        Assert.Empty(r.Problems);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Korea, North", "say \"hi\"", "two\r\nlines", "x"], rows[0].Select(f => f.Value));
        // The field after the embedded line break starts on line 2.
        Assert.Equal((2, 8), (rows[0][3].Line, rows[0][3].Column));
        Assert.Equal(3, rows[1][0].Line);
    }

    [Fact]
    public void Empty_quoted_field_and_trailing_empty_field()
    {
        var rows = ReadAll("\"\",a,\n", out var r);
        Assert.Empty(r.Problems);
        Assert.Equal(["", "a", ""], rows[0].Select(f => f.Value));
    }

    [Fact]
    public void Text_after_closing_quote_is_reported_with_position_and_reading_recovers()
    {
        var rows = ReadAll("x,\"ab\"c,d\nok,1\n", out var r);
        var p = Assert.Single(r.Problems);
        Assert.Equal(("t.csv", 1, 7), (p.File, p.Line, p.Column));
        Assert.Equal(["ok", "1"], rows[^1].Select(f => f.Value));
    }

    [Fact]
    public void Unclosed_quote_is_reported_where_the_field_starts()
    {
        ReadAll("a,b\n1,\"never closed\n2,3\n", out var r);
        var p = Assert.Single(r.Problems);
        Assert.Equal((2, 3), (p.Line, p.Column));
        Assert.Contains("never closed", p.Message);
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_field()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'a', (byte)',', (byte)'b', (byte)'\n']);
            using var r = CsvReader.Open(path);
            Assert.Equal("a", r.Read()![0].Value);
        }
        finally { File.Delete(path); }
    }
}
