using System.Globalization;
using System.Text;
using Entangle.Domain;
using Entangle.Engine.Bargaining;

namespace Entangle.Application.Bargaining;

/// <summary>How salience values in a CSV are read.</summary>
public enum SalienceScale
{
    /// <summary>0–1 if every salience is ≤ 1, else 0–100.</summary>
    Auto,

    /// <summary>Salience lies in 0–1.</summary>
    Unit,

    /// <summary>Salience lies in 0–100 and is divided by 100.</summary>
    Percent,
}

/// <summary>One stakeholder's inputs as read, with the basis of each where the input states it.</summary>
/// <param name="Actor">The name as given in the input (CSV <c>Actor</c> column, or a scenario actor id).</param>
/// <param name="Capability">Clout, ≥ 0.</param>
/// <param name="Position">Position on the issue's scale.</param>
/// <param name="Salience">0–1 after any scale conversion.</param>
/// <param name="CapabilityBasis">"source: …" or "judgement: …" (scenario issues), null for a CSV.</param>
/// <param name="PositionBasis">As <paramref name="CapabilityBasis"/>.</param>
/// <param name="SalienceBasis">As <paramref name="CapabilityBasis"/>.</param>
public sealed record ForecastStakeholder(
    string Actor, double Capability, double Position, double Salience,
    string? CapabilityBasis = null, string? PositionBasis = null, string? SalienceBasis = null);

/// <summary>The issue being forecast, when it comes from a scenario.</summary>
/// <param name="Id">The issue id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Low">What position 0 means.</param>
/// <param name="High">What position 100 means.</param>
/// <param name="Description">What the issue is about and how to read a forecast on it (scenario issues).</param>
public sealed record IssueInfo(string Id, string Title, string Low, string High, string? Description = null);

/// <summary>Everything the forecast reads from its input file.</summary>
/// <param name="Source">The input path.</param>
/// <param name="Issue">The scenario issue, or null for a CSV.</param>
/// <param name="Stakeholders">In input order.</param>
/// <param name="SalienceScale">"0-1" or "0-100": the scale the input's salience was read on.</param>
/// <param name="SalienceNote">Why that scale was assumed.</param>
/// <param name="ScaleMin">Lowest possible position if the input defines a scale (0 for scenario issues).</param>
/// <param name="ScaleMax">Highest possible position if the input defines a scale (100 for scenario issues).</param>
public sealed record ForecastInput(
    string Source,
    IssueInfo? Issue,
    IReadOnlyList<ForecastStakeholder> Stakeholders,
    string SalienceScale,
    string SalienceNote,
    double? ScaleMin,
    double? ScaleMax)
{
    /// <summary>The stakeholders as model actors.</summary>
    public IReadOnlyList<BargainingActor> Actors() =>
        Stakeholders.Select(s => new BargainingActor(s.Actor, s.Capability, s.Position, s.Salience)).ToArray();
}

/// <summary>Reads forecast inputs from the customary CSV (<c>Actor,Capability,Position,Salience</c>) or a scenario issue.</summary>
public static class ForecastInputs
{
    /// <summary>The columns a CSV must have (in any order, matched without regard to case; others are ignored).</summary>
    public static readonly IReadOnlyList<string> Columns = ["Actor", "Capability", "Position", "Salience"];

    /// <summary>Reads a CSV file; throws <see cref="InputException"/> with file:line:col for every problem.</summary>
    public static ForecastInput LoadCsv(string path, SalienceScale scale = SalienceScale.Auto)
    {
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        return ParseCsv(path, File.ReadAllText(path), scale);
    }

