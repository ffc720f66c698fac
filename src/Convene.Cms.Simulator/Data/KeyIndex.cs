namespace Convene.Cms.Simulator.Data;

/// <summary>Which space owns a URI or call ID. A space may use the same key more than once (its own URI
/// again on an access method with another passcode), so keys are counted per owner.</summary>
internal sealed class KeyIndex(StringComparer comparer)
{
    private readonly Dictionary<string, (string Owner, int Count)> _owners = new(comparer);

    public string? Owner(string key) => _owners.TryGetValue(key, out var entry) ? entry.Owner : null;

    public bool ConflictsWith(string key, string owner) => Owner(key) is { } existing && existing != owner;

    public void Add(string key, string owner)
    {
        _owners[key] = _owners.TryGetValue(key, out var entry) && entry.Owner == owner
            ? (owner, entry.Count + 1)
            : (owner, 1);
    }

    public void Remove(string key, string owner)
    {
        if (_owners.TryGetValue(key, out var entry) && entry.Owner == owner)
        {
            if (entry.Count <= 1)
            {
                _owners.Remove(key);
            }
            else
            {
                _owners[key] = (owner, entry.Count - 1);
            }
        }
    }
}
