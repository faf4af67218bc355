using System.Text.RegularExpressions;
using Entangle.Tests.Shared;

namespace Entangle.Cli.Tests;

/// <summary>
/// Issue 16 as a user meets it on the command line: hostile includes and files are refused quickly with exit 2
/// and located messages (item 16), one broken file does not stop a multi-file validate (item 17), suggestions
/// know state names (item 9), a new author gets warnings and a template (item 15), and seeded mutations of the
/// bundled scenario never crash the real process (the fuzz sample).
/// </summary>
public class ScenarioSafetyTests
{
    private const string Header = "scenario: { id: b, title: B, as_of: 2024-06-23 }\n";

    private static readonly Regex LocatedOrSummary = new(@"^(\S[^:]*:\d+:\d+: .+|\d[\d,]* problems? found(; nothing was written)?\.|\S[^:]*: … and [\d,]+ more problems, not shown .+|\S[^:]*:\d+:\d+: warning: .+)$");

    private static void MakeFifo(string path)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]))!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Validate_HostileIncludes_RefusedQuickly_Exit2_Located_NoContentShown()
    {
        // Before: /etc/passwd's first line was printed, /dev/zero exhausted memory and a FIFO blocked forever.
        var dir = Cli.TempDir();
        var includes = new List<string> { "../../../../../../../etc/passwd", "/etc/passwd", "/dev/zero" };
        if (OperatingSystem.IsLinux())
        {
            MakeFifo(Path.Combine(dir, "pipe.yaml"));
            File.CreateSymbolicLink(Path.Combine(dir, "link.yaml"), "/etc/passwd");
            includes.AddRange(["pipe.yaml", "link.yaml"]);
        }
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Header + "include:\n" + string.Concat(includes.Select(i => $"  - \"{i}\"\n")));
        var g = Cli.RunGuarded(dir, TimeSpan.FromSeconds(30), "validate", "s.yaml");
        Assert.False(g.TimedOut, "validate blocked");
        Assert.Equal(2, g.Result.ExitCode);
        var lines = g.Result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(includes.Count + 1, lines.Length);
        for (var i = 0; i < includes.Count; i++) Assert.StartsWith($"s.yaml:{3 + i}:5: include ", lines[i]);
        Assert.DoesNotContain("root:", g.Result.Stderr);
    }

    [Fact]
    public void Validate_DeviceOrPipeAsTheFile_RefusedQuickly()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Cli.TempDir();
        MakeFifo(Path.Combine(dir, "pipe.yaml"));
        var g = Cli.RunGuarded(dir, TimeSpan.FromSeconds(30), "validate", "pipe.yaml", "/dev/zero");
        Assert.False(g.TimedOut, "validate blocked");
        Assert.Equal(2, g.Result.ExitCode);
        Assert.Contains("pipe.yaml: is not a regular file", g.Result.Stderr);
        Assert.Contains("/dev/zero: is not a regular file", g.Result.Stderr);
    }

    [Fact]
    public void Validate_OneFileThatUsedToCrash_DoesNotStopTheOthers()
    {
        // Before: 17,000 nested mappings overflowed the stack (exit 134), and the files after it went unchecked.
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "deep.yaml"), Header + "states: " + string.Concat(Enumerable.Repeat("{a: ", 17_000)) + "x" + new string('}', 17_000) + "\n");
        File.WriteAllText(Path.Combine(dir, "empty-key.yaml"), Header + "states:\n  - : 4\n");
        File.WriteAllText(Path.Combine(dir, "good.yaml"), Header + "states:\n  - { id: RUS, name: Russia }\n");
        var r = Cli.RunIn(dir, "validate", "deep.yaml", "empty-key.yaml", "good.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("good.yaml: ok — 1 states", r.Stdout);
        Assert.Contains("deep.yaml:2:261: nested more than 64 levels deep", r.Stderr);
        Assert.Contains("empty-key.yaml:3:5: not valid YAML: a key with no name, or with no value", r.Stderr);
        Assert.EndsWith("2 problems found.\n", r.Stderr); // validate writes nothing, so it does not say so
    }

    [Fact]
    public void Obligations_TargetWrittenAsACodeThatIsNoState_SuggestsByName()
    {
        // Before: "unknown target 'NKR' (did you mean 'NOR'?)" — Norway.
        var r = Cli.Run("obligations", "scenarios/russia-dprk-2024.yaml", "--attacker", "USA", "--target", "NKR");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("unknown target 'NKR' (did you mean 'PRK' (North Korea)", r.Stderr);
        var r2 = Cli.Run("obligations", "scenarios/russia-dprk-2024.yaml", "--attacker", "Russia", "--target", "PRK");
        Assert.StartsWith("unknown attacker 'Russia' (did you mean 'RUS' (Russia)?)", r2.Stderr);
    }

    [Fact]
    public void Validate_TreatyWithoutInForce_WarnsAndExitsZero()
    {
        var dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "s.yaml"), Header + "states:\n  - { id: RUS, name: Russia }\n  - { id: PRK, name: North Korea }\n" +
                                                        "treaties:\n  - { id: t, name: T, kind: other, parties: [RUS, PRK], source: x }\n");
        var r = Cli.RunIn(dir, "validate", "s.yaml");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("s.yaml:6:11: warning: treaty 't' has no 'in_force' date, so it is never in force and obliges no one; add 'in_force: YYYY-MM-DD' (or 'in_force: ~' for a treaty signed but not yet in force)\n", r.Stderr);
        Assert.Contains("s.yaml: ok — 2 states", r.Stdout);
        Assert.Contains("; 1 warning", r.Stdout);
    }

    [Fact]
    public void New_WritesAScenarioThatValidates_AndNeverOverwrites()
    {
        var dir = Cli.TempDir();
        var r = Cli.RunIn(dir, "new", "strait-2026");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("wrote strait-2026.yaml; check it with: entangle validate strait-2026.yaml\n", r.Stdout);
        var text = File.ReadAllText(Path.Combine(dir, "strait-2026.yaml"));
        Assert.Contains("id: strait-2026", text);
        Assert.Contains("# ", text); // commented

        var v = Cli.RunIn(dir, "validate", "strait-2026.yaml");
        Assert.True(v.ExitCode == 0, v.Stderr);
        Assert.Equal("", v.Stderr); // no warnings either
        Assert.StartsWith("strait-2026.yaml: ok — 3 states, 0 organizations, 1 treaties (1 clauses), 1 theaters, 0 relations, 1 issues, 1 events", v.Stdout);
        var o = Cli.RunIn(dir, "obligations", "strait-2026.yaml", "--attacker", "CCC", "--target", "AAA", "--json");
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Contains("\"state\": \"BBB\"", o.Stdout); // the ally is obliged under Art. 5

        File.WriteAllText(Path.Combine(dir, "strait-2026.yaml"), "mine\n");
        var again = Cli.RunIn(dir, "new", "strait-2026");
        Assert.Equal(2, again.ExitCode);
        Assert.StartsWith("strait-2026.yaml: already exists; not overwritten", again.Stderr);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(dir, "strait-2026.yaml")));
        Assert.Equal(2, Cli.RunIn(dir, "new", "Bad Name").ExitCode);
    }

    [Fact]
    public void Validate_SeededMutations_InTheRealProcess_ExitZeroOrTwoWithLocatedMessages()
    {
        // The CLI sample of the fuzz test (the in-process run is tests/Entangle.Scenarios.Tests/FuzzTests.cs).
        var dir = Cli.TempDir();
        var root = ScenarioMutator.Copy(RepoPaths.BundledScenario, dir);
        var files = ScenarioMutator.Files(RepoPaths.BundledScenario).Select(f => (f, File.ReadAllBytes(Path.Combine(dir, f)))).ToList();
        var failures = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var m = ScenarioMutator.Make(seed: 1_000_003, i, files);
            File.WriteAllBytes(Path.Combine(dir, m.File), m.Bytes);
            var g = Cli.RunGuarded(dir, TimeSpan.FromSeconds(10), "validate", Path.GetFileName(root));
            File.WriteAllBytes(Path.Combine(dir, m.File), files.First(f => f.Item1 == m.File).Item2);
            var r = g.Result;
            if (g.TimedOut) failures.Add($"{m.Description}: ran past 10 s");
            else if (r.ExitCode is not (0 or 2)) failures.Add($"{m.Description}: exit {r.ExitCode}");
            else if (r.Stderr.Contains("   at ", StringComparison.Ordinal) || r.Stderr.Contains("Unhandled", StringComparison.Ordinal)) failures.Add($"{m.Description}: a stack trace");
            else if (r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => !LocatedOrSummary.IsMatch(l)) is { } bad)
                failures.Add($"{m.Description}: unlocated line: {bad[..Math.Min(bad.Length, 200)]}");
            else if (r.ExitCode == 2 && r.Stderr.Length == 0) failures.Add($"{m.Description}: exit 2 with no message");
            if (g.PeakBytes > 2L * 1024 * 1024 * 1024) failures.Add($"{m.Description}: peak memory {g.PeakBytes:N0} bytes");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
