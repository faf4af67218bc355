using System.Globalization;
using Entangle.Application.Scenarios;
using Entangle.Domain;
using Entangle.Engine.Obligations;

namespace Entangle.Application.Obligations;

/// <summary>A credibility prior or other assessed value, flattened for JSON: value, and its source or judgement.</summary>
public sealed record AssessedView(double Value, string BasisKind, string Basis)
{
    /// <summary>Null-safe conversion.</summary>
    public static AssessedView? Of(Assessed? a) => a is null ? null : new(a.Value, a.Basis.Kind, a.Basis.Text);
}

/// <summary>The attack a query or cascade starts from.</summary>
public sealed record AttackView(
    string Attacker,
    string Target,
    IReadOnlyList<string> Sites,
    string? Theater,
    bool TargetBeganWar,
    string? BeganWarBasis,
    string? BeganWarSource)
{
    /// <summary>From the engine's attack.</summary>
    public static AttackView Of(Attack a) =>
        new(a.Attacker.Iso3, a.Target.Iso3, a.Sites.Select(s => s.Description).ToList(), a.Theater, a.TargetBeganWar, a.BeganWarBasis, a.BeganWarSource);
}

/// <summary>A state obliged to assist the target: <c>{state, treaty, clause, strength, reading, …}</c>.</summary>
public sealed record ObligedView(
    string State,
    string Treaty,
    string Clause,
    ClauseStrength Strength,
    string Reading,
    IReadOnlyList<string> Renderings,
    string Trigger,
    string Scope,
    string Reason,
    string Text,
    string Source,
    AssessedView? Credibility,
    IReadOnlyList<string> Exceptions);

/// <summary>A party to a relevant treaty that is not obliged: <c>{state, treaty, reason, …}</c>.</summary>
public sealed record NotObligedView(string State, string Treaty, string Reason, string? Clause, string? Reading);

/// <summary>Each state's overall answer.</summary>
public sealed record StatusView(string State, ObligationStatus Status);

/// <summary>The answer to <c>entangle obligations</c> (documented in docs/obligations.md).</summary>
public sealed record ObligationsReport(
    string Scenario,
    string On,
    AttackView Attack,
    IReadOnlyList<ObligedView> Obliged,
    IReadOnlyList<NotObligedView> NotObliged,
    IReadOnlyList<StatusView> Status)
{
    /// <summary>When the scenario was loaded with a hindsight overlay: its label (the answer uses what was learned after the scenario's date).</summary>
    public string? Hindsight { get; init; }
}

/// <summary>Use cases for treaty obligations: the query and the cascade, on a scenario file.</summary>
public static class ObligationsService
{
    /// <summary>Parses <c>RUS:UKR</c> (initiator:defender) into a war assumed under way.</summary>
    public static War ParseWar(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length != 3 || parts[1].Length != 3)
            throw new InputException($"war '{text}': write INITIATOR:DEFENDER as ISO3 codes, e.g. RUS:UKR");
        return new War(new StateId(parts[0].ToUpperInvariant()), new StateId(parts[1].ToUpperInvariant()), null, null,
            Provenance.Judge($"assumed by the user (--war {text})"));
    }

    /// <summary>Parses a YYYY-MM-DD date option.</summary>
    public static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new InputException($"{option} '{text}': expected a date as YYYY-MM-DD");

    /// <summary>Builds the engine query from command-line values; the date defaults to the scenario's as_of.</summary>
    /// <remarks>An attacker or target the scenario does not define is an error, with suggestions that also match
    /// the states' names and other names (<c>NKR</c> or <c>North Korea</c> → <c>PRK</c>).</remarks>
    public static ObligationQuery MakeQuery(Scenario s, string attacker, string target, string? where, string? asset, string? on, IReadOnlyList<string>? wars)
    {
        if (s.States.Count > 0)
        {
            var known = s.States.Select(x => x.Id.Iso3).ToHashSet(StringComparer.Ordinal);
            var named = s.States.Select(x => new Suggest.Named(x.Id.Iso3, [x.Name, .. x.OtherNames])).ToList();
            var problems = new List<Diagnostic>();
            foreach (var (role, id) in new[] { ("attacker", attacker), ("target", target) })
                if (!known.Contains(id.ToUpperInvariant()))
                    problems.Add(new Diagnostic(null, null, null, $"unknown {role} '{id}'{Suggest.DidYouMean(id, named)}"));
            if (problems.Count > 0) throw new InputException(problems);
        }
        return new(new StateId(attacker.ToUpperInvariant()), new StateId(target.ToUpperInvariant()), where,
            asset is null ? null : AttackResolver.ParseForce(asset),
            on is null ? s.Info.AsOf : ParseDate(on, "on"),
            (wars ?? []).Select(ParseWar).ToList());
    }

    /// <summary>Runs the query on a loaded scenario.</summary>
    public static ObligationsReport Query(Scenario s, ObligationQuery q)
    {
        var ans = ObligationEngine.Answer(s, q);
        return new ObligationsReport(
            s.Info.Id,
            ans.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AttackView.Of(ans.Attack),
            ans.Obliged.Select(f => new ObligedView(f.State.Iso3, f.Treaty, f.Clause ?? "", f.Strength ?? ClauseStrength.Conditional,
                f.Reading, f.Renderings, f.Trigger ?? "", f.Scope ?? "", f.Reason, f.Text ?? "", f.Source ?? "",
                AssessedView.Of(f.Credibility), f.Exceptions ?? [])).ToList(),
            ans.NotObliged.Select(f => new NotObligedView(f.State.Iso3, f.Treaty, f.Reason, f.Clause,
                f.Reading == "all" ? null : f.Reading)).ToList(),
            ans.Status.Select(kv => new StatusView(kv.Key.Iso3, kv.Value)).ToList())
        {
            Hindsight = s.Hindsight() is { } h ? $"HINDSIGHT, for evaluation only: {h.Label}" : null,
        };
    }

    /// <summary>Loads the scenario and runs the query.</summary>
    public static ObligationsReport Query(string scenarioPath, string attacker, string target, string? where, string? asset, string? on, IReadOnlyList<string>? wars)
    {
        var s = ScenarioService.Load(scenarioPath);
        return Query(s, MakeQuery(s, attacker, target, where, asset, on, wars));
    }
}
