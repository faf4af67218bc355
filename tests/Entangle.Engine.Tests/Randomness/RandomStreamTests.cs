using Entangle.Engine.Randomness;

namespace Entangle.Engine.Tests.Randomness;

/// <summary>
/// Pins the owned PRNG to the reference algorithms. Vectors come from Vigna's reference C code
/// (splitmix64.c and xoshiro256starstar.c, prng.di.unimi.it), compiled and run independently of this project;
/// the SplitMix64 seed-1234567 vector is also the one widely quoted for that generator.
/// </summary>
public class RandomStreamTests
{
    [Fact]
    public void SplitMix64_Seed1234567_MatchesReference()
    {
        ulong state = 1234567;
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (var e in expected) Assert.Equal(e, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro256StarStar_State1234_MatchesReference()
    {
        var rng = RandomStream.FromState(1, 2, 3, 4);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360];
        foreach (var e in expected) Assert.Equal(e, rng.NextUInt64());
    }

    [Fact]
    public void RandomStream_Seed42_IsXoshiroSeededBySplitMix()
    {
        var rng = new RandomStream(42);
        ulong[] expected = [1546998764402558742, 6990951692964543102, 12544586762248559009, 17057574109182124193, 18295552978065317476];
        foreach (var e in expected) Assert.Equal(e, rng.NextUInt64());
    }

    [Fact]
    public void NextDouble_IsInUnitInterval_AndHasMeanNearHalf()
    {
        var rng = new RandomStream(7);
        var sum = 0.0;
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }
        // Standard error of the mean is sqrt(1/12/n) ≈ 0.0009; 5 SE bound.
        Assert.InRange(sum / n, 0.5 - 0.0046, 0.5 + 0.0046);
    }

    [Fact]
    public void NextInt_IsUnbiasedOverSmallRange()
    {
        var rng = new RandomStream(11);
        var counts = new int[3];
        for (var i = 0; i < 30_000; i++) counts[rng.NextInt(3)]++;
        // Each count ~ Binomial(30000, 1/3): sd ≈ 81.6; 5 sd bound.
        foreach (var c in counts) Assert.InRange(c, 10_000 - 410, 10_000 + 410);
    }

    [Fact]
    public void Seed_Derive_IsDeterministic_AndSeparatesLabelsAndIndices()
    {
        Assert.Equal(Seed.Derive(1, "params", 3), Seed.Derive(1, "params", 3));
        var seeds = new HashSet<ulong>();
        for (ulong run = 0; run < 1000; run++)
        {
            seeds.Add(Seed.Derive(99, "params", run));
            seeds.Add(Seed.Derive(99, "dynamics", run));
        }
        Assert.Equal(2000, seeds.Count);
        Assert.NotEqual(Seed.Derive(1, 2), Seed.Derive(2, 1));
    }

