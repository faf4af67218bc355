namespace Entangle.Application.Escalation;

/// <summary>
/// Cancellation and progress for the engines' ensembles, which report progress through a callback after each
/// chunk of runs: the callback checks the token, so a cancelled request stops at the next chunk.
/// </summary>
public static class Cancellable
{
    /// <summary>An engine progress callback (done, total) that reports to <paramref name="progress"/> and honours <paramref name="cancel"/>.</summary>
    public static Action<int, int>? Progress(IProgress<int>? progress, CancellationToken cancel)
    {
        if (progress is null && !cancel.CanBeCanceled) return null;
        return (done, _) =>
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Report(done);
        };
    }

    /// <summary>Runs <paramref name="work"/>, unwrapping the cancellation the parallel loop wraps.</summary>
    public static T Run<T>(CancellationToken cancel, Func<T> work)
    {
        cancel.ThrowIfCancellationRequested();
        try
        {
            return work();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Any(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException(cancel);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously (on the reporting thread), unlike <see cref="Progress{T}"/>.</summary>
public sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
