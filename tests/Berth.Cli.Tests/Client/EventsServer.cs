namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="EventsCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class EventsServer() : RealServer("32060-32079");
