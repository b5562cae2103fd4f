namespace Berth.Cli.Tests.Client;

/// <summary>The walkthrough's Berth: instances start here, so it has host ports of its own.</summary>
public sealed class WalkthroughServer() : RealServer("31900-31939");
