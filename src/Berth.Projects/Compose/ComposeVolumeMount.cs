namespace Berth.Projects.Compose;

/// <summary>A named volume of the project mounted into a service's containers.</summary>
public sealed record ComposeVolumeMount(string Volume, string Target, bool ReadOnly);
