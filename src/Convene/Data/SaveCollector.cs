using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Data;

/// <summary>
/// The plumbing of an interceptor that looks at what a save is about to write and acts once the save has succeeded:
/// <see cref="Collect"/> runs before each <c>SaveChanges</c> (sync or async) of a context, <see cref="Saved"/> after it
/// succeeded with what <see cref="Collect"/> returned; a failed save drops it. One collection per context at a time (a
/// context saves one thing at a time).
/// </summary>
/// <typeparam name="T">What a save collects (for example the ids of the meetings it changes).</typeparam>
public abstract class SaveCollector<T> : SaveChangesInterceptor where T : class
{
    private readonly ConditionalWeakTable<DbContext, T> _collected = [];

    /// <summary>What the save about to run writes that matters here; <c>null</c> when nothing does.</summary>
    protected abstract T? Collect(DbContext context);

    /// <summary>The save succeeded (its transaction, if one is open, may still roll back: see
    /// <see cref="DbContext.Database"/>'s <c>CurrentTransaction</c>).</summary>
    protected abstract void Saved(DbContext context, T collected);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (Collect(context) is { } collected)
        {
            _collected.AddOrUpdate(context, collected);
        }
        else
        {
            _collected.Remove(context);
        }
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _collected.TryGetValue(context, out var collected))
        {
            _collected.Remove(context);
            Saved(context, collected);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _collected.Remove(context);
        }
    }
}
