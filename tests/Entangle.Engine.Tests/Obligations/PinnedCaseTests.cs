using Entangle.Domain;
using Entangle.Engine.Obligations;
using static Entangle.Engine.Tests.Obligations.ObligationFixture;

namespace Entangle.Engine.Tests.Obligations;

/// <summary>
/// Cases derived by hand from the clause texts in ../shared/reference/treaties/clauses.md; the derivation is in each
/// test's comment. They run against the bundled scenario's geography and treaties fragments.
/// </summary>
public sealed class PinnedCaseTests
{
    // 1961 Art. II: "being subjected to the armed attack by any state ... and thus being involved in a state of war, the
    // other Contracting Party shall immediately render military and other assistance by all means at its disposal".
    // A US attack on the DPRK is an armed attack by a state that puts the DPRK at war → China obliged, automatically.
    [Fact]
    public void Obligations_UsAttacksDprk_ChinaObligedUnderArticleII()
    {
        var a = Ask("USA", "PRK", null, "2024-12-10");
        var f = Assert.Single(a.ObligedFor("CHN"));
        Assert.Equal("chn-prk-1961", f.Treaty);
        Assert.Equal("II", f.Clause);
        Assert.Equal(ClauseStrength.Automatic, f.Strength);
        Assert.Equal("all", f.Reading);
        Assert.Equal(ObligationStatus.Obliged, a.StatusOf("CHN"));
    }

    // 2024 Art. 4, both renderings: KCNA "placed under a state of war due to an armed invasion" and TASS "comes under an
    // armed attack ... and thus finds itself in a state of war". An attack on DPRK territory by a state with which it
    // was not at war satisfies both → Russia obliged under every reading, once the treaty is in force (4 Dec 2024).
    [Fact]
    public void Obligations_UsAttacksDprkAfterEntryIntoForce_RussiaObligedUnderArticle4()
    {
        var a = Ask("USA", "PRK", null, "2024-12-04");
        var f = Assert.Single(a.ObligedFor("RUS"));
        Assert.Equal("rus-prk-2024", f.Treaty);
        Assert.Equal("4", f.Clause);
        Assert.Equal(ClauseStrength.Automatic, f.Strength);
        Assert.Equal("all", f.Reading);
        Assert.Equal(["text", "tass"], f.Renderings);
        // The 2000 treaty ended the same day.
        Assert.Contains(a.NotObligedFor("RUS"), n => n.Treaty == "rus-prk-2000" && n.Reason.Contains("ended on 2024-12-04"));
    }

    // On 1 Jul 2024 the 2024 treaty was signed (19 Jun) but not in force (4 Dec); the 2000 treaty was in force and its
    // Art. 2 is consultation only → Russia is not obliged, for two stated reasons.
    [Fact]
    public void Obligations_UsAttacksDprkOn1Jul2024_RussiaNotObliged_2000TreatyConsultationOnly()
    {
        var a = Ask("USA", "PRK", null, "2024-07-01");
        Assert.Empty(a.ObligedFor("RUS"));
        Assert.Equal(ObligationStatus.NotObliged, a.StatusOf("RUS"));
        var no = a.NotObligedFor("RUS");
        Assert.Contains(no, n => n.Treaty == "rus-prk-2000" && n.Reason.Contains("consultation only"));
        Assert.Contains(no, n => n.Treaty == "rus-prk-2024" && n.Reason.Contains("not yet in force") && n.Reason.Contains("2024-12-04"));
        // China's 1961 obligation does not depend on the date.
        Assert.Single(a.ObligedFor("CHN"));
    }

    // As of the scenario's own date (23 Jun 2024, no hindsight) the treaty is signed and pending ratification: the engine
    // says so and obliges no one under it.
    [Fact]
    public void Obligations_OnTheScenarioDateWithoutHindsight_RussiaNotObliged_TreatySignedPendingRatification()
    {
        var a = ObligationEngine.Answer(Bundled, new ObligationQuery(new StateId("USA"), new StateId("PRK"), null, null, new DateOnly(2024, 6, 23)));
        Assert.Empty(a.ObligedFor("RUS"));
        Assert.Contains(a.NotObligedFor("RUS"), n => n.Treaty == "rus-prk-2024" && n.Reason.Contains("signed on 2024-06-19") && n.Reason.Contains("pending ratification"));
    }

