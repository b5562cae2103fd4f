namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="AutoscaleCommandsTests"/>: instances start here, so it has host ports of its own.</summary>
public sealed class AutoscaleServer() : RealServer("32100-32119");
