namespace Convene.Cms;

/// <summary>
/// One parameter of a create or modify request: left out (the default), set to a value, or cleared
/// (<c>name=</c>, which CMS reads as "unset, inherit"). A value converts implicitly, so
/// <c>new SpaceChanges { Name = "Board" }</c> sets and <c>Passcode = CmsParam.Clear</c> clears.
/// </summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public readonly record struct CmsParam<T>
{
    private CmsParam(T? value, bool isSet, bool isClear)
    {
        Value = value;
        IsSet = isSet;
        IsClear = isClear;
    }

    /// <summary>The value, when <see cref="IsSet"/>.</summary>
    public T? Value { get; }

    /// <summary>True when a value is sent.</summary>
    public bool IsSet { get; }

    /// <summary>True when the parameter is sent empty, to clear it.</summary>
    public bool IsClear { get; }

    /// <summary>True when the parameter is sent at all.</summary>
    public bool IsSent => IsSet || IsClear;

    /// <summary>Sets a value (null leaves the parameter out).</summary>
    public static implicit operator CmsParam<T>(T? value) => value is null ? default : new(value, true, false);

    /// <summary>Clears the parameter.</summary>
    public static implicit operator CmsParam<T>(CmsParam.ClearValue _) => new(default, false, true);
}

/// <summary>Helpers for <see cref="CmsParam{T}"/>.</summary>
public static class CmsParam
{
    /// <summary>Sent empty: clears the parameter on the bridge.</summary>
    public static ClearValue Clear => default;

    /// <summary>The marker that converts to a cleared <see cref="CmsParam{T}"/>.</summary>
    public readonly record struct ClearValue;
}
