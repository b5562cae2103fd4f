namespace Berth.Projects.Compose;

/// <summary>The project read from a compose file, or why it cannot run; and what was ignored on the way.</summary>
public sealed record ComposeParseResult(ComposeProject? Project, IReadOnlyList<ComposeProblem> Errors, IReadOnlyList<ComposeProblem> Ignored)
{
    public bool Succeeded => Project is not null;
}
