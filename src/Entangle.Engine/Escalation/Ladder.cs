using System.Text.Json;

namespace Entangle.Engine.Escalation;

/// <summary>One level of the condensed ladder, with its mapping to Kahn's rungs and the MID hostility level.</summary>
/// <param name="KahnFrom">First Kahn rung it covers (0 when none: normal relations).</param>
/// <param name="KahnTo">Last Kahn rung it covers.</param>
/// <param name="MidHostility">The MID hostility level (1–5) an episode at this level would be coded as.</param>
/// <param name="Cost">Cost per step of standing at this level, before the actor's cost sensitivity (judgement).</param>
/// <param name="Gain">Coercive leverage of standing at this level, before stakes, resolve and the chance of prevailing (judgement).</param>
/// <param name="CatastropheRisk">Risk per step that things go out of control to a catastrophe (judgement; Schelling, Powell).</param>
/// <param name="TradeAtRisk">Share of the trade between the sides put at risk (judgement; level 1 is sanctions).</param>
public sealed record LadderLevel(int Level, string Id, string Name, int KahnFrom, int KahnTo, int MidHostility,
    double Cost, double Gain, double CatastropheRisk, double TradeAtRisk);

/// <summary>A threshold between two adjacent levels (Kahn's firebreaks), with the default premium for crossing it.</summary>
/// <param name="Premium">One-time cost (war-months) of taking a theater across it for the first time (judgement; ladder.json).</param>
public sealed record LadderThreshold(string Id, string Name, double Premium, int KahnBeforeRung, int BelowLevel, int AboveLevel);

/// <summary>
/// The condensed escalation ladder the engine steps on: about ten levels from normal relations to general
/// nuclear war, each mapped to Herman Kahn's 44 rungs (On Escalation, 1965) and to the MID hostility levels
/// 1–5, with Kahn's thresholds between levels. Loaded from the committed <c>ladder.json</c>; the mapping and the
/// cost columns are our judgement.
/// </summary>
public sealed class Ladder
{
    /// <summary>Most levels and thresholds a ladder may have: thresholds are bits of an int mask (representation limit, not a model number).</summary>
    public const int MaxSize = 30;
    /// <summary>Fewest levels a ladder may have (a bottom and a top).</summary>
    public const int MinSize = 2;

    /// <summary>The levels, bottom first.</summary>
    public IReadOnlyList<LadderLevel> Levels { get; }
    /// <summary>Where the thresholds' premiums come from.</summary>
    public string PremiumBasis { get; }
    /// <summary>The thresholds, bottom first.</summary>
    public IReadOnlyList<LadderThreshold> Thresholds { get; }
    /// <summary>Where the mapping comes from.</summary>
    public string Basis { get; }
    /// <summary>The lowest level that is a war (MID 5).</summary>
    public int WarLevel { get; }
    /// <summary>The lowest level at which nuclear weapons are brandished; only nuclear states can choose it.</summary>
    public int NuclearSignalLevel { get; }
    /// <summary>The lowest level at which nuclear weapons are used.</summary>
    public int NuclearUseLevel { get; }
    /// <summary>The top level.</summary>
    public int Top => Levels.Count - 1;

    /// <summary>Bit i set in <c>BitAbove[L]</c> when threshold i lies between L-1 and L.</summary>
    internal readonly int[] BitAbove;

    public Ladder(IReadOnlyList<LadderLevel> levels, IReadOnlyList<LadderThreshold> thresholds, string basis, int war, int nuclearSignal, int nuclearUse,
        string? premiumBasis = null)
    {
        PremiumBasis = premiumBasis ?? basis;
        if (levels.Count < MinSize || levels.Count > MaxSize) throw new ArgumentException($"a ladder needs {MinSize}–{MaxSize} levels");
        for (var i = 0; i < levels.Count; i++)
            if (levels[i].Level != i) throw new ArgumentException($"ladder level #{i} is numbered {levels[i].Level}");
        if (thresholds.Count > MaxSize) throw new ArgumentException($"at most {MaxSize} thresholds");
        Levels = levels; Thresholds = thresholds; Basis = basis;
        WarLevel = war; NuclearSignalLevel = nuclearSignal; NuclearUseLevel = nuclearUse;
        BitAbove = new int[levels.Count];
        for (var i = 0; i < thresholds.Count; i++)
        {
            var th = thresholds[i];
            if (th.AboveLevel != th.BelowLevel + 1 || th.AboveLevel <= 0 || th.AboveLevel >= levels.Count)
                throw new ArgumentException($"threshold '{th.Name}' must lie between two adjacent levels");
            BitAbove[th.AboveLevel] |= 1 << i;
        }
    }

    /// <summary>The thresholds crossed going from <paramref name="from"/> to <paramref name="to"/> (either way), as a bit mask.</summary>
    public int Between(int from, int to) => _between[from * Levels.Count + to];

    private int[]? _betweenTable;
    private int[] _between => _betweenTable ??= BuildBetween();

    private int[] BuildBetween()
    {
        var n = Levels.Count;
        var table = new int[n * n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++) table[a * n + b] = Scan(a, b);
        return table;
    }

    private int Scan(int from, int to)
    {
        int lo = Math.Min(from, to), hi = Math.Max(from, to), mask = 0;
        for (var l = lo + 1; l <= hi; l++) mask |= BitAbove[l];
        return mask;
    }

    private static readonly Lazy<Ladder> _default = new(() =>
    {
        using var s = typeof(Ladder).Assembly.GetManifestResourceStream("Entangle.Engine.Escalation.ladder.json")
            ?? throw new InvalidOperationException("ladder.json is not embedded");
        return Parse(s);
    });

    /// <summary>The project's condensed ten-level ladder.</summary>
    public static Ladder Default => _default.Value;

    /// <summary>Reads a ladder from its JSON form (see <c>ladder.json</c>).</summary>
    public static Ladder Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var levels = new List<LadderLevel>();
        foreach (var l in root.GetProperty("levels").EnumerateArray())
        {
            var rungs = l.GetProperty("kahn_rungs").EnumerateArray().Select(r => r.GetInt32()).ToArray();
            levels.Add(new LadderLevel(l.GetProperty("level").GetInt32(), l.GetProperty("id").GetString()!, l.GetProperty("name").GetString()!,
                rungs.Length > 0 ? rungs[0] : 0, rungs.Length > 1 ? rungs[1] : 0, l.GetProperty("mid_hostility").GetInt32(),
                l.GetProperty("cost").GetDouble(), l.GetProperty("gain").GetDouble(), l.GetProperty("catastrophe_risk").GetDouble(),
                l.GetProperty("trade_at_risk").GetDouble()));
        }
        var thresholds = root.GetProperty("thresholds").EnumerateArray()
            .Select(t => new LadderThreshold(t.GetProperty("id").GetString()!, t.GetProperty("name").GetString()!, t.GetProperty("premium").GetDouble(), t.GetProperty("kahn_before_rung").GetInt32(),
                t.GetProperty("below_level").GetInt32(), t.GetProperty("above_level").GetInt32())).ToList();
        return new Ladder(levels, thresholds, root.GetProperty("basis").GetString()!, root.GetProperty("war_level").GetInt32(),
            root.GetProperty("nuclear_signal_level").GetInt32(), root.GetProperty("nuclear_use_level").GetInt32(),
            root.TryGetProperty("premium_basis", out var pb) ? pb.GetString() : null);
    }
}
