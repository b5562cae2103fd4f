namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="LogsCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class LogsServer() : RealServer("32040-32059");
