namespace Berth.Core.Runtime;

/// <summary>A named volume of the engine mounted at <see cref="Target"/>; the engine makes it on first use.</summary>
public sealed record VolumeMount(string Name, string Target, bool ReadOnly);
