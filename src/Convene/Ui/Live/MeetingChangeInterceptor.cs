using System.Data.Common;
using System.Runtime.CompilerServices;
using Convene.Data;
using Convene.Live;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Ui.Live;

/// <summary>
/// Sees every save of a meeting's rows (<see cref="Meeting"/>, <see cref="MeetingParticipant"/>, <see cref="MeetingEvent"/>,
/// <see cref="CallInstance"/>) and, once it is committed, publishes the meetings' ids to <see cref="MeetingChangeNotifier"/>:
/// at once after a save outside a transaction, at the commit of an explicit one (a page reading earlier would not see it).
/// Bulk updates (<c>ExecuteUpdate</c>) pass by it; the pages' periodic read catches those.
/// </summary>
public sealed class MeetingChangeInterceptor(MeetingChangeNotifier notifier) : SaveCollector<HashSet<Guid>>, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _uncommitted = [];

    /// <summary>After a commit: publishes what the transaction's saves changed.</summary>
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    /// <summary>After a commit: publishes what the transaction's saves changed.</summary>
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>After a rollback: nothing changed.</summary>
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    /// <summary>After a rollback: nothing changed.</summary>
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    protected override HashSet<Guid> Collect(DbContext context)
    {
        var ids = new HashSet<Guid>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            Guid? id = entry.Entity switch
            {
                Meeting m => m.Id,
                MeetingParticipant p => p.MeetingId,
                MeetingEvent e => e.MeetingId,
                CallInstance c => c.MeetingId,
                _ => null,
            };
            if (id is { } meetingId && meetingId != Guid.Empty)
            {
                ids.Add(meetingId);
            }
        }
        return ids;
    }

    protected override void Saved(DbContext context, HashSet<Guid> collected)
    {
        if (context.Database.CurrentTransaction is null)
        {
            notifier.Publish(collected);
            return;
        }
        lock (_uncommitted)
        {
            _uncommitted.GetValue(context, _ => []).UnionWith(collected);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        HashSet<Guid>? ids;
        lock (_uncommitted)
        {
            if (_uncommitted.TryGetValue(context, out ids))
            {
                _uncommitted.Remove(context);
            }
        }
        if (ids is not null)
        {
            notifier.Publish(ids);
        }
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            lock (_uncommitted)
            {
                _uncommitted.Remove(context);
            }
        }
    }
}
