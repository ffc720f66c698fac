using Convene.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Convene.Tests.Data;

/// <summary>PostgreSQL connection strings get a bounded pool unless they name one (<see cref="DatabaseConnection.Postgres"/>).</summary>
public sealed class DatabaseConnectionTests
{
    [Fact]
    public void Postgres_WithoutAPoolSize_GetsTheConfiguredBoundNotNpgsqlsHundred()
    {
        var connection = DatabaseConnection.Postgres(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=convene" });

        Assert.Equal(40, new NpgsqlConnectionStringBuilder(connection).MaxPoolSize);
        Assert.Equal(12, new NpgsqlConnectionStringBuilder(DatabaseConnection.Postgres(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1", PostgresPoolSize = 12,
        })).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Maximum Pool Size=7")]
    [InlineData("Host=127.0.0.1;maximum pool size=7")]
    [InlineData("Host=127.0.0.1;MaxPoolSize=7")]
    public void Postgres_NamingItsOwnPoolSize_KeepsIt(string given)
    {
        var connection = DatabaseConnection.Postgres(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = given });

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(connection).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=hunter2;Bogus=1", 40, "Bogus")]
    [InlineData("", 40, "Database:ConnectionString is empty")]
    [InlineData("Host=127.0.0.1;Password=hunter2", 0, "Database:PostgresPoolSize")]
    public void Postgres_WithABadValue_FailsNamingItWithoutThePassword(string given, int poolSize, string named)
    {
        var failed = Assert.Throws<OptionsValidationException>(() => DatabaseConnection.Postgres(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres, ConnectionString = given, PostgresPoolSize = poolSize,
        }));

        Assert.Contains(named, failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", failed.Message, StringComparison.Ordinal);
    }
}
