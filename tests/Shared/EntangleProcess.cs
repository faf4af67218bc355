using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Entangle.Tests.Shared;

/// <summary>Runs the built <c>entangle</c> (the test project's copy of entangle.dll) in a separate process, as a user would.</summary>
public static class EntangleProcess
{
    /// <summary>What a guarded run ended with: exit code, output, peak resident memory, and whether it was killed at the timeout.</summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, long PeakBytes, bool TimedOut);

    /// <summary>A loopback TCP port that nothing listens on now (the OS picks it), for a server or silo a test starts.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts <c>entangle</c> without waiting, e.g. to kill it part-way; output is redirected.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "entangle.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ENTANGLE_PLAIN"] = "1";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Runs to the end, sampling peak memory, and kills the process tree after <paramref name="timeout"/>.</summary>
    public static Outcome RunGuarded(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, null, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + timeout;
        long peak = 0;
        while (!p.WaitForExit(20))
        {
            try { p.Refresh(); peak = Math.Max(peak, p.PeakWorkingSet64); } catch (InvalidOperationException) { }
            if (DateTime.UtcNow > deadline)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return new Outcome(p.ExitCode, stdout.Result, stderr.Result, peak, true);
            }
        }
        return new Outcome(p.ExitCode, stdout.Result, stderr.Result, peak, false);
    }
}
