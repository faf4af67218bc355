using Entangle.Domain;
using Entangle.Domain.Escalation;
using Entangle.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;
using static Entangle.Scenarios.Sections.SectionHelpers;

namespace Entangle.Scenarios.Sections;

/// <summary>
/// <c>escalation:</c> — the escalation engine's parameters (docs/escalation.md): settings, globals, actors with
/// deployments, theaters with sides and starting levels, pairs, horizontal links and normalisations. Every number
/// is an estimate: <c>{ value, source | judgement }</c> or a distribution <c>{ dist: uniform, lo, hi, judgement }</c>.
/// </summary>
public sealed class EscalationSection : ISectionReader
{
    /// <summary>The top level of the escalation ladder (ten levels, 0–9; docs/model.md). Levels in the section are
    /// checked against it here, with their location, as well as by the engine.</summary>
    public const int LadderTop = 9;

    public string Name => EscalationModel.SectionName;

    public void Read(YamlNode node, SourceContext ctx, ScenarioParts parts)
    {
        var m = MapReader.Open(node, ctx, "escalation", "settings", "globals", "actors", "theaters", "pairs", "links", "normalisations", "calibration", "flows", "spirals", "fault_lines", "economies", "treaty_expectations");
        if (m is null) return;
        if (parts.Extensions.ContainsKey(Name))
        {
            ctx.Error(node, "a second 'escalation:' section; a scenario has one, in one file");
            return;
        }

        var settings = EscalationSettings.Default;
        if (m.Get("settings") is { } sn && MapReader.Open(sn, ctx, "escalation settings", "step", "steps", "start", "crisis_level") is { } sm)
        {
            var step = sm.String("step");
            var unit = step switch { null or "month" => StepUnit.Month, "week" => StepUnit.Week, _ => (StepUnit?)null };
            if (unit is null) ctx.Error(sm.Get("step"), $"escalation settings: 'step' = '{step}' is not one of week, month");
            settings = new EscalationSettings(unit ?? StepUnit.Month, sm.Integer("steps", min: 1, max: 10_000) ?? settings.Steps,
                sm.Date("start"), sm.Integer("crisis_level", min: 1, max: LadderTop) ?? settings.CrisisLevel);
        }

        var globals = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        if (m.Get("globals") is { } gn && MapReader.Open(gn, ctx, "escalation globals", [.. ParameterCatalog.GlobalParameters.Select(p => p.Name)]) is { } gm)
            foreach (var p in ParameterCatalog.GlobalParameters)
                if (Estimate(gm, p.Name, p.Min, p.Max) is { } e) globals[p.Name] = e;

        var actors = new List<EscalationActor>();
        var seenActors = new HashSet<string>(StringComparer.Ordinal);
        string[] actorKeys = ["state", "deployments", "note", .. ParameterCatalog.ActorParameters.Select(p => p.Name)];
        foreach (var am in Items(m.Get("actors") ?? new YamlSequenceNode(), ctx, "escalation actors", "escalation actor", actorKeys))
        {
            var state = Ref(am, parts, "state", IdKind.State, required: true);
            if (state is null) continue;
            am.As($"escalation actor '{state}'");
            if (!seenActors.Add(state)) ctx.Error(am.Get("state"), $"escalation actor '{state}' is listed twice");
            var ps = new Dictionary<string, Estimate>(StringComparer.Ordinal);
            foreach (var p in ParameterCatalog.ActorParameters)
                if (Estimate(am, p.Name, p.Min, p.Max) is { } e) ps[p.Name] = e;
            var deps = new List<Deployment>();
            var shareTotal = 0.0;
            foreach (var d in am.List("deployments"))
            {
                var dm = MapReader.Open(d, ctx, $"{am.What}, deployment", "theater", "share", "note");
                if (dm is null) continue;
                var th = Ref(dm, parts, "theater", IdKind.Theater, required: true);
                var share = Estimate(dm, "share", 0, 1, required: true);
                dm.String("note");
                if (th is not null && share is not null) deps.Add(new Deployment(th, share));
                if (share is not null) shareTotal += share.Range.Hi;
            }
            if (shareTotal > 1 + 1e-9)
                ctx.Error(am.KeyOrSelf("deployments"), $"{am.What}: deployment shares can add up to {shareTotal.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}; they must not exceed 1");
            am.String("note");
            actors.Add(new EscalationActor(new StateId(state), ps, deps));
        }

        var theaters = new List<EscalationTheater>();
        foreach (var tm in Items(m.Get("theaters") ?? new YamlSequenceNode(), ctx, "escalation theaters", "escalation theater",
                     "theater", "start_level", "max_level", "side_a", "side_b", "supporters", "stakes", "note"))
        {
            var th = Ref(tm, parts, "theater", IdKind.Theater, required: true);
            if (th is null) continue;
            tm.As($"escalation theater '{th}'");
            var start = Estimate(tm, "start_level", 0, LadderTop, required: true);
            var max = tm.Integer("max_level", min: 0, max: LadderTop);
            var a = Refs(tm, parts, "side_a", IdKind.State, required: true).Select(s => new StateId(s)).ToList();
            var b = Refs(tm, parts, "side_b", IdKind.State, required: true).Select(s => new StateId(s)).ToList();
            var placed = new Dictionary<string, string>(StringComparer.Ordinal); // state → where it was first placed
            foreach (var side in new[] { "side_a", "side_b" })
            {
                if (tm.Get(side) is YamlSequenceNode { Children.Count: 0 } empty)
                    ctx.Error(empty, $"{tm.What}: '{side}' is empty; each side needs at least one state");
                foreach (var (st, n) in tm.Strings(side))
                    if (!placed.TryAdd(st, side))
                        ctx.Error(n, placed[st] == side ? $"{tm.What}: '{st}' is listed twice in '{side}'" : $"{tm.What}: '{st}' is on both sides ('{placed[st]}' and '{side}')");
            }
            var supporters = new List<Supporter>();
            foreach (var s in tm.List("supporters"))
            {
                var spm = MapReader.Open(s, ctx, $"{tm.What}, supporter", "state", "side", "help", "may_intervene", "note");
                if (spm is null) continue;
                var st = Ref(spm, parts, "state", IdKind.State, required: true);
                if (st is not null && !placed.TryAdd(st, "supporters"))
                    ctx.Error(spm.Get("state"), placed[st] == "supporters" ? $"{tm.What}: supporter '{st}' is listed twice" : $"{tm.What}: '{st}' is both in '{placed[st]}' and a supporter");
                var sideText = spm.String("side", required: true);
                var side = sideText switch { "a" => Side.A, "b" => Side.B, _ => (Side?)null };
                if (sideText is not null && side is null) ctx.Error(spm.Get("side"), $"{tm.What}, supporter: 'side' = '{sideText}' is not one of a, b");
                var help = Estimate(spm, "help", 0, 1, required: true);
                var may = spm.Bool("may_intervene") ?? false;
                spm.String("note");
                if (st is not null && side is not null && help is not null) supporters.Add(new Supporter(new StateId(st), side.Value, help, may));
            }
            var stakes = new Dictionary<StateId, Estimate>();
            foreach (var s in tm.List("stakes"))
            {
                var skm = MapReader.Open(s, ctx, $"{tm.What}, stake", "state", "stake", "note");
                if (skm is null) continue;
                var st = Ref(skm, parts, "state", IdKind.State, required: true);
                var e = Estimate(skm, "stake", 0, 10, required: true);
                skm.String("note");
                if (st is not null && e is not null && !stakes.TryAdd(new StateId(st), e)) ctx.Error(skm.Get("state"), $"{tm.What}: stake of '{st}' given twice");
            }
            tm.String("note");
            if (start is not null)
                theaters.Add(new EscalationTheater(th, start, a, b, supporters, stakes, max));
        }

        var pairs = new List<PairParameters>();
        foreach (var pm in Items(m.Get("pairs") ?? new YamlSequenceNode(), ctx, "escalation pairs", "escalation pair",
                     "between", "trade_dependence", "channel", "channel_name", "note"))
        {
            var between = Refs(pm, parts, "between", IdKind.State, required: true);
            if (between.Count != 2) { ctx.Error(pm.KeyOrSelf("between"), $"{pm.What}: 'between' should name two states"); continue; }
            pm.As($"escalation pair {between[0]}–{between[1]}");
            var td = Estimate(pm, "trade_dependence", 0, 1);
            var ch = Estimate(pm, "channel", 0, 1);
            pm.String("note");
            pairs.Add(new PairParameters(new StateId(between[0]), new StateId(between[1]), td, ch, pm.String("channel_name")));
        }

        var links = new List<HorizontalLink>();
        foreach (var lm in Items(m.Get("links") ?? new YamlSequenceNode(), ctx, "escalation links", "escalation link",
                     "id", "actor", "beneficiary", "from", "to", "weight", "treaty", "description"))
        {
            var id = lm.String("id", required: true) ?? "";
            lm.As($"escalation link '{id}'");
            var actor = Ref(lm, parts, "actor", IdKind.State, required: true);
            var ben = Ref(lm, parts, "beneficiary", IdKind.State, required: true);
            var from = Ref(lm, parts, "from", IdKind.Theater, required: true);
            var to = Ref(lm, parts, "to", IdKind.Theater, required: true);
            var w = Estimate(lm, "weight", 0, 100, required: true);
            var treaty = Ref(lm, parts, "treaty", IdKind.Treaty);
            if (actor is null || ben is null || from is null || to is null || w is null) continue;
            if (links.Any(l => l.Id == id)) ctx.Error(lm.Get("id"), $"duplicate escalation link id '{id}'");
            links.Add(new HorizontalLink(id, new StateId(actor), new StateId(ben), from, to, w, treaty, lm.String("description")));
        }

        var norms = new List<Normalisation>();
        foreach (var nm in Items(m.Get("normalisations") ?? new YamlSequenceNode(), ctx, "escalation normalisations", "normalisation",
                     "id", "between", "theaters", "pivot_actor", "base_rate", "sensitivity", "pivot_sensitivity", "description"))
        {
            var id = nm.String("id", required: true) ?? "";
            nm.As($"normalisation '{id}'");
            var between = Refs(nm, parts, "between", IdKind.State, required: true);
            if (between.Count != 2) { ctx.Error(nm.KeyOrSelf("between"), $"{nm.What}: 'between' should name two states"); continue; }
            var ths = Refs(nm, parts, "theaters", IdKind.Theater, required: true);
            var pivot = Ref(nm, parts, "pivot_actor", IdKind.State);
            Estimate Param(string key)
            {
                var info = ParameterCatalog.Find(ParameterCatalog.NormalisationParameters, key)!;
                return Estimate(nm, key, info.Min, info.Max) ?? info.DefaultEstimate;
            }
            norms.Add(new Normalisation(id, new StateId(between[0]), new StateId(between[1]), Param("base_rate"), Param("sensitivity"), ths,
                pivot is null ? null : new StateId(pivot), Param("pivot_sensitivity"), nm.String("description")));
        }

        string? calibration = null, calibrationText = null;
        if (m.String("calibration") is { } cal)
        {
            if (parts.Bundle is { } bundle)
            {
                // an uploaded scenario names a file of its bundle; nothing is read from disk. Unlike an include it may
                // climb out of its file's folder (the bundled scenario names ../calibration/…), never above the bundle's top.
                var target = ScenarioBundle.Resolve(ctx.File, cal, out var problem, "calibration file", anywhereInBundle: true);
                if (target is not null && !bundle.Files.ContainsKey(target))
                    problem = $"calibration file '{SourceContext.Quote(cal)}' not found in the uploaded bundle (looked for {target}); add it to the bundle";
                if (problem is not null) ctx.Error(m.Get("calibration"), "escalation: " + problem);
                else (calibration, calibrationText) = (target, ScenarioBundle.Text(bundle.Files[target!]));
            }
            else
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ctx.File)) ?? ".", cal));
                if (!File.Exists(full)) ctx.Error(m.Get("calibration"), $"escalation: calibration file '{SourceContext.Quote(cal)}' not found (resolved to {(SourceContext.Quote(cal) == cal ? full : SourceContext.Quote(full))}); write one with: entangle calibrate --out FILE");
                else calibration = full;
            }
        }
        parts.Extensions[Name] = new EscalationModel(settings, globals, actors, theaters, pairs, links, norms)
        {
            Calibration = calibration, CalibrationText = calibrationText, Mechanisms = ReadMechanisms(m, ctx, parts),
        };
    }

    private static readonly Dictionary<string, FlowKind> FlowKinds = new(StringComparer.Ordinal)
    {
        ["transfer"] = FlowKind.Transfer, ["exercise"] = FlowKind.Exercise, ["munitions"] = FlowKind.Munitions,
        ["deployment"] = FlowKind.Deployment, ["economic"] = FlowKind.Economic,
    };

    /// <summary>Treaty flows, arms spirals and expected entries into force (docs/model.md §11–12).</summary>
    private static EscalationMechanisms ReadMechanisms(MapReader m, SourceContext ctx, ScenarioParts parts)
    {
        var flows = new List<TreatyFlow>();
        foreach (var fm in Items(m.Get("flows") ?? new YamlSequenceNode(), ctx, "escalation flows", "flow",
                     "id", "kind", "by", "to", "theater", "treaty", "hazard", "amount", "description"))
        {
            var id = fm.String("id", required: true) ?? "";
            fm.As($"flow '{id}'");
            var kindText = fm.String("kind", required: true);
            FlowKind? kind = kindText is null ? null : FlowKinds.TryGetValue(kindText, out var k) ? k : null;
            if (kindText is not null && kind is null)
                ctx.Error(fm.Get("kind"), $"{fm.What}: 'kind' = '{kindText}' is not one of {string.Join(", ", FlowKinds.Keys)}{Suggest.DidYouMean(kindText, FlowKinds.Keys)}");
            var by = Ref(fm, parts, "by", IdKind.State, required: true);
            var to = Ref(fm, parts, "to", IdKind.State, required: true);
            var theater = Ref(fm, parts, "theater", IdKind.Theater, required: true);
            var treaty = Ref(fm, parts, "treaty", IdKind.Treaty, required: true);
            var hazard = Estimate(fm, "hazard", ParameterCatalog.Flow.Hazard.Min, ParameterCatalog.Flow.Hazard.Max, required: true);
            var amount = Estimate(fm, "amount", ParameterCatalog.Flow.Amount.Min, ParameterCatalog.Flow.Amount.Max, required: true);
            if (flows.Any(f => f.Id == id)) ctx.Error(fm.Get("id"), $"duplicate flow id '{id}'");
            if (kind is null || by is null || to is null || theater is null || treaty is null || hazard is null || amount is null) continue;
            flows.Add(new TreatyFlow(id, kind.Value, new StateId(by), new StateId(to), theater, treaty, hazard, amount, fm.String("description")));
        }
        var spirals = new List<Spiral>();
        foreach (var sm in Items(m.Get("spirals") ?? new YamlSequenceNode(), ctx, "escalation spirals", "spiral", "id", "between", "theaters", "description"))
        {
            var id = sm.String("id", required: true) ?? "";
            sm.As($"spiral '{id}'");
            var between = Refs(sm, parts, "between", IdKind.State, required: true);
            var ths = Refs(sm, parts, "theaters", IdKind.Theater, required: true);
            if (between.Count != 2) { ctx.Error(sm.KeyOrSelf("between"), $"{sm.What}: 'between' should name two states"); continue; }
            spirals.Add(new Spiral(id, new StateId(between[0]), new StateId(between[1]), ths, sm.String("description")));
        }
        var lines = new List<FaultLine>();
        foreach (var lm in Items(m.Get("fault_lines") ?? new YamlSequenceNode(), ctx, "escalation fault_lines", "fault line",
                     "id", "patron", "limiter", "client", "theater", "restraint", "description"))
        {
            var id = lm.String("id", required: true) ?? "";
            lm.As($"fault line '{id}'");
            var patron = Ref(lm, parts, "patron", IdKind.State, required: true);
            var limiter = Ref(lm, parts, "limiter", IdKind.State, required: true);
            var client = Ref(lm, parts, "client", IdKind.State, required: true);
            var theater = Ref(lm, parts, "theater", IdKind.Theater, required: true);
            var restraint = Estimate(lm, "restraint", ParameterCatalog.FaultLine.Restraint.Min, ParameterCatalog.FaultLine.Restraint.Max, required: true);
            if (lines.Any(f => f.Id == id)) ctx.Error(lm.Get("id"), $"duplicate fault line id '{id}'");
            if (patron is not null && (patron == limiter || patron == client)) ctx.Error(lm.Get("patron"), $"{lm.What}: patron, limiter and client must be three different states");
            if (patron is null || limiter is null || client is null || theater is null || restraint is null) continue;
            lines.Add(new FaultLine(id, new StateId(patron), new StateId(limiter), new StateId(client), theater, restraint, lm.String("description")));
        }
        var economies = new List<Economy>();
        var channelIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var em in Items(m.Get("economies") ?? new YamlSequenceNode(), ctx, "escalation economies", "economy",
                     "actor", "elasticity", "channels", "description"))
        {
            var actor = Ref(em, parts, "actor", IdKind.State, required: true);
            em.As($"economy of '{actor}'");
            var elasticity = Estimate(em, "elasticity", ParameterCatalog.Economy.Elasticity.Min, ParameterCatalog.Economy.Elasticity.Max, required: true);
            if (actor is not null && economies.Any(x => x.Actor.Iso3 == actor)) ctx.Error(em.Get("actor"), $"a second economy of '{actor}'; give each actor one, with all its channels");
            var channels = new List<EconomicChannel>();
            foreach (var cm in Items(em.Get("channels") ?? new YamlSequenceNode(), ctx, $"{em.What}, channels", "channel",
                         "id", "relation", "event", "treaty", "growth", "inflow", "delay", "description"))
            {
                var id = cm.String("id", required: true) ?? "";
                cm.As($"channel '{id}'");
                var relation = Ref(cm, parts, "relation", IdKind.Relation, required: true);
                var ev = Ref(cm, parts, "event", IdKind.Event);
                var treaty = Ref(cm, parts, "treaty", IdKind.Treaty);
                var growth = Estimate(cm, "growth", ParameterCatalog.Channel.Growth.Min, ParameterCatalog.Channel.Growth.Max);
                var inflow = Estimate(cm, "inflow", ParameterCatalog.Channel.Inflow.Min, ParameterCatalog.Channel.Inflow.Max);
                var delay = Estimate(cm, "delay", ParameterCatalog.Channel.Delay.Min, ParameterCatalog.Channel.Delay.Max);
                if (!channelIds.Add(id)) ctx.Error(cm.Get("id"), $"duplicate channel id '{id}'");
                if (cm.Get("growth") is null && cm.Get("inflow") is null)
                    ctx.Error(cm.KeyOrSelf("id"), $"{cm.What}: give 'growth', 'inflow' or both; a channel with neither moves nothing");
                if (relation is null) continue;
                channels.Add(new EconomicChannel(id, relation, ev, treaty, growth, inflow, delay, cm.String("description")));
            }
            if (em.Get("channels") is null) ctx.Error(em.KeyOrSelf("actor"), $"{em.What}: missing required field 'channels'");
            if (actor is null || elasticity is null) continue;
            economies.Add(new Economy(new StateId(actor), elasticity, channels, em.String("description")));
        }
        var expected = new List<TreatyExpectation>();
        foreach (var em in Items(m.Get("treaty_expectations") ?? new YamlSequenceNode(), ctx, "escalation treaty_expectations", "treaty expectation",
                     "treaty", "in_force", "source", "judgement"))
        {
            var treaty = Ref(em, parts, "treaty", IdKind.Treaty, required: true);
            var date = em.Date("in_force", required: true);
            var basis = em.Provenance();
            if (treaty is null || date is null || basis is null) continue;
            expected.Add(new TreatyExpectation(treaty, date.Value, basis));
        }
        return new EscalationMechanisms(flows, spirals, expected, lines, economies);
    }

    /// <summary>
    /// Reads an estimate under <paramref name="key"/>: <c>{ value, source | judgement }</c>, or
    /// <c>{ dist: uniform | triangular | normal, lo, hi, mode, mean, sd, judgement }</c>, checking the range.
    /// </summary>
    public static Estimate? Estimate(MapReader parent, string key, double min, double max, bool required = false)
    {
        var v = parent.Get(key);
        if (v is null)
        {
            if (required) parent.Context.Error(parent.KeyOrSelf(key), $"{parent.What}: missing required field '{key}'");
            return null;
        }
        if (v is not YamlMappingNode)
        {
            parent.Context.Error(v, $"{parent.What}: '{key}' should be an estimate {{ value: …, judgement: \"…\" }} (or source: \"…\" in place of judgement), " +
                                    $"or a distribution {{ dist: uniform, lo: …, hi: …, judgement: \"…\" }}; got {SourceContext.Describe(v)}");
            return null;
        }
        var m = MapReader.Open(v, parent.Context, $"{parent.What}, {key}", "value", "dist", "lo", "hi", "mode", "mean", "sd", "source", "judgement", "note");
        if (m is null) return null;
        var ctx = m.Context;
        var dist = m.String("dist");
        Estimate? result = null;
        var basis = m.Provenance();
        m.String("note");
        switch (dist)
        {
            case null:
            {
                if (m.Has("lo") || m.Has("hi") || m.Has("mode") || m.Has("mean") || m.Has("sd"))
                    ctx.Error(m.Node, $"{m.What}: 'lo', 'hi', 'mode', 'mean' and 'sd' belong to a distribution; add 'dist: uniform | triangular | normal'");
                var value = m.Number("value", required: true, min, max);
                if (value is not null && basis is not null) result = new Estimate.Point(value.Value, basis);
                break;
            }
            case "uniform" or "triangular" or "normal":
            {
                if (m.Has("value")) ctx.Error(m.KeyOrSelf("value"), $"{m.What}: a distribution has no 'value'; give its parameters");
                if (dist == "normal")
                {
                    var mean = m.Number("mean", required: true, min, max);
                    var sd = m.Number("sd", required: true, 0);
                    var lo = m.Number("lo", min: min, max: max) ?? (double.IsFinite(min) ? min : (mean ?? 0) - 10 * (sd ?? 1));
                    var hi = m.Number("hi", min: min, max: max) ?? (double.IsFinite(max) ? max : (mean ?? 0) + 10 * (sd ?? 1));
                    if (mean is not null && sd is not null && basis is not null) result = new Estimate.Normal(mean.Value, sd.Value, lo, hi, basis);
                }
                else
                {
                    var lo = m.Number("lo", required: true, min, max);
                    var hi = m.Number("hi", required: true, min, max);
                    double? mode = dist == "triangular" ? m.Number("mode", required: true, min, max) : null;
                    if (dist == "uniform" && m.Has("mode")) ctx.Error(m.KeyOrSelf("mode"), $"{m.What}: a uniform distribution has no 'mode'");
                    if (lo is not null && hi is not null && lo > hi) { ctx.Error(m.KeyOrSelf("hi"), $"{m.What}: 'hi' ({hi}) is below 'lo' ({lo})"); break; }
                    if (mode is not null && lo is not null && hi is not null && (mode < lo || mode > hi))
                    { ctx.Error(m.KeyOrSelf("mode"), $"{m.What}: 'mode' must lie between 'lo' and 'hi'"); break; }
                    if (lo is null || hi is null || basis is null) break;
                    result = dist == "uniform" ? new Estimate.Uniform(lo.Value, hi.Value, basis)
                        : mode is null ? null : new Estimate.Triangular(lo.Value, mode.Value, hi.Value, basis);
                }
                break;
            }
            default:
                ctx.Error(m.Get("dist"), $"{m.What}: 'dist' = '{dist}' is not one of uniform, triangular, normal{Suggest.DidYouMean(dist, ["uniform", "triangular", "normal"])}");
                break;
        }
        return result;
    }
}
