using System.Collections;
using System.Reflection;

namespace Convene.Cms.Tests.Models;

/// <summary>Asserts that a parsed model holds nothing: every property null (or an empty list), nested
/// records included, except the ones named.</summary>
internal static class Unset
{
    public static void AssertAll(object model, params string[] except)
    {
        var failures = new List<string>();
        Collect(model, model.GetType().Name, except, failures);
        Assert.True(failures.Count == 0, "Expected unset, found: " + string.Join("; ", failures));
    }

    private static void Collect(object model, string path, string[] except, List<string> failures)
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (except.Contains(property.Name) || property.GetIndexParameters().Length > 0 || property.GetMethod?.IsStatic == true)
            {
                continue;
            }
            var value = property.GetValue(model);
            var name = path + "." + property.Name;
            switch (value)
            {
                case null:
                    break;
                case bool b when property.PropertyType == typeof(bool):
                    // Derived flags (IsRemote, IsDistributionLink) are false when nothing is set.
                    if (b)
                    {
                        failures.Add($"{name} = true");
                    }
                    break;
                case string text:
                    failures.Add($"{name} = '{text}'");
                    break;
                case ICollection list when list.Count == 0:
                    break;
                case var nested when nested.GetType().Namespace == typeof(CmsClient).Namespace && nested.GetType().IsClass && nested is not ICollection:
                    Collect(nested, name, except, failures);
                    break;
                default:
                    failures.Add($"{name} = {value}");
                    break;
            }
        }
    }
}
