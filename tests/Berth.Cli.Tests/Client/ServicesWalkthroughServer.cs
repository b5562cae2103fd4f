namespace Berth.Cli.Tests.Client;

/// <summary>The README services block's Berth: its services and the counter's instances take host ports of their own.</summary>
public sealed class ServicesWalkthroughServer() : RealServer("32300-32319");
