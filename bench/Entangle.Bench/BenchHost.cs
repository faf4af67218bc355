using System.Net;
using System.Net.Sockets;

namespace Entangle.Bench;

/// <summary>What the process benchmarks (server load, cluster scaling) need from the machine: the repository and free ports.</summary>
internal static class BenchHost
{
    /// <summary>The folder holding Entangle.slnx above the bench's binaries, else the current directory.</summary>
    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Entangle.slnx"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>A loopback TCP port free at the time of asking (the OS picks it).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
