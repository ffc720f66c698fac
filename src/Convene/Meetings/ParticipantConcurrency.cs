using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Convene.Meetings;

/// <summary>
/// Optimistic concurrency of <see cref="MeetingParticipant"/> rows, applied by every save of
/// <see cref="Data.ConveneDb"/>: a changed row's <see cref="MeetingParticipant.Version"/> moves on, and a save that finds
/// the row changed meanwhile (a CDR on one instance, the engine on another) re-reads it and saves again with the other
/// writer's values for every property this save did not change, keeping its own for those it did (the later writer
/// wins a property both changed; no change of the other writer is lost). A row the other writer deleted stays deleted.
/// A conflict on any other entity (a <see cref="Meeting"/>'s version) is thrown as before.
/// </summary>
internal static class ParticipantConcurrency
{
    /// <summary>Saves tried before a conflict that keeps coming back is thrown.</summary>
    public const int Attempts = 5;

    /// <summary>Sets the version of every changed participant to the one read plus one (the same on a retry).</summary>
    public static void Stamp(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        foreach (var entry in tracker.Entries<MeetingParticipant>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(p => p.Version);
            version.CurrentValue = version.OriginalValue + 1;
        }
    }

    /// <summary>True when every entry of the conflict is a participant and each was merged with the row as it is now.</summary>
    public static async Task<bool> MergeAsync(DbUpdateConcurrencyException conflict, CancellationToken ct)
    {
        if (!OnlyParticipants(conflict))
        {
            return false;
        }
        foreach (var entry in conflict.Entries)
        {
            Merge(entry, await entry.GetDatabaseValuesAsync(ct));
        }
        return true;
    }

    /// <summary>As <see cref="MergeAsync"/>, for the synchronous save.</summary>
    public static bool Merge(DbUpdateConcurrencyException conflict)
    {
        if (!OnlyParticipants(conflict))
        {
            return false;
        }
        foreach (var entry in conflict.Entries)
        {
            Merge(entry, entry.GetDatabaseValues());
        }
        return true;
    }

    private static bool OnlyParticipants(DbUpdateConcurrencyException conflict) =>
        conflict.Entries.Count > 0 && conflict.Entries.All(e => e.Entity is MeetingParticipant);

    private static void Merge(EntityEntry entry, PropertyValues? database)
    {
        if (database is null)
        {
            entry.State = EntityState.Detached; // deleted by the other writer: nothing left to update
            return;
        }
        var mine = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        entry.OriginalValues.SetValues(database);
        if (entry.State != EntityState.Modified)
        {
            return;
        }
        foreach (var property in entry.Properties.Where(p => !p.Metadata.IsPrimaryKey()))
        {
            if (mine.Contains(property.Metadata.Name))
            {
                property.IsModified = true;
            }
            else
            {
                property.CurrentValue = database[property.Metadata];
                property.IsModified = false;
            }
        }
    }
}
