namespace Berth.Gateway.Proxy;

/// <summary>The wait for a request head: until when, and whether its first byte arrived (from then on the headers timeout applies).</summary>
internal readonly record struct HeadWait(long Deadline)
{
    public bool Started { get; init; }
}
