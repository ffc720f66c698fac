using System.Globalization;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// The parameters one kind of CMS object takes. <see cref="Read"/> validates a request the way CMS
/// does: known parameters are type-checked (<c>parameterError … error="invalidValue"</c>), referenced ids
/// must exist (<c>callProfileDoesNotExist</c>, …), unknown ones are ignored, and an empty value clears.
/// </summary>
internal sealed class Schema
{
    private readonly Dictionary<string, ParamSpec> _byName;

    public Schema(params ParamSpec[] specs)
    {
        Specs = specs;
        _byName = specs.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ParamSpec> Specs { get; }

    public ParamSpec? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Validates <paramref name="form"/> and returns the changes: canonical name → new value, or null
    /// to clear. Throws <see cref="CmsFailure"/> on the first bad parameter, before anything changes.
    /// </summary>
    public Dictionary<string, string?> Read(Parameters form, bool create, ValidationContext context)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (rawName, rawValue) in form.Pairs)
        {
            if (Find(rawName) is not { } spec || (spec.AddedIn is { } added && context.Version < added))
            {
                continue;
            }
            if (spec.RemovedIn is { } removed && context.Version >= removed && context.RejectRemovedParameters)
            {
                throw CmsFailure.BadParameter(spec.Name);
            }
            if ((spec.CreateOnly && !create) || (spec.ModifyOnly && create))
            {
                throw CmsFailure.BadParameter(spec.Name);
            }
            changes[spec.Name] = rawValue.Length == 0 ? null : Normalize(spec, rawValue, context);
        }
        return changes;
    }

    private static string Normalize(ParamSpec spec, string value, ValidationContext context)
    {
        if (value.Length > spec.MaxLength || (spec.MaxUtf8Bytes is { } bytes && System.Text.Encoding.UTF8.GetByteCount(value) > bytes))
        {
            throw CmsFailure.BadParameter(spec.Name);
        }
        switch (spec.Kind)
        {
            case ParamKind.Bool:
                return Parameters.ParseBool(spec.Name, value) ? "true" : "false";
            case ParamKind.Int:
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    || number < spec.Min || number > spec.Max)
                {
                    throw CmsFailure.BadParameter(spec.Name);
                }
                return number.ToString(CultureInfo.InvariantCulture);
            case ParamKind.Digits:
                if (!value.All(char.IsAsciiDigit))
                {
                    throw CmsFailure.BadParameter(spec.Name);
                }
                return value;
            case ParamKind.UriUserPart:
                if (value.Contains('@') || value.Any(char.IsWhiteSpace))
                {
                    throw CmsFailure.BadParameter(spec.Name);
                }
                // CMS stores URIs lower-cased (TAC lab output shows a URI given in capitals read back in
                // lower case); every lookup of a URI ignores case.
                return value.ToLowerInvariant();
            case ParamKind.Choice:
                foreach (var choice in spec.Choices)
                {
                    if (string.Equals(choice, value, StringComparison.OrdinalIgnoreCase))
                    {
                        return choice;
                    }
                }
                throw CmsFailure.BadParameter(spec.Name);
            case ParamKind.SecondsOrPermanent:
                if (string.Equals(value, "permanent", StringComparison.OrdinalIgnoreCase))
                {
                    return "permanent";
                }
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    throw CmsFailure.BadParameter(spec.Name);
                }
                return seconds.ToString(CultureInfo.InvariantCulture);
            case ParamKind.Reference:
                var id = value.Trim().ToLowerInvariant();
                if (!context.Exists(spec.ReferenceTable!, id))
                {
                    throw CmsFailure.Refused(spec.MissingReason!);
                }
                return id;
            default:
                return value;
        }
    }
}

/// <summary>What validation needs to know of the node and the database.</summary>
internal sealed record ValidationContext(Version Version, bool RejectRemovedParameters, Func<string, string, bool> Exists);
