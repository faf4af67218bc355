using Entangle.Tests.Shared;
using System.Diagnostics;

namespace Entangle.Cli.Tests;

/// <summary>Runs the built <c>entangle</c> as a user would, in a separate process.</summary>
public static class Cli
{
    public static string RepoRoot => RepoPaths.RepoRoot;

    public static string Scenario => Path.Combine(RepoRoot, "scenarios", "russia-dprk-2024.yaml");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result RunIn(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    /// <summary>Runs with extra environment variables (e.g. <c>ENTANGLE_DEBUG</c>).</summary>
    public static Result RunWith(string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var p = Start(workingDirectory, env, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <c>entangle</c> without waiting, e.g. to kill it part-way; output is redirected.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args) =>
        EntangleProcess.Start(workingDirectory, env, args);

    public static Result Run(params string[] args) => RunIn(RepoRoot, args);

    /// <summary>The result, the process's peak resident memory, and whether it had to be killed after <paramref name="timeout"/>.</summary>
    public sealed record Guarded(Result Result, long PeakBytes, bool TimedOut);

    /// <summary>Runs like <see cref="RunIn"/>, but kills the process after <paramref name="timeout"/> and samples its memory.</summary>
    public static Guarded RunGuarded(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var o = EntangleProcess.RunGuarded(workingDirectory, timeout, args);
        return new Guarded(new Result(o.ExitCode, o.Stdout, o.Stderr), o.PeakBytes, o.TimedOut);
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "entangle-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

}
