namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="ReadmeProjectsCliTests"/>: the README's project starts instances, so it has host ports of its own.</summary>
public sealed class ProjectsReadmeServer() : RealServer("32340-32379");
