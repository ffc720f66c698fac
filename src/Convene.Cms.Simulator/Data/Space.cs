namespace Convene.Cms.Simulator.Data;

/// <summary>A space (<c>coSpace</c>) with its access methods.</summary>
internal sealed class Space(string id) : CmsObject(id)
{
    public List<CmsObject> AccessMethods { get; } = [];

    /// <summary>The bulk parameter set that created this space, if any: a re-sync or
    /// <c>removeAll</c> replaces exactly these spaces.</summary>
    public string? BulkSetId { get; init; }

    public string Name => this["name"] ?? "";

    public bool NonMemberAccess => !Values.TryGetValue("nonMemberAccess", out var value) || value == "true";

    /// <summary>The owner's user id, shown with <c>ownerJid</c>: derived from the owner's JID (or AD GUID), the same one
    /// every time for the same user (the users are <see cref="CmsSimulatorOptions.Users"/>, which have no ids of their own).</summary>
    public string? OwnerId => (this["ownerJid"] ?? this["ownerAdGuid"]) is { } owner ? StableId(owner.ToLowerInvariant()) : null;

    private static string StableId(string text)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    /// <summary>Every dialable URI of the space and its access methods.</summary>
    public IEnumerable<string> UriKeys()
    {
        if (this["uri"] is { } uri)
        {
            yield return uri;
        }
        if (this["secondaryUri"] is { } secondary)
        {
            yield return secondary;
        }
        foreach (var method in AccessMethods)
        {
            if (method["uri"] is { } methodUri)
            {
                yield return methodUri;
            }
        }
    }

    public IEnumerable<string> CallIdKeys()
    {
        if (this["callId"] is { } callId)
        {
            yield return callId;
        }
        foreach (var method in AccessMethods)
        {
            if (method["callId"] is { } methodCallId)
            {
                yield return methodCallId;
            }
        }
    }
}

internal sealed class BulkSync(string id, string setId, bool removeAll) : CmsObject(id)
{
    public string SetId { get; } = setId;

    public bool RemoveAll { get; } = removeAll;

    public string Status { get; set; } = "pending";

    public bool IsTerminal => Status is not ("pending" or "running");
}
