using System.Text;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// A small forward-only XML writer shaped after CMS answers: an XML declaration, no indentation,
/// only the escaping XML needs. Faster than XDocument on the hot GET path.
/// </summary>
internal sealed class XmlOut
{
    public const string Declaration = "<?xml version=\"1.0\"?>";

    [ThreadStatic]
    private static StringBuilder? t_cached;

    private readonly StringBuilder _sb;

    public XmlOut(bool declaration = true)
    {
        _sb = t_cached ?? new StringBuilder(1024);
        t_cached = null;
        _sb.Clear();
        if (declaration)
        {
            // No line break after the declaration: the seed's sizes (52 for an empty callLegs list, 60
            // for participants, 250 for two callBridges) count exactly the 21 bytes of the declaration.
            _sb.Append(Declaration);
        }
    }

    public XmlOut Open(string name, string? id = null)
    {
        _sb.Append('<').Append(name);
        if (id is not null)
        {
            _sb.Append(" id=\"");
            Escape(id);
            _sb.Append('"');
        }
        _sb.Append('>');
        return this;
    }

    public XmlOut OpenList(string name, int total)
    {
        _sb.Append('<').Append(name).Append(" total=\"").Append(total).Append("\">");
        return this;
    }

    public XmlOut OpenWith(string name, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        Tag(name, attributes);
        _sb.Append('>');
        return this;
    }

    public XmlOut Close(string name)
    {
        _sb.Append("</").Append(name).Append('>');
        return this;
    }

    public XmlOut Empty(string name, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        Tag(name, attributes);
        _sb.Append("/>");
        return this;
    }

    private void Tag(string name, ReadOnlySpan<(string Name, string Value)> attributes)
    {
        _sb.Append('<').Append(name);
        foreach (var (attr, value) in attributes)
        {
            _sb.Append(' ').Append(attr).Append("=\"");
            Escape(value);
            _sb.Append('"');
        }
    }

    /// <summary>Writes <c>&lt;name&gt;value&lt;/name&gt;</c>; a null value writes nothing.</summary>
    public XmlOut Element(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }
        _sb.Append('<').Append(name).Append('>');
        Escape(value);
        _sb.Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>Writes the value, or an empty element (<c>&lt;name/&gt;</c>) when it is not set, as CMS
    /// writes an unset value in the answers that list every field.</summary>
    public XmlOut ElementOrEmpty(string name, string? value) => value is null ? Empty(name) : Element(name, value);

    public XmlOut Element(string name, long value)
    {
        _sb.Append('<').Append(name).Append('>').Append(value).Append("</").Append(name).Append('>');
        return this;
    }

    public XmlOut Element(string name, bool value) => Element(name, value ? "true" : "false");

    public override string ToString()
    {
        var text = _sb.ToString();
        if (_sb.Capacity <= 64 * 1024)
        {
            t_cached = _sb;
        }
        return text;
    }

    private void Escape(string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '<': _sb.Append("&lt;"); break;
                case '>': _sb.Append("&gt;"); break;
                case '&': _sb.Append("&amp;"); break;
                case '"': _sb.Append("&quot;"); break;
                default: _sb.Append(c); break;
            }
        }
    }
}
