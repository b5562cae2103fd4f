using System.Net;

namespace Berth.Dashboard.Relay;

/// <summary>The address of the browser a circuit serves, remembered when its connection comes up.</summary>
public sealed class BrowserAddress
{
    /// <summary>The browser's address, or null before the circuit's connection is up.</summary>
    public IPAddress? Value { get; private set; }

    internal void Remember(IPAddress? address) => Value = address ?? Value;
}
