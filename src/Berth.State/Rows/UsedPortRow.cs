namespace Berth.State.Rows;

/// <summary>A port an instance holds on a host.</summary>
internal sealed class UsedPortRow
{
    public string HostName { get; set; } = "";
    public int HostPort { get; set; }
}
