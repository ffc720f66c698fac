using System.Text.Json;
using Convene.Cms;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Convene.Data;

/// <summary>Maps domain failures to ProblemDetails, in one place. Concurrency conflicts of either
/// database (a stale concurrency token, a unique key taken meanwhile) are 409s; a body that cannot be
/// read names the field at fault and never repeats the framework's text or the input.</summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    private const string TypeBase = "https://convene.invalid/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var errors = exception switch
        {
            ProblemException { Errors: { } e } => e,
            BadHttpRequestException bad => BodyErrors(bad),
            _ => null,
        };
        var (status, title, detail, type) = exception switch
        {
            ProblemException p => (p.Status, p.Title, p.Detail, p.Type),
            CmsApiException cms => (StatusCodes.Status502BadGateway, CmsTitle(cms.Kind), cms.Message, "cms-" + cms.Kind.ToString().ToLowerInvariant()),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this at the same time; reload and try again.", null, "concurrency"),
            DbUpdateException db when IsUniqueViolation(db) => (StatusCodes.Status409Conflict, "Someone else made the same change at the same time; reload and try again.", null, "concurrency"),
            DbUpdateException db when IsForeignKeyViolation(db) => (StatusCodes.Status409Conflict, "What this refers to was removed at the same time; reload and try again.", null, "concurrency"),
            _ when IsLockConflict(exception) => (StatusCodes.Status409Conflict, "Another change of the same data was being made at the same time; try again.", null, "concurrency"),
            _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "The database took no more connections just now; try again in a moment.",
                "Nothing was changed.", "database-busy"),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", errors is null ? BadRequestDetail(bad) : string.Join(" ", errors.SelectMany(e => e.Value)), "bad-request"),
            _ => (0, "", null, null),
        };
        if (status == 0)
        {
            return false;
        }
        if (exception is CmsApiException)
        {
            Log.CmsRequestFailed(logger, exception, context.Request.Path);
        }
        context.Response.StatusCode = status;
        ProblemDetails details = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        details.Status = status;
        details.Title = title;
        details.Detail = detail;
        details.Type = type is null ? null : TypeBase + type;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = details });
    }

    /// <summary>True when a save failed because a unique key or primary key was taken by another request:
    /// SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL's 23505 unique_violation.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when a save referred to a row another request removed meanwhile: SQLite's
    /// SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL's 23503 foreign_key_violation.</summary>
    public static bool IsForeignKeyViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 787,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>True when the database gave up on this request for another one working on the same rows, anywhere in the
    /// exception's chain: PostgreSQL's 40P01 deadlock_detected and 40001 serialization_failure, SQLite's SQLITE_BUSY (5)
    /// once its wait ran out.</summary>
    public static bool IsLockConflict(Exception exception)
    {
        for (var x = (Exception?)exception; x is not null; x = x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure }
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the database refused this request a connection, anywhere in the exception's chain: PostgreSQL's
    /// 53300 too_many_connections (every <c>max_connections</c> slot taken) and 57P03 cannot_connect_now (starting or
    /// shutting down), or Npgsql's pool exhausted past its <c>Timeout</c> (<see cref="DatabaseOptions.PostgresPoolSize"/>).
    /// Nothing of the request was saved: it is worth repeating, so the answer is 503, not 500.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var x = (Exception?)exception; x is not null; x = x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.TooManyConnections or Npgsql.PostgresErrorCodes.CannotConnectNow }
                || (x is Npgsql.NpgsqlException && x.InnerException is TimeoutException && x.Message.Contains("pool", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The field a request got wrong: a JSON body's by its path ("$.numericIdBase" → numericIdBase),
    /// a route or query value by its parameter, a missing body as "body".</summary>
    private static Dictionary<string, string[]>? BodyErrors(BadHttpRequestException bad)
    {
        // A property marked [JsonRequired] absent from the body: System.Text.Json names it in its message only.
        if (bad.InnerException is JsonException missing && missing.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var listed = missing.Message[(missing.Message.IndexOf("including", StringComparison.Ordinal) is >= 0 and var at ? at : 0)..];
            var names = MissingProperty().Matches(listed).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count > 0)
            {
                return names.ToDictionary(n => n, n => new[] { $"'{n}' is required (null where a null is allowed)." }, StringComparer.Ordinal);
            }
        }
        if (bad.InnerException is JsonException { Path: { Length: > 1 } path })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            return new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [$"'{field}' does not have the type or shape expected."] };
        }
        if (bad.InnerException is null && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] };
        }
        if (bad.InnerException is null && ParameterName().Match(bad.Message) is { Success: true } parameter)
        {
            var name = parameter.Groups[1].Value;
            return new Dictionary<string, string[]> { [name] = [$"'{name}' is missing or not of the type expected."] };
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial System.Text.RegularExpressions.Regex MissingProperty();

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\" ]+ )?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static string BadRequestDetail(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException => "The body is not JSON of the expected shape.",
        _ when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
        _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "The request needs a JSON body.",
        _ => "A route or query value is not of the type expected.",
    };

    private static string CmsTitle(CmsErrorKind kind) => kind switch
    {
        CmsErrorKind.Connection => "The bridge could not be reached.",
        CmsErrorKind.Timeout => "The bridge did not answer in time.",
        CmsErrorKind.Authentication => "The bridge refused Convene's API credentials.",
        CmsErrorKind.Certificate => "The bridge's certificate is not trusted.",
        CmsErrorKind.Busy => "The bridge is busy.",
        CmsErrorKind.InvalidResponse => "The bridge answered something that is not a CMS API answer.",
        _ => "The bridge refused the request.",
    };
}
