using System.Globalization;
using Entangle.Application.Data;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Ingest;

namespace Entangle.Application.Ingest;

/// <summary>One sourced value a figure can be compared with, in the figure's units (USD, warheads, personnel, people, percent_gdp).</summary>
public sealed record SourcedFact(string Measure, string State, string? Partner, int Year, double Value, string Unit, string Source, string Origin);

/// <summary>
/// Checks an article's figures against sourced facts: the scenario's (relations with values, state figures) and the
/// imported datasets' (SIPRI military expenditure, COW NMC, COW trade). Verdicts and likely causes are judgements
/// by rule (docs/ingest.md), stated as such.
/// </summary>
public sealed class FactChecker
{
    private readonly List<SourcedFact> _facts = [];
    private readonly ReferenceData? _data;
    private readonly Scenario? _scenario;
    private readonly HashSet<(string, int)> _looked = [];

    /// <summary>What the checker could use and what it could not, for the report.</summary>
    public List<string> Checked { get; } = [];

    public FactChecker(Scenario? scenario, ReferenceData? data)
    {
        _scenario = scenario;
        _data = data;
        if (scenario is not null)
        {
            Checked.Add($"scenario '{scenario.Info.Id}': trade relations with values and state figures");
            foreach (var r in scenario.Relations.Where(r => r.Kind == RelationKind.Trade && r.Value is not null && r.Year is not null))
                if (r.Unit is "current US$")
                    _facts.Add(new SourcedFact("trade", r.From, r.To, r.Year!.Value, r.Value!.Value, "USD", r.Basis.Text, $"scenario relation '{r.Id}'"));
            foreach (var s in scenario.States)
                foreach (var f in s.Figures)
                {
                    var origin = $"scenario state {s.Id.Iso3}, figure {f.Name} ({f.Year})";
                    (string M, string U, double X)? map = f.Name switch
                    {
                        FigureNames.MilexUsd => ("milex", "USD", 1),
                        FigureNames.MilexShareGdp => ("milex_share_gdp", "percent_gdp", 100),
                        FigureNames.GdpUsd => ("gdp", "USD", 1),
                        FigureNames.WarheadsTotal => ("warheads", "warheads", 1),
                        FigureNames.MilitaryPersonnel => ("military_personnel", "personnel", 1000),
                        FigureNames.Population => ("population", "people", 1),
                        _ => null,
                    };
                    if (map is { } m) _facts.Add(new SourcedFact(m.M, s.Id.Iso3, null, f.Year, f.Value * m.X, m.U, f.Basis.Text, origin));
                }
        }
        else Checked.Add("no scenario given (--scenario): figures were not compared with a scenario's sourced facts");
        if (data is null) Checked.Add("no imported datasets (--data-dir, or the default data directory, holds no entangle.db)");
        else
        {
            foreach (var kind in new[] { "sipri-milex", "cow-nmc", "cow-trade", "cow-states" })
                Checked.Add(data.Has(kind) ? $"dataset {kind} {data.VersionOf(kind)}" : $"dataset {kind} not imported");
        }
        Checked.Add("FAS/SIPRI nuclear inventories and World Bank GDP: through the scenario's sourced figures only (no importer for them yet)");
    }

    private int? Ccode(string iso3)
    {
        if (_scenario?.State(new StateId(iso3))?.CowCode is { } c) return c;
        if (_data is not null && _data.Has("cow-states")) return _data.CowStates.Lookup(iso3)?.Ccode;
        return null;
    }

