using System.Globalization;
using System.Text;
using Entangle.Data.Query;
using Entangle.Domain;
using Entangle.Engine.Obligations;

namespace Entangle.Application.Obligations;

/// <summary>One state in the network: how many states it is bound to defend and how many are bound to defend it.</summary>
/// <param name="State">ISO3 where the scenario knows the state's COW code, else the COW abbreviation, else <c>cow:NNN</c>.</param>
public sealed record NetworkStateView(string State, int? Cow, string? Name, int Defends, int DefendedBy);

/// <summary>A connected alliance bloc.</summary>
public sealed record BlocView(int Size, IReadOnlyList<string> Members);

/// <summary>A change the scenario makes to the ATOP picture after ATOP's last year.</summary>
public sealed record NetworkChangeView(string Treaty, string Change, string Source);

/// <summary>The result of <c>entangle obligations network</c> (documented in docs/obligations.md).</summary>
/// <param name="Basis">Where the pledges come from, and every assumption made.</param>
/// <param name="Pledges">Number of directed defence pledges (ordered state pairs) in the matrix.</param>
public sealed record NetworkReport(
    int Year,
    string Basis,
    bool CarriedForward,
    int StateCount,
    int Pledges,
    IReadOnlyList<NetworkStateView> States,
    IReadOnlyList<BlocView> Blocs,
    IReadOnlyList<NetworkChangeView> ScenarioChanges);

/// <summary>The defence-obligation network for a year: ATOP as imported, and after ATOP's last year the scenario's changes.</summary>
public static class NetworkService
{
    /// <summary>The nodes and pledges before the matrix is built (kept for the benchmark and the CSV export).</summary>
    public sealed record Input(IReadOnlyList<(string Id, int? Cow, string? Name)> Nodes, IReadOnlyList<DefensePledge> Pledges,
        string Basis, bool CarriedForward, IReadOnlyList<NetworkChangeView> Changes);

