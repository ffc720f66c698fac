using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Convene.Data;

/// <summary>For <c>dotnet ef migrations add … --context SqliteConveneDb</c>; nothing connects.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConveneDb>
{
    public SqliteConveneDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConveneDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresConveneDb</c>; nothing connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConveneDb>
{
    public PostgresConveneDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConveneDb>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
