namespace Berth.Cli.Tests.Client;

/// <summary>Commands against a real Berth shared by the class (<see cref="RealServer"/>), run as the admin.</summary>
public abstract class RealServerTest(RealServer real) : ServerTest<RealServer>(real);