    [Fact]
    public void Fnv1a64_MatchesPublishedVectors()
    {
        // FNV-1a 64-bit test vectors from the FNV reference (isthe.com/chongo/tech/comp/fnv): "" and "a".
        Assert.Equal(0xcbf29ce484222325UL, Seed.Fnv1a64(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Seed.Fnv1a64("a"));
        Assert.Equal(0x85944171f73967e8UL, Seed.Fnv1a64("foobar"));
    }

    [Fact]
    public void Fnv1a64_ContinuedFromAPrefix_EqualsTheHashOfTheWholeString()
    {
        // expected values from a separate Python fold over the UTF-8 bytes (h ^= b; h *= 0x100000001b3 mod 2^64)
        Assert.Equal(0xec6084fa4501295aUL, Seed.Fnv1a64("global.lambda", Seed.Fnv1a64("draws:")));
        Assert.Equal(0xec6084fa4501295aUL, Seed.Fnv1a64("draws:global.lambda"));
        // 600 UTF-8 bytes: more than fit the stack buffer
        Assert.Equal(0xf23488e9e5502015UL, Seed.Fnv1a64(new string('é', 300)));
        Assert.Equal(Seed.Fnv1a64Basis, Seed.Fnv1a64(""));
    }

    [Fact]
    public void Split_IsReproducible_AndDiffersFromItsParent()
    {
        var a = new RandomStream(5);
        var b = new RandomStream(5);
        var sa = a.Split();
        var sb = b.Split();
        for (var i = 0; i < 10; i++) Assert.Equal(sa.NextUInt64(), sb.NextUInt64());
        Assert.NotEqual(new RandomStream(5).NextUInt64(), new RandomStream(5).Split().NextUInt64());
    }

    // ------------------------------------------------------------------ independence of streams
    //
    // Two streams are compared through n paired outputs (x_i, y_i). A 16 x 16 table counts the pairs by 4 bits of x
    // and the same 4 bits of y (the top bits, then the bottom bits, which weak generators get wrong). Under
    // independence with uniform margins each cell expects n/256, and Pearson's statistic is chi-square with 255
    // degrees of freedom: mean 255, sd sqrt(2 * 255) = 22.6; the bound is the mean + 5 sd = 368 (a chance of about
    // 1e-5 for truly independent streams). The correlation of the paired doubles must also be within 5 / sqrt(n).

    private const int Pairs = 256 * 200;
    private static readonly double ChiSquareBound = 255 + 5 * Math.Sqrt(2 * 255);

    private static double ChiSquare(RandomStream a, RandomStream b, int shift) => ChiSquare(a.NextUInt64, b.NextUInt64, shift);

    private static double ChiSquare(Func<ulong> x, Func<ulong> y, int shift)
    {
        var counts = new long[16, 16];
        for (var i = 0; i < Pairs; i++) counts[(x() >> shift) & 15, (y() >> shift) & 15]++;
        const double expected = Pairs / 256.0;
        var chi = 0.0;
        foreach (var c in counts) chi += (c - expected) * (c - expected) / expected;
        return chi;
    }

    private static double Correlation(RandomStream a, RandomStream b)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < Pairs; i++)
        {
            double x = a.NextDouble(), y = b.NextDouble();
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
        }
        var cov = sxy / Pairs - sx / Pairs * (sy / Pairs);
        return cov / Math.Sqrt((sxx / Pairs - sx / Pairs * (sx / Pairs)) * (syy / Pairs - sy / Pairs * (sy / Pairs)));
    }

    private static void AssertIndependent(Func<RandomStream> first, Func<RandomStream> second, string what)
    {
        foreach (var shift in new[] { 60, 0 })
        {
            var chi = ChiSquare(first(), second(), shift);
            Assert.True(chi < ChiSquareBound, $"{what}, bits {shift}..{shift + 3}: chi-square {chi:F1} >= {ChiSquareBound:F1}");
        }
        var r = Correlation(first(), second());
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(Pairs), $"{what}: correlation {r:F5} beyond 5/sqrt(n) = {5 / Math.Sqrt(Pairs):F5}");
    }

    [Fact]
    public void The_independence_check_detects_dependent_streams()
    {
        // The check must be able to fail: the same stream twice (what a Derive that ignored its index, or a Split
        // that copied its parent, would give), and a stream against a copy with its lowest bit flipped.
        Assert.True(ChiSquare(new RandomStream(3), new RandomStream(3), 60) > 10 * ChiSquareBound);
        Assert.True(ChiSquare(new RandomStream(3), new RandomStream(3), 0) > 10 * ChiSquareBound);
        var a = new RandomStream(3);
        var b = new RandomStream(3);
        Assert.True(ChiSquare(a.NextUInt64, () => b.NextUInt64() ^ 1, 0) > 10 * ChiSquareBound);
        Assert.True(Math.Abs(Correlation(new RandomStream(3), new RandomStream(3)) - 1) < 1e-12);
    }

    [Fact]
    public void Streams_of_adjacent_runs_are_independent()
    {
        for (ulong run = 0; run < 4; run++)
        {
            var r = run;
            AssertIndependent(() => new RandomStream(Seed.Derive(7, "dynamics", r)), () => new RandomStream(Seed.Derive(7, "dynamics", r + 1)),
                $"runs {r} and {r + 1}");
        }
    }

    [Fact]
    public void Streams_of_adjacent_master_seeds_labels_and_splits_are_independent()
    {
        AssertIndependent(() => new RandomStream(Seed.Derive(1, "dynamics", 0)), () => new RandomStream(Seed.Derive(2, "dynamics", 0)), "master seeds 1 and 2");
        AssertIndependent(() => new RandomStream(Seed.Derive(1, "params", 0)), () => new RandomStream(Seed.Derive(1, "dynamics", 0)), "labels params and dynamics");
        AssertIndependent(() => new RandomStream(41), () => new RandomStream(42), "raw seeds 41 and 42");
        AssertIndependent(() => { var p = new RandomStream(9); p.Split(); return p; }, () => new RandomStream(9).Split(), "a stream and its split");
    }
}
