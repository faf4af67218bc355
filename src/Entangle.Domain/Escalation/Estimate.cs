namespace Entangle.Domain.Escalation;

/// <summary>
/// A model parameter as the scenario gives it: a point value or a distribution to draw from once per run
/// (epistemic uncertainty), always with its provenance. A distribution is an analyst's judgement about what
/// is not known; a point value may be sourced or judged.
/// </summary>
public abstract record Estimate(Provenance Basis)
{
    /// <summary>The distribution's mean (for a point value, the value).</summary>
    public abstract double Mean { get; }

    /// <summary>Smallest and largest values it can take.</summary>
    public abstract (double Lo, double Hi) Range { get; }

    /// <summary>True when the value is drawn per run.</summary>
    public bool IsDistribution => this is not Point;

    /// <summary>A fixed value.</summary>
    public sealed record Point(double Value, Provenance Basis) : Estimate(Basis)
    {
        public override double Mean => Value;
        public override (double Lo, double Hi) Range => (Value, Value);
        public override string ToString() => Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Uniform on [Lo, Hi].</summary>
    public sealed record Uniform(double Lo, double Hi, Provenance Basis) : Estimate(Basis)
    {
        public override double Mean => (Lo + Hi) / 2;
        public override (double Lo, double Hi) Range => (Lo, Hi);
        public override string ToString() => FormattableString.Invariant($"uniform({Lo:0.###}, {Hi:0.###})");
    }

    /// <summary>Triangular on [Lo, Hi] with its mode.</summary>
    public sealed record Triangular(double Lo, double Mode, double Hi, Provenance Basis) : Estimate(Basis)
    {
        public override double Mean => (Lo + Mode + Hi) / 3;
        public override (double Lo, double Hi) Range => (Lo, Hi);
        public override string ToString() => FormattableString.Invariant($"triangular({Lo:0.###}, {Mode:0.###}, {Hi:0.###})");
    }

    /// <summary>Normal with mean and standard deviation, clamped to [Lo, Hi].</summary>
    public sealed record Normal(double Mu, double Sd, double Lo, double Hi, Provenance Basis) : Estimate(Basis)
    {
        public override double Mean => Mu;
        public override (double Lo, double Hi) Range => (Lo, Hi);
        public override string ToString() => FormattableString.Invariant($"normal({Mu:0.###}, {Sd:0.###})");
    }

    /// <summary>
    /// An empirical distribution: one of <see cref="Values"/>, drawn by index. Every parameter of a run that carries
    /// draws of the same <see cref="Group"/> (with as many values) takes the same index, so the draws of a joint
    /// posterior (a calibration file's accepted points) stay joint: their correlations are kept.
    /// </summary>
    public sealed record Draws(IReadOnlyList<double> Values, string Group, Provenance Basis) : Estimate(Basis)
    {
        public override double Mean => Values.Average();
        public override (double Lo, double Hi) Range => (Values.Min(), Values.Max());
        public override string ToString() => FormattableString.Invariant($"draws({Values.Count}, {Values.Min():0.###}..{Values.Max():0.###}, mean {Mean:0.###})");
    }

    /// <summary>A point value that is an analyst's judgement (for defaults).</summary>
    public static Estimate Judged(double value, string rationale) => new Point(value, Provenance.Judge(rationale));

    /// <summary>A point value from an <see cref="Assessed"/>.</summary>
    public static Estimate From(Assessed a) => new Point(a.Value, a.Basis);
}
