using System.Diagnostics;
using Entangle.Tests.Shared;

namespace Entangle.Ingest.Tests;

/// <summary>`entangle ingest` on input it cannot read: a one-line message, exit code 2, nothing written, bounded memory.</summary>
public class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ingest-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Result(int ExitCode, string Stdout, string Stderr, long PeakBytes);

    private static Result Run(params string[] args)
    {
        var o = EntangleProcess.RunGuarded(RepoPaths.RepoRoot, TimeSpan.FromMinutes(10), args);
        Assert.False(o.TimedOut, "entangle did not finish within 10 minutes");
        return new Result(o.ExitCode, o.Stdout, o.Stderr, o.PeakBytes);
    }

    private void AssertRefused(Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        // the message, then the CLI's usual summary line ("1 problem found; nothing was written.")
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(expected, lines[0]);
        Assert.StartsWith("1 problem found", lines[1]);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing may be written");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void EmptyFile_IsRefused() =>
        AssertRefused(Run("ingest", Write("empty.txt", []), "--out", Path.Combine(_dir, "out")), "the file is empty");

    [Fact]
    public void WhiteSpaceOnly_IsRefused() =>
        AssertRefused(Run("ingest", Write("blank.txt", "  \n\n\t \n"u8.ToArray()), "--out", Path.Combine(_dir, "out")), "only white space");

    [Fact]
    public void BinaryFile_IsRefused_WithWhereTheNulByteIs()
    {
        var r = Run("ingest", Write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]), "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "is not text: a NUL byte at byte 8");
        Assert.Contains("image.png:3:1:", r.Stderr);   // newlines at bytes 5 and 7: byte 8 opens line 3
    }

    [Fact]
    public void InvalidUtf8_IsRefused_WithLineAndColumn()
    {
        var r = Run("ingest", Write("latin1.txt", [.. "De handel\nbedroeg "u8.ToArray(), 0xE9, .. " veel."u8.ToArray()]), "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "is not UTF-8 text: invalid byte 0xE9");
        Assert.Contains("latin1.txt:2:9:", r.Stderr);
    }

    [Fact]
    public void FiftyMegabyteFile_IsRefused_BeforeReadingIt()
    {
        var path = Path.Combine(_dir, "huge.txt");
        using (var fs = File.Create(path)) fs.SetLength(50L * 1024 * 1024);   // sparse: 50 MiB of NULs, never read
        var r = Run("ingest", path, "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "ingest reads articles of at most 4,194,304 bytes");
        Assert.True(r.PeakBytes < 300L * 1024 * 1024, $"peak working set {r.PeakBytes:N0} bytes");
    }

    [Fact]
    public void MixedLanguages_AreRefused_WithASuggestion()
    {
        var nl = "De Russische president Poetin bezocht Pyongyang en ondertekende een verdrag met de Noord-Koreaanse leider. Het verdrag bepaalt dat de twee landen elkaar helpen in het geval van een aanval door een derde land, en dat zou de verhoudingen in de regio kunnen veranderen.";
        var en = "Russian President Putin visited Pyongyang and signed a treaty with the North Korean leader. The treaty says that the two countries will help each other if either of them is attacked by a third country, which could change the balance of power in the region.";
        var r = Run("ingest", Write("mixed.txt", System.Text.Encoding.UTF8.GetBytes($"{nl}\n\n{en}\n\n{nl}\n\n{en}\n")), "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "the article mixes languages");
        Assert.Contains("--lang", r.Stderr);
    }

    [Fact]
    public void MissingFile_BadLanguage_AndBadDate_AreRefused()
    {
        AssertRefused(Run("ingest", Path.Combine(_dir, "nope.txt")), "file not found");
        var ok = Write("ok.txt", "De Russische president Poetin bezocht op 19 juni Pyongyang en tekende een verdrag met Noord-Korea."u8.ToArray());
        AssertRefused(Run("ingest", ok, "--lang", "de"), "--lang de: expected nl, en or auto");
        AssertRefused(Run("ingest", ok, "--date", "23-06-2024"), "--date 23-06-2024: expected a date as YYYY-MM-DD");
    }

    [Fact]
    public void HtmlAndMarkdown_AreReadAsText()
    {
        var html = Write("a.html", "<html><head><style>p{}</style></head><body><h1>Poetin in Pyongyang</h1><p>De Russische president Poetin bezocht op 19 juni Pyongyang. De handel met Noord-Korea bedroeg 34,4 miljoen dollar.</p></body></html>"u8.ToArray());
        var r = Run("ingest", html, "--date", "2024-06-23", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"format\": \"html\"", r.Stdout);
        Assert.Contains("\"value\": 34400000", r.Stdout);
        Assert.DoesNotContain("<p>", r.Stdout);
        var md = Write("a.md", "# Poetin in Pyongyang\n\nDe **Russische** president [Poetin](https://example.org) bezocht op 19 juni Pyongyang en tekende een verdrag met Noord-Korea.\n"u8.ToArray());
        var m = Run("ingest", md, "--date", "2024-06-23", "--json");
        Assert.Equal(0, m.ExitCode);
        Assert.Contains("\"format\": \"markdown\"", m.Stdout);
        Assert.DoesNotContain("example.org", m.Stdout);
    }
}
