using Entangle.Application.Output;
using Entangle.Domain;

namespace Entangle.Cli.Output;

/// <summary>The <c>--out FOLDER</c> of the commands that write a folder: checked before any work, written as one unit.</summary>
internal static class OutFolder
{
    /// <summary>Throws bad input (exit 2) when <paramref name="dir"/> cannot receive the output; call it before computing.</summary>
    public static string Check(string dir) =>
        AtomicFolder.Problem(dir) is { } problem ? throw new InputException($"--out {dir}: {problem}") : dir;

    /// <summary>Throws bad input when a single output file <paramref name="path"/> (given as <paramref name="option"/>) is a folder or lies under a file.</summary>
    public static void CheckFile(string option, string path)
    {
        if (Directory.Exists(path)) throw new InputException($"{option} {path}: is a folder; give a file name");
        for (var d = Path.GetDirectoryName(Path.GetFullPath(path)); d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            if (File.Exists(d)) throw new InputException($"{option} {path}: '{d}' is a file, so no file can be written under it");
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a staging folder and swaps it in for <paramref name="dir"/>; returns what
    /// it returned, with the paths under the staging folder mapped to <paramref name="dir"/> by <paramref name="final"/>.
    /// </summary>
    public static T Write<T>(string dir, string writer, Func<string, T> write, Func<T, Func<string, string>, T> final)
    {
        using var folder = AtomicFolder.Begin(dir);
        var result = write(folder.Staging);
        folder.Commit(writer);
        return final(result, folder.Final);
    }

    /// <summary><see cref="Write{T}"/> for a writer that returns the paths it wrote.</summary>
    public static IReadOnlyList<string> Write(string dir, string writer, Func<string, IReadOnlyList<string>> write) =>
        Write(dir, writer, write, (files, map) => files.Select(map).ToList());
}
