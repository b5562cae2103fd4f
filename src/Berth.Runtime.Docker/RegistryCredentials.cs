namespace Berth.Runtime.Docker;

/// <summary>
/// What the engine sends to a registry when it pulls: a user name and password, or a registry (bearer) token.
/// </summary>
public sealed record RegistryCredentials
{
    public string? Username { get; init; }
    public string? Password { get; init; }
    /// <summary>A bearer token the engine hands to the registry as is.</summary>
    public string? RegistryToken { get; init; }
}
