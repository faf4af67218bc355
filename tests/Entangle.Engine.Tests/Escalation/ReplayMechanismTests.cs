using System.Text.RegularExpressions;
using Entangle.Application.Escalation;
using Entangle.Engine.Escalation;
using Entangle.Tests.Shared;

namespace Entangle.Engine.Tests.Escalation;

/// <summary>
/// <c>replay</c> shows each mechanism of the bundled scenario with the numbers behind it (issue 10): over the first
/// runs, a line for every treaty flow's act (hazard, draw, amount), capability absorption (stock, pipeline), the pivot
/// (pull per theater), the spiral (build-ups, stocks, reactions, fatigues, the stability condition) and the fault line
/// (chance, restraint, bounded chance, draw), the DPRK's resources (index, each channel, the cost factor), and decisions whose stake carries the horizontal link and the security
/// dilemma (the replay's "why" line prints those parts from the decision's data).
/// </summary>
public sealed class ReplayMechanismTests
{
    private static readonly Regex Number = new(@"\d+\.\d+", RegexOptions.CultureInvariant);
    private const int MaxRuns = 3000;

    [Fact]
    public void Replay_ShowsEveryMechanismLineWithItsNumbers()
    {
        var m = EscalationService.Load(RepoPaths.BundledScenario, new EscalationRequest());
        var needed = new Dictionary<string, Regex>(StringComparer.Ordinal)
        {
            ["flow"] = new(@"^flow '[^']+' \((transfer|exercise|munitions|deployment|economic), under rus-prk-2024\): [A-Z]{3} delivers \d+(\.\d+)? force units to [A-Z]{3} in [a-z-]+ \(hazard 0\.\d{4}, draw 0\.\d{4}\)$"),
            ["capability"] = new(@"^[A-Z]{3} capability in [a-z-]+: \d+(\.\d+)? absorbed; usable stock \d+(\.\d+)?, still in the pipeline \d+(\.\d+)?$"),
            ["pivot"] = new(@"^USA allocation reads its opponents' capability growth: .*\+\d\.\d{4}"),
            ["spiral"] = new(@"^spiral 'usa-chn-asia': build-ups USA -?\d+(\.\d+)?, CHN -?\d+(\.\d+)?; stocks .*\(reaction 0\.\d+/0\.\d+, fatigue 0\.15/0\.15: (stable|unstable)"),
            ["economy"] = new(@"^PRK resources R = 1\.\d{4} \(1 \+ Σ channel − start: .*sanctions-erosion-treaty 0\.0000 → 0\.\d{4}.*\); ladder costs × R\^−\d(\.\d+)? = 0\.\d{4}$"),
            ["faultline"] = new(@"^fault line 'rus-chn-korea': RUS holds back (flow [a-z-]+|obligation rus-prk-2024 \S+) for PRK in korea while CHN stays out \(chance 0\.\d{4} × \(1 − restraint 0\.\d+\) = 0\.\d{4}, draw 0\.\d{4}\)$"),
        };
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        bool link = false, security = false;
        for (var run = 0; run < MaxRuns && (found.Count < needed.Count || !link || !security); run++)
        {
            var r = EscalationService.Replay(m, 1, run, 5);
            foreach (var e in r.Trace)
            {
                if (needed.TryGetValue(e.Kind, out var rx) && !found.ContainsKey(e.Kind))
                {
                    Assert.Matches(rx, e.Text);
                    Assert.Matches(Number, e.Text);
                    found[e.Kind] = e.Text;
                }
                if (e.Decision is { } d)
                {
                    link |= d.LinkStake > 0 && d.Link == "prk-second-front-for-rus";
                    security |= d.SecurityStake > 0;
                }
            }
        }
        Assert.True(found.Count == needed.Count, "no replay line in the first runs for: " + string.Join(", ", needed.Keys.Except(found.Keys)));
        Assert.True(link, "no decision whose stake carries the horizontal link");
        Assert.True(security, "no decision whose stake carries the security dilemma");
    }
}
