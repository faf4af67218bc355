using Entangle.Domain;

namespace Entangle.Cli.Output;

/// <summary>Exit codes and error reporting shared by every command.</summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Runs a command body: bad input prints every diagnostic to stderr and exits 2.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) Console.Error.WriteLine(d.ToString());
            Console.Error.WriteLine($"{e.Total:#,0} problem{(e.Total == 1 ? "" : "s")} found; nothing was written.");
            return BadInput;
        }
    }
}
