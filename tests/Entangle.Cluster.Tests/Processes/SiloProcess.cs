using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Entangle.Tests.Shared;

namespace Entangle.Cluster.Tests.Processes;

/// <summary>
/// An <c>entangle silo</c> process started by a test: its address (from its "up" line), its status lines (items done,
/// in flight), and a kill. Disposing it kills the process if it still runs, so a failing test leaves no silo behind.
/// </summary>
internal sealed partial class SiloProcess : IDisposable
{
    private readonly Process _p;
    private readonly TaskCompletionSource<string> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _out = [], _err = [];
    private long _inFlight, _done, _stored, _restored;

    public int SiloPort { get; }
    public int GatewayPort { get; }
    /// <summary>The silo's address as the coordinator's report names it.</summary>
    public string Address { get; private set; } = "";
    /// <summary>Items in flight and done, from the silo's last status line.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);
    public long Done => Interlocked.Read(ref _done);
    /// <summary>With grain storage: items written to it and items answered from it, from the silo's last status line.</summary>
    public long Stored => Interlocked.Read(ref _stored);
    public long Restored => Interlocked.Read(ref _restored);
    public bool HasExited => _p.HasExited;
    public int ExitCode => _p.ExitCode;

    public string Stdout { get { lock (_out) return string.Join("\n", _out); } }
    public string Stderr { get { lock (_err) return string.Join("\n", _err); } }

    [GeneratedRegex(@"^entangle silo: (\S+) up")]
    private static partial Regex UpLine();

    [GeneratedRegex(@": (\d+) items done, (\d+) in flight")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"grain storage: (\d+) items written, (\d+) read")]
    private static partial Regex StorageStatus();

    private SiloProcess(string config, int siloPort, int gatewayPort)
    {
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _p = EntangleProcess.Start(Path.GetDirectoryName(config)!, null, "silo", "--cluster", config,
            "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(), "--status-every", "0.1");
        _p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _up.TrySetException(new InvalidOperationException($"silo on port {siloPort} closed its output before it was up:\n{Stderr}")); return; }
            lock (_out) _out.Add(e.Data);
            if (UpLine().Match(e.Data) is { Success: true } m) { Address = m.Groups[1].Value; _up.TrySetResult(Address); }
        };
        _p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (StatusLine().Match(e.Data) is { Success: true } m)
            {
                Interlocked.Exchange(ref _done, long.Parse(m.Groups[1].Value));
                Interlocked.Exchange(ref _inFlight, long.Parse(m.Groups[2].Value));
                if (StorageStatus().Match(e.Data) is { Success: true } g)
                {
                    Interlocked.Exchange(ref _stored, long.Parse(g.Groups[1].Value));
                    Interlocked.Exchange(ref _restored, long.Parse(g.Groups[2].Value));
                }
                return;
            }
            lock (_err) { if (_err.Count < 2000) _err.Add(e.Data); }
        };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    /// <summary>Starts a silo and waits until it is up (joined the cluster); fails clearly after <paramref name="timeout"/>.</summary>
    public static async Task<SiloProcess> StartAsync(string config, int siloPort, int gatewayPort, TimeSpan timeout)
    {
        var silo = new SiloProcess(config, siloPort, gatewayPort);
        try
        {
            await silo._up.Task.WaitAsync(timeout);
            return silo;
        }
        catch (Exception e)
        {
            var why = e is TimeoutException ? $"not up after {timeout.TotalSeconds:0} s" : e.Message;
            silo.Dispose();
            throw new InvalidOperationException($"silo on port {siloPort}: {why}\nstdout:\n{silo.Stdout}\nstderr:\n{silo.Stderr}");
        }
    }

    /// <summary>SIGKILL: the process dies at once, with whatever items it was computing.</summary>
    public void Kill()
    {
        _p.Kill(entireProcessTree: false);
        _p.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as a service manager stops a silo; true when it exits within <paramref name="timeout"/>.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _p.Id.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit(5_000);
        var exited = _p.WaitForExit(timeout);
        if (exited) _p.WaitForExit(); // drains the output
        return exited;
    }

    public void Dispose()
    {
        try { if (!_p.HasExited) { _p.Kill(entireProcessTree: true); _p.WaitForExit(10_000); } }
        catch (InvalidOperationException) { }
        _p.Dispose();
    }
}
