using Convene.Bridges;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

/// <summary>The EF model of the live state, called from <see cref="Data.ConveneDb"/>.</summary>
internal static class LiveModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CdrReceiverToken>(t =>
        {
            t.HasKey(x => x.BridgeId);
            t.Property(x => x.Token).HasMaxLength(64);
            t.HasOne<Bridge>().WithMany().HasForeignKey(x => x.BridgeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CdrNodeState>(n =>
        {
            n.HasKey(x => x.NodeId);
            n.HasIndex(x => x.BridgeId);
            n.Property(x => x.ReceiverId).HasMaxLength(36);
            n.Property(x => x.ReceiverUri).HasMaxLength(500);
            n.Property(x => x.Problem).HasMaxLength(500);
            n.Property(x => x.Fingerprint).HasMaxLength(100);
            n.HasOne<BridgeNode>().WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CdrRecordSeen>(s =>
        {
            s.HasKey(x => new { x.Session, x.CorrelatorIndex });
            s.Property(x => x.Session).HasMaxLength(64);
            s.HasIndex(x => x.ReceivedUtc);
        });
        modelBuilder.Entity<CallInstance>(c =>
        {
            c.HasKey(x => new { x.NodeId, x.CallId });
            c.Property(x => x.CallId).HasMaxLength(36);
            c.Property(x => x.SpaceId).HasMaxLength(36);
            c.HasIndex(x => x.MeetingId);
            c.HasOne<BridgeNode>().WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MeetingParticipant>().HasIndex(x => x.CallLegId);
        modelBuilder.Entity<MeetingParticipant>().HasIndex(x => x.RetryAtUtc);
        modelBuilder.Entity<Meeting>().HasIndex(x => x.CallId);
    }
}
