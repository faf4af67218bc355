using System.Text;
using System.Diagnostics;
using Entangle.Domain;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Entangle.Scenarios.Tests;

/// <summary>
/// Input made to break the loader (issue 16, items 16–18 and 20): each ends in located diagnostics, never in
/// another exception, a stack overflow, a hang or a memory blow-up.
/// </summary>
public class HostileInputTests
{
    private const string Header = "scenario: { id: t, title: T, as_of: 2024-06-23 }\n";

    private static IReadOnlyList<Diagnostic> Errors(string yaml, string name = "s.yaml", params (string, string)[] more)
    {
        var dir = TestFiles.Write([(name, yaml), .. more]);
        return ErrorsAt(Path.Combine(dir, name));
    }

    /// <summary>Loads on a thread with a large stack budget and a 30 s guard against hangs.</summary>
    private static IReadOnlyList<Diagnostic> ErrorsAt(string path)
    {
        Exception? thrown = null;
        var t = new Thread(() =>
        {
            try { ScenarioLoader.Load(path); }
            catch (Exception e) { thrown = e; }
        });
        t.Start();
        Assert.True(t.Join(TimeSpan.FromSeconds(30)), $"loading {path} hung");
        var e = Assert.IsType<InputException>(thrown);
        Assert.NotEmpty(e.Diagnostics);
        Assert.DoesNotContain(e.Diagnostics, d => d.Message.Contains("internal error"));
        return e.Diagnostics;
    }

    // ---- item 16: includes

