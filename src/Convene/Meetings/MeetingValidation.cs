using System.Text.RegularExpressions;

namespace Convene.Meetings;

/// <summary>Bad input to a booking or a change, by field (camelCase names as in the JSON); rendered as a 400
/// ValidationProblemDetails by the meetings API.</summary>
public sealed class MeetingValidationException(Dictionary<string, string[]> errors)
    : Exception("The meeting is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Collects field errors, then throws them all at once.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new MeetingValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}

/// <summary>The checks on participants, PINs and end warnings shared by booking and changing.</summary>
internal static partial class MeetingValidation
{
    /// <summary>Checks the participants; returns how many dial out.</summary>
    public static void Participants(List<ParticipantInput>? participants, MeetingsOptions options, FieldErrors errors)
    {
        if (participants is null)
        {
            return;
        }
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var field = $"participants[{i}]";
            if (p is null)
            {
                errors.Add(field, "A participant is missing.");
                continue;
            }
            if (p.DialOut && !IsAddress(p.Address))
            {
                errors.Add(field + ".address", $"'{p.Address}' is not a dial-out address: give a SIP URI (sip:user@host), user@host, or an E.164 number (+4712345678).");
            }
            if (!p.DialOut && !string.IsNullOrWhiteSpace(p.Address))
            {
                errors.Add(field + ".address", "A dial-in participant has a name and email only; set dialOut to true to dial this address.");
            }
            if (!p.DialOut && string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add(field + ".name", "A dial-in participant needs a name.");
            }
            if (p.Name is { Length: > 200 })
            {
                errors.Add(field + ".name", "The name is longer than 200 characters.");
            }
            if (!string.IsNullOrWhiteSpace(p.Email) && !Email().IsMatch(p.Email.Trim()))
            {
                errors.Add(field + ".email", $"'{p.Email}' is not an email address.");
            }
        }
        var dialOuts = participants.Count(p => p is { DialOut: true });
        if (dialOuts > options.MaxDialOuts)
        {
            errors.Add("participants", $"{dialOuts} dial-out participants are more than the limit of {options.MaxDialOuts}.");
        }
    }

    /// <summary>A SIP URI (<c>sip:</c>/<c>sips:</c> user@host), <c>user@host</c>, or an E.164 number.</summary>
    public static bool IsAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= 300 && (E164().IsMatch(address.Trim()) || SipAddress().IsMatch(address.Trim()));

    public static void Pin(string? pin, MeetingsOptions options, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(pin))
        {
            return;
        }
        if (!pin.All(char.IsAsciiDigit) || pin.Length < options.PinMinLength || pin.Length > options.PinMaxLength)
        {
            errors.Add("pin", $"The PIN must be {options.PinMinLength} to {options.PinMaxLength} digits.");
        }
    }

    public static void EndWarnings(List<int>? warnings, FieldErrors errors)
    {
        if (warnings is not null && (warnings.Any(w => w is < 1 or > 120) || warnings.Distinct().Count() != warnings.Count || warnings.Count > 5))
        {
            errors.Add("endWarnings", "End warnings are up to 5 different minute counts from 1 to 120.");
        }
    }

    public static void EarlyJoin(int? minutes, FieldErrors errors)
    {
        if (minutes is < 0 or > 60)
        {
            errors.Add("earlyJoinMinutes", "Early join is 0 to 60 minutes.");
        }
    }

    public static void Title(string? title, bool required, FieldErrors errors)
    {
        if (required && string.IsNullOrWhiteSpace(title))
        {
            errors.Add("title", "A title is required.");
        }
        else if (title is not null && (title.Trim().Length is 0 or > 300))
        {
            errors.Add("title", "The title must be 1 to 300 characters.");
        }
    }

    /// <summary>A local date-time must come without offset or Z: it is a wall-clock time in the request's zone.</summary>
    public static void Local(DateTime? value, string field, FieldErrors errors)
    {
        if (value is { Kind: not DateTimeKind.Unspecified } given)
        {
            errors.Add(field, $"'{given:O}' has an offset or Z: give the local date-time in timeZone without one (such as 2026-12-01T10:00:00).");
        }
    }

    /// <summary>The stored form of end warnings: minutes, largest first, comma separated.</summary>
    public static string FormatWarnings(IEnumerable<int> warnings) => string.Join(',', warnings.OrderDescending());

    public static List<int> ParseWarnings(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^(sips?:)?[A-Za-z0-9._~!$&'()*+,;=%-]+@(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(:[0-9]{1,5})?$")]
    private static partial Regex SipAddress();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
