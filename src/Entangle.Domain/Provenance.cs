namespace Entangle.Domain;

/// <summary>
/// Where a number or a coding came from: either a cited source (a fact) or an analyst's judgement.
/// Every figure in a scenario carries one; a judgement says that it is one.
/// </summary>
public abstract record Provenance
{
    private Provenance() { }

    /// <summary>A sourced fact: a citation (publication, dataset and release, or URL).</summary>
    public sealed record Sourced(string Citation) : Provenance
    {
        public override string Kind => "source";
        public override string Text => Citation;
    }

    /// <summary>An analyst's judgement, with the reasoning behind it.</summary>
    public sealed record Judgement(string Rationale) : Provenance
    {
        public override string Kind => "judgement";
        public override string Text => Rationale;
    }

    /// <summary><c>source</c> or <c>judgement</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The citation or the rationale.</summary>
    public abstract string Text { get; }

    public bool IsJudgement => this is Judgement;

    public static Provenance Source(string citation) => new Sourced(citation);
    public static Provenance Judge(string rationale) => new Judgement(rationale);

    public override string ToString() => IsJudgement ? $"judgement: {Text}" : Text;
}

/// <summary>A value with its provenance, e.g. a position on an issue, a credibility prior, a stake.</summary>
public sealed record Assessed(double Value, Provenance Basis, string? Note = null);

/// <summary>
/// A named figure for a state in a given year, with its source, e.g. <c>milex_usd = 109.5e9 (2023, SIPRI)</c>.
/// </summary>
/// <param name="Name">A figure name from <see cref="FigureNames"/>.</param>
/// <param name="Value">The value in the unit the figure name implies.</param>
/// <param name="Year">The year the value refers to.</param>
/// <param name="Basis">Where it comes from.</param>
public sealed record Figure(string Name, double Value, int Year, Provenance Basis, string? Note = null);

/// <summary>The figure names a scenario may use, with their units.</summary>
public static class FigureNames
{
    public const string MilexUsd = "milex_usd";
    public const string MilexShareGdp = "milex_share_gdp";
    public const string Cinc = "cinc";
    public const string MilitaryPersonnel = "milper";
    public const string IronSteel = "irst";
    public const string EnergyConsumption = "pec";
    public const string TotalPopulationThousands = "tpop";
    public const string UrbanPopulationThousands = "upop";
    public const string WarheadsTotal = "warheads_total";
    public const string WarheadsDeployed = "warheads_deployed";
    public const string GdpUsd = "gdp_usd";
    public const string Population = "population";

    /// <summary>Each known figure name with its unit and a short description.</summary>
    public static readonly IReadOnlyDictionary<string, (string Unit, string Description)> Known =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            [MilexUsd] = ("current US$", "military expenditure (SIPRI)"),
            [MilexShareGdp] = ("fraction of GDP", "military expenditure as a share of GDP (SIPRI)"),
            [Cinc] = ("share of world total", "Composite Index of National Capability (COW NMC)"),
            [MilitaryPersonnel] = ("thousands", "military personnel (COW NMC)"),
            [IronSteel] = ("thousand tons", "iron and steel production (COW NMC)"),
            [EnergyConsumption] = ("thousand coal-ton equivalents", "primary energy consumption (COW NMC)"),
            [TotalPopulationThousands] = ("thousands", "total population (COW NMC)"),
            [UrbanPopulationThousands] = ("thousands", "urban population (COW NMC)"),
            [WarheadsTotal] = ("warheads", "nuclear warhead inventory, total (FAS/SIPRI)"),
            [WarheadsDeployed] = ("warheads", "nuclear warheads deployed (FAS/SIPRI)"),
            [GdpUsd] = ("current US$", "gross domestic product"),
            [Population] = ("persons", "population"),
        };
}
