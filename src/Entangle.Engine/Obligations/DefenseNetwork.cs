namespace Entangle.Engine.Obligations;

/// <summary>A directed defence pledge: <see cref="From"/> is bound to defend <see cref="To"/>, by <see cref="Basis"/>.</summary>
/// <param name="From">Index of the state that is bound.</param>
/// <param name="To">Index of the state it is bound to defend.</param>
/// <param name="Basis">Where the pledge comes from (e.g. <c>ATOP 3180</c>, <c>scenario nato-1949 Art. 5</c>).</param>
public readonly record struct DefensePledge(int From, int To, string Basis);

/// <summary>A connected group of states linked by defence pledges (in either direction).</summary>
public sealed record AllianceBloc(IReadOnlyList<int> Members);

/// <summary>
/// The all-pairs matrix of defence obligations among <c>n</c> states for one year, with each state's out-degree
/// (how many states it is bound to defend), in-degree (how many are bound to defend it) and the connected blocs.
/// Pure and deterministic: states are indices 0..n-1 in the caller's order; blocs are ordered by size, then by
/// their smallest member.
/// </summary>
public sealed class DefenseNetwork
{
    private readonly ulong[] _bits;
    private readonly int _words;

    /// <summary>Number of states.</summary>
    public int Count { get; }

    /// <summary>For each state, the number of distinct states it is bound to defend.</summary>
    public IReadOnlyList<int> Defends { get; }

    /// <summary>For each state, the number of distinct states bound to defend it.</summary>
    public IReadOnlyList<int> DefendedBy { get; }

    /// <summary>Connected components of the undirected pledge graph with at least two members, largest first.</summary>
    public IReadOnlyList<AllianceBloc> Blocs { get; }

    private DefenseNetwork(int n, ulong[] bits, int words)
    {
        Count = n;
        _bits = bits;
        _words = words;
        var outDeg = new int[n];
        var inDeg = new int[n];
        for (var i = 0; i < n; i++)
            for (var w = 0; w < words; w++)
            {
                var b = bits[i * words + w];
                outDeg[i] += System.Numerics.BitOperations.PopCount(b);
                while (b != 0)
                {
                    var j = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(b);
                    inDeg[j]++;
                    b &= b - 1;
                }
            }
        Defends = outDeg;
        DefendedBy = inDeg;
        Blocs = Components(n);
    }

    /// <summary>True when state <paramref name="from"/> is bound to defend state <paramref name="to"/>.</summary>
    public bool Binds(int from, int to) => (_bits[from * _words + (to >> 6)] & (1UL << (to & 63))) != 0;

    /// <summary>Builds the matrix from pledges; self-pledges are ignored, duplicates count once.</summary>
    public static DefenseNetwork Build(int n, IEnumerable<DefensePledge> pledges)
    {
        var words = (n + 63) / 64;
        var bits = new ulong[Math.Max(1, n * words)];
        foreach (var p in pledges)
        {
            if ((uint)p.From >= (uint)n || (uint)p.To >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(pledges), $"pledge {p.From}→{p.To} outside 0..{n - 1}");
            if (p.From == p.To) continue;
            bits[p.From * words + (p.To >> 6)] |= 1UL << (p.To & 63);
        }
        return new DefenseNetwork(n, bits, words);
    }

    private List<AllianceBloc> Components(int n)
    {
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        for (var i = 0; i < n; i++)
            for (var w = 0; w < _words; w++)
            {
                var b = _bits[i * _words + w];
                while (b != 0)
                {
                    var j = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(b);
                    var (ri, rj) = (Find(i), Find(j));
                    if (ri != rj) parent[Math.Max(ri, rj)] = Math.Min(ri, rj);
                    b &= b - 1;
                }
            }
        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            var r = Find(i);
            if (!groups.TryGetValue(r, out var g)) groups[r] = g = [];
            g.Add(i);
        }
        return groups.Values.Where(g => g.Count > 1)
            .OrderByDescending(g => g.Count).ThenBy(g => g[0])
            .Select(g => new AllianceBloc(g)).ToList();
    }
}
