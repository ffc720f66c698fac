using System.Text;
using Convene.Live;
using Convene.Meetings;

namespace Convene.Tests.Live;

/// <summary>The name label of a dial-out: the participant's name within CMS's 50 bytes of UTF-8.</summary>
public sealed class ParticipantDialOutTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData(" Bob Smith ", "Bob Smith")]
    public void Label_ShortOrMissingName_IsTheTrimmedNameOrNone(string? name, string? label) =>
        Assert.Equal(label, ParticipantDialOut.Label(name));

    [Fact]
    public void Label_NameOverFiftyUtf8Bytes_IsCutAtACharacterBoundary()
    {
        var name = new string('a', 49) + "øx"; // 'ø' takes two bytes: it would end at byte 51

        var label = ParticipantDialOut.Label(name);

        Assert.Equal(new string('a', 49), label);
        Assert.True(Encoding.UTF8.GetByteCount(ParticipantDialOut.Label(new string('ø', 40))!) <= 50);
        Assert.Equal("👋👋👋", ParticipantDialOut.Label(new string('a', 38) + "👋👋👋👋")![38..]); // surrogate pairs stay whole
    }

    [Fact]
    public void Of_Participant_CarriesAddressOwnerIdAndName()
    {
        var participant = new MeetingParticipant { Id = Guid.NewGuid(), Address = "bob@example.com", Name = "Bob", OwnerId = Guid.NewGuid(), DialOut = true };

        var dial = ParticipantDialOut.Of(participant);

        Assert.Equal(("bob@example.com", participant.OwnerId.ToString("D"), "Bob"), (dial.RemoteParty, dial.OwnerId, dial.Overrides?.NameLabelOverride.Value));
    }
}