    /// <summary>Collects nodes and defence pledges for <paramref name="year"/>.</summary>
    public static Input Collect(ReferenceData data, int year, Scenario? scenario)
    {
        if (!data.Has("atop"))
            throw new InputException("ATOP is not imported; run: entangle data import atop PATH (the folder with atop5_1a.csv and atop5_1m.csv)");
        var atop = data.Atop;
        var hasCow = data.Has("cow-states");
        var cowNames = new Dictionary<int, CowState?>();
        CowState? CowName(int cow)
        {
            if (cow < 0 || !hasCow) return null;
            if (!cowNames.TryGetValue(cow, out var c)) cowNames[cow] = c = data.CowStates.Lookup(cow);
            return c;
        }
        var carry = year > atop.CoverageEndYear;
        if (carry && scenario is null)
            throw new InputException($"ATOP {atop.Version} ends in {atop.CoverageEndYear}; for {year} give a scenario (--scenario FILE) whose treaties record the later changes");
        var atopYear = carry ? atop.CoverageEndYear : year;

        // Member obligations (defense flag OR-ed over rows in effect) by alliance and member.
        var defense = new SortedDictionary<int, SortedDictionary<int, bool>>();
        foreach (var m in atop.MemberObligations(atopYear))
        {
            if (!defense.TryGetValue(m.AtopId, out var mm)) defense[m.AtopId] = mm = new SortedDictionary<int, bool>();
            mm[m.Member] = (mm.TryGetValue(m.Member, out var d) && d) || m.Obligations.Defense;
        }
        var basis = new Dictionary<int, string>();
        foreach (var id in defense.Keys) basis[id] = $"ATOP {atop.Version} atopid {id}";

        var changes = new List<NetworkChangeView>();
        var iso = new Dictionary<int, string>();
        var extra = new SortedDictionary<string, (string Id, int? Cow, string? Name)>(StringComparer.Ordinal);
        var synthetic = -1;
        var scenarioAlliances = new SortedDictionary<int, SortedDictionary<int, bool>>();
        if (scenario is not null)
        {
            foreach (var st in scenario.States.OrderBy(s => s.Id))
                if (st.CowCode is { } c) iso[c] = st.Id.Iso3;
            if (carry)
            {
                var cowOf = scenario.States.Where(s => s.CowCode is not null).ToDictionary(s => s.Id, s => s.CowCode!.Value);
                int Node(StateId s)
                {
                    if (cowOf.TryGetValue(s, out var c)) return c;
                    // A scenario state without a COW code gets a synthetic negative key.
                    var existing = iso.FirstOrDefault(kv => kv.Value == s.Iso3);
                    if (existing.Value is not null) return existing.Key;
                    iso[synthetic] = s.Iso3;
                    return synthetic--;
                }
                foreach (var t in scenario.Treaties.OrderBy(t => t.Id, StringComparer.Ordinal))
                {
                    var hasDefense = t.Clauses.Any(c => c.Kind == ClauseKind.Defense);
                    var inForce = t.InForce is { } f && f.Year <= year && (t.Ended is null || t.Ended.Value.Year >= year);
                    var parties = t.Parties.Where(p => p.Span.OverlapsYear(year)).Select(p => p.State).Distinct().ToList();
                    if (t.AtopId is { } aid && defense.ContainsKey(aid))
                    {
                        if (!inForce)
                        {
                            defense.Remove(aid);
                            changes.Add(new(t.Id, $"ATOP {aid} dropped: not in force in {year}{(t.Ended is { } e ? $" (ended {e:yyyy-MM-dd})" : "")}", t.Source));
                            continue;
                        }
                        var mm = defense[aid];
                        var partyNodes = parties.Select(Node).ToHashSet();
                        foreach (var gone in mm.Keys.Where(k => !partyNodes.Contains(k)).ToList())
                        {
                            mm.Remove(gone);
                            changes.Add(new(t.Id, $"{Label(gone)} no longer a party in {year}", t.Source));
                        }
                        foreach (var p in parties)
                        {
                            var n = Node(p);
                            if (mm.ContainsKey(n)) continue;
                            mm[n] = hasDefense;
                            var from = t.Parties.Where(x => x.State == p).Select(x => x.Span.From).FirstOrDefault();
                            changes.Add(new(t.Id, $"{p} added{(from is { } d ? $" (party from {d:yyyy-MM-dd})" : "")}{(hasDefense ? ", bound by the defence clause" : "")}", t.Source));
                        }
                        basis[aid] = $"ATOP {atop.Version} atopid {aid}, membership updated from scenario treaty {t.Id}";
                    }
                    else if (inForce && hasDefense)
                    {
                        // Not in ATOP's picture of its last year (post-2018 treaty, or an ATOP id not in effect then).
                        var mm = new SortedDictionary<int, bool>();
                        foreach (var p in parties) mm[Node(p)] = true;
                        var key = -1000 - scenarioAlliances.Count;
                        scenarioAlliances[key] = mm;
                        basis[key] = $"scenario treaty {t.Id}";
                        changes.Add(new(t.Id, $"defence pledges added among {string.Join(", ", parties)} (in force from {t.InForce:yyyy-MM-dd})"
                            + (t.AtopId is { } missing ? $"; ATOP {missing} is not in effect in {atop.CoverageEndYear} as imported" : ""), t.Source));
                    }
                    else if (inForce)
                        changes.Add(new(t.Id, $"no defence pledge: {t.Kind.ToString().ToLowerInvariant()} treaty without a defence clause", t.Source));
                }
            }
        }
        foreach (var kv in scenarioAlliances) defense[kv.Key] = kv.Value;

        string Label(int cow) => iso.TryGetValue(cow, out var i) ? i : CowName(cow)?.Abbreviation ?? $"cow:{cow}";

        var cowNodes = new SortedSet<int>(defense.Values.SelectMany(m => m.Keys));
        foreach (var c in atop.MemberObligations(atopYear).Select(m => m.Member)) cowNodes.Add(c);
        if (hasCow)
            foreach (var c in data.CowStates.SystemMembers(Math.Min(year, data.CowStates.CoverageEndYear))) cowNodes.Add(c);
        var nodes = cowNodes.Select(c => (Id: Label(c), Cow: c >= 0 ? (int?)c : null, Name: CowName(c)?.Name)).ToList();
        var index = cowNodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var pledges = new List<DefensePledge>();
        foreach (var (aid, mm) in defense)
            foreach (var (a, bound) in mm)
            {
                if (!bound) continue;
                foreach (var b in mm.Keys)
                    if (b != a) pledges.Add(new DefensePledge(index[a], index[b], basis.GetValueOrDefault(aid, $"alliance {aid}")));
            }
        var text = carry
            ? $"ATOP {atop.Version} memberships in effect in {atop.CoverageEndYear} (its last year) carried forward to {year} — a judgement: alliances in effect at the end of the data are assumed to continue — with the changes recorded in scenario '{scenario!.Info.Id}' applied"
            : $"ATOP {atop.Version} member-level rows in effect in {year} (docs/data.md): A is bound to defend B when A has defense = 1 in an alliance where both have rows in effect";
        return new Input(nodes, pledges, text, carry, changes);
    }

    /// <summary>Builds the report for <paramref name="year"/>.</summary>
    public static NetworkReport Build(ReferenceData data, int year, Scenario? scenario, int maxBlocs = 10)
    {
        var input = Collect(data, year, scenario);
        var net = DefenseNetwork.Build(input.Nodes.Count, input.Pledges);
        var states = input.Nodes.Select((n, i) => new NetworkStateView(n.Id, n.Cow, n.Name, net.Defends[i], net.DefendedBy[i])).ToList();
        var blocs = net.Blocs.Take(maxBlocs)
            .Select(b => new BlocView(b.Members.Count, b.Members.Select(i => input.Nodes[i].Id).Order(StringComparer.Ordinal).ToList())).ToList();
        return new NetworkReport(year, input.Basis, input.CarriedForward, input.Nodes.Count, net.Defends.Sum(), states, blocs, input.Changes);
    }

    /// <summary>The matrix as CSV: header of state ids, then one row per state with 1 where it is bound to defend the column state.</summary>
    public static string MatrixCsv(ReferenceData data, int year, Scenario? scenario)
    {
        var input = Collect(data, year, scenario);
        var net = DefenseNetwork.Build(input.Nodes.Count, input.Pledges);
        var sb = new StringBuilder("state");
        foreach (var n in input.Nodes) sb.Append(',').Append(n.Id);
        sb.Append('\n');
        for (var i = 0; i < input.Nodes.Count; i++)
        {
            sb.Append(input.Nodes[i].Id);
            for (var j = 0; j < input.Nodes.Count; j++) sb.Append(net.Binds(i, j) ? ",1" : ",0");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Parses a year option.</summary>
    public static int ParseYear(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1815 and <= 2100
            ? y : throw new InputException($"year '{text}': expected a year such as 2018");
}
