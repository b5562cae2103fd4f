namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="CanaryCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class CanaryServer() : RealServer("32160-32199");
