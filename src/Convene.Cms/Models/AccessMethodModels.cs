using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>An access method: another URI / call ID / passcode way into a space.</summary>
/// <param name="Id">The access method's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uri">Its URI user part.</param>
/// <param name="CallId">Its call ID.</param>
/// <param name="Passcode">Its PIN.</param>
/// <param name="CallLegProfile">The call leg profile of legs that join through it.</param>
/// <param name="Secret">Its guest-link secret.</param>
/// <param name="Scope"><c>public</c>, <c>private</c> or <c>member</c>.</param>
/// <param name="Importance">The importance given to every participant joining through it (2.4).</param>
public sealed record CmsAccessMethod(string Id, string? Name, string? Uri, string? CallId, string? Passcode, string? CallLegProfile,
    string? Secret, string? Scope, long? Importance = null)
{
    internal static CmsAccessMethod Parse(XElement e) => new(e.Id(), e.Text("name"), e.Text("uri"), e.Text("callId"), e.Text("passcode"),
        e.Text("callLegProfile"), e.Text("secret"), e.Text("scope"), e.Long("importance"));

    /// <inheritdoc />
    public override string ToString() => $"CmsAccessMethod {{ Id = {Id}, Name = {Name}, Uri = {Uri}, CallId = {CallId} }}";
}

/// <summary>Values for creating or changing an access method; only what is set is sent. An access method
/// with its own <see cref="Passcode"/> and <see cref="CallLegProfile"/> is how a space gets a host PIN and a
/// guest PIN: dial-ins with that passcode get that profile (API reference, "Multiple coSpace access methods").</summary>
public sealed record AccessMethodChanges
{
    /// <summary>Its name.</summary>
    public CmsParam<string> Name { get; init; }

    /// <summary>Its URI user part.</summary>
    public CmsParam<string> Uri { get; init; }

    /// <summary>Its call ID.</summary>
    public CmsParam<string> CallId { get; init; }

    /// <summary>Its PIN.</summary>
    public CmsParam<string> Passcode { get; init; }

    /// <summary>The call leg profile of legs that join through it (for a host/guest split).</summary>
    public CmsParam<string> CallLegProfile { get; init; }

    /// <summary>True to make a new secret (modify only).</summary>
    public CmsParam<bool> RegenerateSecret { get; init; }

    /// <summary><c>public</c>, <c>private</c> or <c>member</c>.</summary>
    public CmsParam<string> Scope { get; init; }

    /// <summary>The guest-link secret (chosen by the bridge when left out and the method has a call ID).</summary>
    public CmsParam<string> Secret { get; init; }

    /// <summary>The importance given to every participant joining through it (2.4; 0 to 2,147,483,647).</summary>
    public CmsParam<long> Importance { get; init; }

    internal FormBody ToForm() => new FormBody().Add("name", Name).Add("uri", Uri).Add("callId", CallId).Add("passcode", Passcode)
        .Add("callLegProfile", CallLegProfile).Add("secret", Secret).Add("regenerateSecret", RegenerateSecret).Add("scope", Scope)
        .Add("importance", Importance);

    /// <inheritdoc />
    public override string ToString() => $"AccessMethodChanges {{ {ToForm()} }}";
}
