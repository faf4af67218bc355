using System.Reflection;

namespace Entangle.Ingest;

/// <summary>A leader or official from <c>Resources/leaders.tsv</c>.</summary>
public sealed record Leader(string Code, string Canonical, IReadOnlyList<string> Names, string OfficeEn, string OfficeNl, string? From, string? To, string Source)
{
    /// <summary>The surname: the last word of the canonical name ("Sullivan"; "Kim Jong-un" has none that is unique).</summary>
    public string Surname => Canonical.Replace(" Jr.", "").Split(' ')[^1];

    /// <summary>Given names the leaders file accepts: the first word of each multi-word name.</summary>
    public IEnumerable<string> GivenNames => Names.Append(Canonical).Where(n => n.Contains(' ')).Select(n => n.Split(' ')[0]);
}

/// <summary>One name that maps to an actor code.</summary>
public sealed record NameEntry(string Code, string Lang, string Kind, string Name, Leader? Leader = null);

/// <summary>A trigger word or phrase for a PLOVER category.</summary>
public sealed record Trigger(string Category, string Lang, IReadOnlyList<string> Words, double Weight);

/// <summary>The tables that ship inside the assembly (see Resources/*.tsv and THIRD-PARTY-NOTICES.md).</summary>
public sealed class Lexicon
{
    public IReadOnlyList<NameEntry> Names { get; }
    public IReadOnlyList<Leader> Leaders { get; }
    public IReadOnlyList<Trigger> Triggers { get; }

    /// <summary>CLDR's English short name for a code ("North Korea"), for messages and drafts.</summary>
    public IReadOnlyDictionary<string, string> EnglishName { get; }

    private Lexicon(IReadOnlyList<NameEntry> names, IReadOnlyList<Leader> leaders, IReadOnlyList<Trigger> triggers, IReadOnlyDictionary<string, string> en)
    {
        Names = names; Leaders = leaders; Triggers = triggers; EnglishName = en;
    }

    private static readonly Lazy<Lexicon> Loaded = new(Load);

    /// <summary>The shipped tables, read once.</summary>
    public static Lexicon Default => Loaded.Value;

    private static IEnumerable<string[]> Rows(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Entangle.Ingest." + name)
                           ?? throw new InvalidOperationException($"resource {name} missing from the assembly");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return line.Split('\t');
        }
    }

    private static Lexicon Load()
    {
        var names = new List<NameEntry>();
        var en = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in Rows("cldr-territories.tsv"))
        {
            names.Add(new NameEntry(r[0], r[1], "name", r[3]));
            if (r[1] == "en" && r[2] == "") en[r[0]] = r[3];
        }
        foreach (var r in Rows("actors.tsv"))
            foreach (var n in r[3].Split('|'))
                names.Add(new NameEntry(r[0], r[1], r[2], n));
        var leaders = new List<Leader>();
        foreach (var r in Rows("leaders.tsv"))
        {
            var l = new Leader(r[0], r[1], r[2].Split('|', StringSplitOptions.RemoveEmptyEntries), r[3], r[4],
                r[5] == "" ? null : r[5], r[6] == "" ? null : r[6], r[7]);
            leaders.Add(l);
            foreach (var n in l.Names.Prepend(l.Canonical).Distinct(StringComparer.Ordinal))
                names.Add(new NameEntry(l.Code, "*", "leader", n, l));
        }
        en.TryAdd("NATO", "NATO");
        en.TryAdd("UN", "United Nations");
        en.TryAdd("UNSC", "UN Security Council");
        en.TryAdd("EU", "European Union");
        var triggers = Rows("plover-lexicon.tsv")
            .Select(r => new Trigger(r[0], r[1], r[2].Split(' '), double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new Lexicon(names, leaders, triggers, en);
    }
}
