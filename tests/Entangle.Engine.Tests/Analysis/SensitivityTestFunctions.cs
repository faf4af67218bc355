using Entangle.Engine.Analysis;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Tests.Analysis;

/// <summary>
/// Sobol and Morris checked against test functions whose indices are known in closed form.
/// </summary>
public class SensitivityTestFunctions
{
    // ---- Ishigami: f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π), a = 7, b = 0.1.
    // Ishigami & Homma (1990), "An importance quantification technique in uncertainty analysis for computer
    // models", Proc. ISUMA '90; the variance decomposition as in Saltelli et al. (2008), "Global Sensitivity
    // Analysis: The Primer", Wiley, §4.9 (Sobol & Levitan 1999):
    //   E[sin² x] = 1/2, Var[sin² x2] = 1/8, E[x⁴] = π⁴/5, E[x⁸] = π⁸/9 for x ~ U(−π, π).
    //   V1  = Var_x1 E[f | x1] = Var[(1 + b E x3⁴) sin x1] = (1 + bπ⁴/5)² / 2
    //   V2  = a² Var[sin² x2] = a²/8
    //   V3  = 0 (E[f | x3] does not depend on x3 since E sin x1 = 0)
    //   V13 = b² Var[x3⁴] E[sin² x1] = b² (π⁸/9 − π⁸/25) / 2 = 8 b² π⁸ / 225
    //   V   = V1 + V2 + V13 = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
    //   S1 = V1/V, S2 = V2/V, S3 = 0; ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V.
    private const double A = 7, B = 0.1;
    private static readonly double Pi4 = Math.Pow(Math.PI, 4), Pi8 = Math.Pow(Math.PI, 8);
    private static readonly double V1 = 0.5 * Math.Pow(1 + B * Pi4 / 5, 2);
    private static readonly double V2 = A * A / 8;
    private static readonly double V13 = 8 * B * B * Pi8 / 225;
    private static readonly double V = A * A / 8 + B * Pi4 / 5 + B * B * Pi8 / 18 + 0.5;

    private static double Ishigami(double[] u)
    {
        double x1 = -Math.PI + 2 * Math.PI * u[0], x2 = -Math.PI + 2 * Math.PI * u[1], x3 = -Math.PI + 2 * Math.PI * u[2];
        return Math.Sin(x1) + A * Math.Pow(Math.Sin(x2), 2) + B * Math.Pow(x3, 4) * Math.Sin(x1);
    }

    [Fact]
    public void Ishigami_analytic_indices_add_up_and_match_published_values()
    {
        // the variance terms must add up, and match the values tabulated in the literature
        Assert.Equal(V, V1 + V2 + V13, 10);
        Assert.Equal(0.3139, V1 / V, 4);
        Assert.Equal(0.4424, V2 / V, 4);
        Assert.Equal(0.5576, (V1 + V13) / V, 4);
        Assert.Equal(0.2437, V13 / V, 4);
    }

