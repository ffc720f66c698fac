using System.Security.Cryptography;
using Convene.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>Makes the first administrator when there is no user: with the configured password, or a
/// random one written (readable by the owner only) to <c>initial-admin-password.txt</c>, never to the log.</summary>
internal sealed class FirstAdministrator(IServiceScopeFactory scopes, IOptions<AccountsOptions> options, IPasswordHasher<User> hasher,
    IHostEnvironment environment, ILogger<FirstAdministrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var password = options.Value.Password;
        string? file = null;
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
            file = Path.Combine(environment.ContentRootPath, "initial-admin-password.txt");
            await OwnerOnlyFiles.WriteAllTextAsync(file, password + Environment.NewLine, cancellationToken);
        }
        var user = UsersApi.New(options.Value.UserName, Role.Administrator);
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        Log.FirstAdministrator(logger, user.UserName, file is null ? " with the configured password" : $"; its password is in {file}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
