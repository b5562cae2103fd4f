namespace Berth.Runtime.Docker;

/// <summary>
/// Supplies credentials for each pull. Asked every time rather than once, because registry tokens expire
/// and may be scoped to one repository.
/// </summary>
public interface IRegistryCredentialsProvider
{
    /// <summary>Credentials for pulling <paramref name="repository"/> (without the registry host) from <paramref name="registry"/>, or null to pull anonymously.</summary>
    ValueTask<RegistryCredentials?> GetAsync(string registry, string repository, CancellationToken cancellationToken);
}
