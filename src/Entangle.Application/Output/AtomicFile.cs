namespace Entangle.Application.Output;

/// <summary>
/// Writes files so that a failure leaves nothing half-written: content goes to a temporary file in the same
/// folder, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content) =>
        Write(path, tmp => File.WriteAllText(tmp, content));

    public static void WriteAllBytes(string path, byte[] content) =>
        Write(path, tmp => File.WriteAllBytes(tmp, content));

    /// <summary>Runs <paramref name="writer"/> on a temporary path, then moves the result to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writer)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            writer(tmp);
            AtomicFolder.Delay();
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
