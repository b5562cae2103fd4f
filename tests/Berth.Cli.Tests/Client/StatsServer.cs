namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="StatsCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class StatsServer() : RealServer("32080-32099");
