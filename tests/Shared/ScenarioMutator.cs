using System.Text;

namespace Entangle.Tests.Shared;

/// <summary>
/// Seeded mutations of the bundled scenario for the fuzz tests (docs/scenario-format.md, "Fuzzing"): byte flips,
/// deleted, duplicated and swapped lines, type swaps, huge numbers, NaN and infinities, unicode, deep nesting,
/// long strings, alias bombs, tabs and bare CRs, truncation and hostile include paths. Case <c>n</c> of seed
/// <c>s</c> is always the same mutation, so a failure names the case that reproduces it.
/// </summary>
internal static class ScenarioMutator
{
    /// <summary>The scenario's files, relative to the folder of its root file: the root first, then its parts.</summary>
    public static IReadOnlyList<string> Files(string scenarioRoot)
    {
        var folder = Path.GetDirectoryName(scenarioRoot)!;
        var parts = Path.Combine(folder, Path.GetFileNameWithoutExtension(scenarioRoot));
        return [Path.GetFileName(scenarioRoot), .. Directory.GetFiles(parts, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f))];
    }

    /// <summary>Copies the scenario (root file and its folder of parts) into <paramref name="target"/>; returns the new root.</summary>
    public static string Copy(string scenarioRoot, string target)
    {
        var folder = Path.GetDirectoryName(scenarioRoot)!;
        foreach (var f in Files(scenarioRoot))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, f))!);
            File.Copy(Path.Combine(folder, f), Path.Combine(target, f), overwrite: true);
        }
        return Path.Combine(target, Path.GetFileName(scenarioRoot));
    }

    /// <summary>One mutation: which file, its new bytes, and what was done (for failure messages).</summary>
    public sealed record Mutation(string File, byte[] Bytes, string Description);

    /// <summary>Mutation number <paramref name="index"/> of <paramref name="seed"/>, of one of <paramref name="files"/> (path → bytes).</summary>
    public static Mutation Make(ulong seed, int index, IReadOnlyList<(string Path, byte[] Bytes)> files)
    {
        var rng = new SplitMix(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1)));
        var (path, original) = files[rng.Next(files.Count)];
        var bytes = original;
        var done = new List<string>();
        var count = 1 + rng.Next(3);
        for (var k = 0; k < count; k++)
        {
            var kind = rng.Next(Kinds);
            bytes = Apply(kind, bytes, rng, out var what);
            done.Add(what);
        }
        return new Mutation(path, bytes, $"case {index} (seed {seed}): {path}: {string.Join("; ", done)}");
    }

    private const int Kinds = 16;

    private static byte[] Apply(int kind, byte[] bytes, SplitMix rng, out string what)
    {
        if (kind == 0)
        {
            var b = (byte[])bytes.Clone();
            var at = rng.Next(Math.Max(1, b.Length));
            if (b.Length > 0) b[at] ^= (byte)(1 << rng.Next(8));
            what = $"flipped a bit of byte {at}";
            return b;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        int Line() => rng.Next(lines.Count);
        string Join() => string.Join('\n', lines);
        switch (kind)
        {
            case 1:
            {
                var l = Line(); lines.RemoveAt(l); what = $"deleted line {l + 1}"; break;
            }
            case 2:
            {
                var l = Line(); lines.Insert(l, lines[l]); what = $"duplicated line {l + 1}"; break;
            }
            case 3:
            {
                int a = Line(), c = Line(); (lines[a], lines[c]) = (lines[c], lines[a]); what = $"swapped lines {a + 1} and {c + 1}"; break;
            }
            case 4:
            {
                string[] values = ["[]", "{}", "~", "\"text\"", "1.0", "[a, b]", "{ x: 1 }", "true", "-", "''", "2024-13-45", "{ value: 1 }"];
                var v = values[rng.Next(values.Length)];
                what = $"swapped a value for {v}";
                return Encoding.UTF8.GetBytes(ReplaceValue(lines, rng, v, out _));
            }
            case 5 or 6:
            {
                string[] values = kind == 5
                    ? ["1.8e308", "1.79e308", "2147483647", "-2147483649", "-1e20", "9999999999999999999999", "1e-400", "0x7FFFFFFF"]
                    : [".nan", ".inf", "-.inf", "NaN", "Infinity", "+.INF"];
                var v = values[rng.Next(values.Length)];
                what = $"set a number to {v}";
                return Encoding.UTF8.GetBytes(ReplaceNumber(lines, rng, v));
            }
            case 7:
            {
                string[] pieces = ["\u202E", "💥", "\u0000", "\uFEFF", "e\u0301\u0301\u0301", "Ω", "\uD800", "\u0007", "\u2028", "ﬁ", "İ"];
                var p = pieces[rng.Next(pieces.Length)];
                var at = rng.Next(text.Length + 1);
                what = $"inserted U+{(int)p[0]:X4} at {at}";
                return Encoding.UTF8.GetBytes(text.Insert(at, p));
            }
            case 8:
            {
                var depth = rng.Next(4) switch { 0 => 10 + rng.Next(50), 1 => 60 + rng.Next(10), 2 => 100 + rng.Next(1000), _ => 17_000 };
                var flow = rng.Next(2) == 0;
                what = $"nested {depth} levels ({(flow ? "flow" : "block")})";
                return Encoding.UTF8.GetBytes(ReplaceValue(lines, rng, flow ? new string('[', depth) + new string(']', rng.Next(2) == 0 ? depth : 0) : string.Concat(Enumerable.Repeat("- ", depth)) + "x", out _));
            }
            case 9:
            {
                var length = rng.Next(3) switch { 0 => 1_000 + rng.Next(10_000), 1 => 99_000 + rng.Next(2_000), _ => 1_000_000 };
                what = $"a string of {length} characters";
                return Encoding.UTF8.GetBytes(ReplaceValue(lines, rng, "\"" + new string('x', length) + "\"", out _));
            }
            case 10:
            {
                var levels = 3 + rng.Next(7);
                var sb = new StringBuilder("\nx:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (var i = 1; i < levels; i++) sb.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
                what = $"appended an alias bomb of {levels} levels";
                return Encoding.UTF8.GetBytes(text + sb);
            }
            case 11:
            {
                // one value reused many times: an anchor on a value, aliases in place of later values
                var first = ReplaceValue(lines, rng, "&shared { value: 7, judgement: j }", out var l0);
                lines = first.Split('\n').ToList();
                var uses = 0;
                for (var i = l0 + 1; i < lines.Count && uses < 200; i++)
                    if (lines[i].Contains("{ value:", StringComparison.Ordinal)) { lines[i] = ReplaceFirstFlow(lines[i], "*shared"); uses++; }
                what = $"anchored a wrong value on line {l0 + 1} and aliased it {uses} times";
                break;
            }
            case 12:
            {
                var l = Line(); lines[l] = "\t" + lines[l]; what = $"a tab before line {l + 1}"; break;
            }
            case 13:
            {
                var l = Line(); lines[l] = lines[l] + "\r"; if (l + 1 < lines.Count) { lines[l] += lines[l + 1]; lines.RemoveAt(l + 1); }
                what = $"a bare CR at the end of line {l + 1}"; break;
            }
            case 14:
            {
                var at = rng.Next(bytes.Length + 1);
                what = $"truncated at byte {at}";
                return bytes[..at];
            }
            default:
            {
                string[] includes = ["../../../../etc/passwd", "/etc/passwd", "/dev/zero", "/dev/urandom", "a\\0b.yaml", "russia-dprk-2024", "..", "missing.yaml", "russia-dprk-2024.yaml"];
                var inc = includes[rng.Next(includes.Length)];
                what = $"an include of {inc}";
                return Encoding.UTF8.GetBytes(text + $"\ninclude: [\"{inc}\"]\n");
            }
        }
        return Encoding.UTF8.GetBytes(Join());
    }

    /// <summary>Replaces the value of a random <c>key: value</c> line (block or first flow entry).</summary>
    private static string ReplaceValue(List<string> lines, SplitMix rng, string value, out int line)
    {
        var candidates = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(": ", StringComparison.Ordinal) && !x.l.TrimStart().StartsWith('#')).ToList();
        if (candidates.Count == 0) { line = 0; return string.Join('\n', lines) + "\nx: " + value + "\n"; }
        var (text, i) = candidates[rng.Next(candidates.Count)];
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var end = text.IndexOfAny([',', '}'], colon);
        var copy = lines.ToList();
        copy[i] = text[..(colon + 2)] + value + (end < 0 ? "" : text[end..]);
        line = i;
        return string.Join('\n', copy);
    }

    private static string ReplaceNumber(List<string> lines, SplitMix rng, string value)
    {
        var numbers = new List<(int Line, int Start, int Length)>();
        var re = new System.Text.RegularExpressions.Regex(@"(?<=: )-?\d[\d_.eE+-]*");
        for (var i = 0; i < lines.Count; i++)
            foreach (System.Text.RegularExpressions.Match m in re.Matches(lines[i])) numbers.Add((i, m.Index, m.Length));
        if (numbers.Count == 0) return string.Join('\n', lines);
        var (l, s, n) = numbers[rng.Next(numbers.Count)];
        var copy = lines.ToList();
        copy[l] = copy[l][..s] + value + copy[l][(s + n)..];
        return string.Join('\n', copy);
    }

    private static string ReplaceFirstFlow(string line, string with)
    {
        var a = line.IndexOf("{ value:", StringComparison.Ordinal);
        var depth = 0;
        for (var k = a; k < line.Length; k++)
        {
            if (line[k] == '{') depth++;
            else if (line[k] == '}' && --depth == 0) return line[..a] + with + line[(k + 1)..];
        }
        return line;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): small, fast, and the same sequence on every runtime.</summary>
    private sealed class SplitMix(ulong state)
    {
        public ulong NextULong()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int n) => n <= 1 ? 0 : (int)(NextULong() % (ulong)n);
    }
}
