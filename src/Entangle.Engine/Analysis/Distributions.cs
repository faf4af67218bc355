namespace Entangle.Engine.Analysis;

/// <summary>The standard normal distribution (MathNet.Numerics).</summary>
public static class Normal
{
    /// <summary>Φ⁻¹(p).</summary>
    public static double Quantile(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);

    /// <summary>Φ(x).</summary>
    public static double Cdf(double x) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x);
}

/// <summary>Student's t distribution (MathNet.Numerics).</summary>
public static class StudentT
{
    /// <summary>The p-quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double Quantile(double p, int df) => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, p);
}
