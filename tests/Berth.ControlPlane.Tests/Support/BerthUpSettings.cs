namespace Berth.ControlPlane.Tests.Support;

/// <summary>Where one Berth process keeps its data and listens; kept across its restarts.</summary>
public sealed record BerthUpSettings(string DataDirectory, int ApiPort, int GatewayPort, string PortRange)
{
    public string ApiUrl => $"http://127.0.0.1:{ApiPort}";

    public string GatewayUrl => $"http://127.0.0.1:{GatewayPort}";
}
