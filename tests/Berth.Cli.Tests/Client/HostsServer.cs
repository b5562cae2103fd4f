namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="HostsSubcommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class HostsServer() : RealServer("32200-32219");