    [Theory]
    [InlineData("../../../../../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../outside.yaml")]
    public void Include_OutsideTheFolder_IsRefusedWithoutReadingIt(string include)
    {
        var parent = TestFiles.TempDir();
        File.WriteAllText(Path.Combine(parent, "outside.yaml"), "secret: root:x:0:0\n");
        var dir = Path.Combine(parent, "scenario");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Header + $"include: [\"{include}\"]\n");
        var d = Assert.Single(ErrorsAt(Path.Combine(dir, "s.yaml")));
        Assert.Contains("lies outside the folder of the file that includes it", d.Message);
        Assert.Equal((2, 11), (d.Line, d.Column));
        Assert.DoesNotContain("root:", d.Message);
    }

    [Fact]
    public void Include_SymlinkPointingOutside_IsRefused()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        var parent = TestFiles.TempDir();
        File.WriteAllText(Path.Combine(parent, "outside.yaml"), "states: [{ id: RUS, name: 'root:x:0:0' }]\n");
        var dir = Path.Combine(parent, "scenario");
        Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(dir, "part.yaml"), Path.Combine(parent, "outside.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "parts"), parent);
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Header + "include: [part.yaml, parts/outside.yaml]\n");
        var ds = ErrorsAt(Path.Combine(dir, "s.yaml"));
        Assert.Equal(2, ds.Count);
        Assert.All(ds, d => Assert.Contains("is a link to a file outside the folder", d.Message));
        Assert.All(ds, d => Assert.DoesNotContain("root:", d.Message));
    }

    [Fact]
    public void Include_SymlinkInsideTheFolder_IsRead()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = TestFiles.Write(("real.yaml", "states: [{ id: RUS, name: Russia }]\n"), ("s.yaml", Header + "include: [link.yaml]\n"));
        File.CreateSymbolicLink(Path.Combine(dir, "link.yaml"), Path.Combine(dir, "real.yaml"));
        Assert.Single(ScenarioLoader.Load(Path.Combine(dir, "s.yaml")).States);
    }

    [Fact]
    public void Include_DeviceOrPipe_IsRefusedWithoutOpeningIt()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = TestFiles.Write(("s.yaml", Header + "include: [pipe.yaml, zero.yaml]\n"));
        MakeFifo(Path.Combine(dir, "pipe.yaml"));
        File.CreateSymbolicLink(Path.Combine(dir, "zero.yaml"), "/dev/zero"); // a link to a device outside
        var ds = ErrorsAt(Path.Combine(dir, "s.yaml"));
        Assert.Equal(2, ds.Count);
        Assert.Contains("is not a regular file", ds[0].Message);
        Assert.Equal((2, 11), (ds[0].Line, ds[0].Column));
        Assert.Contains("is a link to a file outside", ds[1].Message);
    }

    [Fact]
    public void Root_DeviceOrPipe_IsRefused()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = TestFiles.TempDir();
        MakeFifo(Path.Combine(dir, "pipe.yaml"));
        foreach (var path in new[] { "/dev/zero", Path.Combine(dir, "pipe.yaml") })
        {
            var d = Assert.Single(ErrorsAt(path));
            Assert.Equal(path, d.File);
            Assert.Contains("is not a regular file", d.Message);
        }
    }

    [Fact]
    public void Include_NullCharacterInPath_IsAnError()
    {
        var d = Assert.Single(Errors(Header + "include: [\"a\\0b.yaml\"]\n"));
        Assert.Equal("include 'a\\u0000b.yaml' is not a valid file path", d.Message);
        Assert.Equal((2, 11), (d.Line, d.Column));
    }

    [Fact]
    public void File_LargerThanTheLimit_IsRefusedBeforeReading()
    {
        var dir = TestFiles.TempDir();
        var path = Path.Combine(dir, "big.yaml");
        using (var f = File.Create(path)) f.SetLength(ScenarioLimits.MaxFileBytes + 1);
        var d = Assert.Single(ErrorsAt(path));
        Assert.Contains("a scenario file may have at most 16,777,216 bytes", d.Message);
    }

    internal static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    // ---- item 17: crashes

    [Fact]
    public void UnclosedFlowList_IsInvalidYaml_AtALine()
    {
        var d = Assert.Single(Errors(Header + "states:\n  - id: RUS\n    name: Russia\n    other_names: [Rossiya,\n  - id: PRK\n    name: North Korea\n"));
        Assert.StartsWith("not valid YAML", d.Message);
        Assert.InRange(d.Line!.Value, 5, 7);
    }

    [Fact]
    public void EmptyKeyInABlockList_IsInvalidYaml_NotAnArgumentException()
    {
        // Before: YamlDotNet's "The current event is of an unsupported type" escaped as ArgumentException.
        var d = Assert.Single(Errors(Header + "states:\n  - : 4\n"));
        Assert.StartsWith("not valid YAML", d.Message);
        Assert.Equal(3, d.Line);
    }

    [Theory]
    [InlineData("mappings")]
    [InlineData("lists")]
    [InlineData("block")]
    public void DeepNesting_IsRefusedBeforeTheTreeIsBuilt(string style)
    {
        // Before: 17,000 nested flow mappings or 50,000 nested lists overflowed the stack (exit 134).
        var (yaml, at) = style switch
        {
            "mappings" => ("states: " + string.Concat(Enumerable.Repeat("{a: ", 17_000)) + "x" + new string('}', 17_000), (2, 261)),
            "lists" => ("states: " + new string('[', 50_000) + new string(']', 50_000), (2, 72)),
            _ => ("states:\n  " + string.Concat(Enumerable.Repeat("- ", 17_000)) + "x", (3, 129)), // "- - - x": lists in lists
        };
        var d = Assert.Single(Errors(Header + yaml + "\n"));
        Assert.Contains("nested more than 64 levels deep", d.Message);
        Assert.Equal(at, (d.Line!.Value, d.Column!.Value)); // where the 65th level opens
    }

    // ---- item 18: costs

    [Fact]
    public void AliasBomb_StopsAtTheAliasThatCrossesTheLimit()
    {
        // Before: a 110 KB file of this kind took 95 s and 9.2 GB.
        var lines = new List<string> { "x:", "  a0: &a0 [" + string.Join(",", Enumerable.Repeat("lol", 10)) + "]" };
        for (var i = 1; i < 10; i++) lines.Add($"  a{i}: &a{i} [" + string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        var d = Assert.Single(Errors(string.Join("\n", lines) + "\n"));
        Assert.Contains("stand for more than 100,000 values", d.Message);
        Assert.Equal(6, d.Line); // a4 = 10^5 values: the first to cross 100,000 together with those before
    }

    [Fact]
    public void A_broken_limit_says_which_kind_it_is_and_a_wrong_file_says_none()
    {
        // front ends answer limits differently from mistakes (the server: 413 for sizes, 422 for structure, 400 else)
        var lines = new List<string> { "x:", "  a0: &a0 [" + string.Join(",", Enumerable.Repeat("lol", 10)) + "]" };
        for (var i = 1; i < 10; i++) lines.Add($"  a{i}: &a{i} [" + string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        Assert.Equal(InputLimit.Structure, Assert.Single(Errors(string.Join("\n", lines) + "\n")).Limit);
        Assert.Equal(InputLimit.Structure, Assert.Single(Errors(Header + "x: " + new string('[', 70) + new string(']', 70) + "\n")).Limit);
        Assert.Equal(InputLimit.Size, Assert.Single(Errors(Header + "states:\n  - { id: RUS, name: \"" + new string('x', ScenarioLimits.MaxStringLength + 1) + "\" }\n")).Limit);
        var chain = Enumerable.Range(1, 39).ToDictionary(i => $"f{i}.yaml", i => Encoding.UTF8.GetBytes($"include: [\"f{i + 1}.yaml\"]\n"));
        chain["f0.yaml"] = Encoding.UTF8.GetBytes(Header + "include: [\"f1.yaml\"]\n");
        chain["f40.yaml"] = Encoding.UTF8.GetBytes("states: []\n");
        var deep = Assert.Throws<InputException>(() => ScenarioLoader.Load(new ScenarioBundle("f0.yaml", chain)));
        Assert.Equal(("f31.yaml", InputLimit.Structure), (Assert.Single(deep.Diagnostics).File, deep.Diagnostics[0].Limit));
        var many = Enumerable.Range(0, ScenarioBundle.MaxFiles + 1).ToDictionary(i => $"{i}.yaml", _ => Encoding.UTF8.GetBytes("states: []\n"));
        Assert.Equal(InputLimit.Size, new ScenarioBundle("0.yaml", many).Problem!.Limit);
        Assert.All(Errors(Header + "states:\n  - { id: RUS, nmae: Russia }\n"), d => Assert.Equal(InputLimit.None, d.Limit));
    }

    [Fact]
    public void TooLongString_IsRefusedAtItsPlace()
    {
        var d = Assert.Single(Errors(Header + "states:\n  - { id: RUS, name: \"" + new string('x', ScenarioLimits.MaxStringLength + 1) + "\" }\n"));
        Assert.Contains("a text of 100,001 characters", d.Message);
        Assert.Equal((3, 22), (d.Line, d.Column));
    }

    [Fact]
    public void AliasedWrongValue_IsReportedOnce_NotOncePerUse()
    {
        // Before: one message per use of the alias (214 KB in, 60 MB of messages out).
        var yaml = Header + "states:\n  - { id: RUS, name: Russia }\ntheaters:\n" +
                   string.Concat(Enumerable.Range(0, 50).Select(i =>
                       $"  - {{ id: t{i}, name: T, stakeholders: [{(i == 0 ? "&bad " : "*bad")}{(i == 0 ? "{ state: RUS, stake: { value: 7, judgement: j } }" : "")}] }}\n"));
        var ds = Errors(yaml);
        var d = Assert.Single(ds);
        Assert.Contains("out of range", d.Message);
    }

    [Fact]
    public void ThousandsOfProblems_PrintAThousandAndCountTheRest()
    {
        var yaml = Header + "states:\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"  - {{ id: S{i:D2}x, name: N }}\n"));
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Path.Combine(TestFiles.Write(("s.yaml", yaml)), "s.yaml")));
        Assert.Equal(3000, e.Total);
        Assert.Equal(ScenarioLimits.MaxMessages + 1, e.Diagnostics.Count);
        Assert.Equal("… and 2,000 more problems, not shown (at most 1,000 are listed)", e.Diagnostics[^1].Message);
    }

    [Fact]
    public void Resolve_TwoHundredThousandReferences_IsLinear()
    {
        // Before: each reference copied and scanned the whole id list: 200,000² comparisons, hours.
        var ctx = new SourceContext("s.yaml", []);
        var parts = new ScenarioParts();
        const int n = 200_000;
        for (var i = 0; i < n; i++) parts.Define(IdKind.Area, $"a{i}", new YamlScalarNode($"a{i}"), ctx);
        for (var i = 0; i < n; i++) parts.Refer(IdKind.Area, $"a{(i * 7919) % n}", new YamlScalarNode("r"), ctx, "area");
        parts.Refer(IdKind.Area, "a12x", new YamlScalarNode("r"), ctx, "area");
        var diagnostics = new List<Diagnostic>();
        var t = new Thread(() => parts.Resolve(diagnostics));
        t.Start();
        Assert.True(t.Join(TimeSpan.FromSeconds(60)), "resolving 200,000 references did not finish");
        var d = Assert.Single(diagnostics);
        Assert.Equal("area names unknown area 'a12x' (did you mean 'a12'?)", d.Message);
    }

    [Fact]
    public void HugeNumberAndNaN_AreNotNumbers()
    {
        var ds = Errors(Header + "states:\n  - id: RUS\n    name: Russia\n    figures:\n" +
                        "      - { name: milex_usd, value: 1.8e308, year: 2023, source: s }\n" +
                        "      - { name: gdp_usd, value: 1.79e308, year: 2023, source: s }\n" +
                        "      - { name: cinc, value: .nan, year: 2023, source: s }\n");
        Assert.Equal(3, ds.Count);
        Assert.Contains("'value' = 1.8e308 is not a finite number", ds[0].Message);
        Assert.Contains("'value' = 1.79e308 is too large; numbers in a scenario lie within ±1e15", ds[1].Message);
        Assert.Contains("'value' = .nan is not a finite number", ds[2].Message);
        Assert.Equal([6, 7, 8], ds.Select(d => d.Line!.Value));
    }

    // ---- item 20: locations

    [Fact]
    public void TabIndentation_IsReportedAtTheTab()
    {
        // Before: "found invalid tab as indentation" at 1:1.
        var d = Assert.Single(Errors(Header + "states:\n\t- { id: RUS, name: Russia }\n"));
        Assert.Equal((3, 1), (d.Line, d.Column));
        Assert.Contains("tab", d.Message);
        var d2 = Assert.Single(Errors(Header + "states:\n  - id: RUS\n  \tname: Russia\n"));
        Assert.Equal((4, 3), (d2.Line, d2.Column));
    }

    [Fact]
    public void TruncatedFile_IsReportedOnItsLastLine_NotBeyond()
    {
        // Before: line N+1 of an N-line file.
        var yaml = Header + "states:\n  - { id: RUS, name: [Russia\n";
        var d = Assert.Single(Errors(yaml));
        Assert.Equal(3, yaml.Count(c => c == '\n'));
        Assert.Equal((3, 29), (d.Line, d.Column));
    }

    [Fact]
    public void BareCarriageReturn_IsNotALineBreak()
    {
        // Before: YAML counts a lone CR as a line break, so locations ran past the file's last line.
        var d = Assert.Single(Errors(Header + "states:\r  - { id: RUS, name: Russia }\n"));
        Assert.Equal((2, 8), (d.Line, d.Column));
        Assert.Contains("carriage return", d.Message);
    }

    [Fact]
    public void CrLfLineEnds_AreFine() =>
        Assert.Single(ScenarioLoader.Load(Path.Combine(TestFiles.Write(("s.yaml", (Header + "states:\n  - { id: RUS, name: Russia }\n").Replace("\n", "\r\n"))), "s.yaml")).States);
}
