using Entangle.Domain;

namespace Entangle.Engine.Obligations;

/// <summary>Turns a query's <c>--where</c> into attack sites, checking every id against the scenario.</summary>
public static class AttackResolver
{
    /// <summary>Resolves <paramref name="q"/> into an <see cref="Attack"/>; throws <see cref="InputException"/> for unknown ids.</summary>
    public static Attack Resolve(Scenario s, ObligationQuery q)
    {
        var problems = new List<string>();
        var stateIds = s.States.Select(x => x.Id.Iso3).ToList();
        if (s.States.Count > 0)
        {
            if (s.State(q.Attacker) is null) problems.Add($"unknown attacker '{q.Attacker}'{Suggest.DidYouMean(q.Attacker.Iso3, stateIds)}");
            if (s.State(q.Target) is null) problems.Add($"unknown target '{q.Target}'{Suggest.DidYouMean(q.Target.Iso3, stateIds)}");
        }
        if (q.Attacker == q.Target) problems.Add("attacker and target are the same state");
        if (problems.Count > 0) throw new InputException(problems.Select(p => new Diagnostic(null, null, null, p)).ToList());

        string? theater = null;
        IReadOnlyList<AttackSite> sites;
        var where = q.Where;
        if (where is null)
        {
            var home = s.Territory(q.Target.Iso3)
                ?? throw new InputException($"the scenario has no home territory '{q.Target}' for the target; give --where");
            sites = [Site(s, home, q.Asset)];
            theater = TheaterOf(s, home.Id);
        }
        else if (s.Territory(where) is { } t)
        {
            if (q.Asset is null && t.AdministeredBy != q.Target)
                throw new InputException(
                    $"territory '{t.Id}' is administered by {t.AdministeredBy}, not by {q.Target}; to attack {q.Target}'s forces there add --asset armed-forces");
            sites = [Site(s, t, q.Asset)];
            theater = TheaterOf(s, t.Id);
        }
        else if (s.Theater(where) is { } th)
        {
            theater = th.Id;
            sites = SitesInTheater(s, th, q.Target, q.Asset);
        }
        else if (s.Area(where) is { } a)
        {
            sites = [new AttackSite(null, q.Asset ?? ForceKind.ArmedForces, [a.Id], $"{q.Target}'s {ForceName(q.Asset ?? ForceKind.ArmedForces)} in {a.Name}")];
            theater = s.Theaters.OrderBy(x => x.Id, StringComparer.Ordinal)
                .FirstOrDefault(x => x.Areas.Any(ta => s.AreaWithin(a.Id, ta) || s.AreaWithin(ta, a.Id)))?.Id;
        }
        else
        {
            var ids = s.Territories.Select(x => x.Id).Concat(s.Theaters.Select(x => x.Id)).Concat(s.Areas.Select(x => x.Id));
            throw new InputException($"unknown place '{where}': not a territory, theater or area{Suggest.DidYouMean(where, ids)}");
        }

        var war = Wars(s, q.ExtraWars, q.On).FirstOrDefault(w => w.Initiator == q.Target && w.Defender == q.Attacker);
        return new Attack(q.Attacker, q.Target, sites, theater, war is not null,
            war is null ? null : $"{war.Initiator} began the war against {war.Defender}{(war.Since is { } d ? $" on {d:yyyy-MM-dd}" : "")}",
            war is null ? null : $"{war.Basis.Kind}: {war.Basis.Text}");
    }

    /// <summary>The wars under way on <paramref name="on"/>: the scenario theaters' wars plus <paramref name="extra"/>.</summary>
    public static IReadOnlyList<War> Wars(Scenario s, IReadOnlyList<War>? extra, DateOnly on) =>
        s.Theaters.OrderBy(t => t.Id, StringComparer.Ordinal).SelectMany(t => t.Wars ?? [])
            .Concat(extra ?? []).Where(w => w.OngoingOn(on)).ToList();

    /// <summary>The sites at which <paramref name="target"/> is attacked in a theater: its territories there, else its forces.</summary>
    public static IReadOnlyList<AttackSite> SitesInTheater(Scenario s, Theater th, StateId target, ForceKind? asset)
    {
        if (asset is null)
        {
            var own = th.Territories.Select(s.Territory).Where(t => t is not null && t.AdministeredBy == target)
                .Select(t => Site(s, t!, null)).ToList();
            if (own.Count > 0) return own;
        }
        var kind = asset ?? ForceKind.ArmedForces;
        return [new AttackSite(null, kind, th.Areas, $"{target}'s {ForceName(kind)} in the {th.Id} theater ({string.Join(", ", th.Areas)})")];
    }

    /// <summary>The first theater (by id) that lists <paramref name="territory"/>.</summary>
    public static string? TheaterOf(Scenario s, string territory) =>
        s.Theaters.OrderBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(t => t.Territories.Contains(territory))?.Id;

    /// <summary>A site on a territory: the territory itself, or forces of a kind stationed there.</summary>
    public static AttackSite Site(Scenario s, Territory t, ForceKind? forces) =>
        new(t, forces, t.Areas, forces is null ? $"{t.Id} ({t.Name})" : $"{ForceName(forces.Value)} on {t.Id} ({t.Name})");

    /// <summary>"armed forces", "public vessels", "aircraft".</summary>
    public static string ForceName(ForceKind k) => k switch
    {
        ForceKind.ArmedForces => "armed forces",
        ForceKind.PublicVessels => "public vessels",
        _ => "aircraft",
    };

    /// <summary>Parses <c>armed-forces</c>, <c>public-vessels</c>, <c>aircraft</c>.</summary>
    public static ForceKind ParseForce(string text) => text switch
    {
        "armed-forces" or "forces" => ForceKind.ArmedForces,
        "public-vessels" or "vessels" or "vessel" => ForceKind.PublicVessels,
        "aircraft" => ForceKind.Aircraft,
        _ => throw new InputException($"unknown asset '{text}'; use armed-forces, public-vessels or aircraft"
                                      + Suggest.DidYouMean(text, ["armed-forces", "public-vessels", "aircraft"])),
    };
}
