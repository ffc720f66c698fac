using System.Net;
using System.Text;

namespace Convene.Tests.Data;

/// <summary>The answers ASP.NET Core makes by itself are ProblemDetails that say what is wrong, on every endpoint:
/// a path no endpoint serves, a method it does not take, a body that is not JSON.</summary>
public abstract class StatusProblemsTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Theory(Timeout = 60_000)]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/bridges/not-a-guid")]
    [InlineData("/api/meetings/00000000-0000-0000-0000-000000000001/nothing")]
    public async Task UnknownRoute_Returns404NamingThePath(string path)
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().GetAsync(path, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal($"There is no GET {path}: no endpoint has this path. The API is described at /openapi/v1.json.", problem.Detail);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/api/meetings", "text/plain")]
    [InlineData("/api/bridges", "application/x-www-form-urlencoded")]
    public async Task Post_WrongContentType_Returns415NamingWhatToSend(string path, string contentType)
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PostAsync(path, new StringContent("{}", Encoding.UTF8, contentType), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal($"POST {path} takes a JSON body: send it with Content-Type: application/json, not '{contentType}; charset=utf-8'.", problem.Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task WrongMethod_Returns405NamingTheMethods()
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().DeleteAsync("/api/meetings", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.StartsWith("/api/meetings does not take DELETE", problem.Detail, StringComparison.Ordinal);
    }
}

public sealed class StatusProblemsTests_Sqlite() : StatusProblemsTests(DatabaseKind.Sqlite, null);

public sealed class StatusProblemsTests_Postgres(PostgresServer postgres) : StatusProblemsTests(DatabaseKind.Postgres, postgres);
