using Entangle.Domain;

namespace Entangle.Application.Scenarios;

/// <summary>
/// The stable shape of <c>entangle show --json</c> (documented in docs/cli.md). Field names are snake_case in JSON.
/// </summary>
public sealed record ScenarioView(
    ScenarioHeaderView Scenario,
    IReadOnlyList<StateView> States,
    IReadOnlyList<OrganizationView> Organizations,
    IReadOnlyList<TreatyView> Treaties,
    IReadOnlyList<TheaterView> Theaters,
    IReadOnlyList<RelationView> Relations,
    IReadOnlyList<IssueView> Issues,
    IReadOnlyList<EventView> Events,
    IReadOnlyList<CorrectionView> Corrections)
{
    /// <summary>Builds the view; with <paramref name="year"/>, each figure is the latest one not after that year.</summary>
    public static ScenarioView Of(Scenario s, int? year = null) => new(
        new ScenarioHeaderView(s.Info.Id, s.Info.Title, s.Info.AsOf.ToString("yyyy-MM-dd"), s.Info.Description, s.Info.Sources),
        s.States.Select(st => StateView.Of(st, year)).ToList(),
        s.Organizations.Select(o => new OrganizationView(o.Id, o.Name, o.Kind,
            o.Members.Select(m => new MemberView(m.State.Iso3, D(m.Span.From), D(m.Span.To), m.Role, m.Veto ? true : null)).ToList(),
            SourceText(o.Basis), o.Basis.Kind)).ToList(),
        s.Treaties.Select(TreatyView.Of).ToList(),
        s.Theaters.Select(t => new TheaterView(t.Id, t.Name, t.Territories, t.Areas,
            t.Stakeholders.Select(h => new StakeView(h.State.Iso3, h.Role, h.Stake.Value, SourceText(h.Stake.Basis), h.Stake.Basis.Kind)).ToList(),
            t.Description)).ToList(),
        s.Relations.Select(r => new RelationView(r.Id, MapKind(r.Kind.ToString()), r.From, r.To, r.Directed, r.Description, r.Value, r.Unit, r.Year,
            D(r.Span.From), D(r.Span.To), SourceText(r.Basis), r.Basis.Kind, r.Note)).ToList(),
        s.Issues.Select(i => new IssueView(i.Id, i.Title, i.Low, i.High,
            i.Stakeholders.Select(k => new IssueStakeView(k.Actor, Val(k.Position), Val(k.Capability), Val(k.Salience))).ToList())).ToList(),
        s.Events.Select(e => new EventView(e.Id, MapKind(e.Kind.ToString()), D(e.Date), e.Title, e.Theater, e.Actors,
            e.Probability is null ? null : Val(e.Probability), SourceText(e.Basis), e.Basis.Kind)).ToList(),
        s.Corrections.Select(c => new CorrectionView(c.Id, c.ArticleSays, c.Fact, c.Source)).ToList());

    internal static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd");

    internal static string MapKind(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The citation, or "analyst judgement: …" for a judgement.</summary>
    public static string SourceText(Provenance p) => p.IsJudgement ? $"analyst judgement: {p.Text}" : p.Text;

    internal static AssessedView Val(Assessed a) => new(a.Value, SourceText(a.Basis), a.Basis.Kind);
}

public sealed record ScenarioHeaderView(string Id, string Title, string AsOf, string? Description, IReadOnlyList<string> Sources);

public sealed record StateView(string Iso3, int? Cow, string Name, IReadOnlyList<FigureView> Figures)
{
    public static StateView Of(State s, int? year)
    {
        var figures = year is null
            ? s.Figures
            : s.Figures.Select(f => f.Name).Distinct().Select(n => s.Figure(n, year)).OfType<Figure>().ToList();
        return new StateView(s.Id.Iso3, s.CowCode, s.Name,
            figures.Select(f => new FigureView(f.Name, f.Value, f.Year, ScenarioView.SourceText(f.Basis), f.Basis.Kind,
                FigureNames.Known.TryGetValue(f.Name, out var u) ? u.Unit : null, f.Note)).ToList());
    }
}

/// <summary>A figure: <c>source</c> is the citation (or "analyst judgement: …"); <c>basis</c> is <c>source</c> or <c>judgement</c>.</summary>
public sealed record FigureView(string Name, double Value, int Year, string Source, string Basis, string? Unit, string? Note = null);

public sealed record OrganizationView(string Id, string Name, string Kind, IReadOnlyList<MemberView> Members, string Source, string Basis);

public sealed record MemberView(string State, string? From, string? To, string? Role, bool? Veto);

public sealed record TreatyView(
    string Id, string Name, string Kind, IReadOnlyList<MemberView> Parties, string? Signed, string? InForce, string? Ended,
    IReadOnlyList<string> Supersedes, string? SupersededBy, int? AtopId, string Source, IReadOnlyList<ClauseView> Clauses)
{
    public static TreatyView Of(Treaty t) => new(t.Id, t.Name, ScenarioView.MapKind(t.Kind.ToString()),
        t.Parties.Select(p => new MemberView(p.State.Iso3, ScenarioView.D(p.Span.From), ScenarioView.D(p.Span.To), p.Role, null)).ToList(),
        ScenarioView.D(t.Signed), ScenarioView.D(t.InForce), ScenarioView.D(t.Ended), t.Supersedes, t.SupersededBy, t.AtopId, t.Source,
        t.Clauses.Select(c => new ClauseView(c.Article, ScenarioView.MapKind(c.Kind.ToString()), c.Text, c.Source,
            ScenarioView.MapKind(c.Strength.ToString()), ClauseText.Trigger(c.Trigger), ClauseText.Scope(c.Scope), c.Exceptions,
            c.Credibility is null ? null : ScenarioView.Val(c.Credibility),
            c.Renderings.Select(r => new RenderingView(r.Id, r.Label, r.Text, r.Source, r.Trigger is null ? null : ClauseText.Trigger(r.Trigger))).ToList(),
            ClauseText.Describe(t, c))).ToList());
}

/// <summary>A clause: verbatim <c>text</c> and <c>source</c>, its coding, and <c>coded_as</c>, the coding printed back as text.</summary>
public sealed record ClauseView(
    string Article, string Kind, string Text, string Source, string Strength, string Trigger, string Scope,
    IReadOnlyList<string> Exceptions, AssessedView? Credibility, IReadOnlyList<RenderingView> Renderings, string CodedAs);

public sealed record RenderingView(string Id, string Label, string Text, string Source, string? Trigger);

public sealed record AssessedView(double Value, string Source, string Basis);

public sealed record TheaterView(string Id, string Name, IReadOnlyList<string> Territories, IReadOnlyList<string> Areas,
    IReadOnlyList<StakeView> Stakeholders, string? Description);

public sealed record StakeView(string State, string Role, double Stake, string Source, string Basis);

public sealed record RelationView(string Id, string Kind, string From, string To, bool Directed, string Description, double? Value,
    string? Unit, int? Year, string? Since, string? Until, string Source, string Basis, string? Note);

public sealed record IssueView(string Id, string Title, string Low, string High, IReadOnlyList<IssueStakeView> Stakeholders);

public sealed record IssueStakeView(string Actor, AssessedView Position, AssessedView Capability, AssessedView Salience);

public sealed record EventView(string Id, string Kind, string? Date, string Title, string? Theater, IReadOnlyList<string> Actors,
    AssessedView? Probability, string Source, string Basis);

public sealed record CorrectionView(string Id, string ArticleSays, string Fact, string Source);