    // dataset facts for a state (and partner) around a year, loaded on demand
    private void Load(string state, string? partner, int year)
    {
        if (_data is null) return;
        for (var y = year - 2; y <= year + 2; y++)
        {
            if (!_looked.Add((state + "/" + partner, y))) continue;
            if (Ccode(state) is not { } a) continue;
            try
            {
                if (_data.Has("cow-nmc") || _data.Has("sipri-milex"))
                {
                    var v = StateYearLookup.Lookup(_data, a.ToString(CultureInfo.InvariantCulture), y, SipriName(state));
                    foreach (var f in v.Figures.Where(f => f.Value is not null))
                    {
                        (string M, string U, double X)? map = f.Name switch
                        {
                            "sipri.current_usd_m" => ("milex", "USD", 1e6),
                            "sipri.share_gdp" => ("milex_share_gdp", "percent_gdp", 100),
                            FigureNames.MilitaryPersonnel => ("military_personnel", "personnel", 1000),
                            FigureNames.TotalPopulationThousands => ("population", "people", 1000),
                            _ => null,
                        };
                        if (map is { } m) _facts.Add(new SourcedFact(m.M, state, null, y, f.Value!.Value * m.X, m.U, f.Source, $"dataset ({f.Name})"));
                    }
                }
                if (partner is not null && _data.Has("cow-trade") && Ccode(partner) is { } b && _data.Trade.Flows(a, b, y) is { } t
                    && t.ImportsOfAFromB is { } f1 && t.ImportsOfBFromA is { } f2 && f1 >= 0 && f2 >= 0)
                    _facts.Add(new SourcedFact("trade", state, partner, y, (f1 + f2) * 1e6, "USD", t.Source.ToString(), "dataset cow-trade (flow1 + flow2)"));
            }
            catch (InputException) { /* a state the dataset does not know: nothing to compare */ }
        }
    }

    private string? _sipriCountriesKey;
    private IReadOnlyList<string> _sipriCountries = [];