    [Fact]
    public void Sobol_recovers_Ishigami_indices_and_ranks_x1_first_by_total_effect()
    {
        var design = Sobol.Design(3, 20_000, new RandomStream(Seed.Derive(7, "ishigami")));
        var y = design.Points.Select(Ishigami).ToArray();
        var s = Sobol.Analyse(design, y, new RandomStream(8), bootstrap: 100);
        double[] first = [V1 / V, V2 / V, 0];
        double[] total = [(V1 + V13) / V, V2 / V, V13 / V];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(s[i].First, first[i] - 0.03, first[i] + 0.03);
            Assert.InRange(s[i].Total, total[i] - 0.03, total[i] + 0.03);
            // the bootstrap intervals are not absurdly narrow: they contain the truth within a small margin
            Assert.InRange(first[i], s[i].FirstLo - 0.02, s[i].FirstHi + 0.02);
            Assert.InRange(total[i], s[i].TotalLo - 0.02, s[i].TotalHi + 0.02);
        }
        var rank = s.OrderByDescending(x => x.Total).Select(x => x.Parameter).ToArray();
        Assert.Equal([0, 1, 2], rank);
        // x3 acts only through its interaction with x1: small first-order, sizeable total
        Assert.True(s[2].Total - s[2].First > 0.15);
    }

    [Fact]
    public void Morris_on_Ishigami_matches_hand_derived_elementary_effects()
    {
        // With p = 4 levels the grid is {−π, −π/3, π/3, π} and Δ = 2/3 of the range. x2 enters additively, and
        // sin² is 0 at ±π and 3/4 at ±π/3, so every elementary effect of x2 is ±(7 · 3/4)/(2/3) = ±7.875 exactly.
        // x1's effects are ±(√3/2)(1 + 0.1 x3⁴)/(2/3) with x3⁴ ∈ {π⁴, π⁴/81}, equally likely: E μ*1 ≈ 7.70.
        // x3's are ±0.1 sin x1 (π⁴ − π⁴/81)/(2/3), sin x1 ∈ {0, ±√3/2}: E μ*3 ≈ 6.25.
        var design = Morris.Design(3, 400, new RandomStream(Seed.Derive(9, "morris-ishigami")));
        var y = design.Points.Select(Ishigami).ToArray();
        var e = Morris.Analyse(design, y);
        Assert.Equal(7.875, e[1].MuStar, 6);
        var mu1 = Math.Sqrt(3) / 2 * (1 + 0.1 * (Pi4 + Pi4 / 81) / 2) / (2.0 / 3);
        var mu3 = 0.1 * (Math.Sqrt(3) / 2) / 2 * (Pi4 - Pi4 / 81) / (2.0 / 3);
        Assert.InRange(e[0].MuStar, mu1 * 0.9, mu1 * 1.1);
        Assert.InRange(e[2].MuStar, mu3 * 0.85, mu3 * 1.15);
        // x3 has no additive effect: its signed mean is near zero while μ* is large (interaction)
        Assert.True(Math.Abs(e[2].Mu) < 0.3 * e[2].MuStar);
    }

    // ---- Sobol's G-function: g(x) = Π (|4x_i − 2| + a_i)/(1 + a_i), x_i ~ U(0, 1).
    // Saltelli et al. (2008), The Primer, §3.7 and §4.9: V_i = 1/(3(1 + a_i)²), V = Π(1 + V_i) − 1, S_i = V_i / V.
    // Small a_i means an important parameter; a = 0 makes x1 dominant.
    private static readonly double[] Ga = [0, 1, 4.5, 9, 99, 99, 99, 99];

    private static double G(double[] x)
    {
        var p = 1.0;
        for (var i = 0; i < Ga.Length; i++) p *= (Math.Abs(4 * x[i] - 2) + Ga[i]) / (1 + Ga[i]);
        return p;
    }

    [Fact]
    public void Morris_and_Sobol_rank_the_G_function_parameters_by_their_analytic_importance()
    {
        var k = Ga.Length;
        var vi = Ga.Select(a => 1 / (3 * (1 + a) * (1 + a))).ToArray();
        var v = vi.Aggregate(1.0, (acc, x) => acc * (1 + x)) - 1;
        var design = Morris.Design(k, 60, new RandomStream(Seed.Derive(11, "morris-g")));
        var e = Morris.Analyse(design, design.Points.Select(G).ToArray());
        // μ* must order the four influential parameters as their a_i do, and put x1 first
        var order = e.OrderByDescending(x => x.MuStar).Select(x => x.Parameter).Take(4).ToArray();
        Assert.Equal([0, 1, 2, 3], order);
        // the four unimportant ones (a = 99) are screened out: μ* below a tenth of x1's
        Assert.All(e.Skip(4), x => Assert.True(x.MuStar < 0.1 * e[0].MuStar));

        var sd = Sobol.Design(k, 8_000, new RandomStream(Seed.Derive(12, "sobol-g")));
        var s = Sobol.Analyse(sd, sd.Points.Select(G).ToArray(), new RandomStream(13), bootstrap: 50);
        Assert.Equal(0, s.OrderByDescending(x => x.First).First().Parameter);
        for (var i = 0; i < k; i++) Assert.InRange(s[i].First, vi[i] / v - 0.04, vi[i] / v + 0.04);
    }
}
