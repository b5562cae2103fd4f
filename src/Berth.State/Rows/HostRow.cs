using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A <c>hosts</c> row as Dapper reads and writes it.</summary>
internal class HostRow
{
    public const string Columns =
        "name AS Name, engine AS Engine, tls_json AS TlsJson, advertise_ip AS AdvertiseIp, port_range_start AS PortRangeStart, " +
        "port_range_end AS PortRangeEnd, memory_mb AS MemoryMb, cpu_shares AS CpuShares, labels_json AS LabelsJson, drain AS Drain, version AS Version";

    public string Name { get; set; } = "";
    public string Engine { get; set; } = "";
    public string? TlsJson { get; set; }
    public string AdvertiseIp { get; set; } = "";
    public int PortRangeStart { get; set; }
    public int PortRangeEnd { get; set; }
    public long MemoryMb { get; set; }
    public long CpuShares { get; set; }
    public string LabelsJson { get; set; } = "";
    public bool Drain { get; set; }
    public long Version { get; set; }

    public static HostRow From(Host host) => new()
    {
        Name = host.Name,
        Engine = host.Engine,
        TlsJson = host.Tls is null ? null : StoredJson.ToText(host.Tls),
        AdvertiseIp = host.AdvertiseIp,
        PortRangeStart = host.PortRangeStart,
        PortRangeEnd = host.PortRangeEnd,
        MemoryMb = host.MemoryMb,
        CpuShares = host.CpuShares,
        LabelsJson = StoredJson.ToText(host.Labels),
        Drain = host.Drain,
        Version = host.Version,
    };

    public Host ToHost() => new()
    {
        Name = Name,
        Engine = Engine,
        Tls = TlsJson is null ? null : StoredJson.Parse<EngineTls>(TlsJson),
        AdvertiseIp = AdvertiseIp,
        PortRangeStart = PortRangeStart,
        PortRangeEnd = PortRangeEnd,
        MemoryMb = MemoryMb,
        CpuShares = CpuShares,
        Labels = StoredLabels.Parse(LabelsJson),
        Drain = Drain,
        Version = Version,
    };
}
