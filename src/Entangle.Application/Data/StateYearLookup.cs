using Entangle.Data.Query;
using Entangle.Domain;

namespace Entangle.Application.Data;

/// <summary>One sourced figure for a state-year, as <c>data lookup --json</c> prints it.</summary>
/// <param name="Name">Figure name (<see cref="FigureNames"/> where one applies, else the dataset's variable name).</param>
/// <param name="Value">The value; null when the source marks it missing.</param>
/// <param name="Unit">Unit as the dataset states it.</param>
/// <param name="Status">For SIPRI cells: <c>value</c>, <c>unavailable</c> or <c>not_independent</c>; else null.</param>
/// <param name="Source">Dataset, release, file and line (and column).</param>
public sealed record FigureView(string Name, double? Value, string Unit, string? Status, string Source);

/// <summary>Everything the imported reference data say about one state in one year.</summary>
public sealed record StateYearView(
    int Year, int Ccode, string? Abbreviation, string? Name, bool? InSystem, bool? MajorPower,
    string? SipriCountry, IReadOnlyList<FigureView> Figures, IReadOnlyList<string> Notes);

/// <summary>The use case behind <c>entangle data lookup</c>.</summary>
public static class StateYearLookup
{
    /// <summary>
    /// COW state facts, NMC figures and SIPRI cells for <paramref name="state"/> (COW code or abbreviation) in
    /// <paramref name="year"/>, from whichever of those datasets are imported. The SIPRI country is
    /// <paramref name="sipriCountry"/> if given, else the COW name, else the COW name turned around
    /// ("North Korea" → "Korea, North"); a failed match is reported in the notes, with a suggestion.
    /// </summary>
    public static StateYearView Lookup(ReferenceData data, string state, int year, string? sipriCountry = null)
    {
        var notes = new List<string>();
        int ccode;
        CowState? cow = null;
        if (int.TryParse(state, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            ccode = code;
            if (data.Has("cow-states")) cow = data.CowStates.Lookup(code);
        }
        else
        {
            if (!data.Has("cow-states"))
                throw new InputException($"'{state}' is not a COW code; to use abbreviations such as RUS, run: entangle data import cow-states PATH");
            cow = data.CowStates.Require(state);
            ccode = cow.Ccode;
        }

        bool? inSystem = null, major = null;
        if (data.Has("cow-states"))
        {
            if (year <= data.CowStates.CoverageEndYear)
            {
                inSystem = data.CowStates.InSystem(ccode, year);
                major = data.CowStates.IsMajorPower(ccode, year);
            }
            else
                notes.Add($"COW state list ends in {data.CowStates.CoverageEndYear}; system membership and major-power status for {year} are not coded");
        }
        else notes.Add("cow-states not imported");

        var figures = new List<FigureView>();
        if (data.Has("cow-nmc"))
        {
            if (data.Nmc.Get(ccode, year) is { } n)
            {
                var src = n.Source.ToString();
                var milexUnit = year < 1914 ? "thousand current GBP" : "thousand current US$";
                figures.Add(new FigureView("nmc.milex", n.Milex, milexUnit, null, src));
                figures.Add(new FigureView(FigureNames.MilitaryPersonnel, n.Milper, "thousands", null, src));
                figures.Add(new FigureView(FigureNames.IronSteel, n.Irst, "thousand tons", null, src));
                figures.Add(new FigureView(FigureNames.EnergyConsumption, n.Pec, "thousand coal-ton equivalents", null, src));
                figures.Add(new FigureView(FigureNames.TotalPopulationThousands, n.Tpop, "thousands", null, src));
                figures.Add(new FigureView(FigureNames.UrbanPopulationThousands, n.Upop, "thousands", null, src));
                figures.Add(new FigureView(FigureNames.Cinc, n.Cinc, "share of system total", null, src));
            }
            else notes.Add($"no NMC row for ccode {ccode} in {year}");
        }
        else notes.Add("cow-nmc not imported");

        string? matched = null;
        if (data.Has("sipri-milex"))
        {
            var countries = data.Sipri.Countries();
            var candidates = new List<string>();
            if (sipriCountry is not null) candidates.Add(sipriCountry);
            else if (cow is not null)
            {
                candidates.Add(cow.Name);
                var parts = cow.Name.Split(' ', 2);
                if (parts.Length == 2) candidates.Add($"{parts[1]}, {parts[0]}");
            }
            matched = candidates.Select(c => countries.FirstOrDefault(k => string.Equals(k, c, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(k => k is not null);
            if (matched is null)
                notes.Add(candidates.Count == 0
                    ? "SIPRI not searched: give --sipri-country (no COW name known for this code)"
                    : $"no SIPRI country named {string.Join(" or ", candidates.Select(c => $"'{c}'"))}{Suggest.DidYouMean(candidates[0], countries)}; give --sipri-country");
            else
                foreach (var m in data.Sipri.Measures())
                    if (data.Sipri.Get(matched, year, m) is { } v)
                        figures.Add(new FigureView("sipri." + m, v.Value, SipriUnit(m), v.Status, v.Source.ToString()));
        }
        else notes.Add("sipri-milex not imported");

        return new StateYearView(year, ccode, cow?.Abbreviation, cow?.Name, inSystem, major, matched, figures, notes);
    }

    private static string SipriUnit(string measure) => measure switch
    {
        "current_usd_m" => "million current US$",
        "constant_usd_m" => "million constant US$ (base year: see data sources notes)",
        "share_gdp" => "fraction of GDP",
        "per_capita_usd" => "current US$ per person",
        "share_govt" => "fraction of government spending",
        _ => measure,
    };
}
