namespace Entangle.Scenarios;

/// <summary>
/// The limits a scenario must keep, so that no input, however made, exhausts time, memory or the stack
/// (docs/scenario-format.md, "Limits"). Each is far above what a real scenario needs: the bundled scenario has
/// about 210 KB in 11 files, nesting depth 8 and no aliases.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest file read, root or included. <value>16 MiB.</value></summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Largest total of all files of one scenario. <value>64 MiB.</value></summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    /// <summary>Deepest chain of includes (a includes b includes c …). <value>32.</value></summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>Deepest nesting of mappings and lists in one file, checked before the tree is built. <value>64.</value></summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Longest text value or key, in characters. <value>100,000.</value></summary>
    public const int MaxStringLength = 100_000;

    /// <summary>
    /// Most nodes that aliases (<c>*name</c>) may add to a file beyond those written out, counting an alias as
    /// the size of what it stands for. <value>100,000.</value> A "billion laughs" file stops at the alias that
    /// crosses it.
    /// </summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>Most problems printed for one load; the rest are counted in a closing line. <value>1,000.</value></summary>
    public const int MaxMessages = 1_000;

    /// <summary>Largest magnitude of any number in a scenario. <value>1e15.</value> Larger figures (world GDP is
    /// about 1e14 US$) are typing mistakes, and would overflow the engines' sums.</summary>
    public const double MaxMagnitude = 1e15;
}
