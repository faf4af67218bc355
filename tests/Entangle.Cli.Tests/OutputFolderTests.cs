using Entangle.Application.Output;

namespace Entangle.Cli.Tests;

/// <summary>
/// Output folders are written as one unit (<see cref="AtomicFolder"/>): old or new, never a mixture, no stale
/// files, and a folder of the user's own is never wiped. Ends with <c>entangle run --out</c> killed with SIGKILL
/// part-way through its writes, again and again.
/// </summary>
public class OutputFolderTests
{
    private const int DeadPid = int.MaxValue - 1; // no such process

    private static string Write(string target, params (string Name, string Text)[] files)
    {
        using var folder = AtomicFolder.Begin(target);
        foreach (var (name, text) in files) AtomicFile.WriteAllText(Path.Combine(folder.Staging, name), text);
        folder.Commit("a test");
        return folder.Staging;
    }

    private static string[] Names(string dir) =>
        Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void A_rewrite_replaces_the_folder_and_leaves_no_stale_file()
    {
        var target = Path.Combine(Cli.TempDir(), "out");
        Write(target, ("a.csv", "1"), ("fan-t1.png", "old"), ("fan-t2.png", "old"));
        Write(target, ("a.csv", "2"));
        Assert.Equal([".entangle-output", "a.csv"], Names(target));
        Assert.Equal("2", File.ReadAllText(Path.Combine(target, "a.csv")));
        Assert.Equal("Written by a test, which replaces this folder as a whole when it writes it again.\na.csv\n",
            File.ReadAllText(Path.Combine(target, AtomicFolder.MarkerName)));
        Assert.Equal(["out"], Names(Path.GetDirectoryName(target)!)); // no staging or old copy left beside it
    }

