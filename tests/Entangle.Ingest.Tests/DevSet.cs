using System.Text.Json;
using Entangle.Ingest;
using Entangle.Tests.Shared;

namespace Entangle.Ingest.Tests;

/// <summary>The hand-annotated Dutch development set (DevSet/seed-nl.json) and how ingest's output is scored against it.</summary>
public sealed class DevSet
{
    public sealed record GoldFigure(string Text, double Value, string Unit, string? State, string? Partner, int Year, string Measure, bool Wrong);
    public sealed record GoldEvent(string Plover, string[] Source, string[] Target);
    public sealed record GoldSentence(string Start, string[] Actors, GoldEvent? Event, string? Claim, GoldFigure[] Figures, int From, int To);

    public IReadOnlyList<GoldSentence> Sentences { get; }
    public string Text { get; }
    public Extraction Extraction { get; }
    public string ArticlePath { get; }

    private DevSet(IReadOnlyList<GoldSentence> sentences, string text, Extraction x, string path) { Sentences = sentences; Text = text; Extraction = x; ArticlePath = path; }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Loads the gold file and runs ingest on the seed article; each gold sentence is located in the text by its first words.</summary>
    public static DevSet Load()
    {
        var path = RepoPaths.RequireShared("seed", "article-2024-06-23-nl.txt");
        var x = new Extractor().Extract(File.ReadAllText(path), new ExtractOptions(Language.Nl, new DateOnly(2024, 6, 23), path));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DevSet", "seed-nl.json")));
        var raw = doc.RootElement.GetProperty("sentences").EnumerateArray().ToList();
        var starts = new List<int>();
        var at = 0;
        foreach (var s in raw)
        {
            var start = s.GetProperty("start").GetString()!;
            var i = x.Text.IndexOf(start, at, StringComparison.Ordinal);
            if (i < 0) throw new InvalidOperationException($"gold sentence '{start}' not found in the article after offset {at}");
            starts.Add(i);
            at = i + 1;
        }
        var list = new List<GoldSentence>();
        for (var k = 0; k < raw.Count; k++)
        {
            var s = raw[k];
            var ev = s.GetProperty("event");
            list.Add(new GoldSentence(
                s.GetProperty("start").GetString()!,
                s.GetProperty("actors").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                ev.ValueKind == JsonValueKind.Null ? null : ev.Deserialize<GoldEvent>(Options),
                s.GetProperty("claim").ValueKind == JsonValueKind.Null ? null : s.GetProperty("claim").GetString(),
                s.GetProperty("figures").Deserialize<GoldFigure[]>(Options)!,
                starts[k], k + 1 < starts.Count ? starts[k + 1] : x.Text.Length));
        }
        return new DevSet(list, x.Text, x, path);
    }

    /// <summary>The gold sentence holding character <paramref name="offset"/>.</summary>
    public int SentenceAt(int offset) => Sentences.Select((s, i) => (s, i)).Last(p => p.s.From <= offset).i;

    /// <summary>Micro F1 over (gold sentence, actor code) pairs.</summary>
    public (double Precision, double Recall, double F1) ActorScore()
    {
        var predicted = Extraction.Actors.Select(a => (SentenceAt(a.Start), a.Code)).ToHashSet();
        var gold = Sentences.SelectMany((s, i) => s.Actors.Select(c => (i, c))).ToHashSet();
        return F1(predicted.Count(gold.Contains), predicted.Count, gold.Count);
    }

    /// <summary>Figures matched on value (to 1e-9 relative), unit, subject (state and partner, either order) and year.</summary>
    public (double Precision, double Recall, double F1) FigureScore()
    {
        var gold = Sentences.SelectMany(s => s.Figures).ToList();
        var tp = Extraction.Figures.Count(f => gold.Any(g => Same(f, g)));
        return F1(tp, Extraction.Figures.Count, gold.Count);
    }

    public static bool Same(FigureMention f, GoldFigure g) =>
        Math.Abs(f.Value - g.Value) <= 1e-9 * Math.Abs(g.Value) && f.Unit == g.Unit && f.Year == g.Year && f.Measure == g.Measure
        && (f.State == g.State && f.Partner == g.Partner || f.State == g.Partner && f.Partner == g.State);

    /// <summary>Event-type F1: a predicted event is right when its gold sentence has an event of that category.</summary>
    public (double Precision, double Recall, double F1) EventScore()
    {
        var byGold = Extraction.Events.GroupBy(e => SentenceAt(Extraction.Sentences[e.Sentence].Start)).ToDictionary(g => g.Key, g => g.Select(e => e.Plover).ToHashSet());
        var goldCount = Sentences.Count(s => s.Event is not null);
        var tp = Sentences.Select((s, i) => (s, i)).Count(p => p.s.Event is not null && byGold.TryGetValue(p.i, out var set) && set.Contains(p.s.Event.Plover));
        return F1(tp, Extraction.Events.Count, goldCount);
    }

    /// <summary>Claim detection F1 over sentences (a claim of any kind in a gold claim sentence counts).</summary>
    public (double Precision, double Recall, double F1) ClaimScore()
    {
        var predicted = Extraction.Claims.Select(c => SentenceAt(Extraction.Sentences[c.Sentence].Start)).ToHashSet();
        var gold = Sentences.Select((s, i) => (s, i)).Where(p => p.s.Claim is not null).Select(p => p.i).ToHashSet();
        return F1(predicted.Count(gold.Contains), predicted.Count, gold.Count);
    }

    private static (double, double, double) F1(int tp, int predicted, int gold)
    {
        var p = predicted == 0 ? 0 : (double)tp / predicted;
        var r = gold == 0 ? 0 : (double)tp / gold;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
