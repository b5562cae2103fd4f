using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A <c>hosts</c> row as Dapper reads and writes it.</summary>
internal class HostRow
{
    public const string Columns =
        "name AS Name, engine AS Engine, advertise_ip AS AdvertiseIp, port_range_start AS PortRangeStart, " +
        "port_range_end AS PortRangeEnd, memory_mb AS MemoryMb, cpu_shares AS CpuShares, labels_json AS LabelsJson, version AS Version";

    public string Name { get; set; } = "";
    public string Engine { get; set; } = "";
    public string AdvertiseIp { get; set; } = "";
    public int PortRangeStart { get; set; }
    public int PortRangeEnd { get; set; }
    public long MemoryMb { get; set; }
    public long CpuShares { get; set; }
    public string LabelsJson { get; set; } = "";
    public long Version { get; set; }

    public static HostRow From(Host host) => new()
    {
        Name = host.Name,
        Engine = host.Engine,
        AdvertiseIp = host.AdvertiseIp,
        PortRangeStart = host.PortRangeStart,
        PortRangeEnd = host.PortRangeEnd,
        MemoryMb = host.MemoryMb,
        CpuShares = host.CpuShares,
        LabelsJson = StoredJson.ToText(host.Labels),
        Version = host.Version,
    };

    public Host ToHost() => new()
    {
        Name = Name,
        Engine = Engine,
        AdvertiseIp = AdvertiseIp,
        PortRangeStart = PortRangeStart,
        PortRangeEnd = PortRangeEnd,
        MemoryMb = MemoryMb,
        CpuShares = CpuShares,
        Labels = StoredJson.Parse<Dictionary<string, string>>(LabelsJson),
        Version = Version,
    };
}
