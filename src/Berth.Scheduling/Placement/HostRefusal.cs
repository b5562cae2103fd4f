namespace Berth.Scheduling.Placement;

/// <summary>Why one host cannot take an instance.</summary>
public sealed record HostRefusal(string Host, string Reason)
{
    public override string ToString() => $"{Host}: {Reason}";
}
