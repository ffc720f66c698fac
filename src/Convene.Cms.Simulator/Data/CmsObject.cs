using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Data;

/// <summary>A CMS object: an id and the parameters that are set. Unset parameters are absent, as in
/// CMS answers, which return only the values that were set.</summary>
internal class CmsObject(string id)
{
    public string Id { get; } = id;

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? this[string name] => Values.GetValueOrDefault(name);

    public bool IsTrue(string name) => Values.TryGetValue(name, out var value) && value == "true";

    public void Apply(IReadOnlyDictionary<string, string?> changes)
    {
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                Values.Remove(name);
            }
            else
            {
                Values[name] = value;
            }
        }
    }

    /// <summary>Writes each set value as an element, in the schema's order.</summary>
    public void WriteValues(XmlOut xml, Schema schema, Func<string, bool>? include = null)
    {
        foreach (var spec in schema.Specs)
        {
            if (Values.TryGetValue(spec.Name, out var value) && (include is null || include(spec.Name)))
            {
                xml.Element(spec.Name, value);
            }
        }
    }

    public static string NewId() => Guid.NewGuid().ToString("D");
}
