using Entangle.Domain;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Yaml;

/// <summary>
/// Parses one file's text into a YAML tree within <see cref="ScenarioLimits"/>, turning every failure into a
/// located diagnostic. The limits are checked on the parser's event stream, which does not recurse, before the
/// tree builder (which does) sees a deeper level; so no input can overflow the stack or expand aliases without bound.
/// </summary>
public static class SafeYaml
{
    /// <summary>The document's root node, or null with the problem added to <paramref name="diagnostics"/>.</summary>
    public static YamlNode? Parse(string text, string file, List<Diagnostic> diagnostics)
    {
        if (BareCarriageReturn(text) is { } cr)
        {
            diagnostics.Add(new Diagnostic(file, cr.Line, cr.Column,
                "a carriage return (CR) without a line feed; save the file with LF (or CRLF) line ends"));
            return null;
        }
        var stream = new YamlStream();
        var guarded = new GuardedParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(guarded);
        }
        catch (LimitException e)
        {
            diagnostics.Add(new Diagnostic(file, e.Line, e.Column, e.Message) { Limit = e.Limit });
            return null;
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            if (reason.StartsWith('(') && cut > 0) reason = reason[(cut + 3)..];
            var (line, column) = Clamp(text, (int)e.Start.Line, (int)e.Start.Column);
            if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabAtOrAfter(text, line) is { } tab)
            {
                (line, column) = tab;
                reason = "a tab in the indentation; YAML indents with spaces only";
            }
            diagnostics.Add(new Diagnostic(file, line, column, $"not valid YAML: {reason}"));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's tree builder rejects a few event sequences (e.g. an empty key in a block list) this way.
            var at = guarded.LastMark;
            var (line, column) = at is null ? (1, 1) : Clamp(text, (int)at.Value.Line, (int)at.Value.Column);
            diagnostics.Add(new Diagnostic(file, line, column, "not valid YAML: a key or value here has no content; check for a ':' or '-' with nothing before it"));
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            diagnostics.Add(new Diagnostic(file, 1, 1, $"expected one YAML document, found {stream.Documents.Count}"));
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    /// <summary>The first CR not followed by LF, as line:column counting LF only.</summary>
    private static (int Line, int Column)? BareCarriageReturn(string text)
    {
        var i = text.IndexOf('\r');
        while (i >= 0 && i + 1 < text.Length && text[i + 1] == '\n') i = text.IndexOf('\r', i + 2);
        return i < 0 ? null : LineColumn(text, i);
    }

    private static (int Line, int Column) LineColumn(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var k = text.IndexOf('\n'); k >= 0 && k < index; k = text.IndexOf('\n', k + 1)) { line++; start = k + 1; }
        return (line, index - start + 1);
    }

    /// <summary>A position past the end of the text (a truncated file) moves to the end of its last line.</summary>
    private static (int Line, int Column) Clamp(string text, int line, int column)
    {
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var lines = body.Split('\n');
        if (line <= lines.Length) return (Math.Max(1, line), Math.Max(1, column));
        var last = lines[^1].TrimEnd('\r');
        return (lines.Length, last.Length + 1);
    }

    /// <summary>The first tab in a line's leading whitespace, on <paramref name="fromLine"/> or after it (else anywhere).</summary>
    private static (int Line, int Column)? TabAtOrAfter(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var pass = 0; pass < 2; pass++)
            for (var l = pass == 0 ? fromLine - 1 : 0; l < lines.Length; l++)
            {
                var s = lines[l];
                for (var c = 0; c < s.Length && (s[c] == ' ' || s[c] == '\t' || s[c] == '-'); c++)
                    if (s[c] == '\t') return (l + 1, c + 1);
            }
        return null;
    }

    private sealed class LimitException(Mark at, string message, InputLimit limit = InputLimit.None) : Exception(message)
    {
        public InputLimit Limit { get; } = limit;
        public int Line { get; } = (int)at.Line;
        public int Column { get; } = (int)at.Column;
    }

    /// <summary>Passes events through, stopping at the first one that breaks a limit.</summary>
    private sealed class GuardedParser(IParser inner) : IParser
    {
        public Mark? LastMark { get; private set; }

        private int _depth;
        private long _nodes;
        private long _aliasNodes;
        private readonly Dictionary<string, long> _anchorSize = new(StringComparer.Ordinal);
        private readonly Stack<Open> _open = new();

        /// <summary>An open mapping or list: its anchor, the node count at its start, and how many children it has.</summary>
        private sealed class Open(string? anchor, long start, bool isMapping, Mark at)
        {
            public string? Anchor { get; } = anchor;
            public long Start { get; } = start;
            public bool IsMapping { get; } = isMapping;
            public Mark At { get; } = at;
            public int Children { get; set; }
        }

        private void Child()
        {
            if (_open.TryPeek(out var parent)) parent.Children++;
        }

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var e = inner.Current!;
            LastMark = e.Start;
            switch (e)
            {
                case MappingStart or SequenceStart:
                {
                    if (++_depth > ScenarioLimits.MaxNestingDepth)
                        throw new LimitException(e.Start, $"nested more than {ScenarioLimits.MaxNestingDepth} levels deep; a scenario needs far fewer (docs/scenario-format.md, Limits)", InputLimit.Structure);
                    Child();
                    _nodes++;
                    var anchor = ((NodeEvent)e).Anchor;
                    _open.Push(new Open(anchor.IsEmpty ? null : anchor.Value, _nodes - 1, e is MappingStart, e.Start));
                    break;
                }
                case MappingEnd or SequenceEnd:
                {
                    _depth--;
                    if (!_open.TryPop(out var o)) break;
                    // YamlDotNet's parser can drop the value of an empty key ("- : 4"); its tree builder then fails
                    if (o.IsMapping && o.Children % 2 == 1)
                        throw new LimitException(o.At, "not valid YAML: a key with no name, or with no value; write 'name: value'");
                    if (o.Anchor is not null) _anchorSize[o.Anchor] = _nodes - o.Start;
                    break;
                }
                case Scalar s:
                {
                    if (s.Value.Length > ScenarioLimits.MaxStringLength)
                        throw new LimitException(e.Start, $"a text of {s.Value.Length:N0} characters; at most {ScenarioLimits.MaxStringLength:N0} are allowed", InputLimit.Size);
                    Child();
                    _nodes++;
                    if (!s.Anchor.IsEmpty) _anchorSize[s.Anchor.Value] = 1;
                    break;
                }
                case AnchorAlias a:
                {
                    Child();
                    var size = _anchorSize.TryGetValue(a.Value.Value, out var n) ? n : 1;
                    _nodes += size;
                    _aliasNodes += size;
                    if (_aliasNodes > ScenarioLimits.MaxAliasNodes)
                        throw new LimitException(e.Start,
                            $"aliases ('*{Shorten(a.Value.Value)}' and those before it) stand for more than {ScenarioLimits.MaxAliasNodes:N0} values in all; write the values out, or use fewer nested aliases", InputLimit.Structure);
                    break;
                }
            }
            return true;
        }

        public void Dispose() { }

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}