    // The day before entry into force Russia is still not obliged; the boundary is 4 Dec 2024 itself.
    [Fact]
    public void Obligations_UsAttacksDprkOn3Dec2024_RussiaNotYetObliged()
    {
        Assert.Empty(Ask("USA", "PRK", null, "2024-12-03").ObligedFor("RUS"));
        Assert.Single(Ask("USA", "PRK", null, "2024-12-04").ObligedFor("RUS"));
    }

    // US–ROK Art. III: "an armed attack in the Pacific area on either of the Parties in territories now under their
    // respective administrative control ... would act to meet the common danger in accordance with its constitutional
    // processes". ROK territory is under ROK administration and in the Pacific area → US obliged, conditionally.
    [Fact]
    public void Obligations_DprkAttacksRok_UsObligedConditionallyUnderArticleIII()
    {
        var a = Ask("PRK", "KOR", null, "2025-01-10");
        var f = Assert.Single(a.ObligedFor("USA"));
        Assert.Equal("usa-kor-1953", f.Treaty);
        Assert.Equal("III", f.Clause);
        Assert.Equal(ClauseStrength.Conditional, f.Strength);
        Assert.Contains("constitutional processes", f.Text);
        Assert.Contains("Pacific area", f.Scope);
    }

    // US–Philippines Art. IV–V: an armed attack "in the Pacific Area" is deemed to include one on a party's "armed forces,
    // public vessels or aircraft in the Pacific". The South China Sea lies in the Pacific area → US obliged (conditional).
    [Fact]
    public void Obligations_ChinaAttacksPhilippineVesselInSouthChinaSea_UsObligedUnderArticlesIVtoV()
    {
        var a = Ask("CHN", "PHL", "south-china-sea", "2025-01-10", ForceKind.PublicVessels);
        var f = Assert.Single(a.ObligedFor("USA"));
        Assert.Equal("usa-phl-1951", f.Treaty);
        Assert.Equal("IV–V", f.Clause);
        Assert.Equal(ClauseStrength.Conditional, f.Strength);
        Assert.Contains("public vessels", f.Scope);
    }

    // NATO Art. 5: "an armed attack against one or more of them in Europe or North America shall be considered an attack
    // against them all". Poland is in Europe → all 31 other members obliged ("such action as it deems necessary":
    // conditional) on 10 Jan 2025, including Finland (from 4 Apr 2023) and Sweden (from 7 Mar 2024).
    [Fact]
    public void Obligations_RussiaAttacksPoland_EveryNatoMemberObligedUnderArticle5()
    {
        var a = Ask("RUS", "POL", null, "2025-01-10");
        var nato = a.Obliged.Where(f => f.Treaty == "nato-1949").ToList();
        Assert.Equal(31, nato.Select(f => f.State).Distinct().Count());
        Assert.All(nato, f => Assert.Equal(ClauseStrength.Conditional, f.Strength));
        Assert.All(nato, f => Assert.Equal("all", f.Reading));
        Assert.Contains(nato, f => f.State.Iso3 == "FIN");
        Assert.Contains(nato, f => f.State.Iso3 == "SWE");
        Assert.DoesNotContain(nato, f => f.State.Iso3 == "POL");
    }

    // Russia's own attack on Poland is not an attack on Russia: no clause of the 2024 treaty is in play, so the DPRK is
    // not obliged (it does not even appear among the parties of relevant treaties, which are Poland's).
    [Fact]
    public void Obligations_RussiaAttacksPoland_DprkNotObligedByRussiasOwnAttack()
    {
        var a = Ask("RUS", "POL", null, "2025-01-10");
        Assert.Empty(a.ObligedFor("PRK"));
        Assert.Null(a.StatusOf("PRK"));
    }

