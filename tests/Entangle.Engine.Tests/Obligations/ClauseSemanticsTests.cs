using Entangle.Domain;
using Entangle.Engine.Obligations;
using static Entangle.Engine.Tests.Obligations.ObligationFixture;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>Clause semantics on small hand-built treaties (trigger by named attacker, provoked attacks, scopes).</summary>
public sealed class ClauseSemanticsTests
{
    private static Scenario With(Treaty t) => Bundled with { Treaties = [t] };

    private static Treaty Pact(Trigger trigger, Scope scope, ClauseKind kind = ClauseKind.Defense) => new(
        "test-pact", "Test pact", TreatyKind.Alliance,
        [new Membership(new StateId("KOR"), DateSpan.Always), new Membership(new StateId("JPN"), DateSpan.Always)],
        new DateOnly(2000, 1, 1), new DateOnly(2000, 1, 1), null, [], null, null, "test",
        [new Clause("1", kind, "test clause", "test source", [], trigger, scope, ClauseStrength.Automatic, ["specthrt"], null)]);

    private static ObligationAnswer Eval(Scenario s, string attacker, string target, string? where, params War[] wars) =>
        ObligationEngine.Answer(s, new ObligationQuery(new StateId(attacker), new StateId(target), where, null, new DateOnly(2025, 1, 1), wars));

    [Fact]
    public void Trigger_NamedAttacker_OnlyThatAttackerTriggers()
    {
        var s = With(Pact(new Trigger(TriggerEvent.ArmedAttack, [new StateId("PRK")]), Scope.Unlimited));
        Assert.Single(Eval(s, "PRK", "KOR", null).ObligedFor("JPN"));
        var no = Assert.Single(Eval(s, "CHN", "KOR", null).NotObligedFor("JPN"));
        Assert.Contains("names only attacks by PRK", no.Reason);
    }

    [Fact]
    public void Trigger_ExcludesProvoked_CounterAttackOnInitiatorNotCovered()
    {
        var s = With(Pact(new Trigger(TriggerEvent.ArmedAttack, [], ExcludesProvoked: true), Scope.Unlimited));
        var war = new War(new StateId("KOR"), new StateId("PRK"), null, null, Provenance.Judge("test"));
        var a = Eval(s, "PRK", "KOR", null, war);
        Assert.Equal(ObligationStatus.NotObliged, a.StatusOf("JPN"));
        Assert.Contains("provoked", Assert.Single(a.NotObligedFor("JPN")).Reason);
        // Without the war the same attack is covered.
        Assert.Equal(ObligationStatus.Obliged, Eval(s, "PRK", "KOR", null).StatusOf("JPN"));
    }

    [Fact]
    public void Trigger_PlainArmedAttackOnInitiator_IsAReading()
    {
        var s = With(Pact(new Trigger(TriggerEvent.ArmedAttack, []), Scope.Unlimited));
        var war = new War(new StateId("KOR"), new StateId("PRK"), null, null, Provenance.Judge("test"));
        Assert.Equal(ObligationStatus.DependsOnReading, Eval(s, "PRK", "KOR", null, war).StatusOf("JPN"));
    }

    [Fact]
    public void Kind_ConsultationClause_NeverObliges()
    {
        var s = With(Pact(new Trigger(TriggerEvent.Threat, []), Scope.Unlimited, ClauseKind.Consultation));
        var no = Assert.Single(Eval(s, "PRK", "KOR", null).NotObligedFor("JPN"));
        Assert.Contains("consultation only", no.Reason);
    }

    [Fact]
    public void Scope_NamedTerritory_CoversOnlyThatTerritory()
    {
        var sc = new Scope(false, [], ["JPN-senkaku"], false, [], "the Senkaku Islands");
        var s = With(Pact(new Trigger(TriggerEvent.ArmedAttack, []), sc) with
        {
            Parties = [new Membership(new StateId("JPN"), DateSpan.Always), new Membership(new StateId("USA"), DateSpan.Always)],
        });
        Assert.Single(Eval(s, "CHN", "JPN", "JPN-senkaku").ObligedFor("USA"));
        Assert.Empty(Eval(s, "CHN", "JPN", "JPN-okinawa").ObligedFor("USA"));
    }

    [Fact]
    public void Clause_PrintsBackAsTextWithSource()
    {
        var a = Ask("USA", "PRK", null, "2025-01-10");
        var f = Assert.Single(a.ObligedFor("RUS"));
        Assert.StartsWith("If one of the two sides is placed under a state of war due to an armed invasion", f.Text);
        Assert.Contains("koreaherald.com", f.Source);
        Assert.Equal("judgement", f.Credibility!.Basis.Kind);
        var tass = Assert.Single(Bundled.Treaty("rus-prk-2024")!.Clauses.Single(c => c.Article == "4").Renderings);
        Assert.StartsWith("In the event that one of the sides comes under an armed attack", tass.Text);
        Assert.Equal("https://tass.com/politics/1868051", tass.Source);
    }

    [Fact]
    public void Resolver_UnknownPlace_SuggestsTheClosestId()
    {
        var e = Assert.Throws<InputException>(() => Ask("CHN", "JPN", "JPN-senkak", "2025-01-10"));
        Assert.Contains("did you mean 'JPN-senkaku'", e.Message);
    }

    [Fact]
    public void Resolver_TerritoryOfAnotherState_AsksForAsset()
    {
        var e = Assert.Throws<InputException>(() => Ask("PRK", "USA", "KOR", "2025-01-10"));
        Assert.Contains("--asset armed-forces", e.Message);
        // With the asset, an attack on US forces on ROK territory is evaluated.
        var a = Ask("PRK", "USA", "KOR", "2025-01-10", ForceKind.ArmedForces);
        Assert.Single(a.ObligedFor("AUS"));
    }

    [Fact]
    public void Scenario_EveryNatoMemberIsAParty_WithAccessionDates()
    {
        var nato = Bundled.Treaty("nato-1949")!;
        Assert.Equal(32, nato.Parties.Select(p => p.State).Distinct().Count());
        Assert.Equal(new DateOnly(2020, 3, 27), nato.Parties.Single(p => p.State.Iso3 == "MKD").Span.From);
        Assert.Equal(new DateOnly(2023, 4, 4), nato.Parties.Single(p => p.State.Iso3 == "FIN").Span.From);
        Assert.Equal(new DateOnly(2024, 3, 7), nato.Parties.Single(p => p.State.Iso3 == "SWE").Span.From);
        Assert.All(Bundled.Treaties.SelectMany(t => t.Clauses), c => Assert.True(c.Credibility is null || c.Credibility.Basis.IsJudgement));
    }
}