    /// <summary>Parses CSV text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ForecastInput ParseCsv(string file, string text, SalienceScale scale = SalienceScale.Auto)
    {
        var problems = new List<Diagnostic>();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0) throw new InputException(file, "empty file; expected a header line 'Actor,Capability,Position,Salience'");
        var header = SplitLine(lines[headerIndex]);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c].Text.Trim();
            var known = Columns.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null) continue;
            if (column.ContainsKey(known))
                problems.Add(new Diagnostic(file, headerIndex + 1, header[c].Column, $"column '{known}' appears twice"));
            else column[known] = c;
        }
        foreach (var k in Columns.Where(k => !column.ContainsKey(k)))
        {
            var near = Suggest.DidYouMean(k, header.Select(h => h.Text.Trim()).Where(h => h.Length > 0));
            problems.Add(new Diagnostic(file, headerIndex + 1, 1,
                $"missing column '{k}'{near}; the header must name Actor, Capability, Position and Salience"));
        }
        if (problems.Count > 0) throw new InputException(problems);

        var rows = new List<(string Actor, double C, double X, double S, int Line, int SalienceCol)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var li = headerIndex + 1; li < lines.Length; li++)
        {
            if (lines[li].Trim().Length == 0) continue;
            var lineNo = li + 1;
            var fields = SplitLine(lines[li]);
            var needed = column.Values.Max() + 1;
            if (fields.Count < needed)
            {
                problems.Add(new Diagnostic(file, lineNo, lines[li].Length + 1,
                    $"expected at least {needed} fields, found {fields.Count}"));
                continue;
            }
            var actorField = fields[column["Actor"]];
            var actor = actorField.Text.Trim();
            var ok = true;
            if (actor.Length == 0) { problems.Add(new Diagnostic(file, lineNo, actorField.Column, "empty actor name")); ok = false; }
            else if (seen.TryGetValue(actor, out var first))
            {
                problems.Add(new Diagnostic(file, lineNo, actorField.Column, $"actor '{actor}' already appears on line {first}"));
                ok = false;
            }
            else seen[actor] = lineNo;

            double Number(string name)
            {
                var f = fields[column[name]];
                var t = f.Text.Trim();
                if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    problems.Add(new Diagnostic(file, lineNo, f.Column,
                        $"{name} '{t}' is not a number (use a decimal point, e.g. 0.8)"));
                    ok = false;
                    return double.NaN;
                }
                return v;
            }
            var c = Number("Capability");
            var x = Number("Position");
            var s = Number("Salience");
            if (ok && c < 0) { problems.Add(new Diagnostic(file, lineNo, fields[column["Capability"]].Column, $"capability {c} is negative")); ok = false; }
            if (ok && s < 0) { problems.Add(new Diagnostic(file, lineNo, fields[column["Salience"]].Column, $"salience {s} is negative")); ok = false; }
            if (ok) rows.Add((actor, c, x, s, lineNo, fields[column["Salience"]].Column));
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (rows.Count == 0) throw new InputException([new Diagnostic(file, headerIndex + 1, 1, "no stakeholders below the header")]);

        var max = rows.Max(r => r.S);
        var percent = scale switch
        {
            SalienceScale.Percent => true,
            SalienceScale.Unit => false,
            _ => max > 1,
        };
        var limit = percent ? 100.0 : 1.0;
        foreach (var r in rows.Where(r => r.S > limit))
            problems.Add(new Diagnostic(file, r.Line, r.SalienceCol,
                $"salience {r.S.ToString(CultureInfo.InvariantCulture)} exceeds {limit} on the {(percent ? "0–100" : "0–1")} scale"
                + (percent ? "" : " (use --salience-scale percent for 0–100)")));
        if (problems.Count > 0) throw new InputException(problems);
        if (rows.Sum(r => r.C * r.S) <= 0)
            throw new InputException([new Diagnostic(file, headerIndex + 1, 1, "every stakeholder has capability × salience = 0; nothing can move")]);

        var note = scale switch
        {
            SalienceScale.Percent => "0–100, as requested (--salience-scale percent); divided by 100",
            SalienceScale.Unit => "0–1, as requested (--salience-scale unit)",
            _ when percent => $"0–100 assumed because the largest salience ({max.ToString(CultureInfo.InvariantCulture)}) exceeds 1; divided by 100",
            _ => $"0–1 assumed because every salience is ≤ 1 (largest {max.ToString(CultureInfo.InvariantCulture)})",
        };
        var stakeholders = rows.Select(r => new ForecastStakeholder(r.Actor, r.C, r.X, percent ? r.S / 100.0 : r.S)).ToArray();
        return new ForecastInput(file, null, stakeholders, percent ? "0-100" : "0-1", note, null, null);
    }

    /// <summary>
    /// The stakeholders of one scenario issue. Salience is 0–1 and positions 0–100 by the scenario format.
    /// </summary>
    public static ForecastInput FromScenario(string file, Scenario scenario, string? issueId)
    {
        var ids = scenario.Issues.Select(i => i.Id).ToList();
        if (ids.Count == 0) throw new InputException(file, "the scenario defines no issues; add an 'issues:' section (docs/scenario-format.md)");
        Issue issue;
        if (issueId is null)
        {
            if (ids.Count > 1)
                throw new InputException(file, $"the scenario has {ids.Count} issues; choose one with --issue: {string.Join(", ", ids)}");
            issue = scenario.Issues[0];
        }
        else
        {
            issue = scenario.Issue(issueId)
                ?? throw new InputException(file, $"no issue '{issueId}'{Suggest.DidYouMean(issueId, ids)}; issues: {string.Join(", ", ids)}");
        }
        var problems = new List<Diagnostic>();
        foreach (var s in issue.Stakeholders)
        {
            if (s.Salience.Value is < 0 or > 1) problems.Add(new Diagnostic(file, null, null, $"issue '{issue.Id}', {s.Actor}: salience {s.Salience.Value} outside 0–1"));
            if (s.Capability.Value < 0) problems.Add(new Diagnostic(file, null, null, $"issue '{issue.Id}', {s.Actor}: capability {s.Capability.Value} is negative"));
            if (s.Position.Value is < 0 or > 100) problems.Add(new Diagnostic(file, null, null, $"issue '{issue.Id}', {s.Actor}: position {s.Position.Value} outside 0–100"));
        }
        if (issue.Stakeholders.Count == 0) problems.Add(new Diagnostic(file, null, null, $"issue '{issue.Id}' has no stakeholders"));
        else if (issue.Stakeholders.Sum(s => s.Capability.Value * s.Salience.Value) <= 0)
            problems.Add(new Diagnostic(file, null, null, $"issue '{issue.Id}': every stakeholder has capability × salience = 0"));
        if (problems.Count > 0) throw new InputException(problems);
        var stakeholders = issue.Stakeholders.Select(s => new ForecastStakeholder(
            s.Actor, s.Capability.Value, s.Position.Value, s.Salience.Value,
            Basis(s.Capability), Basis(s.Position), Basis(s.Salience))).ToArray();
        return new ForecastInput(file, new IssueInfo(issue.Id, issue.Title, issue.Low, issue.High, issue.Description), stakeholders,
            "0-1", "0–1 by the scenario format", 0, 100);
    }

    private static string Basis(Assessed a) =>
        $"{a.Basis.Kind}: {a.Basis.Text}" + (a.Note is null ? "" : $" (note: {a.Note})");

    private readonly record struct Field(string Text, int Column);

    /// <summary>Splits one CSV line (RFC 4180 quoting within the line), keeping each field's 1-based column.</summary>
    private static List<Field> SplitLine(string line)
    {
        var fields = new List<Field>();
        var i = 0;
        while (true)
        {
            var start = i + 1;
            var sb = new StringBuilder();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
            }
            else
            {
                while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
            }
            fields.Add(new Field(sb.ToString(), start));
            if (i >= line.Length) break;
            i++; // the comma
        }
        return fields;
    }
}