    // After Russia attacked Poland, NATO's response strikes Russian territory. Art. 4 (KCNA) needs Russia "placed under a
    // state of war due to an armed invasion"; (TASS) "comes under an armed attack ... and thus finds itself in a state of
    // war". Russia began that war, so whether a counter-attack triggers Art. 4 turns on the reading: shown as both.
    [Fact]
    public void Obligations_NatoStrikesRussiaAfterRussianAttackOnPoland_Article4IsAReadingNotACertainty()
    {
        var war = new War(new StateId("RUS"), new StateId("POL"), null, null, Provenance.Judge("hypothetical: Russia attacks Poland"));
        var a = Ask("POL", "RUS", "RUS-european", "2025-01-10", null, war);
        Assert.True(a.Attack.TargetBeganWar);
        Assert.Equal(ObligationStatus.DependsOnReading, a.StatusOf("PRK"));
        Assert.Contains(a.ObligedFor("PRK"), f => f.Treaty == "rus-prk-2024" && f.Reading.EndsWith("broad", StringComparison.Ordinal));
        Assert.Contains(a.NotObligedFor("PRK"), f => f.Treaty == "rus-prk-2024" && f.Reading.EndsWith("narrow", StringComparison.Ordinal));
        Assert.DoesNotContain(a.Obliged, f => f.Reading == "all");
    }

    // Ukraine strikes Russian territory (Russia began the war on 24 Feb 2022, recorded in the europe-ukraine theater).
    // Whether Russia "is placed under a state of war due to an armed invasion" is not decided by the text → both readings,
    // with both renderings named.
    [Fact]
    public void Obligations_UkraineStrikesRussianTerritory_DprkObligationShownUnderBothReadings()
    {
        var a = Ask("UKR", "RUS", "RUS-european", "2025-01-10");
        Assert.True(a.Attack.TargetBeganWar);
        Assert.Contains("2022-02-24", a.Attack.BeganWarBasis);
        Assert.Equal(ObligationStatus.DependsOnReading, a.StatusOf("PRK"));
        var yes = Assert.Single(a.ObligedFor("PRK"));
        var no = Assert.Single(a.NotObligedFor("PRK"), f => f.Treaty == "rus-prk-2024");
        Assert.Equal(["text", "tass"], yes.Renderings);
        Assert.Contains("due to", no.Trigger);
        Assert.Contains("broad", yes.Reading);
        Assert.Contains("narrow", no.Reading);
    }

    // US–Japan Art. V: "an armed attack against either Party in the territories under the administration of Japan".
    // The Senkakus are administered by Japan (claimed by the PRC and Taiwan) → US obliged, conditionally.
    [Fact]
    public void Obligations_ChinaAttacksSenkakuIslands_UsObligedUnderArticleV()
    {
        var a = Ask("CHN", "JPN", "JPN-senkaku", "2025-01-10");
        var f = Assert.Single(a.ObligedFor("USA"));
        Assert.Equal("usa-jpn-1960", f.Treaty);
        Assert.Equal("V", f.Clause);
        Assert.Equal(ClauseStrength.Conditional, f.Strength);
        Assert.Contains("administration of JPN", f.Scope);
    }

    // The same Art. V covers only territories under Japan's administration: an attack on the US in Guam does not oblige
    // Japan, while ANZUS Art. IV ("in the Pacific Area") and US–Philippines Art. IV–V ("island territories under its
    // jurisdiction in the Pacific") oblige Australia and the Philippines, and US–ROK Art. III ("an armed attack in the
    // Pacific area on either of the Parties in territories now under their respective administrative control") obliges
    // the ROK: Guam is under US administration, in the Pacific area. NATO Art. 5 (Europe or North America) does not.
    [Fact]
    public void Obligations_ChinaAttacksGuam_JapanNotObliged_AustraliaAndPhilippinesObliged()
    {
        var a = Ask("CHN", "USA", "USA-guam", "2025-01-10");
        Assert.Empty(a.ObligedFor("JPN"));
        Assert.Contains(a.NotObligedFor("JPN"), f => f.Treaty == "usa-jpn-1960" && f.Reason.Contains("administered by USA"));
        Assert.Equal("anzus-1951", Assert.Single(a.ObligedFor("AUS")).Treaty);
        Assert.Equal("usa-phl-1951", Assert.Single(a.ObligedFor("PHL")).Treaty);
        Assert.DoesNotContain(a.Obliged, f => f.Treaty == "nato-1949");
        var rok = Assert.Single(a.ObligedFor("KOR"));
        Assert.Equal("usa-kor-1953", rok.Treaty);
        Assert.Equal(ClauseStrength.Conditional, rok.Strength);
    }

