namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="TrafficCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class TrafficServer() : RealServer("32120-32159");
