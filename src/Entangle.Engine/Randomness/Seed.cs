using System.Text;

namespace Entangle.Engine.Randomness;

/// <summary>
/// Seed derivation by hashing, never by adding: <c>Seed.Derive(master, "variant", replicate)</c>.
/// Derived seeds for different labels or indices are statistically independent, and the derivation does not
/// depend on thread count or iteration order.
/// </summary>
public static class Seed
{
    /// <summary>Combines a parent seed with an index (e.g. the run number).</summary>
    public static ulong Derive(ulong parent, ulong index) => Child(Mixed(parent), index);

    /// <summary>
    /// The half of <see cref="Derive(ulong, ulong)"/> that reads only the parent, for deriving many seeds from one:
    /// <c>Derive(parent, index) == Child(Mixed(parent), index)</c>.
    /// </summary>
    public static ulong Mixed(ulong parent) => SplitMix64.Mix(parent ^ 0x243F6A8885A308D3UL);

    /// <summary>The seed <see cref="Derive(ulong, ulong)"/> gives for <paramref name="index"/>, from its parent's <see cref="Mixed"/> value.</summary>
    public static ulong Child(ulong mixedParent, ulong index) => SplitMix64.Mix(mixedParent + (index + 1) * 0x9E3779B97F4A7C15UL);

    /// <summary>Combines a parent seed with a label (e.g. <c>"params"</c>, a variant name).</summary>
    public static ulong Derive(ulong parent, string label) => Derive(parent, Fnv1a64(label));

    /// <summary>Combines a parent seed with a label and an index.</summary>
    public static ulong Derive(ulong parent, string label, ulong index) => Derive(Derive(parent, label), index);

    /// <summary>64-bit FNV-1a over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(string text) => Fnv1a64(text, Fnv1a64Basis);

    /// <summary>
    /// FNV-1a continued over <paramref name="text"/> from <paramref name="h"/>: <c>Fnv1a64(b, Fnv1a64(a))</c> equals
    /// <c>Fnv1a64(a + b)</c>, so a key with a fixed prefix needs no concatenated string.
    /// </summary>
    public static ulong Fnv1a64(string text, ulong h)
    {
        // the UTF-8 bytes without a heap array when they fit on the stack (keys are short)
        var n = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = n <= StackBytes ? stackalloc byte[StackBytes] : new byte[n];
        foreach (var b in bytes[..Encoding.UTF8.GetBytes(text, bytes)])
        {
            h ^= b;
            h *= 0x100000001B3UL;
        }
        return h;
    }

    /// <summary>FNV-1a's 64-bit offset basis: the hash of no bytes.</summary>
    public const ulong Fnv1a64Basis = 0xCBF29CE484222325UL;

    private const int StackBytes = 256;
}
