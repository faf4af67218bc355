namespace Entangle.Engine.Randomness;

/// <summary>
/// The project's own pseudo-random generator: xoshiro256** 1.0 (Blackman &amp; Vigna 2018), seeded through
/// SplitMix64 as its authors recommend. Its sequence is pinned by tests, so replays stay byte-identical across
/// .NET versions (which <see cref="System.Random"/> does not promise).
/// </summary>
/// <remarks>
/// A stream is a mutable value owned by one run; it is not thread-safe. Split it (<see cref="Split"/>) or derive
/// a fresh one (<see cref="Seed.Derive(ulong, ulong)"/>) for each independent consumer.
/// </remarks>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream whose four state words are the first four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    /// <summary>Resets this stream to the state <c>new RandomStream(seed)</c> would have, without allocating.</summary>
    public void Reseed(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    private RandomStream(ulong s0, ulong s1, ulong s2, ulong s3) { _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3; }

    /// <summary>A stream with the given raw state (for pinning against the reference C implementation).</summary>
    public static RandomStream FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new(s0, s1, s2, s3);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        var bound = (ulong)n;
        while (true)
        {
            var x = NextUInt64();
            var m = Math.BigMul(x, bound, out var low);
            if (low >= bound || low >= (0UL - bound) % bound) return (int)m;
        }
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>A standard normal draw (Box–Muller; two uniforms per draw, so the stream advances predictably).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// A new independent stream, seeded from this one's next output through SplitMix64 hashing.
    /// Advances this stream by one draw.
    /// </summary>
    public RandomStream Split() => new(SplitMix64.Mix(NextUInt64() ^ 0x5851F42D4C957F2DUL));
}
