using Entangle.Domain.Escalation;
using Entangle.Engine.Randomness;

namespace Entangle.Engine.Escalation;

/// <summary>Draws a run's parameter vector from the compiled specs (epistemic uncertainty), allocation-free.</summary>
internal sealed class Sampler
{
    private readonly byte[] _kind; // 0 point, 1 uniform, 2 triangular, 3 normal
    private readonly double[] _a, _b, _c, _lo, _hi;

    public Sampler(Estimate[] specs)
    {
        var n = specs.Length;
        _kind = new byte[n]; _a = new double[n]; _b = new double[n]; _c = new double[n]; _lo = new double[n]; _hi = new double[n];
        for (var i = 0; i < n; i++)
        {
            switch (specs[i])
            {
                case Estimate.Point p: _a[i] = p.Value; break;
                case Estimate.Uniform u: _kind[i] = 1; _a[i] = u.Lo; _b[i] = u.Hi; break;
                case Estimate.Triangular t: _kind[i] = 2; _a[i] = t.Lo; _b[i] = t.Mode; _c[i] = t.Hi; break;
                case Estimate.Normal g: _kind[i] = 3; _a[i] = g.Mu; _b[i] = g.Sd; _lo[i] = g.Lo; _hi[i] = g.Hi; break;
            }
        }
    }

    /// <summary>Fills <paramref name="p"/>; point values consume no randomness, distributions one draw each, in slot order.</summary>
    public void Draw(double[] p, RandomStream rng)
    {
        for (var i = 0; i < p.Length; i++)
        {
            switch (_kind[i])
            {
                case 0: p[i] = _a[i]; break;
                case 1: p[i] = _a[i] + (_b[i] - _a[i]) * rng.NextDouble(); break;
                case 2:
                {
                    double lo = _a[i], mode = _b[i], hi = _c[i], u = rng.NextDouble();
                    var f = hi > lo ? (mode - lo) / (hi - lo) : 0.5;
                    p[i] = u < f ? lo + Math.Sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.Sqrt((1 - u) * (hi - lo) * (hi - mode));
                    break;
                }
                default: p[i] = Math.Clamp(_a[i] + _b[i] * rng.NextNormal(), _lo[i], _hi[i]); break;
            }
        }
    }

    /// <summary>Fills <paramref name="p"/> with each parameter's mean (no randomness).</summary>
    public static void Means(Estimate[] specs, double[] p)
    {
        for (var i = 0; i < p.Length; i++) p[i] = specs[i].Mean;
    }
}
