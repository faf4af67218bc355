using System.Text;
using Spectre.Console;

namespace Entangle.Cli.Output;

/// <summary>
/// Writes tables and headings: Spectre.Console on an interactive terminal, plain aligned text when piped
/// (or when <c>NO_COLOR</c>/<c>ENTANGLE_PLAIN</c> is set), so output stays greppable.
/// </summary>
public static class Terminal
{
    public static bool Rich =>
        !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null
        && Environment.GetEnvironmentVariable("ENTANGLE_PLAIN") is null;

    public static void Heading(string text)
    {
        if (Rich) AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(text)}[/]").LeftJustified());
        else { Console.Out.WriteLine(); Console.Out.WriteLine($"== {text} =="); }
    }

    public static void Line(string text = "")
    {
        if (Rich) AnsiConsole.WriteLine(text);
        else Console.Out.WriteLine(text);
    }

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title = null)
    {
        var data = rows.ToList();
        if (Rich)
        {
            var t = new Table().Border(TableBorder.Rounded);
            if (title is not null) t.Title(Markup.Escape(title));
            foreach (var h in headers) t.AddColumn(new TableColumn($"[bold]{Markup.Escape(h)}[/]"));
            foreach (var r in data) t.AddRow(r.Select(c => new Text(c)).ToArray());
            AnsiConsole.Write(t);
            return;
        }
        if (title is not null) Console.Out.WriteLine(title);
        Console.Out.Write(Plain(headers, data));
    }

    /// <summary>Plain aligned text: columns separated by two spaces, multi-line cells kept on one line.</summary>
    public static string Plain(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        static string Flat(string s) => s.Replace("\r", "").Replace('\n', ' ');
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var r in rows)
            for (var i = 0; i < widths.Length && i < r.Count; i++)
                widths[i] = Math.Max(widths[i], Math.Min(Flat(r[i]).Length, 60));
        var sb = new StringBuilder();
        void Row(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                var c = i < cells.Count ? Flat(cells[i]) : "";
                sb.Append(i == headers.Count - 1 ? c : c + new string(' ', Math.Max(2, widths[i] + 2 - c.Length)));
            }
            sb.Append('\n');
        }
        Row(headers);
        Row(widths.Select(w => new string('-', w)).ToList());
        foreach (var r in rows) Row(r);
        return sb.ToString();
    }
}
