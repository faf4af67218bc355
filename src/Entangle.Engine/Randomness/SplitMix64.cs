namespace Entangle.Engine.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014; constants from Vigna's reference <c>splitmix64.c</c>).
/// Used to expand seeds and to hash values into seeds, never for the draws themselves.
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
