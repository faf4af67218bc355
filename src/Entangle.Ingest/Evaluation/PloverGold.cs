using System.Text.Json;

namespace Entangle.Ingest.Evaluation;

/// <summary>One gold-standard record: the sentence, its event category (in PLOVER v2.0 names) and its actor codes.</summary>
public sealed record GoldRecord(string Id, string Text, string Event, IReadOnlyList<string> Source, IReadOnlyList<string> Target);

/// <summary>What a coder predicted for one record; a null event means no event found.</summary>
public sealed record Prediction(string? Event, IReadOnlyList<string> Source, IReadOnlyList<string> Target);

/// <summary>Micro-averaged precision, recall and F1.</summary>
public sealed record Score(int TruePositives, int Predicted, int Gold)
{
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)TruePositives / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Scores of one coder on the gold records.</summary>
/// <param name="MacroEventF1">Event-type F1 averaged over the categories present in the gold standard.</param>
public sealed record Evaluation(string Coder, int Records, Score EventType, double MacroEventF1, Score Source, Score Target);

/// <summary>
/// Reads PLOVER's English gold-standard records (PLOVER_GSR_CAMEO.txt, Open Event Data Alliance, CC BY-SA 4.0; PLOVER 0.5b1
/// labels) and scores coders on them. The old labels are mapped to manual v2.0 names: DEMAND → REQUEST, DISAPPROVE and
/// INVESTIGATE → ACCUSE, FIGHT → ASSAULT. Nothing from the file is stored: it is read from the path the caller gives.
/// </summary>
public static class PloverGold
{
    private static readonly Dictionary<string, string> OldToNew = new(StringComparer.Ordinal)
    {
        ["DEMAND"] = "REQUEST", ["DISAPPROVE"] = "ACCUSE", ["INVESTIGATE"] = "ACCUSE", ["FIGHT"] = "ASSAULT",
    };

    // codes in the file that are not ISO 3166 alpha-3
    private static readonly Dictionary<string, string> CodeFixes = new(StringComparer.Ordinal) { ["JAP"] = "JPN" };

    public static IReadOnlyList<GoldRecord> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<GoldRecord>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var ev = e.TryGetProperty("event", out var evp) && evp.ValueKind == JsonValueKind.String ? evp.GetString()! : "";
            if (ev is "" or "DOCUMENT") continue;
            var text = e.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            list.Add(new GoldRecord(e.GetProperty("id").GetString() ?? "", text, OldToNew.GetValueOrDefault(ev, ev), Codes(e, "source"), Codes(e, "target")));
        }
        return list;
    }

    private static IReadOnlyList<string> Codes(JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var arr) || arr.ValueKind != JsonValueKind.Array) return [];
        return arr.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(a => a.GetProperty("code").GetString()!.Trim().ToUpperInvariant())
            .Where(c => c.Length > 0)
            .Select(c => CodeFixes.GetValueOrDefault(c, c))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Scores <paramref name="coder"/> on every record.</summary>
    public static Evaluation Evaluate(string name, IReadOnlyList<GoldRecord> gold, Func<string, Prediction> coder)
    {
        int tp = 0, predicted = 0;
        int stp = 0, sp = 0, sg = 0, ttp = 0, tpred = 0, tg = 0;
        var perCategory = new Dictionary<string, (int Tp, int P, int G)>(StringComparer.Ordinal);
        foreach (var g in gold)
        {
            var p = coder(g.Text);
            var cg = perCategory.GetValueOrDefault(g.Event);
            perCategory[g.Event] = (cg.Tp, cg.P, cg.G + 1);
            if (p.Event is not null)
            {
                predicted++;
                var cp = perCategory.GetValueOrDefault(p.Event);
                perCategory[p.Event] = (cp.Tp + (p.Event == g.Event ? 1 : 0), cp.P + 1, cp.G);
                if (p.Event == g.Event) tp++;
            }
            stp += p.Source.Intersect(g.Source).Count(); sp += p.Source.Count; sg += g.Source.Count;
            ttp += p.Target.Intersect(g.Target).Count(); tpred += p.Target.Count; tg += g.Target.Count;
        }
        var macro = perCategory.Where(kv => kv.Value.G > 0).Select(kv => new Score(kv.Value.Tp, kv.Value.P, kv.Value.G).F1).DefaultIfEmpty(0).Average();
        return new Evaluation(name, gold.Count, new Score(tp, predicted, gold.Count), macro, new Score(stp, sp, sg), new Score(ttp, tpred, tg));
    }

    /// <summary>The engine as a coder: the strongest event of the text, with its actors.</summary>
    public static Func<string, Prediction> Engine(Extractor extractor) => text =>
    {
        var x = extractor.Extract(text, new ExtractOptions(Language.En, new DateOnly(2000, 1, 1)));
        var best = x.Events.OrderByDescending(e => e.Confidence).FirstOrDefault();
        return best is null ? new Prediction(null, [], []) : new Prediction(best.Plover, best.Source, best.Target);
    };
}
