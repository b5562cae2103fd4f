namespace Berth.Core.Hosts;

/// <summary>A host Berth made through the operator's provisioner, and so may destroy again once it stays empty.</summary>
/// <param name="Name">The host's name, as the provisioner gave it and the hosts table knows it.</param>
/// <param name="CreatedAt">When the provisioner made it.</param>
public sealed record ProvisionedHost(string Name, DateTimeOffset CreatedAt);
