using Entangle.Domain;

namespace Entangle.Cli.Output;

/// <summary>Exit codes and error reporting shared by every command.</summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Set <c>ENTANGLE_DEBUG=1</c> to get the stack trace of an unexpected error.</summary>
    public const string DebugVariable = "ENTANGLE_DEBUG";

    /// <summary>
    /// Runs a command body: bad input prints every diagnostic to stderr and exits 2; so does an I/O error (a
    /// folder that cannot be written, a file in the way), in one line. Anything else is a bug: one line, exit 1,
    /// and the stack trace only with <c>ENTANGLE_DEBUG=1</c>. <paramref name="writes"/> says whether the command
    /// would have written files, so that only then does the message add "nothing was written".
    /// </summary>
    public static int Run(Func<int> body, bool writes = false)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) Console.Error.WriteLine(d.ToString());
            Console.Error.WriteLine($"{e.Total:#,0} problem{(e.Total == 1 ? "" : "s")} found{(writes ? "; nothing was written" : "")}.");
            return BadInput;
        }
        catch (Exception e)
        {
            return Unexpected(e);
        }
    }

    /// <summary>Reports an exception that escaped a command: I/O and permission errors exit 2, anything else 1.</summary>
    public static int Unexpected(Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        var debug = Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true";
        if (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            if (debug) Console.Error.WriteLine(e);
            return BadInput;
        }
        Console.Error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)} (a bug; run with {DebugVariable}=1 for the stack trace)");
        if (debug) Console.Error.WriteLine(e);
        return Failure;
    }

    private static string OneLine(string s) => string.Join(" ", s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
