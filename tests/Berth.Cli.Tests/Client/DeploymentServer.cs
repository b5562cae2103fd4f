namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="DeploymentCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class DeploymentServer() : RealServer("32000-32039");
