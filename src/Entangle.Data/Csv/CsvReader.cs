using System.Text;
using Entangle.Domain;

namespace Entangle.Data.Csv;

/// <summary>One field of a CSV record: its text (quotes removed) and where it started in the file.</summary>
public readonly record struct CsvField(string Value, int Line, int Column);

/// <summary>
/// A small streaming CSV reader (RFC 4180 plus common variants): comma separator, fields optionally in double
/// quotes, <c>""</c> as an escaped quote, commas and line breaks inside quotes, LF, CRLF or CR line ends, an
/// optional UTF-8 byte-order mark. It tracks the 1-based line and column where every field starts so that
/// importers can report <c>file:line:col: message</c>.
/// </summary>
/// <remarks>
/// Malformed quoting (text after a closing quote, a quote never closed) is reported as a <see cref="Diagnostic"/>
/// in <see cref="Problems"/>; the reader then recovers at the next line so that every problem in a file is found
/// in one pass.
/// </remarks>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly string _file;
    private readonly StringBuilder _sb = new();
    private readonly List<CsvField> _fields = [];
    private int _line = 1;
    private int _col = 1;
    private int _peeked = -2;

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="file"/> names the file in diagnostics.</summary>
    public CsvReader(TextReader reader, string file)
    {
        _reader = reader;
        _file = file;
    }

    /// <summary>Opens a file (UTF-8, byte-order mark honoured) for reading.</summary>
    public static CsvReader Open(string path, string? displayName = null) =>
        new(new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16),
            displayName ?? Path.GetFileName(path));

    /// <summary>Quoting problems found so far.</summary>
    public List<Diagnostic> Problems { get; } = [];

    /// <summary>The file name used in diagnostics.</summary>
    public string File => _file;

    /// <summary>The line on which the record most recently returned by <see cref="Read"/> starts.</summary>
    public int RecordLine { get; private set; }

    /// <summary>
    /// Reads the next record. Returns null at end of file. The returned list is reused by the next call.
    /// A completely empty line yields a record with one empty field.
    /// </summary>
    public IReadOnlyList<CsvField>? Read()
    {
        _fields.Clear();
        if (PeekChar() < 0) return null;
        RecordLine = _line;
        while (true)
        {
            var fieldLine = _line;
            var fieldCol = _col;
            _sb.Clear();
            var c = PeekChar();
            if (c == '"')
            {
                NextChar();
                var closed = false;
                while (true)
                {
                    var q = NextChar();
                    if (q < 0) break;
                    if (q == '"')
                    {
                        if (PeekChar() == '"') { NextChar(); _sb.Append('"'); continue; }
                        closed = true;
                        break;
                    }
                    _sb.Append((char)q);
                }
                _fields.Add(new CsvField(_sb.ToString(), fieldLine, fieldCol));
                if (!closed)
                {
                    Problems.Add(new Diagnostic(_file, fieldLine, fieldCol, "quoted field is never closed (missing '\"')"));
                    return _fields;
                }
                var after = PeekChar();
                if (after != ',' && after != '\n' && after != '\r' && after >= 0)
                {
                    Problems.Add(new Diagnostic(_file, _line, _col, "unexpected text after a closing quote; a field with quotes must be wholly quoted"));
                    SkipToLineEnd();
                    return _fields;
                }
            }
            else
            {
                while (true)
                {
                    var u = PeekChar();
                    if (u < 0 || u == ',' || u == '\n' || u == '\r') break;
                    _sb.Append((char)NextChar());
                }
                _fields.Add(new CsvField(_sb.ToString(), fieldLine, fieldCol));
            }
            var sep = NextChar();
            if (sep == ',') continue;
            if (sep == '\r' && PeekChar() == '\n') NextChar();
            return _fields;
        }
    }

    private void SkipToLineEnd()
    {
        while (true)
        {
            var c = NextChar();
            if (c < 0 || c == '\n') return;
            if (c == '\r') { if (PeekChar() == '\n') NextChar(); return; }
        }
    }

    private int PeekChar()
    {
        if (_peeked == -2) _peeked = _reader.Read();
        return _peeked;
    }

    private int NextChar()
    {
        var c = PeekChar();
        _peeked = -2;
        if (c == '\n' || (c == '\r' && PeekChar() != '\n')) { _line++; _col = 1; }
        else if (c >= 0 && c != '\r') _col++;
        return c;
    }

    /// <summary>Closes the underlying reader.</summary>
    public void Dispose() => _reader.Dispose();
}