    [Fact]
    public void A_failure_part_way_leaves_the_old_folder_as_it_was()
    {
        var target = Path.Combine(Cli.TempDir(), "out");
        Write(target, ("summary.json", "seed 1"), ("report.html", "seed 1"));
        string staging;
        using (var folder = AtomicFolder.Begin(target))
        {
            staging = folder.Staging;
            File.WriteAllText(Path.Combine(staging, "summary.json"), "seed 2");
            // e.g. a folder named levels.csv in the way: the writer fails before Commit
        }
        Assert.Equal("seed 1", File.ReadAllText(Path.Combine(target, "summary.json")));
        Assert.Equal("seed 1", File.ReadAllText(Path.Combine(target, "report.html")));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void Begin_restores_an_old_folder_a_killed_swap_left_aside_and_removes_dead_staging()
    {
        var parent = Cli.TempDir();
        var target = Path.Combine(parent, "out");
        var old = Path.Combine(parent, $".out.old-{DeadPid}");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, AtomicFolder.MarkerName), "");
        File.WriteAllText(Path.Combine(old, "summary.json"), "old");
        var dead = Path.Combine(parent, $".out.tmp-{DeadPid}");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "summary.json"), "half");

        using (var folder = AtomicFolder.Begin(target))
        {
            Assert.Equal("old", File.ReadAllText(Path.Combine(target, "summary.json")));
            Assert.False(Directory.Exists(old));
            Assert.False(Directory.Exists(dead));
        }
        Assert.Equal(["out"], Names(parent));
    }

    [Fact]
    public void A_folder_of_the_user_or_one_inside_an_output_is_refused()
    {
        var parent = Cli.TempDir();
        var mine = Path.Combine(parent, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "keep");
        Assert.Equal("holds 'notes.txt', which Entangle did not write; give a new or empty folder, or remove it first", AtomicFolder.Problem(mine));
        Assert.Throws<IOException>(() => AtomicFolder.Begin(mine));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(mine, "notes.txt")));

        var output = Path.Combine(parent, "run");
        Write(output, ("summary.json", "{}"));
        Assert.StartsWith("lies inside '", AtomicFolder.Problem(Path.Combine(output, "briefing")));
        Directory.CreateDirectory(Path.Combine(output, "sub"));
        Assert.StartsWith("holds the folder 'sub/'", AtomicFolder.Problem(output));
        Assert.Null(AtomicFolder.Problem(Path.Combine(parent, "new", "deeper")));
        Assert.False(Directory.Exists(Path.Combine(parent, "new"))); // the check creates nothing
    }

    [Theory]
    [InlineData("run")]
    [InlineData("report")]
    public void Killed_mid_write_leaves_the_old_output_or_the_new_never_a_mixture(string command)
    {
        var root = Cli.TempDir();
        Dictionary<string, byte[]> Snapshot(string dir) =>
            Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes, StringComparer.Ordinal);
        string[] Run(ulong seed, string outDir) => command == "run"
            ? ["run", Cli.Scenario, "--runs", "20", "--seed", seed.ToString(), "--out", outDir]
            : ["report", Cli.Scenario, "--runs", "20", "--claim-runs", "20", "--screening-runs", "10", "--seed", seed.ToString(), "--out", outDir];

        // the two complete outputs, written without interference
        var refs = new Dictionary<ulong, Dictionary<string, byte[]>>();
        foreach (var seed in new ulong[] { 1, 2 })
        {
            var r = Cli.RunIn(root, Run(seed, $"ref{seed}"));
            Assert.True(r.ExitCode == 0, r.Stderr);
            refs[seed] = Snapshot(Path.Combine(root, $"ref{seed}"));
        }
        Assert.NotEqual(refs[1]["summary.json"], refs[2]["summary.json"]);
        if (command == "report") Assert.Contains("report.html", refs[1].Keys);

        var parent = Path.Combine(root, "kills");
        var target = Path.Combine(parent, "out");
        Assert.Equal(0, Cli.RunIn(root, Run(1, target)).ExitCode);
        var slow = new Dictionary<string, string> { [AtomicFolder.DelayVariable] = "40" };
        var rng = new Random(16);
        var midWrite = 0;
        var finished = 0;
        for (var i = 0; i < 10; i++)
        {
            var seed = (ulong)(i % 2 == 0 ? 2 : 1);
            var started = DateTime.UtcNow;
            using var p = Cli.Start(root, slow, Run(seed, target));
            // wait until the process writes its first file (anywhere beside or in the target), then kill it at a random moment
            while (!p.HasExited && !Directory.EnumerateFiles(parent, "*", SearchOption.AllDirectories).Any(f => File.GetLastWriteTimeUtc(f) >= started))
                Thread.Sleep(5);
            Thread.Sleep(rng.Next(0, 700));
            if (p.HasExited) finished++;
            else p.Kill(entireProcessTree: true);
            p.WaitForExit();

            var now = Snapshot(target);
            var match = refs.Where(kv => kv.Value.Count == now.Count && kv.Value.All(f => now.TryGetValue(f.Key, out var b) && b.AsSpan().SequenceEqual(f.Value)))
                .Select(kv => (ulong?)kv.Key).FirstOrDefault();
            Assert.True(match is not null, $"kill {i}: the folder is a mixture: {string.Join(", ", now.Keys.Order(StringComparer.Ordinal))}");
            Assert.Empty(Directory.GetDirectories(target));
            if (Directory.GetDirectories(parent, ".out.tmp-*").Length > 0) midWrite++;
        }
        Assert.True(midWrite >= 3, $"only {midWrite} of 10 kills landed while files were being written ({finished} runs had finished): the test proved little");

        // the next complete run clears every leftover of the killed ones
        var last = Cli.RunIn(root, Run(2, target));
        Assert.True(last.ExitCode == 0, last.Stderr);
        Assert.Equal(["out"], Names(parent));
        Assert.Equal(refs[2].Keys.Order(StringComparer.Ordinal), Snapshot(target).Keys.Order(StringComparer.Ordinal));
    }
}
