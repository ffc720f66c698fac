namespace Convene.Cms.Cdr;

/// <summary>Enumerated CDR values whose set is closed; an unexpected value reads as null (the text stays in the raw record).</summary>
internal static class CdrValues
{
    public static CallLegDirection? Direction(string? text) => text?.ToUpperInvariant() switch
    {
        "INCOMING" => CallLegDirection.Incoming,
        "OUTGOING" => CallLegDirection.Outgoing,
        _ => null,
    };

    public static CallLegState? State(string? text) => text?.ToUpperInvariant() switch
    {
        "INITIAL" => CallLegState.Initial,
        "RINGING" => CallLegState.Ringing,
        "CONNECTED" => CallLegState.Connected,
        "ONHOLD" => CallLegState.OnHold,
        _ => null,
    };
}
