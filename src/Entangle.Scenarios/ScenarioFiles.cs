using System.Runtime.InteropServices;
using System.Text;

namespace Entangle.Scenarios;

/// <summary>
/// Safe reading of scenario files: includes stay under a folder (links followed before the check), only regular
/// files are opened (never a device or a pipe, which could block or never end), and never more than
/// <see cref="ScenarioLimits.MaxFileBytes"/> is read.
/// </summary>
internal static class ScenarioFiles
{
    /// <summary>Why a file cannot be read, or null when it can; never opens the file.</summary>
    public static string? Unreadable(string fullPath)
    {
        if (Directory.Exists(fullPath)) return "is a folder, not a scenario file";
        if (!File.Exists(fullPath)) return "file not found";
        if (IsRegularFile(fullPath) == false) return "is not a regular file (a device, pipe or socket); only regular files are read";
        var length = new FileInfo(fullPath).Length;
        if (length > ScenarioLimits.MaxFileBytes)
            return $"is {length:N0} bytes; a scenario file may have at most {ScenarioLimits.MaxFileBytes:N0} bytes (16 MiB)";
        return null;
    }

    /// <summary>Reads at most <see cref="ScenarioLimits.MaxFileBytes"/> bytes as UTF-8; null when the file is larger.</summary>
    public static string? ReadBounded(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > ScenarioLimits.MaxFileBytes) return null; // grew after the check
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Whether <paramref name="path"/> lies under <paramref name="folder"/> (both full paths).</summary>
    public static bool IsUnder(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(f, comparison);
    }

    /// <summary>
    /// The full path with every symbolic link along it followed (like <c>realpath</c>); components that do not
    /// exist are kept as written. Null when links loop.
    /// </summary>
    public static string? RealPath(string fullPath)
    {
        var hops = 0;
        return Resolve(Path.GetFullPath(fullPath), ref hops);
    }

    private static string? Resolve(string full, ref int hops)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) return null;
                var resolved = Path.GetFullPath(Path.Combine(current, target));
                var real = Resolve(resolved, ref hops);
                if (real is null) return null;
                current = real;
            }
            else current = next;
        }
        return current;
    }

    /// <summary>
    /// Whether the file (links followed) is a regular file, by <c>statx</c> on Linux; null where that cannot be
    /// asked (then the caller reads it, as before).
    /// </summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var buffer = new byte[256];
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
            var mode = BitConverter.ToUInt16(buffer, 28);
            return (mode & 0xF000) == 0x8000; // S_IFMT, S_IFREG
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 1;

    // struct statx has one layout on every Linux architecture; stx_mode is the u16 at byte 28.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
