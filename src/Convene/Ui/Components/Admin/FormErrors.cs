using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Components.Admin;

/// <summary>What went wrong with an admin form, for showing inline: the field errors of a
/// <see cref="ProblemException"/> by field (camelCase, as the API names them), or its title under <see cref="General"/>.</summary>
public sealed class FormErrors
{
    /// <summary>The key of errors that name no field.</summary>
    public const string General = "";

    private readonly Dictionary<string, string[]> _errors = [];

    /// <summary>Whether nothing went wrong.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The messages about <paramref name="field"/> (<see cref="General"/> for the form as a whole).</summary>
    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Adds a message about <paramref name="field"/>.</summary>
    public void Add(string field, string message) =>
        _errors[field] = [.. For(field), message];

    /// <summary>The errors of a failed service call: a <see cref="ProblemException"/> (its fields, else its title), or a
    /// concurrency conflict of the database (another edit saved first: 409 in the API).</summary>
    public static FormErrors From(Exception exception)
    {
        var errors = new FormErrors();
        switch (exception)
        {
            case ProblemException { Errors: { } fields }:
                foreach (var (field, messages) in fields)
                {
                    foreach (var message in messages)
                    {
                        errors.Add(field, message);
                    }
                }
                break;
            case ProblemException p:
                errors.Add(General, p.Title);
                break;
            case DbUpdateConcurrencyException:
                errors.Add(General, "Someone else changed this user meanwhile; reload and try again.");
                break;
            default:
                throw exception;
        }
        return errors;
    }
}
