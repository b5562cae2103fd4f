namespace Berth.ControlPlane.Security.Registry;

/// <summary>A signed registry token and when it was made; it lasts <see cref="ExpiresIn"/> seconds.</summary>
public sealed record IssuedRegistryToken(string Token, DateTimeOffset IssuedAt, int ExpiresIn);