    // Finland joined NATO on 4 Apr 2023: an attack on Finland on 1 Jun 2022 obliges no NATO member; on 4 Apr 2023 all
    // 30 other members of the day do (31 members with Finland; Sweden joined only on 7 Mar 2024).
    [Fact]
    public void Obligations_RussiaAttacksFinland_NatoObligedOnlyFromAccession()
    {
        var before = Ask("RUS", "FIN", null, "2022-06-01");
        Assert.Empty(before.Obliged);
        Assert.All(before.NotObliged.Where(f => f.Treaty == "nato-1949"), f => Assert.Contains("FIN was not a party", f.Reason));
        var after = Ask("RUS", "FIN", null, "2023-04-04");
        Assert.Equal(30, after.Obliged.Count(f => f.Treaty == "nato-1949"));
        Assert.DoesNotContain(after.Obliged, f => f.State.Iso3 == "SWE");
    }

    // Sweden's accession date (7 Mar 2024) and North Macedonia's (27 Mar 2020) are the boundaries of their obligations.
    [Fact]
    public void Obligations_NatoAccessions_SwedenAndNorthMacedoniaBoundByAccessionDate()
    {
        var a = Ask("RUS", "POL", null, "2024-03-06");
        Assert.Empty(a.ObligedFor("SWE"));
        Assert.Contains(a.NotObligedFor("SWE"), f => f.Reason.Contains("from 2024-03-07"));
        Assert.Single(Ask("RUS", "POL", null, "2024-03-07").ObligedFor("SWE"));
        Assert.Empty(Ask("RUS", "POL", null, "2020-03-26").ObligedFor("MKD"));
        Assert.Single(Ask("RUS", "POL", null, "2020-03-27").ObligedFor("MKD"));
    }

    // AUKUS is a technology partnership with no defence clause: an attack on Australia obliges the UK to nothing under it
    // (the US is obliged under ANZUS Art. IV, Australia being in the Pacific area).
    [Fact]
    public void Obligations_ChinaAttacksAustralia_AukusObligesNoOne_AnzusObligesUs()
    {
        var a = Ask("CHN", "AUS", null, "2025-01-10");
        Assert.Empty(a.ObligedFor("GBR"));
        Assert.Contains(a.NotObligedFor("GBR"), f => f.Treaty == "aukus-2021" && f.Reason.Contains("no defence clause"));
        Assert.Equal("anzus-1951", Assert.Single(a.ObligedFor("USA")).Treaty);
    }

    // An attack on US forces in Korea is not an attack "in Europe or North America": NATO Art. 5 is not triggered, and
    // the reason says so.
    [Fact]
    public void Obligations_DprkAttacksUsForcesInKorea_NatoNotObliged_ScopeEuropeOrNorthAmerica()
    {
        var a = Ask("PRK", "USA", "korea", "2025-01-10");
        Assert.DoesNotContain(a.Obliged, f => f.Treaty == "nato-1949");
        Assert.All(a.NotObliged.Where(f => f.Treaty == "nato-1949"), f => Assert.Contains("Europe or North America", f.Reason));
        // ANZUS and US–Philippines cover US armed forces in the Pacific.
        Assert.Single(a.ObligedFor("AUS"));
        Assert.Single(a.ObligedFor("PHL"));
    }
}
