using Berth.Runtime.Docker;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// The control plane's own pulls from Berth's registry: a token it signs itself, good for a few minutes and for
/// pulling that one repository only, handed to the engine with the pull.
/// </summary>
internal sealed class ControlPlaneRegistryCredentials(RegistryTokenIssuer issuer, IOptions<BerthOptions> options) : IRegistryCredentialsProvider
{
    /// <summary>The subject of the control plane's tokens, as the registry logs it.</summary>
    public const string Subject = "berth-control-plane";

    public ValueTask<RegistryCredentials?> GetAsync(string registry, string repository, CancellationToken cancellationToken)
    {
        if (!issuer.Enabled || !string.Equals(registry, options.Value.Registry, StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<RegistryCredentials?>(null);
        }

        var token = issuer.Issue(Subject, [new RegistryScope(RegistryScope.Repository, repository, [RegistryScope.Pull])]);
        return ValueTask.FromResult<RegistryCredentials?>(new RegistryCredentials { RegistryToken = token.Token });
    }
}
