namespace Berth.Core.Runtime;

/// <summary>An engine's named volumes, where managed services keep their data.</summary>
public interface IVolumes
{
    /// <summary>Removes the volume and its data. A missing volume is not an error.</summary>
    Task RemoveVolumeAsync(string name, CancellationToken cancellationToken);
}
