using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Convene.Data;

/// <summary>Tells a unique constraint violation from other database failures, on both providers: the
/// database's answer to two requests that create the same thing at once, which is a 409, not a 500.</summary>
public static class UniqueViolation
{
    /// <summary>SQLite's SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY (sqlite.org/rescode.html),
    /// or PostgreSQL's SQLSTATE 23505 unique_violation (PostgreSQL manual, Appendix A).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
