using System.Globalization;
using System.Net;
using System.Text;

namespace Convene.Cms.Protocol;

/// <summary>A query string for a list request; parameters with a null value are left out.</summary>
internal sealed class Query
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public Query Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _pairs.Add(new(name, value));
        }
        return this;
    }

    public Query Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public Query Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public string Append(string path)
    {
        if (_pairs.Count == 0)
        {
            return path;
        }
        var text = new StringBuilder(path).Append('?');
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (i > 0)
            {
                text.Append('&');
            }
            text.Append(WebUtility.UrlEncode(_pairs[i].Key)).Append('=').Append(WebUtility.UrlEncode(_pairs[i].Value));
        }
        return text.ToString();
    }
}
