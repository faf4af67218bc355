using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Entangle.Application.Output;

/// <summary>
/// Writes an output folder as one unit. The files go into a hidden staging folder beside the target
/// (<c>.NAME.tmp-PID</c>); <see cref="Commit"/> then swaps it in with one rename. A process killed at any moment
/// leaves either the old complete folder or the new one, never a mixture, and no file from an earlier run
/// survives a rewrite. A folder is only ever replaced when it is empty or Entangle wrote it (it holds
/// <see cref="MarkerName"/>), so an <c>--out</c> pointing at a folder of the user's own is refused, not wiped.
/// </summary>
/// <remarks>
/// On Linux an existing folder is exchanged with the staging folder atomically (<c>renameat2</c> with
/// <c>RENAME_EXCHANGE</c>) and the old copy deleted afterwards. Elsewhere, or on a file system without that call,
/// the old folder is first renamed to <c>.NAME.old-PID</c>; if the process dies between the two renames, the next
/// <see cref="Begin"/> puts the old folder back. Leftover staging folders of dead processes are removed by the next
/// <see cref="Begin"/> on the same target.
/// </remarks>
public sealed class AtomicFolder : IDisposable
{
    /// <summary>The file that marks a folder as Entangle's output, which it may replace as a whole.</summary>
    public const string MarkerName = ".entangle-output";

    /// <summary>
    /// Fault-injection tests only: milliseconds to sleep after each file written with <see cref="AtomicFile"/> and
    /// before each step of <see cref="Commit"/>, so that a test can kill the process in the middle of a write.
    /// </summary>
    public const string DelayVariable = "ENTANGLE_TEST_WRITE_DELAY_MS";

    private bool _committed;

    private AtomicFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The folder being written, as a full path.</summary>
    public string Target { get; }

    /// <summary>The hidden sibling folder that receives the files until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>
    /// Why <paramref name="path"/> cannot receive an output folder, or null when it can: it is a file, lies under
    /// a file, is (or holds) the current folder, is a folder of files Entangle did not write, or its parent cannot
    /// be written. Nothing is created; call this before any long computation.
    /// </summary>
    public static string? Problem(string path)
    {
        string full;
        try { full = Full(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return $"not a usable path ({e.Message})"; }
        if (File.Exists(full)) return "is a file, not a folder; give a folder (created if new, replaced as a whole if Entangle wrote it)";
        var cwd = Full(Environment.CurrentDirectory);
        if (cwd == full || cwd.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetDirectoryName(full) is null)
            return "is the current folder or holds it; give a folder of its own, e.g. out/NAME";
        if (Directory.Exists(full) && Foreign(full) is { } stranger)
            return $"holds {stranger}, which Entangle did not write; give a new or empty folder, or remove it first";
        for (var up = Path.GetDirectoryName(full); up is not null; up = Path.GetDirectoryName(up))
            if (File.Exists(Path.Combine(up, MarkerName)))
                return $"lies inside '{up}', an output folder that Entangle replaces as a whole; choose a folder beside it";
        var existing = Path.GetDirectoryName(full)!;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"'{existing}' is a file, so no folder can be made under it";
            existing = Path.GetDirectoryName(existing) ?? existing;
            if (existing == Path.GetPathRoot(existing) && !Directory.Exists(existing)) break;
        }
        var probe = Path.Combine(existing, $".{Path.GetFileName(full)}.probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in '{existing}' ({e.Message})";
        }
        return null;
    }

    /// <summary>
    /// Starts writing <paramref name="path"/>: restores an old folder a killed swap left aside, removes leftovers
    /// of dead processes, and creates an empty staging folder. Throws <see cref="IOException"/> when
    /// <see cref="Problem"/> has an objection.
    /// </summary>
    public static AtomicFolder Begin(string path)
    {
        if (Problem(path) is { } problem) throw new IOException($"{path}: {problem}");
        var target = Full(path);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        foreach (var leftover in Directory.EnumerateDirectories(parent, $".{name}.*-*").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(leftover);
            var dash = file.LastIndexOf('-');
            var kind = file[(name.Length + 2)..dash];
            if (kind is not ("tmp" or "old") || !int.TryParse(file[(dash + 1)..], out var pid) || Alive(pid)) continue;
            if (kind == "old" && !Directory.Exists(target)) Directory.Move(leftover, target);
            else TryDelete(leftover);
        }
        var staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        TryDelete(staging);
        Directory.CreateDirectory(staging);
        return new AtomicFolder(target, staging);
    }

    /// <summary>The final path of a file written at <paramref name="staged"/> inside <see cref="Staging"/>.</summary>
    public string Final(string staged)
    {
        var full = Path.GetFullPath(staged);
        return full.StartsWith(Staging + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.Combine(Target, full[(Staging.Length + 1)..])
            : staged;
    }

    /// <summary>
    /// Marks the staging folder as Entangle's output (naming <paramref name="writer"/>, e.g. "entangle run") and
    /// swaps it in for the target.
    /// </summary>
    public void Commit(string writer)
    {
        if (_committed) throw new InvalidOperationException("already committed");
        var files = Directory.EnumerateFiles(Staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Staging, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(Path.Combine(Staging, MarkerName),
            $"Written by {writer}, which replaces this folder as a whole when it writes it again.\n" +
            string.Concat(files.Select(f => f + "\n")));
        Delay();
        if (!Directory.Exists(Target))
        {
            Directory.Move(Staging, Target);
        }
        else
        {
            if (Foreign(Target) is { } stranger)
                throw new IOException($"{Target}: now holds {stranger}, which Entangle did not write; the new output is left in {Staging}");
            if (Exchange(Staging, Target))
            {
                Delay();
                TryDelete(Staging); // it now holds the old output
            }
            else
            {
                var old = Path.Combine(Path.GetDirectoryName(Target)!, $".{Path.GetFileName(Target)}.old-{Environment.ProcessId}");
                Directory.Move(Target, old);
                Delay();
                Directory.Move(Staging, Target);
                TryDelete(old);
            }
        }
        _committed = true;
    }

    /// <summary>Removes the staging folder unless the write was committed.</summary>
    public void Dispose()
    {
        if (!_committed) TryDelete(Staging);
    }

    /// <summary>Sleeps for <see cref="DelayVariable"/> milliseconds when it is set (fault-injection tests).</summary>
    internal static void Delay()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), out var ms) && ms > 0) Thread.Sleep(ms);
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>
    /// What shows the folder is not Entangle's to replace ("'notes.txt'", "the folder 'briefing/'"), or null. An
    /// output folder holds only files, so a subfolder is never deleted with it.
    /// </summary>
    private static string? Foreign(string dir)
    {
        var sub = Directory.EnumerateDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
        if (sub is not null) return $"the folder '{sub}/'";
        if (File.Exists(Path.Combine(dir, MarkerName))) return null;
        return Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault() is { } f ? $"'{f}'" : null;
    }

    private static bool Alive(int pid)
    {
        if (pid == Environment.ProcessId) return false; // our own leftover from an earlier folder object
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover is removed by the next Begin on this target
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    /// <summary>Atomically exchanges two folders (Linux); false when the system cannot, so the caller falls back.</summary>
    private static bool Exchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
