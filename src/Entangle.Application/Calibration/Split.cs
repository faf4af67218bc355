using Entangle.Application.Backtest;
using Entangle.Domain;

namespace Entangle.Application.Calibration;

/// <summary>
/// The split between fitting and validation, enforced in code: crises triggered before <see cref="Year"/> are the
/// training set; from <see cref="Year"/> on they are validation only. Fitting code takes a <see cref="TrainingSet"/>,
/// which can only be made from crises before the split (a later crisis is refused with an error), so nothing from
/// the validation years reaches a fit, a choice of structure or a tuning step through these types.
/// </summary>
public sealed record Split(int Year)
{
    public static readonly Split Default = new(2000);

    public TrainingSet Training(IEnumerable<CrisisCase> cases) => new(this, cases.Where(c => c.Year < Year).ToList());

    public IReadOnlyList<CrisisCase> Validation(IEnumerable<CrisisCase> cases, int lastYear = int.MaxValue) =>
        cases.Where(c => c.Year >= Year && c.Year <= lastYear).ToList();
}

/// <summary>Crises that may be used for fitting: every one was triggered before the split year.</summary>
public sealed class TrainingSet
{
    public Split Split { get; }
    public IReadOnlyList<CrisisCase> Cases { get; }

    public TrainingSet(Split split, IReadOnlyList<CrisisCase> cases)
    {
        var late = cases.FirstOrDefault(c => c.Year >= split.Year);
        if (late is not null)
            throw new InputException($"split guard: crisis {late.Crisno} ({late.Name}, {late.Trigger:yyyy-MM-dd}) was triggered in or after {split.Year} and may not be used for fitting");
        Split = split; Cases = cases;
    }
}
