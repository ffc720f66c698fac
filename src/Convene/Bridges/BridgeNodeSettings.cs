using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Bridges;

/// <summary>Sets a node's own API address, user, password and certificate pin. A value left out (null)
/// keeps what the node has; an empty string clears the node's own value, so the bridge's seed credentials
/// apply again (a node's address, and the seed's credentials, cannot be cleared).</summary>
internal static class BridgeNodeSettings
{
    public static async Task<Bridge> UpdateAsync(Guid id, Guid nodeId, NodeSettings settings, ConveneDb db, BridgeSecrets secrets, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw ProblemException.BridgeNotFound(id);
        var node = bridge.Nodes.FirstOrDefault(n => n.Id == nodeId)
            ?? throw new ProblemException(404, $"Bridge {bridge.DisplayName} has no node {nodeId}.", type: "node-not-found");
        var errors = new Dictionary<string, string[]>();
        string? address = null;
        if (settings.ApiAddress is { } typed)
        {
            if (typed.Trim().Length == 0)
            {
                errors["apiAddress"] = ["A node's API address cannot be cleared; give the address of its Web Admin."];
            }
            else if (typed.Contains('@', StringComparison.Ordinal))
            {
                errors["apiAddress"] = ["The address must not carry a user name or password: give them as username and password."];
            }
            else if (typed.Length > AddBridgeValidation.MaxAddress || typed.Any(char.IsControl))
            {
                errors["apiAddress"] = [$"The address must be at most {AddBridgeValidation.MaxAddress} characters, without control characters."];
            }
            else if (AddBridgeValidation.TryParse(typed.Trim(), errors, "apiAddress") is not null)
            {
                address = typed.Trim();
            }
        }
        if (settings.Username is { Length: > 0 } user && (user.Trim().Length is 0 or > AddBridgeValidation.MaxUsername || user.Any(char.IsControl) || user.Contains(':', StringComparison.Ordinal)))
        {
            errors["username"] = [$"The API user must be 1 to {AddBridgeValidation.MaxUsername} characters, without ':' or control characters."];
        }
        if (settings.Password is { Length: > AddBridgeValidation.MaxPassword })
        {
            errors["password"] = [$"The password must be at most {AddBridgeValidation.MaxPassword} characters."];
        }
        if (settings.CertificateSha256 is { Length: > 0 } pin && !AddBridgeValidation.IsPin(pin))
        {
            errors["certificateSha256"] = ["The certificate fingerprint is not a SHA-256 fingerprint (64 hex digits, colons allowed)."];
        }
        if (node.IsSeed && settings.Username is "")
        {
            errors["username"] = ["The seed's API user is the bridge's: it can be changed, not cleared."];
        }
        if (node.IsSeed && settings.Password is "")
        {
            errors["password"] = ["The seed's password is the bridge's: it can be changed, not cleared."];
        }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors, "The node settings are not valid.", "invalid-node-settings");
        }
        node.ApiAddress = address ?? node.ApiAddress;
        node.Username = settings.Username switch { null => node.Username, "" => null, var u => u.Trim() };
        node.ProtectedPassword = settings.Password switch { null => node.ProtectedPassword, "" => null, var p => secrets.Protect(p) };
        node.CertificateSha256 = settings.CertificateSha256 switch
        {
            null => node.CertificateSha256,
            "" => null,
            var p => p.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
        };
        bridge.Version++;
        await db.SaveChangesAsync(ct);
        return bridge;
    }
}
