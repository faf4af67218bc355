using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Entangle.Application.Output;
using Entangle.Domain;
using Entangle.Engine.Obligations;

namespace Entangle.Application.Obligations;

/// <summary>One edge of the cascade for JSON and tables.</summary>
public sealed record CascadeEdgeView(
    int Wave,
    string State,
    string Defends,
    string Against,
    string Treaty,
    string Clause,
    ClauseStrength Strength,
    string Reading,
    bool Certain,
    IReadOnlyList<string> DependsOn,
    string Trigger,
    string Scope,
    string Attack,
    bool OutsideTheater);

/// <summary>A state obliged to assist a belligerent while already fighting on the other side.</summary>
public sealed record ConflictView(int Wave, string State, string Defends, string Treaty, string Clause, string Note);

/// <summary>A wave: the states that join in it.</summary>
public sealed record WaveView(int Wave, IReadOnlyList<string> States);

/// <summary>The result of <c>entangle obligations cascade</c> (documented in docs/obligations.md).</summary>
/// <param name="Sides">Belligerents by side: <c>A</c> began the war, <c>B</c> was attacked.</param>
/// <param name="NotTriggered">Parties to relevant treaties never obliged, with the last reason: where treaties do not chain.</param>
public sealed record CascadeReport(
    string Scenario,
    string On,
    AttackView Attack,
    bool HomelandStrikes,
    bool CertainOnly,
    IReadOnlyList<WaveView> Waves,
    IReadOnlyList<CascadeEdgeView> Edges,
    IReadOnlyList<ConflictView> Conflicts,
    IReadOnlyList<NotObligedView> NotTriggered,
    IReadOnlyDictionary<string, string> Sides,
    string Stop);

/// <summary>The cascade use case and its pictures: Graphviz DOT, a self-drawn SVG, and PNG via Graphviz when installed.</summary>
public static class CascadeService
{
    /// <summary>Runs the cascade on a loaded scenario.</summary>
    public static CascadeReport Run(Scenario s, ObligationQuery q, CascadeOptions options)
    {
        var r = CascadeEngine.Run(s, q, options);
        var waves = new List<WaveView> { new(0, [r.Initial.Attacker.Iso3, r.Initial.Target.Iso3]) };
        waves.AddRange(r.Edges.GroupBy(e => e.Wave).OrderBy(g => g.Key)
            .Select(g => new WaveView(g.Key, g.Select(e => e.State.Iso3).Distinct().Order(StringComparer.Ordinal).ToList())));
        return new CascadeReport(
            s.Info.Id,
            r.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AttackView.Of(r.Initial),
            options.HomelandStrikes,
            options.CertainOnly,
            waves,
            r.Edges.Select(e => new CascadeEdgeView(e.Wave, e.State.Iso3, e.Defends.Iso3, e.Against.Iso3, e.Treaty, e.Clause, e.Strength,
                e.Reading, e.Certain, e.DependsOn, e.Trigger, e.Scope, e.Attack, e.OutsideTheater)).ToList(),
            r.Conflicts.Select(c => new ConflictView(c.Wave, c.State.Iso3, c.Defends.Iso3, c.Treaty, c.Clause, c.Note)).ToList(),
            r.NotTriggered.Select(h => new NotObligedView(h.State.Iso3, h.Treaty, h.Reason, null, null)).ToList(),
            r.Sides.ToDictionary(kv => kv.Key.Iso3, kv => kv.Value, StringComparer.Ordinal),
            r.Stop);
    }

