using System.Globalization;
using Entangle.Domain;

namespace Entangle.Application.Backtest;

/// <summary>One state's first nuclear test, with its source (Backtest/nuclear-first-tests.csv).</summary>
public sealed record NuclearFirstTest(int Ccode, string Code, string Name, DateOnly Date, string Test, string Source);

/// <summary>The cited first-test dates the backtest reads nuclear status from (a small sourced file in the repository).</summary>
public static class NuclearFirstTests
{
    private static IReadOnlyList<NuclearFirstTest>? _all;

    /// <summary>Every row of the file, in file order.</summary>
    public static IReadOnlyList<NuclearFirstTest> All => _all ??= Load();

    /// <summary>The state's first test when it came strictly before <paramref name="date"/>, or null.</summary>
    public static NuclearFirstTest? Before(int ccode, DateOnly date) => All.FirstOrDefault(t => t.Ccode == ccode && t.Date < date);

    private static List<NuclearFirstTest> Load()
    {
        using var s = typeof(NuclearFirstTests).Assembly.GetManifestResourceStream("Entangle.Application.Backtest.nuclear-first-tests.csv")
            ?? throw new InvalidOperationException("nuclear-first-tests.csv is not embedded");
        using var r = new StreamReader(s);
        var rows = new List<NuclearFirstTest>();
        var header = true;
        while (r.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (header) { header = false; continue; }
            var f = SplitCsv(line);
            rows.Add(new NuclearFirstTest(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2],
                DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[4], f[5]));
        }
        return rows;
    }

    /// <summary>Splits one CSV line with double-quoted fields.</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
