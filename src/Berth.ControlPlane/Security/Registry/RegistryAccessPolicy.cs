using Berth.ControlPlane.Auth;
using Berth.Core.State;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// What a caller may do in the registry. A repository named after an app belongs to the app's tenant (pull and
/// push), and stays the tenant's after the app is deleted (<see cref="AppImagePolicy"/>); a base image may be pulled by every tenant; the admin may do everything; anonymous callers nothing.
/// Read-only tokens never push. Whatever else is asked for — such as pull on a stranger's repository, which the
/// engine asks for to mount shared layers — is left out of the token.
/// </summary>
internal sealed class RegistryAccessPolicy(ISecurityStore security)
{
    private static readonly HashSet<string> PullOnly = [RegistryScope.Pull];
    private static readonly HashSet<string> PullPush = [RegistryScope.Pull, RegistryScope.Push];

    /// <summary>The part of each requested scope the caller may have; scopes with nothing granted are dropped.</summary>
    public async Task<IReadOnlyList<RegistryScope>> GrantAsync(Caller? caller, IReadOnlyList<RegistryScope> requested, CancellationToken cancellationToken)
    {
        var granted = new List<RegistryScope>();
        foreach (var scope in requested)
        {
            var allowed = await AllowedAsync(caller, scope, cancellationToken);
            if (allowed is null)
            {
                continue;
            }

            var part = allowed.Count == 0 ? scope : scope.Only(allowed);
            if (part.Actions.Count > 0)
            {
                granted.Add(part);
            }
        }

        return granted;
    }

    /// <summary>The actions allowed on the scope's resource: null for none, empty for all.</summary>
    private async Task<IReadOnlySet<string>?> AllowedAsync(Caller? caller, RegistryScope scope, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return null;
        }

        if (caller.IsAdmin)
        {
            return caller.ReadOnly ? PullOnly : new HashSet<string>();
        }

        if (scope.Type != RegistryScope.Repository)
        {
            return null;
        }

        if (await security.GetRepositoryOwnerAsync(scope.Name, cancellationToken) == caller.Tenant)
        {
            return caller.ReadOnly ? PullOnly : PullPush;
        }

        return await security.IsBaseImageAsync(scope.Name, cancellationToken) ? PullOnly : null;
    }
}
