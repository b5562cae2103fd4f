namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="ProjectsCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class ProjectsServer() : RealServer("32260-32299");
