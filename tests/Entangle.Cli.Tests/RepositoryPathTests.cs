using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Entangle.Cli.Tests;

/// <summary>Paths in the repository are relative to it (or say how to get the thing), never one machine's.</summary>
public class RepositoryPathTests
{
    // Assembled from parts so that this file does not match itself.
    private static readonly Regex MachinePath = new(
        "(?<![A-Za-z0-9_.~-])/(" + string.Join("|", "wo" + "rk/", "ro" + "ot/", "opt/" + "nuget", "\\.mir" + "ror/") + ")",
        RegexOptions.Compiled);

    [Fact]
    public void No_tracked_file_holds_an_absolute_path_of_this_machine()
    {
        var files = TrackedFiles();
        Assert.True(files.Count > 100, $"only {files.Count} tracked files found");
        var hits = new List<string>();
        foreach (var rel in files)
        {
            var path = Path.Combine(Cli.RepoRoot, rel);
            if (!File.Exists(path) || new FileInfo(path).Length > 2_000_000) continue;
            var bytes = File.ReadAllBytes(path);
            if (bytes.Contains((byte)0)) continue; // binary
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
                if (MachinePath.IsMatch(lines[i])) hits.Add($"{rel}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.Empty(hits);
    }

    [Theory]
    [InlineData("# Basis: /wo" + "rk/shared/reference/factcheck/x.md", true)]
    [InlineData("git clone /wo" + "rk/.mirror/a+b/repo/.git /tmp/b", true)]
    [InlineData("# Basis: ../shared/reference/factcheck/x.md", false)]
    [InlineData("\"data_dir\": \"/home/me/.local/share/entangle\"", false)]
    public void The_pattern_catches_machine_paths_only(string line, bool machine) =>
        Assert.Equal(machine, MachinePath.IsMatch(line));

    private static List<string> TrackedFiles()
    {
        var psi = new ProcessStartInfo("git", ["-C", Cli.RepoRoot, "ls-files", "-z"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "git ls-files failed: " + p.StandardError.ReadToEnd());
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
