namespace Berth.Cli.Tests.Client;

/// <summary>The services commands' Berth: each service takes a host port, so it has ports of its own.</summary>
public sealed class ServicesServer() : RealServer("32320-32339");