    // the SIPRI country for a state when the COW state list is not imported: the scenario's name, or it turned around ("Korea, North")
    private string? SipriName(string iso3)
    {
        if (_data is null || !_data.Has("sipri-milex") || _data.Has("cow-states")) return null;
        if (_sipriCountriesKey is null) { _sipriCountries = _data.Sipri.Countries(); _sipriCountriesKey = "loaded"; }
        if (_scenario?.State(new StateId(iso3))?.Name is not { } name) return null;
        var parts = name.Split(' ', 2);
        string[] candidates = parts.Length == 2 ? [name, $"{parts[1]}, {parts[0]}"] : [name];
        return candidates.Select(c => _sipriCountries.FirstOrDefault(k => string.Equals(k, c, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(k => k is not null);
    }

    private static bool Matches(SourcedFact f, FigureMention m) =>
        f.Measure == m.Measure && (m.Partner is null
            ? f.State == m.State && f.Partner is null
            : f.Partner is not null && (f.State == m.State && f.Partner == m.Partner || f.State == m.Partner && f.Partner == m.State));

    /// <summary>The verdict for one figure.</summary>
    public FactCheckView Check(FigureMention m)
    {
        if (m.State is null)
            return new FactCheckView("uncheckable", null, null, null, null, null, null, "the text does not say which state the figure is about");
        if (m.Unit is "times" or "percent" or "EUR")
            return new FactCheckView("uncheckable", null, null, null, null, null, null,
                m.Unit == "times" ? "a ratio; no sourced value for the base period to compare it with" : $"no sourced series in {m.Unit}");
        if (m.Year is not { } year)
            return new FactCheckView("uncheckable", null, null, null, null, null, null, "no year for the figure");
        Load(m.State, m.Partner, year);
        var candidates = _facts.Where(f => Matches(f, m)).ToList();
        var sameYear = candidates.Where(f => f.Year == year).ToList();
        var subject = m.Partner is null ? m.State : $"{m.State}–{m.Partner}";
        if (sameYear.Count == 0)
        {
            var near = candidates.Where(f => Within(m, f.Value)).OrderBy(f => Math.Abs(f.Year - year)).FirstOrDefault();
            return new FactCheckView("uncheckable", null, null, null, null, null, null,
                $"no sourced {m.Measure} for {subject} in {year}" + (near is null ? "" : $" (the {near.Year} value, {Show(near.Value, near.Unit)} from {near.Origin}, would match: a wrong year? a judgement)"));
        }
        // the scenario's sourced facts first, then the datasets, in the order found
        var fact = sameYear.FirstOrDefault(f => Within(m, f.Value)) ?? sameYear[0];
        if (Within(m, fact.Value))
            return new FactCheckView("consistent", fact.Value, fact.Unit, fact.Year, fact.Source, fact.Origin, null,
                $"within the tolerance for '{m.Qualifier ?? "exact"}' ({Tolerance(m.Qualifier)})");
        var cause = Cause(m, fact, candidates.Where(f => f.Year != year).ToList());
        return new FactCheckView("inconsistent", fact.Value, fact.Unit, fact.Year, fact.Source, fact.Origin, cause,
            $"the article says {Show(m.Value, m.Unit)}; the sourced value is {Show(fact.Value, fact.Unit)}");
    }

    private static string Tolerance(string? q) => q switch
    {
        "more_than" => "sourced value at least 99% of the figure and at most 125%",
        "nearly" => "sourced value between 85% and 101% of the figure",
        "less_than" => "sourced value between 50% and 101% of the figure",
        "about" => "within 10%",
        _ => "within 5%",
    };

    /// <summary>Whether <paramref name="sourced"/> is consistent with the figure as hedged ("meer dan", "bijna", "about").</summary>
    public static bool Within(FigureMention m, double sourced)
    {
        if (m.Value == 0) return sourced == 0;
        var r = sourced / m.Value;
        return m.Qualifier switch
        {
            "more_than" => r >= 0.99 && r <= 1.25,
            "nearly" => r >= 0.85 && r <= 1.01,
            "less_than" => r >= 0.5 && r <= 1.01,
            "about" => Math.Abs(r - 1) <= 0.10,
            _ => Math.Abs(r - 1) <= 0.05,
        };
    }

    private static readonly (double Factor, string Slip)[] Slips =
    [
        (1e3, "a million/billion unit slip (the article's figure is about 1,000 times the sourced value: billion written for million)"),
        (1e-3, "a million/billion unit slip (the article's figure is about 1/1,000 of the sourced value: million written for billion)"),
        (1e6, "a thousand/billion unit slip (about 1,000,000 times the sourced value)"),
        (1e-6, "a thousand/billion unit slip (about 1/1,000,000 of the sourced value)"),
        (10, "a decimal slip (about 10 times the sourced value)"),
        (0.1, "a decimal slip (about 1/10 of the sourced value)"),
        (100, "a fraction/percent slip (about 100 times the sourced value)"),
        (0.01, "a fraction/percent slip (about 1/100 of the sourced value)"),
    ];

    private static string Cause(FigureMention m, SourcedFact fact, List<SourcedFact> otherYears)
    {
        var ratio = m.Value / fact.Value;
        foreach (var (factor, slip) in Slips)
            if (Math.Abs(ratio / factor - 1) <= 0.15)
            {
                var scale = factor is 1e3 or 1e-3 && m.Scale is not null ? $"; the article writes '{m.Scale}'" : "";
                return $"likely {slip}{scale} (a judgement)";
            }
        if (otherYears.FirstOrDefault(f => Within(m, f.Value)) is { } y)
            return $"likely a wrong year: the figure matches the {y.Year} value ({Show(y.Value, y.Unit)}, {y.Origin}) (a judgement)";
        var pct = (ratio - 1) * 100;
        return $"differs by {pct.ToString("+0;-0", CultureInfo.InvariantCulture)}% from the sourced value; no unit slip or wrong year explains it (a judgement)";
    }

    /// <summary>A value for messages: 34.4 million USD, 5,580 warheads.</summary>
    public static string Show(double v, string unit)
    {
        var a = Math.Abs(v);
        var num = a >= 1e9 ? (v / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " billion"
            : a >= 1e6 ? (v / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " million"
            : v.ToString("#,0.###", CultureInfo.InvariantCulture);
        return $"{num} {unit}";
    }

    /// <summary>The verdict for a name: consistent when the leaders file lists it, inconsistent when only the surname matches.</summary>
    public static FactCheckView Check(NameMention n) => n.Exact
        ? new FactCheckView("consistent", null, null, null, n.Source, "leaders file (src/Entangle.Ingest/Resources/leaders.tsv)", null, $"{n.Canonical}, {n.Office}")
        : new FactCheckView("inconsistent", null, null, null, n.Source, "leaders file (src/Entangle.Ingest/Resources/leaders.tsv)",
            $"likely a misnamed person: the leaders file has {n.Canonical} ({n.Office}), not '{n.Text}' (a judgement)",
            $"'{n.Text}' shares the surname of {n.Canonical}; no listed person is called {n.Text}");
}
