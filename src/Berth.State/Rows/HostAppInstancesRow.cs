using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>One group of <c>SELECT host_name, app_id, version, COUNT(*)</c> over the instances.</summary>
internal sealed class HostAppInstancesRow
{
    public string HostName { get; set; } = "";
    public string AppId { get; set; } = "";
    public string Version { get; set; } = "";
    public long Count { get; set; }

    public HostAppInstances ToCount() => new(HostName, AppId, Version, checked((int)Count));
}