    /// <summary>Graphviz DOT: one rank per wave, solid edges for certain obligations, dashed for reading-dependent ones.</summary>
    public static string Dot(CascadeReport r)
    {
        var sb = new StringBuilder();
        sb.Append("digraph cascade {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        sb.Append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append($"  label=\"{Esc($"Obligation cascade: {r.Attack.Attacker} attacks {r.Attack.Target} at {string.Join("; ", r.Attack.Sites)}, {r.On}")}\";\n  labelloc=t;\n");
        foreach (var w in r.Waves)
        {
            sb.Append($"  subgraph cluster_wave{w.Wave} {{\n    label=\"wave {w.Wave}\"; style=dashed; color=gray;\n");
            foreach (var st in w.States)
            {
                var fill = r.Sides.TryGetValue(st, out var sd) && sd == "A" ? "#f4c7c3" : "#c6dbef";
                sb.Append($"    \"{st}\" [fillcolor=\"{fill}\"];\n");
            }
            sb.Append("  }\n");
        }
        sb.Append($"  \"{r.Attack.Attacker}\" -> \"{r.Attack.Target}\" [color=red, penwidth=2, label=\"attacks\"];\n");
        foreach (var e in r.Edges)
        {
            var label = $"{e.Treaty} Art. {e.Clause}\\n{StrengthWord(e.Strength)}{(e.Certain ? "" : $"\\nreading: {e.Reading}")}";
            sb.Append($"  \"{e.State}\" -> \"{e.Defends}\" [label=\"{Esc(label).Replace("\\\\n", "\\n")}\"{(e.Certain ? "" : ", style=dashed")}];\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string StrengthWord(ClauseStrength s) => ObligationEngine.StrengthName(s);

    private static string Esc(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>
    /// A self-drawn SVG of the waves (no Graphviz needed): one column per wave, each state a box coloured by side,
    /// an arrow from each joiner to the state it must assist, dashed when it depends on a reading.
    /// </summary>
    public static string Svg(CascadeReport r)
    {
        const int colW = 260, rowH = 56, boxW = 90, boxH = 30, top = 70, left = 30;
        var pos = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var maxRows = r.Waves.Max(w => w.States.Count);
        foreach (var w in r.Waves)
            for (var i = 0; i < w.States.Count; i++)
                pos[w.States[i]] = (left + w.Wave * colW, top + i * rowH);
        var width = left * 2 + r.Waves.Count * colW;
        var height = top + maxRows * rowH + 40;
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.#", inv);
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        sb.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>\n");
        sb.Append($"  <rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append($"  <text x=\"{left}\" y=\"24\" font-size=\"14\" font-weight=\"bold\">{WebUtility.HtmlEncode($"Obligation cascade: {r.Attack.Attacker} attacks {r.Attack.Target}, {r.On}")}</text>\n");
        foreach (var w in r.Waves)
            sb.Append($"  <text x=\"{left + w.Wave * colW}\" y=\"52\" font-size=\"12\" fill=\"#666\">wave {w.Wave}</text>\n");
        (double, double) Mid(string st, bool right) => (pos[st].X + (right ? boxW : 0), pos[st].Y + boxH / 2.0);
        void Line(string from, string to, string color, bool dashed, string label)
        {
            var (x1, y1) = Mid(from, false);
            var (x2, y2) = Mid(to, true);
            if (pos[from].X < pos[to].X) { (x1, y1) = Mid(from, true); (x2, y2) = Mid(to, false); }
            else if (pos[from].X == pos[to].X)
            {
                // Same column (wave 0): vertical, from the bottom of the upper box to the top of the lower one.
                var down = pos[from].Y < pos[to].Y;
                (x1, y1) = (pos[from].X + boxW / 2.0, pos[from].Y + (down ? boxH : 0));
                (x2, y2) = (pos[to].X + boxW / 2.0, pos[to].Y + (down ? 0 : boxH));
            }
            sb.Append($"  <line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{color}\" stroke-width=\"1.5\"{(dashed ? " stroke-dasharray=\"5,4\"" : "")} marker-end=\"url(#arrow)\"/>\n");
            var lx = x1 == x2 ? x1 + 8 : (x1 + x2) / 2;
            sb.Append($"  <text x=\"{N(lx)}\" y=\"{N((y1 + y2) / 2 - 4)}\" {(x1 == x2 ? "text-anchor=\"start\"" : "")} font-size=\"9\"{(x1 == x2 ? "" : " text-anchor=\"middle\"")} fill=\"#333\">{WebUtility.HtmlEncode(label)}</text>\n");
        }
        Line(r.Attack.Attacker, r.Attack.Target, "#c00", false, "attacks");
        foreach (var e in r.Edges)
            Line(e.State, e.Defends, "#444", !e.Certain, $"{e.Treaty} Art. {e.Clause}{(e.Certain ? "" : " (reading)")}");
        foreach (var (st, (x, y)) in pos.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var fill = r.Sides.TryGetValue(st, out var sd) && sd == "A" ? "#f4c7c3" : "#c6dbef";
            sb.Append($"  <rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{boxW}\" height=\"{boxH}\" rx=\"6\" fill=\"{fill}\" stroke=\"#333\"/>\n");
            sb.Append($"  <text x=\"{N(x + boxW / 2.0)}\" y=\"{N(y + boxH / 2.0 + 5)}\" font-size=\"13\" text-anchor=\"middle\">{st}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The Graphviz <c>dot</c> executable on PATH, if installed.</summary>
    public static string? FindDot()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var p = Path.Combine(dir, "dot");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Renders DOT to PNG with Graphviz; throws <see cref="InputException"/> if <c>dot</c> is missing or fails.</summary>
    public static void WritePng(string dotText, string path)
    {
        var dot = FindDot() ?? throw new InputException(
            "--png needs Graphviz 'dot' on PATH (Debian: apt-get install graphviz); use --svg for a picture without it");
        AtomicFile.Write(path, tmp =>
        {
            var psi = new ProcessStartInfo(dot, ["-Tpng", "-o", tmp])
            {
                RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi) ?? throw new InputException("could not start Graphviz 'dot'");
            p.StandardInput.Write(dotText);
            p.StandardInput.Close();
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InputException($"Graphviz 'dot' failed: {err.Trim()}");
        });
    }
}
