using Entangle.Ingest.Evaluation;
using Entangle.Tests.Shared;
using Xunit.Abstractions;

namespace Entangle.Ingest.Tests;

/// <summary>
/// Ingest's event coder against PLOVER's English gold-standard records (read from ../shared, never copied) and the
/// naive keyword baseline. The numbers are those reported in docs/ingest.md.
/// </summary>
public class PloverGoldTests(ITestOutputHelper output)
{
    private static IReadOnlyList<GoldRecord> Gold() =>
        PloverGold.Parse(File.ReadAllText(RepoPaths.RequireShared("reference", "events", "PLOVER_GSR_CAMEO.txt")));

    [SkippableFact]
    public void GoldStandard_Has322Records_InV2Categories()
    {
        var gold = Gold();
        Assert.Equal(322, gold.Count);
        Assert.DoesNotContain(gold, g => g.Event is "DEMAND" or "DISAPPROVE" or "INVESTIGATE" or "FIGHT");
        Assert.Equal(34, gold.Count(g => g.Event == "REQUEST"));   // DEMAND 34 in PROVENANCE.md
    }

    [SkippableFact]
    public void EventTypeF1_BeatsTheKeywordBaseline_ByAtLeast015()
    {
        var gold = Gold();
        var engine = PloverGold.Evaluate("ingest", gold, PloverGold.Engine(new Extractor()));
        var baseline = PloverGold.Evaluate("keyword baseline", gold, new KeywordBaseline().Code);
        foreach (var e in new[] { engine, baseline })
            output.WriteLine($"{e.Coder}: event type P {e.EventType.Precision:0.000} R {e.EventType.Recall:0.000} F1 {e.EventType.F1:0.000} (macro {e.MacroEventF1:0.000}); " +
                             $"source F1 {e.Source.F1:0.000}; target F1 {e.Target.F1:0.000}");
        Assert.True(engine.EventType.F1 - baseline.EventType.F1 >= 0.15,
            $"ingest {engine.EventType.F1:0.000} vs baseline {baseline.EventType.F1:0.000}");
    }

    [Fact]
    public void Evaluate_CountsAMissedEventAsRecallLoss_AndAWrongOneAsBoth()
    {
        GoldRecord[] gold = [new("a", "x", "AGREE", ["USA"], []), new("b", "y", "ASSAULT", [], ["IRQ"])];
        var e = PloverGold.Evaluate("t", gold, text => text == "x" ? new Prediction("AGREE", ["USA"], []) : new Prediction(null, [], []));
        Assert.Equal(1.0, e.EventType.Precision);
        Assert.Equal(0.5, e.EventType.Recall);
        Assert.Equal(2.0 / 3, e.EventType.F1, 12);
        Assert.Equal(1.0, e.Source.F1);
        Assert.Equal(0.0, e.Target.F1);
    }
}
