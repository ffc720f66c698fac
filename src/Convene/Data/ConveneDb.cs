using Convene.Accounts;
using Convene.Bridges;
using Convene.Demo;
using Convene.Live;
using Convene.Meetings;
using Convene.Placeholders;
using Convene.Status;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Data;

/// <summary>Convene's database. One model for SQLite and PostgreSQL; each provider has its own
/// migrations (<see cref="SqliteConveneDb"/>, <see cref="PostgresConveneDb"/>).</summary>
public abstract class ConveneDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Bridge> Bridges => Set<Bridge>();

    public DbSet<BridgeNode> BridgeNodes => Set<BridgeNode>();

    public DbSet<BridgeIdentity> BridgeIdentities => Set<BridgeIdentity>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketFilter> TicketFilters => Set<TicketFilter>();

    public DbSet<Placeholder> Placeholders => Set<Placeholder>();

    public DbSet<StatusSample> StatusSamples => Set<StatusSample>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingSeries> MeetingSeries => Set<MeetingSeries>();

    public DbSet<MeetingParticipant> MeetingParticipants => Set<MeetingParticipant>();

    public DbSet<MeetingEvent> MeetingEvents => Set<MeetingEvent>();

    public DbSet<CdrReceiverToken> CdrReceiverTokens => Set<CdrReceiverToken>();

    public DbSet<CdrNodeState> CdrNodeStates => Set<CdrNodeState>();

    public DbSet<CdrRecordSeen> CdrRecordsSeen => Set<CdrRecordSeen>();

    public DbSet<CallInstance> CallInstances => Set<CallInstance>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<ProtectionKey> ProtectionKeys => Set<ProtectionKey>();

    public DbSet<DemoBridge> DemoBridges => Set<DemoBridge>();

    /// <summary>Saves; a participant row changed meanwhile by another writer is re-read and merged, then saved again
    /// (<see cref="ParticipantConcurrency"/>).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            ParticipantConcurrency.Stamp(ChangeTracker);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateConcurrencyException e) when (attempt < ParticipantConcurrency.Attempts)
            {
                if (!await ParticipantConcurrency.MergeAsync(e, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        for (var attempt = 1; ; attempt++)
        {
            ParticipantConcurrency.Stamp(ChangeTracker);
            try
            {
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateConcurrencyException e) when (attempt < ParticipantConcurrency.Attempts)
            {
                if (!ParticipantConcurrency.Merge(e))
                {
                    throw;
                }
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Bridge>(b =>
        {
            b.Property(x => x.Name).HasMaxLength(200);
            b.Property(x => x.Address).HasMaxLength(300);
            b.Property(x => x.Domain).HasMaxLength(253);
            b.Property(x => x.TimeZone).HasMaxLength(100);
            b.Property(x => x.PlaceholderPrefix).HasMaxLength(100);
            b.Property(x => x.Version).IsConcurrencyToken();
            b.HasMany(x => x.Nodes).WithOne().HasForeignKey(n => n.BridgeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<BridgeNode>(n =>
        {
            n.Property(x => x.Name).HasMaxLength(200);
            n.Property(x => x.CallBridgeId).HasMaxLength(36);
            n.HasIndex(x => x.CallBridgeId).IsUnique();
        });
        modelBuilder.Entity<BridgeIdentity>(i =>
        {
            i.HasKey(x => x.Key);
            i.Property(x => x.Key).HasMaxLength(100);
            i.HasIndex(x => x.BridgeId);
            i.HasOne<Bridge>().WithMany().HasForeignKey(x => x.BridgeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Ticket>(t =>
        {
            // Acknowledging and resolving the same ticket at once: the second save is a conflict, not a silent overwrite.
            t.Property(x => x.State).IsConcurrencyToken();
            t.HasIndex(x => new { x.BridgeId, x.Type, x.State });
            t.Property(x => x.Summary).HasMaxLength(500);
        });
        modelBuilder.Entity<TicketFilter>().HasKey(f => new { f.BridgeId, f.Type });
        modelBuilder.Entity<Placeholder>(p =>
        {
            p.HasIndex(x => new { x.BridgeId, x.NumericId }).IsUnique();
            p.Property(x => x.SpaceId).HasMaxLength(36);
            p.Property(x => x.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<StatusSample>().HasIndex(s => new { s.BridgeId, s.TimeUtc });
        modelBuilder.Entity<Meeting>(m =>
        {
            m.HasIndex(x => new { x.BridgeId, x.StartUtc });
            // Both hold indexes carry what their queries read, so neither touches the table: the allocator's probe of
            // one placeholder (PlaceholderAllocator.LowestFreeAsync) and the availability of a bridge (BridgeAvailability).
            m.HasIndex(x => new { x.PlaceholderId, x.HoldFromUtc, x.HoldUntilUtc });
            m.HasIndex(x => x.SeriesId);
            m.HasIndex(x => new { x.BridgeId, x.HoldFromUtc, x.HoldUntilUtc, x.PlaceholderId, x.Id });
            m.HasIndex(x => new { x.OrganizerId, x.StartUtc });
            m.Property(x => x.Title).HasMaxLength(300);
            m.Property(x => x.TimeZone).HasMaxLength(100);
            m.Property(x => x.OrganizerName).HasMaxLength(100);
            m.Property(x => x.Pin).HasMaxLength(32);
            m.Property(x => x.Secret).HasMaxLength(64);
            m.Property(x => x.EndWarnings).HasMaxLength(50);
            m.Property(x => x.CallId).HasMaxLength(36);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Property(x => x.LeaseOwner).HasMaxLength(200);
            m.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<MeetingSeries>().WithMany().HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.Cascade);
            LocalTime(m.Property(x => x.StartLocal));
            LocalTime(m.Property(x => x.EndLocal));
            LocalTime(m.Property(x => x.RecurrenceIdLocal));
        });
        modelBuilder.Entity<MeetingParticipant>(p =>
        {
            p.Property(x => x.Address).HasMaxLength(300);
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Email).HasMaxLength(254);
            p.Property(x => x.Reason).HasMaxLength(300);
            p.Property(x => x.CallLegId).HasMaxLength(36);
            p.HasIndex(x => x.OwnerId).IsUnique();
            p.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<MeetingSeries>(s =>
        {
            s.Property(x => x.Recurrence).HasMaxLength(500);
            s.Property(x => x.ExceptionDates).HasMaxLength(20_000);
            s.Property(x => x.TimeZone).HasMaxLength(100);
            s.Property(x => x.Version).IsConcurrencyToken();
            LocalTime(s.Property(x => x.FirstStartLocal));
            LocalTime(s.Property(x => x.FirstEndLocal));
        });
        modelBuilder.Entity<MeetingEvent>(e =>
        {
            e.HasIndex(x => new { x.MeetingId, x.Id });
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Node).HasMaxLength(200);
            e.Property(x => x.Method).HasMaxLength(10);
            e.Property(x => x.Path).HasMaxLength(500);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<User>(u =>
        {
            u.Property(x => x.UserName).HasMaxLength(100);
            u.HasIndex(x => x.NormalizedUserName).IsUnique();
            u.Property(x => x.SecurityStamp).HasMaxLength(64);
            u.Property(x => x.TimeZone).HasMaxLength(64);
            u.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<UserSession>(s =>
        {
            s.HasIndex(x => x.UserId);
            s.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProtectionKey>().Property(k => k.FriendlyName).HasMaxLength(200);
        modelBuilder.Entity<DemoBridge>(d =>
        {
            d.HasKey(x => x.BridgeId);
            d.HasOne<Bridge>().WithMany().HasForeignKey(x => x.BridgeId).OnDelete(DeleteBehavior.Cascade);
        });
        LiveModel.Configure(modelBuilder);
    }

    /// <summary>A wall-clock time in an IANA zone (not an instant): <c>timestamp without time zone</c> on PostgreSQL,
    /// which stores it as given (a <c>timestamptz</c> column would only take UTC values). Its DateTimeKind is dropped
    /// on the way in (Npgsql refuses a Utc or Local kind there), so whatever the kind, the wall-clock digits are stored.</summary>
    private void LocalTime<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> property)
    {
        if (!Database.IsSqlite())
        {
            property.HasColumnType("timestamp without time zone").HasConversion(WallClock);
        }
    }

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime> WallClock =
        new(v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there, a timestamptz on PostgreSQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicks>();
        }
    }
}

/// <summary>An ASP.NET Data Protection key, kept with the data so every instance shares it.</summary>
public sealed class ProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}

public sealed class SqliteConveneDb(DbContextOptions<SqliteConveneDb> options) : ConveneDb(options);

public sealed class PostgresConveneDb(DbContextOptions<PostgresConveneDb> options) : ConveneDb(options);
